using System;
using NetUsageTracker.Limits;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class ByteSizeTests
    {
        [Theory]
        [InlineData("500MB", 524_288_000L)]
        [InlineData("1.5GB", 1_610_612_736L)]
        [InlineData(" 2 kb ", 2_048L)]
        [InlineData("1KiB", 1_024L)]
        [InlineData("1024", 1_024L)]
        [InlineData("3B", 3L)]
        [InlineData("1TB", 1_099_511_627_776L)]
        [InlineData("-5MB", -5_242_880L)]
        public void ParsesSizesAsPowerShellLiteralsDo(string text, long expected)
        {
            Assert.True(ByteSize.TryParse(text, out long bytes, out string error), error);
            Assert.Equal(expected, bytes);
        }

        [Theory]
        [InlineData("lots", "not a size")]
        [InlineData("", "empty")]
        [InlineData("5XB", "unknown unit")]
        [InlineData("1.2.3MB", "not a size")]
        [InlineData("99999999PB", "too large")]
        public void RejectsWhatIsNotASizeAndSaysWhy(string text, string because)
        {
            Assert.False(ByteSize.TryParse(text, out _, out string error));
            Assert.Contains(because, error);
        }

        [Theory]
        [InlineData(0d, "0 B")]
        [InlineData(1023d, "1023 B")]
        [InlineData(1024d, "1 KB")]
        [InlineData(1_610_612_736d, "1.5 GB")]
        public void FormatsWithBinaryUnits(double bytes, string expected)
        {
            Assert.Equal(expected, ByteSize.Format(bytes).Replace(',', '.'));
        }

        [Fact]
        public void FormatsUnknownRatesAsEmpty()
        {
            Assert.Equal("", ByteSize.FormatRate(null));
            Assert.Equal("2 KB/s", ByteSize.FormatRate(2048.0));
        }
    }

    public class ThresholdMonitorTests
    {
        [Fact]
        public void EachThresholdFiresOncePerCrossingWithHysteresis()
        {
            var monitor = new ThresholdMonitor(1000, new[] { 80.0, 90.0, 100.0 }, hysteresisPercent: 5);

            Assert.Empty(monitor.Update(500));
            Assert.Equal(new[] { 80.0 }, monitor.Update(800));
            Assert.Empty(monitor.Update(850));
            Assert.Equal(new[] { 90.0, 100.0 }, monitor.Update(1200));
            Assert.Empty(monitor.Update(1300));
            // Hovering at the line does not re-arm 100.
            Assert.Empty(monitor.Update(990));
            Assert.Empty(monitor.Update(1001));
            // A drop below the margin (a new billing period) re-arms all three.
            Assert.Empty(monitor.Update(0));
            Assert.Empty(monitor.Crossed);
            Assert.Equal(new[] { 80.0, 90.0, 100.0 }, monitor.Update(1000));
        }

        [Fact]
        public void RejectsNonsense()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdMonitor(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ThresholdMonitor(10, new[] { -1.0 }));
        }
    }
}
