using System;
using System.Collections.Generic;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Reports
{
    /// <summary>The limit a report measures the current period against, as Get-NetUsageQuota takes it.</summary>
    public sealed class QuotaRequest
    {
        public QuotaRequest(long limit, QuotaPeriod period, int billingDay, UsageDirection direction)
        {
            Limit = limit;
            Period = period;
            BillingDay = billingDay;
            Direction = direction;
        }

        public long Limit { get; }

        public QuotaPeriod Period { get; }

        public int BillingDay { get; }

        public UsageDirection Direction { get; }
    }

    /// <summary>
    /// Reads what a report shows from a history file: the roll-ups over the spans the charts cover, the
    /// traffic not yet recorded, and the quotas, each computed by <see cref="QuotaCalculator"/> exactly as
    /// Get-NetUsageQuota computes them.
    /// </summary>
    public static class HistoryReportSource
    {
        /// <param name="names">The selected interfaces, in order.</param>
        /// <param name="readings">The counters now, for the traffic since the last recording.</param>
        public static MachineUsage Load(HistoryReader reader, string computerName, string historyFile, IReadOnlyList<string> names,
            QuotaRequest? quota, CounterReadings readings, Func<string, double?> linkBytesPerSecond, TimeZoneInfo? zone = null)
        {
            TimeZoneInfo tz = zone ?? TimeZoneInfo.Local;
            DateTime nowUtc = readings.Utc;
            var usage = new MachineUsage(computerName, historyFile);
            var selected = new HashSet<string>(names, InterfaceNaming.Comparer);
            Func<string, bool> include = selected.Contains;
            foreach (string name in names)
            {
                usage.AddInterface(name);
            }

            foreach (HistoryResolution resolution in new[] { HistoryResolution.FiveMinute, HistoryResolution.Hour, HistoryResolution.Day, HistoryResolution.Month, HistoryResolution.Year })
            {
                usage.Resolutions.Add(resolution);
                foreach (NetUsageHistory record in reader.Read(resolution, Since(resolution, nowUtc, tz), null, include))
                {
                    usage.Records.Add(record);
                }
            }

            usage.Networks.AddRange(NetworkTotal.Read(reader, include, TimeZoneInfo.ConvertTimeFromUtc(nowUtc, tz)));
            foreach (string name in names)
            {
                usage.Pending[name] = reader.Pending(readings, linkBytesPerSecond, n => string.Equals(n, name, InterfaceNaming.Comparison));
            }

            if (quota != null && names.Count > 0)
            {
                usage.Quotas.Add(Quota(reader, include, string.Join(",", names), quota, nowUtc, Sum(usage.Pending, names), tz));
                if (names.Count > 1)
                {
                    foreach (string name in names)
                    {
                        usage.Quotas.Add(Quota(reader, n => n == name, name, quota, nowUtc, usage.Pending[name], tz));
                    }
                }
            }

            return usage;
        }

        /// <summary>This month's per-process rows of the selected interfaces (the resident recorder's), Unattributed last.</summary>
        public static List<NetProcessUsageHistory> TopApps(HistoryDatabase database, IReadOnlyList<string> names, DateTime nowUtc, TimeZoneInfo? zone = null)
        {
            TimeZoneInfo tz = zone ?? TimeZoneInfo.Local;
            DateTime now = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, tz);
            var selected = new HashSet<string>(names, InterfaceNaming.Comparer);
            return new ProcessHistoryReader(database, tz).Read(HistoryResolution.Month, new DateTime(now.Year, now.Month, 1), null, selected.Contains);
        }

        /// <summary>How far back each roll-up is read: the chart's span (a period more, for the anchor's rounding);
        /// days and years in full, for the top days and the total.</summary>
        private static DateTime? Since(HistoryResolution resolution, DateTime nowUtc, TimeZoneInfo zone)
        {
            DateTime now = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
            return resolution switch
            {
                HistoryResolution.FiveMinute => now.AddHours(-48).AddMinutes(-5),
                HistoryResolution.Hour => now.AddHours(-25),
                HistoryResolution.Month => new DateTime(now.Year, now.Month, 1).AddMonths(-12),
                _ => null,
            };
        }

        private static NetUsageQuota Quota(HistoryReader reader, Func<string, bool> include, string names, QuotaRequest request,
            DateTime nowUtc, (ulong Received, ulong Sent) pending, TimeZoneInfo zone) =>
            QuotaCalculator.Compute(reader, include, names, request.Limit, request.Period, request.BillingDay, request.Direction, nowUtc, pending, zone);

        private static (ulong Received, ulong Sent) Sum(Dictionary<string, (ulong Received, ulong Sent)> pending, IEnumerable<string> names)
        {
            ulong rx = 0, tx = 0;
            foreach (string name in names)
            {
                rx += pending[name].Received;
                tx += pending[name].Sent;
            }

            return (rx, tx);
        }
    }
}
