using System.Collections.Generic;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>Turns a sampler snapshot into the readings the history records.</summary>
    internal static class HistoryReadings
    {
        public static List<CounterReading> From(CounterSnapshot snapshot)
        {
            var readings = new List<CounterReading>(snapshot.Count);
            for (int i = 0; i < snapshot.Count; i++)
            {
                InterfaceCounters counters = snapshot[i];
                readings.Add(new CounterReading(counters.Name, counters.BytesReceived, counters.BytesSent));
            }

            return readings;
        }

        /// <summary>Records a snapshot; returns what was stored, notices in <paramref name="notices"/>.</summary>
        public static IReadOnlyList<NetUsageRecord> Record(HistoryDatabase database, CounterSnapshot snapshot, IList<string> notices) =>
            new HistoryRecorder(database).Record(From(snapshot), snapshot.UtcTime, BootClock.BootTimeUtc(), LinkSpeed.BytesPerSecond, notices);

        /// <summary>Takes a snapshot once the write lock is held and records it.</summary>
        public static IReadOnlyList<NetUsageRecord> RecordNow(HistoryDatabase database, Sampler sampler, IList<string> notices) =>
            new HistoryRecorder(database).Record(
                () =>
                {
                    CounterSnapshot snapshot = sampler.TakeSnapshot();
                    return (From(snapshot), snapshot.UtcTime);
                },
                BootClock.BootTimeUtc(), LinkSpeed.BytesPerSecond, notices);
    }
}
