using System;
using NetUsageTracker.Dashboard;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class RateSeriesTests
    {
        [Fact]
        public void KeepsTheNewestSamplesAndOverwritesTheOldest()
        {
            var series = new RateSeries(3);
            series.Add(1);
            series.Add(2);
            Assert.Equal(2, series.Count);
            Assert.Equal(2, series[0]);
            Assert.Equal(1, series[1]);

            series.Add(3);
            series.Add(4);
            series.Add(5);
            Assert.Equal(3, series.Count);
            Assert.Equal(new double[] { 5, 4, 3 }, new[] { series[0], series[1], series[2] });
            Assert.Throws<ArgumentOutOfRangeException>(() => series[3]);
        }

        [Fact]
        public void ThePeakIsOverTheNewestSamplesAsked()
        {
            var series = new RateSeries(8);
            foreach (double rate in new double[] { 900, 10, 30, 20 })
            {
                series.Add(rate);
            }

            Assert.Equal(30, series.Peak(3));
            Assert.Equal(900, series.Peak(4));
            Assert.Equal(900, series.Peak(100));
            Assert.Equal(0, new RateSeries(4).Peak(4));
        }

        [Fact]
        public void ACopyIsIndependentOfItsSource()
        {
            var live = new RateSeries(4);
            var frozen = new RateSeries(4);
            live.Add(7);
            live.Add(8);
            live.CopyTo(frozen);
            live.Add(9);

            Assert.Equal(2, frozen.Count);
            Assert.Equal(8, frozen[0]);
            Assert.Equal(9, live[0]);
            Assert.Throws<ArgumentException>(() => live.CopyTo(new RateSeries(5)));
        }

        [Fact]
        public void AddingAllocatesNothing()
        {
            var series = new RateSeries(600);
            series.Add(1);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100_000; i++)
            {
                series.Add(i);
            }

            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
            Assert.Equal(99_999, series[0]);
        }
    }
}
