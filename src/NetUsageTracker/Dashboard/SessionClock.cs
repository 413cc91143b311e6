using System;
using System.Diagnostics;
using System.Threading;

namespace NetUsageTracker.Dashboard
{
    /// <summary>The live view's time: how long it has run, and a wait that a stop ends at once.</summary>
    public interface ISessionClock
    {
        TimeSpan Elapsed { get; }

        /// <summary>Waits <paramref name="span"/>, or less when <paramref name="stop"/> is cancelled.</summary>
        void Wait(TimeSpan span, CancellationToken stop);
    }

    /// <summary>The real clock: a Stopwatch (monotonic), and a wait on the stop token's handle.</summary>
    public sealed class StopwatchClock : ISessionClock
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public TimeSpan Elapsed => _clock.Elapsed;

        public void Wait(TimeSpan span, CancellationToken stop) => stop.WaitHandle.WaitOne(span);
    }
}
