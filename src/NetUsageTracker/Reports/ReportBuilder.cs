using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// Turns each machine's records and quotas into the report's model: a view of the interfaces together
    /// and one per interface (when there are several), each with its totals, charts and top days.
    /// </summary>
    public static class ReportBuilder
    {
        /// <summary>How many of the busiest days the report lists.</summary>
        public const int TopDayCount = 10;

        private static readonly (ChartKind Kind, string Title, HistoryResolution Resolution, int Count)[] Spans =
        {
            (ChartKind.FiveMinute, "Last 48 hours, per 5 minutes", HistoryResolution.FiveMinute, 48 * 12),
            (ChartKind.Hour, "Last 24 hours, per hour", HistoryResolution.Hour, 24),
            (ChartKind.Day, "Last 30 days, per day", HistoryResolution.Day, 30),
            (ChartKind.Month, "Last 12 months, per calendar month", HistoryResolution.Month, 12),
        };

        public static UsageReport Build(string title, IEnumerable<MachineUsage> machines, DateTime nowUtc, TimeZoneInfo? zone = null)
        {
            TimeZoneInfo tz = zone ?? TimeZoneInfo.Local;
            var reports = new List<MachineReport>();
            foreach (MachineUsage machine in machines)
            {
                reports.Add(BuildMachine(machine, nowUtc, tz));
            }

            return new UsageReport(title, TimeZoneInfo.ConvertTimeFromUtc(nowUtc, tz), tz.GetUtcOffset(nowUtc), reports);
        }

        private static MachineReport BuildMachine(MachineUsage machine, DateTime nowUtc, TimeZoneInfo zone)
        {
            var views = new List<UsageView>();
            List<string> names = machine.InterfaceNames;
            if (names.Count > 0)
            {
                string heading = names.Count == 1 ? names[0] : string.Join(" + ", names) + " together";
                views.Add(BuildView(machine, heading, names, nowUtc, zone));
                if (names.Count > 1)
                {
                    foreach (string name in names)
                    {
                        views.Add(BuildView(machine, name, new[] { name }, nowUtc, zone));
                    }
                }
            }

            return new MachineReport(machine.ComputerName, machine.Source, views, machine.Networks)
            {
                PlanGauges = machine.PlanQuotas.Select(QuotaGauge.For).ToList(),
                TopApps = machine.TopApps,
            };
        }

        private static UsageView BuildView(MachineUsage machine, string heading, IReadOnlyList<string> names, DateTime nowUtc, TimeZoneInfo zone)
        {
            var included = new HashSet<string>(names, StringComparer.Ordinal);
            ILookup<HistoryResolution, NetUsageHistory> records = machine.Records
                .Where(r => included.Contains(r.InterfaceName))
                .ToLookup(r => r.Period);
            ulong pendingRx = 0, pendingTx = 0;
            foreach (string name in names)
            {
                if (machine.Pending.TryGetValue(name, out (ulong Received, ulong Sent) pending))
                {
                    pendingRx += pending.Received;
                    pendingTx += pending.Sent;
                }
            }

            var charts = new List<BarChart>();
            var missing = new List<MissingChart>();
            foreach ((ChartKind kind, string title, HistoryResolution resolution, int count) in Spans)
            {
                if (!machine.Resolutions.Contains(resolution))
                {
                    missing.Add(new MissingChart(kind, title, resolution));
                    continue;
                }

                List<UsageSlot> slots = Timeline.Recent(resolution, count, Anchor(records[resolution], nowUtc, zone), zone);
                Timeline.Fill(slots, records[resolution]);
                charts.Add(BarChart.Create(kind, title, slots));
            }

            const string topTitle = "Top days";
            if (machine.Resolutions.Contains(HistoryResolution.Day))
            {
                charts.Add(BarChart.Create(ChartKind.TopDays, topTitle, TopDays(records[HistoryResolution.Day], TopDayCount), TopDayCount));
            }
            else
            {
                missing.Add(new MissingChart(ChartKind.TopDays, topTitle, HistoryResolution.Day));
            }

            bool hasPending = pendingRx + pendingTx > 0;
            List<PeriodTotal> totals = Totals(machine.Resolutions, records, TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone), pendingRx, pendingTx);
            return new UsageView(heading, names, FindQuota(machine, names), totals, charts, missing, hasPending);
        }

        /// <summary>
        /// The chart ends now, or at the latest record when that is later: records piped from a machine in
        /// a zone ahead of this one carry its later wall-clock times.
        /// </summary>
        private static DateTime Anchor(IEnumerable<NetUsageHistory> records, DateTime nowUtc, TimeZoneInfo zone)
        {
            DateTime nowLocal = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
            DateTime latest = nowLocal;
            foreach (NetUsageHistory record in records)
            {
                if (record.PeriodStart > latest)
                {
                    latest = record.PeriodStart;
                }
            }

            return latest == nowLocal ? nowUtc : HistoryPeriods.LocalToUtc(latest, zone);
        }

        /// <summary>The busiest days, busiest first (ties: the later day first), with the total of the view's interfaces.</summary>
        public static List<UsageSlot> TopDays(IEnumerable<NetUsageHistory> dayRecords, int count)
        {
            var days = new Dictionary<DateTime, UsageSlot>();
            foreach (NetUsageHistory record in dayRecords)
            {
                DateTime day = record.PeriodStart.Date;
                if (!days.TryGetValue(day, out UsageSlot? slot))
                {
                    slot = Timeline.DaySlot(day, day.ToString("d MMM\nyyyy", System.Globalization.CultureInfo.InvariantCulture));
                    days.Add(day, slot);
                }

                slot.Add(record.BytesReceived, record.BytesSent);
            }

            return days.Values.Where(d => d.Total > 0).OrderByDescending(d => d.Total).ThenByDescending(d => d.Start).Take(count).ToList();
        }

        private static List<PeriodTotal> Totals(HashSet<HistoryResolution> known, ILookup<HistoryResolution, NetUsageHistory> records,
            DateTime nowLocal, ulong pendingRx, ulong pendingTx)
        {
            DateTime today = nowLocal.Date;
            var month = new DateTime(today.Year, today.Month, 1);
            return new List<PeriodTotal>
            {
                Sum(TotalSpan.Today, HistoryResolution.Day, today, today.AddDays(1), pending: true),
                Sum(TotalSpan.Yesterday, HistoryResolution.Day, today.AddDays(-1), today, pending: false),
                Sum(TotalSpan.ThisMonth, HistoryResolution.Month, month, month.AddMonths(1), pending: true),
                Sum(TotalSpan.LastMonth, HistoryResolution.Month, month.AddMonths(-1), month, pending: false),
                Sum(TotalSpan.AllTime, HistoryResolution.Year, DateTime.MinValue, DateTime.MaxValue, pending: true),
            };

            PeriodTotal Sum(TotalSpan span, HistoryResolution resolution, DateTime start, DateTime end, bool pending)
            {
                ulong rx = pending ? pendingRx : 0, tx = pending ? pendingTx : 0;
                foreach (NetUsageHistory record in records[resolution])
                {
                    if (record.PeriodStart >= start && record.PeriodStart < end)
                    {
                        rx += record.BytesReceived;
                        tx += record.BytesSent;
                    }
                }

                return new PeriodTotal(span, rx, tx, known.Contains(resolution));
            }
        }

        /// <summary>The quota that counts exactly these interfaces; for the interfaces together, the machine's only quota will do.</summary>
        private static NetUsageQuota? FindQuota(MachineUsage machine, IReadOnlyList<string> names)
        {
            foreach (NetUsageQuota quota in machine.Quotas)
            {
                var counted = new HashSet<string>(MachineUsage.SplitNames(quota.InterfaceName), StringComparer.Ordinal);
                if (counted.SetEquals(names))
                {
                    return quota;
                }
            }

            bool together = names.Count == machine.InterfaceNames.Count;
            return together && machine.Quotas.Count == 1 ? machine.Quotas[0] : null;
        }
    }
}
