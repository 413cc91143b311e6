using NetUsageTracker.Dashboard;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class GraphScaleTests
    {
        private const double KB = 1024, MB = 1024 * 1024;

        [Theory]
        [InlineData(0, 1 * KB)]              // a quiet graph keeps 1 KB/s
        [InlineData(300, 1 * KB)]
        [InlineData(1024, 1 * KB)]           // exactly at a round value: that value
        [InlineData(1025, 2 * KB)]
        [InlineData(3 * KB, 5 * KB)]
        [InlineData(60 * KB, 100 * KB)]
        [InlineData(700 * KB, 1 * MB)]       // 1 MB is 1024 KB: round in the unit people read
        [InlineData(24.04 * MB, 50 * MB)]
        [InlineData(50 * MB, 50 * MB)]
        [InlineData(501 * MB, 1024 * MB)]
        public void TheMaximumIsTheNextRoundBytesRate(double peak, double expected)
        {
            Assert.Equal(expected, GraphScale.NiceMaximum(peak, RateUnit.BytesPerSecond));
        }

        [Theory]
        [InlineData(0, 125)]                 // 1 kbit/s
        [InlineData(125_000, 125_000)]       // 1 Mbit/s exactly
        [InlineData(130_000, 250_000)]       // 1.04 Mbit/s: 2 Mbit/s
        [InlineData(90_000_000, 125_000_000)] // 720 Mbit/s: 1 Gbit/s
        public void TheMaximumIsTheNextRoundBitsRate(double peakBytes, double expectedBytes)
        {
            Assert.Equal(expectedBytes, GraphScale.NiceMaximum(peakBytes, RateUnit.BitsPerSecond), 6);
        }

        [Theory]
        [InlineData(0, 100, 4, 0)]
        [InlineData(-5, 100, 4, 0)]
        [InlineData(double.NaN, 100, 4, 0)]
        [InlineData(0.01, 100, 4, 1)]        // any traffic shows
        [InlineData(50, 100, 4, 16)]         // half of 4 rows of 8 eighths
        [InlineData(100, 100, 4, 32)]
        [InlineData(250, 100, 4, 32)]        // above the scale: a full column, not beyond
        [InlineData(1.5625, 100, 4, 1)]      // half an eighth rounds up
        [InlineData(10, 100, 0, 0)]
        public void AColumnFillsEighthsOfItsRows(double rate, double maximum, int rows, int expected)
        {
            Assert.Equal(expected, GraphScale.Levels(rate, maximum, rows));
        }

        [Fact]
        public void RatesReadInEitherUnit()
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal("1.5 MB/s", RateFormat.Format(1.5 * MB, RateUnit.BytesPerSecond));
            Assert.Equal("12.58 Mbit/s", RateFormat.Format(1.5 * MB, RateUnit.BitsPerSecond));
            Assert.Equal("0 bit/s", RateFormat.Format(0, RateUnit.BitsPerSecond));
            Assert.Equal("800 bit/s", RateFormat.Format(100, RateUnit.BitsPerSecond));
            Assert.Equal("1 kbit/s", RateFormat.Format(125, RateUnit.BitsPerSecond));
            Assert.Equal(RateUnit.BitsPerSecond, RateFormat.Other(RateUnit.BytesPerSecond));
            Assert.Equal(RateUnit.BytesPerSecond, RateFormat.Other(RateUnit.BitsPerSecond));
        }
    }
}
