using NetUsageTracker.Dashboard;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class FrameTimingsTests
    {
        [Fact]
        public void TheFirstFrameIsKeptApartFromTheOthers()
        {
            var timings = new FrameTimings(capacity: 8);
            timings.Add(80);   // the first frame compiles the drawing code
            foreach (double ms in new double[] { 3, 1, 2, 9, 4 })
            {
                timings.Add(ms);
            }

            Assert.Equal(6, timings.Count);
            Assert.Equal(80, timings.FirstMilliseconds);
            Assert.Equal(9, timings.SlowestAfterFirstMilliseconds);
            Assert.Equal(3, timings.Percentile(0.5));
            Assert.Equal(9, timings.Percentile(0.99));
            Assert.Equal("Drew 6 frames; from sample to screen: median 3 ms, 99th percentile 9 ms, slowest 9 ms after the first, which took 80 ms.", timings.Describe());
        }

        [Fact]
        public void OnlyTheLatestFramesAreKeptForThePercentiles()
        {
            var timings = new FrameTimings(capacity: 2);
            timings.Add(1);
            timings.Add(50);
            timings.Add(5);
            timings.Add(6);
            Assert.Equal(6, timings.Percentile(1));
            Assert.Equal(50, timings.SlowestAfterFirstMilliseconds);
            Assert.Equal("No frame was drawn.", new FrameTimings().Describe());
        }
    }
}
