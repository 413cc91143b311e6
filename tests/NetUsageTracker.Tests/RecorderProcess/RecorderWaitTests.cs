using System;
using System.Diagnostics;
using System.Threading;
using NetUsageTracker.RecorderProcess;
using Xunit;

namespace NetUsageTracker.Tests.RecorderProcess
{
    public class RecorderWaitTests
    {
        [Fact]
        public void AWaitLongerThanTheSystemTakesEndsOnItsHandle()
        {
            // 30 days: more than one system wait (int.MaxValue ms) can take; the handle, set later, ends it.
            using var stop = new ManualResetEvent(false);
            ThreadPool.QueueUserWorkItem(_ => { Thread.Sleep(50); stop.Set(); });
            Assert.Equal(0, RecorderWait.Until(new WaitHandle[] { stop }, Stopwatch.StartNew(), TimeSpan.FromDays(30)));
        }

        [Fact]
        public void ALongWaitIsChainedUntilItsTimeComes()
        {
            // Waits of at most 5 ms chained into one of 60 ms: it ends at its time, never before.
            using var never = new ManualResetEvent(false);
            var clock = Stopwatch.StartNew();
            Assert.Equal(WaitHandle.WaitTimeout, RecorderWait.Until(new WaitHandle[] { never }, clock, TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(5)));
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(60));
        }

        [Fact]
        public void AStepAlreadyDueStillHearsTheStopSignals()
        {
            // A recorder behind its schedule waits no time, but a SIGTERM or a Ctrl+C already given still ends it.
            using var asked = new ManualResetEvent(true);
            var clock = Stopwatch.StartNew();
            Thread.Sleep(5);
            Assert.Equal(0, RecorderWait.Until(new WaitHandle[] { asked }, clock, TimeSpan.Zero));
        }

        [Theory]
        [InlineData(0.5, "out of range")]
        [InlineData(2678401, "out of range")]
        public void AnIntervalOutsideWhatTheRecorderKeepsIsRefused(double seconds, string says)
        {
            Assert.Contains(says, RecorderWait.CheckInterval(TimeSpan.FromSeconds(seconds), RecorderWait.ShortestEvery, "-Every"));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2592000)]
        [InlineData(2678400)]
        public void AnIntervalTheRecorderKeepsIsAccepted(double seconds)
        {
            Assert.Null(RecorderWait.CheckInterval(TimeSpan.FromSeconds(seconds), RecorderWait.ShortestEvery, "-Every"));
        }
    }
}
