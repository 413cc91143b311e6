using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Processes;

namespace NetUsageTracker.History
{
    /// <summary>One process name's traffic (or other users', the other processes', the remainder's) in one period of the history.</summary>
    public sealed class NetProcessUsageHistory
    {
        public HistoryResolution Period { get; set; }

        /// <summary>Local time the period starts.</summary>
        public DateTime PeriodStart { get; set; }

        /// <summary>Local time the period ends (the next one's start).</summary>
        public DateTime PeriodEnd { get; set; }

        /// <summary>Process, OtherUser, OtherProcesses (beyond a recording's top ones) or Unattributed.</summary>
        public ProcessUsageKind Kind { get; set; }

        public string ProcessName { get; set; } = "";

        /// <summary>The selected interfaces, comma separated: the period's rows add up to their traffic.</summary>
        public string InterfaceName { get; set; } = "";

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        /// <summary>Its share of the period's traffic on the selected interfaces, in percent.</summary>
        public double Percent { get; set; }

        public override string ToString() => $"{ProcessName} {PeriodStart:yyyy-MM-dd HH:mm}: {TotalBytes} B";
    }

    /// <summary>
    /// Reads the per-process rows back by period: for each period of the interfaces' own roll-up, the process
    /// names largest first, then other users, the other processes, and Unattributed, which is the rest of the
    /// interfaces' traffic of that period (the remainder the recorder stored, and all of the traffic recorded
    /// while no per-process recording ran), so the rows of a period always add up to Get-NetUsageHistory's.
    /// </summary>
    public sealed class ProcessHistoryReader
    {
        private readonly HistoryDatabase _database;
        private readonly TimeZoneInfo _zone;

        public ProcessHistoryReader(HistoryDatabase database, TimeZoneInfo? zone = null)
        {
            _database = database;
            _zone = zone ?? TimeZoneInfo.Local;
        }

        public List<NetProcessUsageHistory> Read(HistoryResolution by, DateTime? sinceLocal, DateTime? untilLocal, Func<string, bool> include, int billingDay = 1)
        {
            var periods = new SortedDictionary<DateTime, Period>();
            foreach (NetUsageHistory usage in new HistoryReader(_database, _zone).Read(by, sinceLocal, untilLocal, include, billingDay))
            {
                if (!periods.TryGetValue(usage.PeriodStart, out Period? period))
                {
                    period = new Period(usage.PeriodStart, usage.PeriodEnd);
                    periods.Add(usage.PeriodStart, period);
                }

                period.Received += usage.BytesReceived;
                period.Sent += usage.BytesSent;
                period.Interfaces.Add(usage.InterfaceName);
            }

            if (periods.Count == 0)
            {
                return new List<NetProcessUsageHistory>();
            }

            // Months with a billing day other than 1 are summed from days, as the interfaces' rows are.
            bool billing = by == HistoryResolution.Month && billingDay != 1;
            HistoryResolution source = billing ? HistoryResolution.Day : by;
            long lower = billing ? HistoryPeriods.DayKey(periods.Keys.First()) : HistoryPeriods.Key(source, HistoryPeriods.LocalToUtc(periods.Keys.First(), _zone), _zone);
            DateTime lastStart = periods.Keys.Last();
            long upper = HistoryPeriods.Key(source, HistoryPeriods.LocalToUtc(billing ? periods[lastStart].End.AddDays(-1) : lastStart, _zone), _zone);
            _database.Run(() =>
            {
                using SqliteStatement reader = _database.Command(
                    "SELECT period, interface, kind, process, rx, tx FROM process_usage WHERE resolution = $resolution AND period >= $lower AND period <= $upper;");
                reader.Bind("$resolution", (int)source).Bind("$lower", lower).Bind("$upper", upper);
                while (reader.Step())
                {
                    if (!include(reader.GetString(1)))
                    {
                        continue;
                    }

                    var kind = (ProcessUsageKind)reader.GetInt32(2);
                    DateTime start = HistoryPeriods.Start(source, reader.GetInt64(0), _zone);
                    if (billing)
                    {
                        start = BillingPeriod.Containing(start, QuotaPeriod.Month, billingDay).Start;
                    }

                    if (kind == ProcessUsageKind.Unattributed || !periods.TryGetValue(start, out Period? period))
                    {
                        continue; // the remainder is what the processes leave of the interfaces' rows
                    }

                    period.Add(kind, reader.GetString(3), unchecked((ulong)reader.GetInt64(4)), unchecked((ulong)reader.GetInt64(5)));
                }

                return 0;
            });

            var rows = new List<NetProcessUsageHistory>();
            foreach (Period period in periods.Values)
            {
                rows.AddRange(period.Rows(by));
            }

            return rows;
        }

        private sealed class Period
        {
            private readonly Dictionary<(ProcessUsageKind Kind, string Name), NetProcessUsageHistory> _rows =
                new Dictionary<(ProcessUsageKind, string), NetProcessUsageHistory>();

            public Period(DateTime start, DateTime end)
            {
                Start = start;
                End = end;
            }

            public DateTime Start { get; }

            public DateTime End { get; }

            public ulong Received { get; set; }

            public ulong Sent { get; set; }

            public SortedSet<string> Interfaces { get; } = new SortedSet<string>(StringComparer.Ordinal);

            public void Add(ProcessUsageKind kind, string name, ulong received, ulong sent)
            {
                if (!_rows.TryGetValue((kind, name), out NetProcessUsageHistory? row))
                {
                    row = new NetProcessUsageHistory { Kind = kind, ProcessName = name };
                    _rows.Add((kind, name), row);
                }

                row.BytesReceived += received;
                row.BytesSent += sent;
            }

            public IEnumerable<NetProcessUsageHistory> Rows(HistoryResolution by)
            {
                ulong received = 0, sent = 0;
                foreach (NetProcessUsageHistory row in _rows.Values)
                {
                    received += row.BytesReceived;
                    sent += row.BytesSent;
                }

                var rest = new NetProcessUsageHistory
                {
                    Kind = ProcessUsageKind.Unattributed,
                    ProcessName = ProcessUsageNames.Unattributed,
                    BytesReceived = Received > received ? Received - received : 0,
                    BytesSent = Sent > sent ? Sent - sent : 0,
                };
                string interfaces = string.Join(",", Interfaces);
                ulong total = Received + Sent;
                foreach (NetProcessUsageHistory row in _rows.Values.OrderBy(r => r.Kind).ThenByDescending(r => r.TotalBytes).ThenBy(r => r.ProcessName, StringComparer.Ordinal).Append(rest))
                {
                    row.Period = by;
                    row.PeriodStart = Start;
                    row.PeriodEnd = End;
                    row.InterfaceName = interfaces;
                    row.Percent = total == 0 ? 0 : row.TotalBytes * 100.0 / total;
                    yield return row;
                }
            }
        }
    }
}
