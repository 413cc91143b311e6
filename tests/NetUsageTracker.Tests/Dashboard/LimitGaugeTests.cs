using System;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Limits;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class LimitGaugeTests
    {
        [Theory]
        [InlineData(0UL, GaugeBand.Normal)]
        [InlineData(799UL, GaugeBand.Normal)]
        [InlineData(800UL, GaugeBand.Warning)]    // the default 80 % threshold
        [InlineData(999UL, GaugeBand.Warning)]
        [InlineData(1000UL, GaugeBand.Exceeded)]  // the limit itself
        [InlineData(5000UL, GaugeBand.Exceeded)]
        public void TheBandChangesAtTheDefaultThresholds(ulong used, GaugeBand expected)
        {
            LimitGauge gauge = LimitGauge.Of(used, 1000, LimitGauge.DefaultThresholds);
            Assert.Equal(expected, gauge.Band);
            Assert.Equal(used / 10.0, gauge.Percent, 9);
        }

        [Fact]
        public void TheLowestThresholdUnderTheLimitStartsTheWarning()
        {
            Assert.Equal(GaugeBand.Warning, LimitGauge.Of(500, 1000, new[] { 90.0, 50.0 }).Band);
            Assert.Equal(GaugeBand.Normal, LimitGauge.Of(499, 1000, new[] { 90.0, 50.0 }).Band);
            // A threshold past the limit adds no warning band: the limit is exceeded first.
            Assert.Equal(GaugeBand.Normal, LimitGauge.Of(999, 1000, new[] { 120.0 }).Band);
            Assert.Equal(GaugeBand.Exceeded, LimitGauge.Of(1000, 1000, new[] { 120.0 }).Band);
        }

        [Theory]
        [InlineData(0UL, 0)]
        [InlineData(1UL, 1)]          // some usage always shows
        [InlineData(500UL, 10)]
        [InlineData(999UL, 19)]       // a full bar means the limit is reached
        [InlineData(1000UL, 20)]
        [InlineData(3000UL, 20)]
        public void TheBarFillsItsShareOfTheWidth(ulong used, int expected)
        {
            Assert.Equal(expected, LimitGauge.Of(used, 1000, LimitGauge.DefaultThresholds).FilledCells(20));
        }

        [Fact]
        public void ALimitMustBePositive()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => LimitGauge.Of(1, 0, LimitGauge.DefaultThresholds));
        }
    }
}
