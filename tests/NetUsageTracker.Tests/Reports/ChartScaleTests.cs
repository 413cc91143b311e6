using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    public class ChartScaleTests
    {
        private const double KB = 1024, MB = KB * 1024, GB = MB * 1024;

        [Theory]
        [InlineData(0.7, 1)]
        [InlineData(1, 1)]
        [InlineData(1.2, 2)]
        [InlineData(2.2, 2.5)]
        [InlineData(3, 5)]
        [InlineData(7, 10)]
        [InlineData(0.033, 0.05)]
        [InlineData(240, 250)]
        public void NiceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen(double raw, double step) =>
            Assert.Equal(step, ChartScale.NiceStep(raw), 9);

        [Fact]
        public void TheAxisTakesTheUnitOfItsLargestValueAndRoundTicksUpToIt()
        {
            ChartScale scale = ChartScale.For(3.7 * GB);
            Assert.Equal("GB", scale.Unit);
            Assert.Equal(new[] { 0, 1 * GB, 2 * GB, 3 * GB, 4 * GB }, scale.Ticks);
            Assert.Equal(4 * GB, scale.Top);
            Assert.Equal("2 GB", scale.Label(2 * GB));
        }

        [Fact]
        public void UnderOneUnitTheAxisStaysInTheSmallerUnit()
        {
            ChartScale scale = ChartScale.For(900 * MB);
            Assert.Equal("MB", scale.Unit);
            Assert.Equal(1000 * MB, scale.Top);
            Assert.Equal(new[] { 0, 250 * MB, 500 * MB, 750 * MB, 1000 * MB }, scale.Ticks);
            Assert.Equal("1000 MB", scale.Label(scale.Top));
        }

        [Fact]
        public void AValueOnATickIsTheTop()
        {
            ChartScale scale = ChartScale.For(20 * MB);
            Assert.Equal(20 * MB, scale.Top);
            Assert.Equal(1.0, scale.Fraction(20 * MB));
            Assert.Equal(0.25, scale.Fraction(5 * MB));
        }

        [Fact]
        public void BytesGetWholeTicks()
        {
            ChartScale scale = ChartScale.For(3);
            Assert.Equal("B", scale.Unit);
            Assert.Equal(new double[] { 0, 1, 2, 3 }, scale.Ticks);
        }

        [Fact]
        public void AChartWithoutTrafficHasOnlyTheZeroTickAndDrawsNothing()
        {
            ChartScale scale = ChartScale.For(0);
            Assert.Equal(new double[] { 0 }, scale.Ticks);
            Assert.Equal(0, scale.Top);
            Assert.Equal(0, scale.Fraction(0));
        }

        [Fact]
        public void AxisStepsCanBeFractionsOfTheUnit()
        {
            ChartScale scale = ChartScale.For(1.2 * GB);
            Assert.Equal(new[] { 0, 0.5 * GB, 1 * GB, 1.5 * GB }, scale.Ticks);
            Assert.Equal("0.5 GB", scale.Label(0.5 * GB), ignoreCase: true);
        }
    }
}
