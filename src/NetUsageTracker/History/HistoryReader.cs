using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>An interface the history holds, with its class.</summary>
    public sealed class RecordedInterface
    {
        public RecordedInterface(string name, InterfaceClass interfaceClass)
        {
            Name = name;
            InterfaceClass = interfaceClass;
        }

        public string Name { get; }

        public InterfaceClass InterfaceClass { get; }
    }

    /// <summary>Reads the roll-ups back: periods per interface, sums over a span, the traffic not yet recorded.</summary>
    public sealed class HistoryReader
    {
        private readonly HistoryDatabase _database;
        private readonly TimeZoneInfo _zone;

        public HistoryReader(HistoryDatabase database, TimeZoneInfo? zone = null)
        {
            _database = database;
            _zone = zone ?? TimeZoneInfo.Local;
        }

        /// <summary>Every interface the history has seen, recorded or imported, with its class: the one the
        /// counter source gave at the last recording, else what the name implies. Every traffic lands in all
        /// roll-ups at once, so the small daily and longer roll-ups name every interface that has any.</summary>
        public IReadOnlyList<RecordedInterface> Interfaces() => _database.Run(() =>
        {
            var names = new List<RecordedInterface>();
            using SqliteStatement reader = _database.Command(
                @"SELECT interface, MAX(class) FROM (SELECT interface, class FROM interface_state
                      UNION ALL SELECT DISTINCT interface, 0 FROM usage WHERE resolution >= $day)
                  GROUP BY interface ORDER BY interface;");
            reader.Bind("$day", (int)HistoryResolution.Day);
            while (reader.Step())
            {
                string name = reader.GetString(0);
                var stored = (InterfaceClass)reader.GetInt32(1);
                names.Add(new RecordedInterface(name, stored != InterfaceClass.Unknown ? stored : InterfaceClassifier.FromName(name)));
            }

            return names;
        });

        /// <summary>The interfaces this machine's recordings measured (they have a baseline); an interface known only
        /// from an imported log is not among them.</summary>
        public HashSet<string> MeasuredInterfaces() => _database.Run(() =>
            new HashSet<string>(InterfaceState.Load(_database, InterfaceNaming.Comparer).Keys, InterfaceNaming.Comparer));

        /// <summary>
        /// The periods of one roll-up that overlap [<paramref name="sinceLocal"/>, <paramref name="untilLocal"/>),
        /// oldest first. Months with a billing day other than 1 are summed from the daily roll-up.
        /// </summary>
        public List<NetUsageHistory> Read(HistoryResolution by, DateTime? sinceLocal, DateTime? untilLocal, Func<string, bool> include, int billingDay = 1)
        {
            bool billing = by == HistoryResolution.Month && billingDay != 1;
            HistoryResolution source = billing ? HistoryResolution.Day : by;
            long lower = sinceLocal.HasValue ? KeyOf(source, sinceLocal.Value) : long.MinValue;
            long upper = untilLocal.HasValue ? KeyOf(source, untilLocal.Value) : long.MaxValue;
            if (billing && sinceLocal.HasValue)
            {
                lower = HistoryPeriods.DayKey(BillingPeriod.Containing(sinceLocal.Value, QuotaPeriod.Month, billingDay).Start);
            }

            // Keyed by the stored period, not its local start: the repeated hour of an autumn change starts at the
            // same local time twice and is two periods (billing months, summed from days, by their start).
            var periods = new Dictionary<(long Key, string Name), NetUsageHistory>();
            foreach ((long key, string name, ulong rx, ulong tx) in Rows(source, lower, upper, include))
            {
                DateTime start = HistoryPeriods.Start(source, key, _zone);
                DateTime end = HistoryPeriods.End(source, key, _zone);
                if (billing)
                {
                    (start, end) = BillingPeriod.Containing(start, QuotaPeriod.Month, billingDay);
                }

                long id = billing ? start.Ticks : key;
                if (!periods.TryGetValue((id, name), out NetUsageHistory? period))
                {
                    period = new NetUsageHistory
                    {
                        Period = by, PeriodStart = start, PeriodEnd = end, InterfaceName = name,
                        PeriodStartUtc = HistoryPeriods.StartUtc(source, key, _zone, start),
                    };
                    periods.Add((id, name), period);
                }

                period.BytesReceived += rx;
                period.BytesSent += tx;
            }

            return periods.Values
                .Where(p => (!sinceLocal.HasValue || p.PeriodEnd > sinceLocal.Value) && (!untilLocal.HasValue || p.PeriodStart < untilLocal.Value))
                .OrderBy(p => p.PeriodStartUtc).ThenBy(p => p.InterfaceName, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Bytes received and sent on the local days [<paramref name="startDate"/>, <paramref name="endDate"/>).</summary>
        public (ulong Received, ulong Sent) SumDays(DateTime startDate, DateTime endDate, Func<string, bool> include)
        {
            ulong rx = 0, tx = 0;
            long upper = HistoryPeriods.DayKey(endDate.Date);
            foreach ((long key, _, ulong r, ulong t) in Rows(HistoryResolution.Day, HistoryPeriods.DayKey(startDate.Date), upper, include))
            {
                if (key < upper)
                {
                    rx += r;
                    tx += t;
                }
            }

            return (rx, tx);
        }

        /// <summary>
        /// Where the selected interfaces' history begins (UTC); null when it holds nothing of them. That is the
        /// first recording's time, or the start of the oldest traffic stored when it is older: an imported log, or
        /// a history whose baselines were removed, holds traffic from before any recording of this machine. The
        /// oldest traffic is read at the finest roll-up that reaches back to it (five minutes, then hours, then
        /// days), so that a young history does not begin at midnight or on the hour.
        /// </summary>
        public DateTime? FirstRecordedUtc(Func<string, bool> include) => _database.Run(() =>
        {
            DateTime? first = null;
            using (SqliteStatement reader = _database.Command("SELECT interface, first_recorded FROM interface_state;"))
            {
                while (reader.Step())
                {
                    if (include(reader.GetString(0)))
                    {
                        DateTime value = HistoryRecorder.FromUnixMilliseconds(reader.GetInt64(1));
                        first = !first.HasValue || value < first.Value ? value : first;
                    }
                }
            }

            DateTime? stored = OldestTrafficUtc(include);
            return stored.HasValue && (!first.HasValue || stored.Value < first.Value) ? stored : first;
        });

        private DateTime? OldestTrafficUtc(Func<string, bool> include)
        {
            // Each roll-up's oldest period of the selected interfaces, five minutes first, walked in key order
            // (the primary key's), so this reads a row or a few, not every five-minute row a history kept. A
            // coarser roll-up counts only where it holds traffic from before the finer one's oldest period:
            // the hour or day that holds the first five minutes starts earlier than the traffic does.
            DateTime? begins = null;
            using SqliteStatement reader = _database.Command("SELECT period, interface FROM usage WHERE resolution = $resolution ORDER BY period;");
            foreach (HistoryResolution resolution in new[] { HistoryResolution.FiveMinute, HistoryResolution.Hour, HistoryResolution.Day })
            {
                reader.Bind("$resolution", (int)resolution);
                while (reader.Step())
                {
                    if (!include(reader.GetString(1)))
                    {
                        continue;
                    }

                    long key = reader.GetInt64(0);
                    if (!HistoryPeriods.IsReadable(resolution, key))
                    {
                        continue;
                    }

                    // Five-minute and hourly keys are UTC seconds already; days are local dates.
                    DateTime start, end;
                    if (resolution == HistoryResolution.Day)
                    {
                        start = HistoryPeriods.LocalToUtc(HistoryPeriods.Start(resolution, key, _zone), _zone);
                        end = HistoryPeriods.LocalToUtc(HistoryPeriods.End(resolution, key, _zone), _zone);
                    }
                    else
                    {
                        start = DateTimeOffset.FromUnixTimeSeconds(key).UtcDateTime;
                        end = start.AddSeconds(resolution == HistoryResolution.Hour ? 3600 : 300);
                    }

                    if (!begins.HasValue || end <= begins.Value)
                    {
                        begins = start;
                    }

                    break;
                }
            }

            return begins;
        }

        /// <summary>
        /// The traffic of the selected interfaces since their last stored reading, counted as a recording
        /// would count it but written nowhere: history plus this is the usage up to now.
        /// </summary>
        public (ulong Received, ulong Sent) Pending(CounterReadings readings, Func<string, double?> linkBytesPerSecond, Func<string, bool> include) =>
            _database.Run(() =>
            {
                ulong rx = 0, tx = 0;
                Dictionary<string, InterfaceState> stored = InterfaceState.Load(_database, InterfaceNaming.Comparer);
                foreach (CounterReading reading in readings.Readings)
                {
                    if (include(reading.InterfaceName) && stored.TryGetValue(reading.InterfaceName, out InterfaceState? state))
                    {
                        double? ceiling = LinkSpeed.Highest(linkBytesPerSecond(reading.InterfaceName), state.HighestBytesPerSecond);
                        UsageStep step = UsageStep.Compute(state.Baseline, reading, readings.Utc, readings.Boot, ceiling);
                        rx += step.BytesReceived;
                        tx += step.BytesSent;
                    }
                }

                return (rx, tx);
            });

        private long KeyOf(HistoryResolution resolution, DateTime local) =>
            HistoryPeriods.Key(resolution, HistoryPeriods.LocalToUtc(local, _zone), _zone);

        private List<(long Key, string Name, ulong Rx, ulong Tx)> Rows(HistoryResolution resolution, long lower, long upper, Func<string, bool> include) =>
            _database.Run(() =>
            {
                var rows = new List<(long, string, ulong, ulong)>();
                using SqliteStatement reader = _database.Command(
                    "SELECT period, interface, rx, tx FROM usage WHERE resolution = $resolution AND period >= $lower AND period <= $upper ORDER BY period;");
                reader.Bind("$resolution", (int)resolution).Bind("$lower", lower).Bind("$upper", upper);
                while (reader.Step())
                {
                    string name = reader.GetString(1);
                    if (include(name) && HistoryPeriods.IsReadable(resolution, reader.GetInt64(0)))
                    {
                        rows.Add((reader.GetInt64(0), name, unchecked((ulong)reader.GetInt64(2)), unchecked((ulong)reader.GetInt64(3))));
                    }
                }

                return rows;
            });
    }
}
