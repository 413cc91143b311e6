using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Limits;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class RateLimitMonitorTests
    {
        /// <summary>Feeds one sample per second with the given per-second byte counts; returns the seconds at which an episode began.</summary>
        private static List<int> Run(RateLimitMonitor monitor, params ulong[] bytesPerSecond)
        {
            var fired = new List<int>();
            ulong total = 0;
            monitor.Update(0, 0);
            for (int second = 1; second <= bytesPerSecond.Length; second++)
            {
                total += bytesPerSecond[second - 1];
                if (monitor.Update(second, total))
                {
                    fired.Add(second);
                }
            }

            return fired;
        }

        [Fact]
        public void ASustainedRateAboveTheLimitFiresOncePerEpisode()
        {
            var monitor = new RateLimitMonitor(100, TimeSpan.FromSeconds(3));

            List<int> fired = Run(monitor, 200, 200, 200, 200, 200, 200, 200);

            Assert.Equal(new[] { 3 }, fired);
            Assert.True(monitor.InEpisode);
            Assert.Equal(200, monitor.Average);
        }

        [Fact]
        public void ABurstShorterThanTheWindowDoesNotFire()
        {
            var monitor = new RateLimitMonitor(100, TimeSpan.FromSeconds(4));

            // 250 bytes in one second, then quiet: the 4-second average stays at or under 100 B/s.
            List<int> fired = Run(monitor, 0, 250, 0, 0, 0, 150, 0, 0, 0);

            Assert.Empty(fired);
        }

        [Fact]
        public void NothingIsJudgedBeforeTheSamplesSpanTheWindow()
        {
            var monitor = new RateLimitMonitor(100, TimeSpan.FromSeconds(5));

            List<int> fired = Run(monitor, 1000, 1000, 1000, 1000);

            Assert.Empty(fired);
            Assert.Null(monitor.Average);
        }

        [Fact]
        public void ANewEpisodeBeginsOnlyAfterTheAverageFallsBelowTheHysteresisBand()
        {
            var monitor = new RateLimitMonitor(100, TimeSpan.FromSeconds(2), hysteresisPercent: 5);

            // Episode from second 2; the average dips to 97.5 (inside the band: same episode), then to 0
            // (episode over), then rises again: a second alert.
            List<int> fired = Run(monitor, 150, 150, 95, 100, 150, 0, 0, 300, 300);

            Assert.Equal(new[] { 2, 8 }, fired);
        }

        [Fact]
        public void TheAverageSpansAtLeastTheWindowWhenSamplesAreUneven()
        {
            var monitor = new RateLimitMonitor(100, TimeSpan.FromSeconds(2));
            monitor.Update(0, 0);
            monitor.Update(0.5, 0);
            Assert.False(monitor.Update(1.5, 400));
            Assert.Null(monitor.Average);

            // The newest sample at least 2 s old is the one at 0.5 s: 520 bytes over 2 s.
            Assert.True(monitor.Update(2.5, 520));
            Assert.Equal(260, monitor.Average);
        }

        [Theory]
        [InlineData(0.0, 1.0)]
        [InlineData(-5.0, 1.0)]
        [InlineData(100.0, 0.0)]
        public void RejectsNonPositiveLimitsAndWindows(double limit, double windowSeconds)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitMonitor(limit, TimeSpan.FromSeconds(windowSeconds)));
        }
    }
}
