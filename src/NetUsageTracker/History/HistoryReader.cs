using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Networks;
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

        /// <summary>Every network the history has seen, the most recently seen first.</summary>
        public IReadOnlyList<RecordedNetwork> Networks() => RecordedNetwork.Load(_database);

        /// <summary>
        /// The periods of one roll-up that overlap [<paramref name="sinceLocal"/>, <paramref name="untilLocal"/>),
        /// oldest first. Months with a billing day other than 1 are summed from the daily roll-up. With
        /// <paramref name="networks"/>, one row per interface and network, of the selected networks' traffic only.
        /// </summary>
        public List<NetUsageHistory> Read(HistoryResolution by, DateTime? sinceLocal, DateTime? untilLocal, Func<string, bool> include, int billingDay = 1,
            NetworkSelection? networks = null)
        {
            bool billing = by == HistoryResolution.Month && billingDay != 1;
            HistoryResolution source = billing ? HistoryResolution.Day : by;
            long lower = sinceLocal.HasValue ? KeyOf(source, sinceLocal.Value) : long.MinValue;
            long upper = untilLocal.HasValue ? KeyOf(source, untilLocal.Value) : long.MaxValue;
            if (billing && sinceLocal.HasValue)
            {
                lower = HistoryPeriods.DayKey(BillingPeriod.Containing(sinceLocal.Value, QuotaPeriod.Month, billingDay).Start);
            }

            var periods = new Dictionary<(DateTime Start, string Name, string? Network), NetUsageHistory>();
            foreach ((long key, string name, string? network, ulong rx, ulong tx) in Rows(source, lower, upper, include, networks))
            {
                DateTime start = HistoryPeriods.Start(source, key, _zone);
                DateTime end = HistoryPeriods.End(source, key, _zone);
                if (billing)
                {
                    (start, end) = BillingPeriod.Containing(start, QuotaPeriod.Month, billingDay);
                }

                if (!periods.TryGetValue((start, name, network), out NetUsageHistory? period))
                {
                    period = new NetUsageHistory
                    {
                        Period = by, PeriodStart = start, PeriodEnd = end, InterfaceName = name,
                        NetworkId = network, NetworkName = network == null ? null : networks!.NameOf(network) ?? network,
                    };
                    periods.Add((start, name, network), period);
                }

                period.BytesReceived += rx;
                period.BytesSent += tx;
            }

            return periods.Values
                .Where(p => (!sinceLocal.HasValue || p.PeriodEnd > sinceLocal.Value) && (!untilLocal.HasValue || p.PeriodStart < untilLocal.Value))
                .OrderBy(p => p.PeriodStart).ThenBy(p => p.InterfaceName, StringComparer.Ordinal).ThenBy(p => p.NetworkName, StringComparer.CurrentCulture)
                .ToList();
        }

        /// <summary>Bytes received and sent on the local days [<paramref name="startDate"/>, <paramref name="endDate"/>);
        /// with <paramref name="networks"/>, only what the selected networks carried.</summary>
        public (ulong Received, ulong Sent) SumDays(DateTime startDate, DateTime endDate, Func<string, bool> include, NetworkSelection? networks = null)
        {
            ulong rx = 0, tx = 0;
            long upper = HistoryPeriods.DayKey(endDate.Date);
            foreach ((long key, _, _, ulong r, ulong t) in Rows(HistoryResolution.Day, HistoryPeriods.DayKey(startDate.Date), upper, include, networks))
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
        public DateTime? FirstRecordedUtc(Func<string, bool> include, NetworkSelection? networks = null) => _database.Run(() =>
        {
            if (networks != null)
            {
                // A network's history begins when a recording first saw it.
                DateTime? seen = null;
                foreach (RecordedNetwork network in Networks())
                {
                    if (networks.Contains(network.NetworkId) && (!seen.HasValue || network.FirstSeenUtc < seen.Value))
                    {
                        seen = network.FirstSeenUtc;
                    }
                }

                return seen;
            }

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
        /// would count it but written nowhere: history plus this is the usage up to now. With
        /// <paramref name="networks"/>, only the steps a recording would count to the selected networks.
        /// </summary>
        public (ulong Received, ulong Sent) Pending(CounterReadings readings, Func<string, double?> linkBytesPerSecond, Func<string, bool> include,
            NetworkSelection? networks = null) =>
            _database.Run(() =>
            {
                ulong rx = 0, tx = 0;
                Dictionary<string, InterfaceState> stored = InterfaceState.Load(_database, InterfaceNaming.Comparer);
                Dictionary<string, NetworkBaseline>? baselines = networks == null ? null : NetworkBaseline.Load(_database, InterfaceNaming.Comparer);
                NetworkSnapshot current = readings.Networks ?? NetworkSnapshot.Empty;
                foreach (CounterReading reading in readings.Readings)
                {
                    if (include(reading.InterfaceName) && stored.TryGetValue(reading.InterfaceName, out InterfaceState? state))
                    {
                        double? ceiling = LinkSpeed.Highest(linkBytesPerSecond(reading.InterfaceName), state.HighestBytesPerSecond);
                        UsageStep step = UsageStep.Compute(state.Baseline, reading, readings.Utc, readings.Boot, ceiling);
                        if (baselines != null)
                        {
                            baselines.TryGetValue(reading.InterfaceName, out NetworkBaseline? baseline);
                            if (!networks!.Contains(NetworkAttribution.CountedTo(baseline, step.Kind, current.For(reading.InterfaceName)).Id))
                            {
                                continue;
                            }
                        }

                        rx += step.BytesReceived;
                        tx += step.BytesSent;
                    }
                }

                return (rx, tx);
            });

        private long KeyOf(HistoryResolution resolution, DateTime local) =>
            HistoryPeriods.Key(resolution, HistoryPeriods.LocalToUtc(local, _zone), _zone);

        /// <summary>The rows of one roll-up in [lower, upper]: per interface, or with <paramref name="networks"/> per interface and
        /// network, of the selected networks only.</summary>
        private List<(long Key, string Name, string? Network, ulong Rx, ulong Tx)> Rows(HistoryResolution resolution, long lower, long upper, Func<string, bool> include,
            NetworkSelection? networks) =>
            _database.Run(() =>
            {
                var rows = new List<(long, string, string?, ulong, ulong)>();
                using SqliteStatement reader = _database.Command(networks == null
                    ? "SELECT period, interface, rx, tx, NULL FROM usage WHERE resolution = $resolution AND period >= $lower AND period <= $upper ORDER BY period;"
                    : "SELECT period, interface, rx, tx, network FROM network_usage WHERE resolution = $resolution AND period >= $lower AND period <= $upper ORDER BY period;");
                reader.Bind("$resolution", (int)resolution).Bind("$lower", lower).Bind("$upper", upper);
                while (reader.Step())
                {
                    string name = reader.GetString(1);
                    string? network = networks == null ? null : reader.GetString(4);
                    if (include(name) && (network == null || networks!.Contains(network)))
                    {
                        rows.Add((reader.GetInt64(0), name, network, unchecked((ulong)reader.GetInt64(2)), unchecked((ulong)reader.GetInt64(3))));
                    }
                }

                return rows;
            });
    }
}
