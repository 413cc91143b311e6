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

        [Fact]
        public void AWaitEndingBetweenTwoMillisecondsDoesNotSpin()
        {
            // Twenty waits of 5.5 ms each: the system's wait counts whole milliseconds, and a remainder under one
            // asked as such returns at once. Each wait takes one or two system waits, not one per spin.
            using var never = new ManualResetEvent(false);
            int waits = 0;
            int Counted(WaitHandle[] handles, int milliseconds)
            {
                waits++;
                return WaitHandle.WaitAny(handles, milliseconds);
            }

            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(WaitHandle.WaitTimeout, RecorderWait.Until(new WaitHandle[] { never }, clock, clock.Elapsed + TimeSpan.FromTicks(55_000), RecorderWait.Longest, Counted));
            }

            Assert.InRange(waits, 20, 60);
        }

        [Theory]
        [InlineData(0, 0)]
        [InlineData(-5_000, 0)]
        [InlineData(1, 1)]
        [InlineData(6_000, 1)]
        [InlineData(10_000, 1)]
        [InlineData(10_001, 2)]
        [InlineData(55_000, 6)]
        public void EachSystemWaitIsRoundedUpToAWholeMillisecond(long ticks, int milliseconds)
        {
            Assert.Equal(milliseconds, RecorderWait.Milliseconds(TimeSpan.FromTicks(ticks), RecorderWait.Longest));
        }

        [Fact]
        public void ASystemWaitIsNeverLongerThanTheLongestItTakes()
        {
            Assert.Equal(int.MaxValue, RecorderWait.Milliseconds(TimeSpan.FromDays(30), RecorderWait.Longest));
            Assert.Equal(5, RecorderWait.Milliseconds(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5)));
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
