using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>One line of an earlier counter log (Get-NetUsage | Export-Csv).</summary>
    public readonly struct LoggedReading
    {
        public LoggedReading(DateTime utc, CounterReading reading)
        {
            Utc = utc;
            Reading = reading;
        }

        public DateTime Utc { get; }

        public CounterReading Reading { get; }
    }

    /// <summary>
    /// Adds earlier counter logs to the history: per interface, in time order, each line's traffic since the
    /// line before, with the recorder's reset, wrap and jump handling (a log knows no boot time, so a restart
    /// shows as a counter that went down, counted from zero). The live baselines are left alone, so an import
    /// never disturbs the next Update-NetUsageHistory.
    /// </summary>
    public sealed class HistoryImporter
    {
        private readonly HistoryDatabase _database;
        private readonly TimeZoneInfo _zone;

        public HistoryImporter(HistoryDatabase database, TimeZoneInfo? zone = null)
        {
            _database = database;
            _zone = zone ?? TimeZoneInfo.Local;
        }

        /// <summary>Imports the lines in one transaction; returns the traffic added per interface.</summary>
        public IReadOnlyList<NetUsageRecord> Import(IEnumerable<LoggedReading> lines, DateTime nowUtc, IList<string>? notices = null)
        {
            List<IGrouping<string, LoggedReading>> byInterface = lines
                .GroupBy(l => l.Reading.InterfaceName, InterfaceNaming.Comparer)
                .ToList();
            // A name the history already holds keeps its stored spelling (Windows: "Wi-Fi" and "wi-fi" are one).
            var stored = new Dictionary<string, string>(InterfaceNaming.Comparer);
            foreach (RecordedInterface known in new HistoryReader(_database, _zone).Interfaces())
            {
                stored[known.Name] = known.Name;
            }

            IReadOnlyList<NetUsageRecord> result = _database.Write(() =>
            {
                var added = new List<NetUsageRecord>();
                using var writer = new HistoryRecorder.UsageWriter(_database, _zone);
                foreach (IGrouping<string, LoggedReading> group in byInterface)
                {
                    string name = stored.TryGetValue(group.Key, out string? spelling) ? spelling : group.Key;
                    var total = new NetUsageRecord { InterfaceName = name, Kind = StepKind.Normal };
                    CounterBaseline? previous = null;
                    foreach (LoggedReading line in group.OrderBy(l => l.Utc))
                    {
                        if (previous.HasValue)
                        {
                            UsageStep step = UsageStep.Compute(previous.Value, line.Reading, line.Utc, boot: null, ceilingBytesPerSecond: null);
                            if (step.Notice != null)
                            {
                                notices?.Add($"{line.Utc.ToLocalTime():yyyy-MM-dd HH:mm:ss}: {step.Notice}");
                            }

                            writer.Add(name, line.Utc, step.BytesReceived, step.BytesSent);
                            total.BytesReceived += step.BytesReceived;
                            total.BytesSent += step.BytesSent;
                        }

                        previous = new CounterBaseline(line.Reading.BytesReceived, line.Reading.BytesSent, line.Utc, null);
                        total.Timestamp = line.Utc.ToLocalTime();
                    }

                    added.Add(total);
                }

                // A clock set ahead must not prune the past here either: the boot clock says how far to believe it.
                DateTime pruneAt = RecordingClock.Place(InterfaceState.Load(_database, InterfaceNaming.Comparer).Values, nowUtc,
                    RecorderProcess.BootClock.Current(), out string? clockNotice);
                if (clockNotice != null)
                {
                    notices?.Add(clockNotice);
                }

                writer.Prune(pruneAt, HistoryRetention.Load(_database));
                return added;
            });
            HistoryCompaction.CompactIfMostlyFree(_database);
            return result;
        }
    }
}
