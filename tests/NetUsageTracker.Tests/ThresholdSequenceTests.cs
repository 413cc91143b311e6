using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Limits;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>ThresholdMonitor fed scripted usage sequences, as Watch-NetUsage -Threshold feeds it.</summary>
    public class ThresholdSequenceTests
    {
        /// <summary>Feeds usages (bytes, with a 1000-byte limit so bytes/10 is the percentage) and lists what fired at each step.</summary>
        private static List<string> Run(ThresholdMonitor monitor, params ulong[] usages) =>
            usages.Select(u => string.Join(",", monitor.Update(u))).ToList();

        [Fact]
        public void EachThresholdFiresOncePerCrossingInOrder()
        {
            var monitor = new ThresholdMonitor(1000, new[] { 100.0, 80, 90 });

            List<string> fired = Run(monitor, 100, 799, 800, 850, 899, 900, 1000, 1500, 2000);

            Assert.Equal(new[] { "", "", "80", "", "", "90", "100", "", "" }, fired);
            Assert.Equal(new[] { 80.0, 90, 100 }, monitor.Crossed);
        }

        [Fact]
        public void UsageHoveringAtTheLineDoesNotFlap()
        {
            var monitor = new ThresholdMonitor(1000, new[] { 80.0 }, hysteresisPercent: 1.0);

            // 80.0 %, 79.5 %, 80.2 %, 79.1 %, 80.9 %: within the 1-point hysteresis band, one alert.
            List<string> fired = Run(monitor, 800, 795, 802, 791, 809);

            Assert.Equal(new[] { "80", "", "", "", "" }, fired);
        }

        [Fact]
        public void AThresholdReArmsOnlyAfterUsageFallsBelowTheBand()
        {
            var monitor = new ThresholdMonitor(1000, new[] { 80.0, 100 }, hysteresisPercent: 1.0);

            // Up to 100 %, back to 78.9 % (a new period in a later issue), then up again.
            List<string> fired = Run(monitor, 1000, 789, 800, 1000);

            Assert.Equal(new[] { "80,100", "", "80", "100" }, fired);
        }

        [Fact]
        public void DefaultIsOneThresholdAtTheLimit()
        {
            var monitor = new ThresholdMonitor(1000);

            Assert.Equal(new[] { 100.0 }, monitor.Thresholds);
            Assert.Empty(monitor.Update(999));
            Assert.Equal(new[] { 100.0 }, monitor.Update(1000));
        }
    }
}
