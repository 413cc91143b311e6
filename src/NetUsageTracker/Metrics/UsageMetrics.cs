using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Metrics
{
    /// <summary>
    /// The module's metric families: interface counters, each period's recorded usage, each plan's standing
    /// and the recorder's. Names follow Prometheus's conventions: the netusagetracker_ prefix, base units
    /// (bytes, seconds, ratios of 0 to 1 and beyond), _total on counters; enum label values in snake case.
    /// </summary>
    public static class UsageMetrics
    {
        public const string Prefix = "netusagetracker_";

        private static readonly string[] Directions = { "received", "sent" };

        public static List<MetricFamily> Build(HistoryDatabase database, MetricsSources sources)
        {
            var families = new List<MetricFamily>();
            if (sources.Counters != null)
            {
                families.AddRange(InterfaceCounters(sources.Counters, sources.Includes));
            }

            var reader = new HistoryReader(database, sources.Zone);
            families.Add(PeriodUsage(reader, sources));
            families.AddRange(Plans(sources.Plans));
            families.Add(LastRecording(database));
            families.Add(RecorderHealth(sources.Jobs));
            return families;
        }

        /// <summary>An enum name or identifier as a label value: SystemdTimer is systemd_timer, Received received.</summary>
        public static string LabelValue(string identifier)
        {
            var text = new StringBuilder(identifier.Length + 4);
            for (int i = 0; i < identifier.Length; i++)
            {
                char c = identifier[i];
                if (char.IsUpper(c) && i > 0 && !char.IsUpper(identifier[i - 1]))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }

            return text.ToString();
        }

        private static IEnumerable<MetricFamily> InterfaceCounters(CounterSnapshot counters, Func<string, bool> includes)
        {
            var bytes = Family("interface_bytes_total", MetricType.Counter,
                "Bytes the interface carried since the system began counting (at boot, or when the interface came up), as Get-NetUsage reports them.",
                "interface", "class", "direction");
            var packets = Family("interface_packets_total", MetricType.Counter, "Packets the interface carried since the system began counting.", "interface", "class", "direction");
            var errors = Family("interface_errors_total", MetricType.Counter, "Packets the interface failed to receive or send because of errors.", "interface", "class", "direction");
            var drops = Family("interface_drops_total", MetricType.Counter, "Packets the system dropped on the interface.", "interface", "class", "direction");
            for (int i = 0; i < counters.Count; i++)
            {
                InterfaceCounters c = counters[i];
                if (!includes(c.Name))
                {
                    continue;
                }

                string cls = LabelValue(c.Class.ToString());
                bytes.Add(c.BytesReceived, c.Name, cls, Directions[0]);
                bytes.Add(c.BytesSent, c.Name, cls, Directions[1]);
                packets.Add(c.PacketsReceived, c.Name, cls, Directions[0]);
                packets.Add(c.PacketsSent, c.Name, cls, Directions[1]);
                errors.Add(c.ReceiveErrors, c.Name, cls, Directions[0]);
                errors.Add(c.SendErrors, c.Name, cls, Directions[1]);
                drops.Add(c.ReceiveDrops, c.Name, cls, Directions[0]);
                drops.Add(c.SendDrops, c.Name, cls, Directions[1]);
            }

            return new[] { bytes, packets, errors, drops };
        }

        /// <summary>Today's and this billing month's recorded bytes of every selected interface, zero where it moved none.</summary>
        private static MetricFamily PeriodUsage(HistoryReader reader, MetricsSources sources)
        {
            var usage = Family("period_usage_bytes", MetricType.Gauge,
                "Bytes the usage history recorded for the interface in the current period (day: today; month: the billing month), up to its last recording.",
                "interface", "direction", "period");
            DateTime nowLocal = TimeZoneInfo.ConvertTimeFromUtc(sources.NowUtc, sources.Zone);
            List<string> names = reader.Interfaces().Select(i => i.Name).Where(sources.Includes).ToList();
            foreach ((QuotaPeriod period, HistoryResolution resolution) in new[] { (QuotaPeriod.Day, HistoryResolution.Day), (QuotaPeriod.Month, HistoryResolution.Month) })
            {
                (DateTime start, DateTime end) = BillingPeriod.Containing(nowLocal, period, sources.BillingDay);
                var recorded = reader.Read(resolution, start, end, sources.Includes, sources.BillingDay).ToDictionary(p => p.InterfaceName, StringComparer.Ordinal);
                string label = LabelValue(period.ToString());
                foreach (string name in names)
                {
                    recorded.TryGetValue(name, out NetUsageHistory? p);
                    usage.Add(p?.BytesReceived ?? 0UL, name, Directions[0], label);
                    usage.Add(p?.BytesSent ?? 0UL, name, Directions[1], label);
                }
            }

            return usage;
        }

        private static IEnumerable<MetricFamily> Plans(IList<PlanQuota> plans)
        {
            string[] labels = { "plan", "period", "direction" };
            var used = Family("plan_used_bytes", MetricType.Gauge, "Bytes the plan counted in its current period, as Get-NetUsageQuota's Used.", labels);
            var limit = Family("plan_limit_bytes", MetricType.Gauge, "The plan's cap in bytes.", labels);
            var ratio = Family("plan_used_ratio", MetricType.Gauge, "Used bytes over the limit: 0.9 is 90 %, 1 the cap reached.", labels);
            var forecast = Family("plan_forecast_bytes", MetricType.Gauge,
                "Bytes the plan will have counted at its period's end at the last seven days' rate; absent while the history is under an hour old.", labels);
            var budget = Family("plan_daily_budget_bytes", MetricType.Gauge, "Bytes a day that keep the rest of the period within the limit.", labels);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (PlanQuota plan in plans)
            {
                if (!seen.Add(plan.Plan))
                {
                    throw new ArgumentException($"Two plans are named '{plan.Plan}'; a plan's name is its label and must be unique.", nameof(plans));
                }

                NetUsageQuota q = plan.Quota;
                string[] values = { plan.Plan, LabelValue(q.Period.ToString()), LabelValue(q.Direction.ToString()) };
                used.Add(q.Used, values);
                limit.Add((ulong)q.Limit, values);
                ratio.Add(q.Used / (double)q.Limit, values);
                if (q.Forecast.HasValue)
                {
                    forecast.Add(q.Forecast.Value, values);
                }

                budget.Add(q.DailyBudget, values);
            }

            return new[] { used, limit, ratio, forecast, budget };
        }

        private static MetricFamily LastRecording(HistoryDatabase database)
        {
            var last = Family("last_recording_timestamp_seconds", MetricType.Gauge,
                "When the usage history was last recorded into, in seconds since the Unix epoch.");
            Dictionary<string, InterfaceState> states = database.Run(() => InterfaceState.Load(database, InterfaceNaming.Comparer));
            if (states.Count > 0)
            {
                DateTime latest = states.Values.Max(s => s.Baseline.Utc);
                last.Add(HistoryRecorder.ToUnixMilliseconds(latest) / 1000.0);
            }

            return last;
        }

        private static MetricFamily RecorderHealth(IList<NetUsageTask> jobs)
        {
            var healthy = Family("recorder_healthy", MetricType.Gauge,
                "1 while the recording job can run what it was registered with (its PowerShell and module exist), else 0: Get-NetUsageTask's Healthy.",
                "mechanism");
            foreach (NetUsageTask job in jobs)
            {
                healthy.Add(job.Healthy ? 1UL : 0UL, LabelValue(job.Mechanism));
            }

            return healthy;
        }

        private static MetricFamily Family(string name, MetricType type, string help, params string[] labels) =>
            new MetricFamily(Prefix + name, type, help, labels);
    }
}
