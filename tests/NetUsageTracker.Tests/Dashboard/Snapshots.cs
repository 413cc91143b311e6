using System;
using System.Diagnostics;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Tests.Dashboard
{
    /// <summary>Snapshots of known counters at known monotonic times, for the view's model.</summary>
    internal sealed class Snapshots
    {
        private double _seconds;

        /// <summary>A snapshot <paramref name="after"/> seconds after the previous one, of (name, bytes received, bytes sent).</summary>
        public CounterSnapshot At(double after, params (string Name, ulong Received, ulong Sent)[] interfaces)
        {
            _seconds += after;
            var snapshot = new CounterSnapshot(1);
            snapshot.BeginFill();
            foreach ((string name, ulong received, ulong sent) in interfaces)
            {
                ref InterfaceCounters slot = ref snapshot.NextSlot();
                slot.Name = name;
                slot.BytesReceived = received;
                slot.BytesSent = sent;
            }

            snapshot.EndFill((long)Math.Round(_seconds * Stopwatch.Frequency), DateTime.UtcNow, CounterWidth.Bits64);
            return snapshot;
        }
    }
}
