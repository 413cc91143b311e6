using System.Collections.Generic;
using NetUsageTracker.RecorderProcess;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>Turns a sampler snapshot into the readings the history records.</summary>
    internal static class HistoryReadings
    {
        /// <summary>The snapshot's readings, with the boot as it was when the snapshot was taken.</summary>
        public static CounterReadings From(CounterSnapshot snapshot)
        {
            var readings = new List<CounterReading>(snapshot.Count);
            for (int i = 0; i < snapshot.Count; i++)
            {
                InterfaceCounters counters = snapshot[i];
                readings.Add(new CounterReading(counters.Name, counters.BytesReceived, counters.BytesSent, counters.Class, snapshot.Width));
            }

            return new CounterReadings(readings, snapshot.UtcTime, BootClock.At(snapshot.MonotonicTicks));
        }

        /// <summary>Records a snapshot; returns what was stored, notices in <paramref name="notices"/>.</summary>
        public static IReadOnlyList<NetUsageRecord> Record(HistoryDatabase database, CounterSnapshot snapshot, IList<string> notices) =>
            new HistoryRecorder(database).Record(From(snapshot), LinkSpeed.ForOneRecording(), notices);

        /// <summary>Takes a snapshot once the write lock is held and records it.</summary>
        public static IReadOnlyList<NetUsageRecord> RecordNow(HistoryDatabase database, Sampler sampler, IList<string> notices, IRecordingPart? part = null) =>
            new HistoryRecorder(database) { Part = part }.Record(() => From(sampler.TakeSnapshot()), LinkSpeed.ForOneRecording(), notices);

        /// <summary>The traffic of the selected interfaces since the history's last recording.</summary>
        public static (ulong Received, ulong Sent) Pending(HistoryReader reader, CounterSnapshot snapshot, System.Func<string, bool> include) =>
            reader.Pending(From(snapshot), LinkSpeed.ForOneRecording(), include);
    }
}
