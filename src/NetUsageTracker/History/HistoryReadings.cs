using System;
using System.Collections.Generic;
using NetUsageTracker.Networks;
using NetUsageTracker.RecorderProcess;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>Turns a sampler snapshot into the readings the history records.</summary>
    internal static class HistoryReadings
    {
        /// <summary>The snapshot's readings, with the boot as it was when the snapshot was taken and the networks
        /// the interfaces are on (null: not known, stored per interface only).</summary>
        public static CounterReadings From(CounterSnapshot snapshot, NetworkSnapshot? networks = null)
        {
            var readings = new List<CounterReading>(snapshot.Count);
            for (int i = 0; i < snapshot.Count; i++)
            {
                InterfaceCounters counters = snapshot[i];
                readings.Add(new CounterReading(counters.Name, counters.BytesReceived, counters.BytesSent, counters.Class, snapshot.Width,
                    InterfaceIdentity.Of(counters)));
            }

            return new CounterReadings(readings, snapshot.UtcTime, BootClock.At(snapshot.MonotonicTicks), networks);
        }

        /// <summary>Records a snapshot; returns what was stored, notices in <paramref name="notices"/>.</summary>
        public static IReadOnlyList<NetUsageRecord> Record(HistoryDatabase database, CounterSnapshot snapshot, IList<string> notices, NetworkSnapshot? networks = null) =>
            new HistoryRecorder(database).Record(From(snapshot, networks), LinkSpeed.ForOneRecording(), notices);

        /// <summary>Takes a snapshot, and asks <paramref name="networks"/> which networks the interfaces are on, once the
        /// write lock is held, and records it (with <paramref name="part"/>, the per-process rows in the same transaction).</summary>
        public static IReadOnlyList<NetUsageRecord> RecordNow(HistoryDatabase database, Sampler sampler, IList<string> notices, INetworkSource? networks = null,
            IRecordingPart? part = null) =>
            new HistoryRecorder(database) { Part = part }.Record(() => From(sampler.TakeSnapshot(), networks?.Read()), LinkSpeed.ForOneRecording(), notices);

        /// <summary>The traffic of the selected interfaces (and with <paramref name="selection"/>, networks) since the
        /// history's last recording.</summary>
        public static (ulong Received, ulong Sent) Pending(HistoryReader reader, CounterSnapshot snapshot, Func<string, bool> include,
            NetworkSnapshot? networks = null, NetworkSelection? selection = null) =>
            reader.Pending(From(snapshot, networks), LinkSpeed.ForOneRecording(), include, selection);
    }
}
