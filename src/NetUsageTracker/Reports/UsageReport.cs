using System;
using System.Collections.Generic;
using NetUsageTracker.History;

namespace NetUsageTracker.Reports
{
    /// <summary>The whole report: one machine, or several with a row each in a fleet summary.</summary>
    public sealed class UsageReport
    {
        public UsageReport(string title, DateTime generatedLocal, TimeSpan utcOffset, List<MachineReport> machines)
        {
            Title = title;
            GeneratedLocal = generatedLocal;
            UtcOffset = utcOffset;
            Machines = machines;
        }

        public string Title { get; }

        public DateTime GeneratedLocal { get; }

        /// <summary>The local time's offset from UTC when the report was made.</summary>
        public TimeSpan UtcOffset { get; }

        public IReadOnlyList<MachineReport> Machines { get; }

        public bool IsFleet => Machines.Count > 1;
    }

    /// <summary>One machine's part: the selected interfaces together, then each interface alone.</summary>
    public sealed class MachineReport
    {
        public MachineReport(string computerName, string source, List<UsageView> views, IReadOnlyList<NetworkTotal>? networks = null)
        {
            ComputerName = computerName;
            Source = source;
            Views = views;
            Networks = networks ?? Array.Empty<NetworkTotal>();
        }

        /// <summary>The networks that carried the interfaces' traffic, the busiest first; empty when the history has none.</summary>
        public IReadOnlyList<NetworkTotal> Networks { get; }

        public string ComputerName { get; }

        public string Source { get; }

        /// <summary>Empty when the machine has nothing recorded yet.</summary>
        public IReadOnlyList<UsageView> Views { get; }

        /// <summary>A gauge per stored plan, by plan name; empty without plans.</summary>
        public IReadOnlyList<QuotaGauge> PlanGauges { get; set; } = Array.Empty<QuotaGauge>();
        /// <summary>This month's traffic per process, for the "Top apps" section; empty without per-process rows.</summary>
        public IReadOnlyList<NetProcessUsageHistory> TopApps { get; internal set; } = Array.Empty<NetProcessUsageHistory>();

        /// <summary>The quota of the interfaces together, for the fleet summary; null without one.</summary>
        public NetUsageQuota? Quota => Views.Count > 0 ? Views[0].Quota : null;

        public bool HasData
        {
            get
            {
                foreach (UsageView view in Views)
                {
                    if (view.HasData)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>Received, sent and total of a named span (today, this month...).</summary>
    public sealed class PeriodTotal
    {
        public PeriodTotal(TotalSpan span, ulong received, ulong sent, bool known)
        {
            Span = span;
            Received = received;
            Sent = sent;
            Known = known;
        }

        public TotalSpan Span { get; }

        public string Name => ReportNames.Name(Span);

        public ulong Received { get; }

        public ulong Sent { get; }

        public ulong Total => Received + Sent;

        /// <summary>False when the records cannot tell (pipeline input without that roll-up).</summary>
        public bool Known { get; }
    }

    /// <summary>A chart the records cannot fill: the roll-up was not in the input.</summary>
    public sealed class MissingChart
    {
        public MissingChart(ChartKind kind, string title, HistoryResolution resolution)
        {
            Kind = kind;
            Title = title;
            Resolution = resolution;
        }

        public ChartKind Kind { get; }

        public string Id => ReportNames.Id(Kind);

        public string Title { get; }

        public HistoryResolution Resolution { get; }
    }

    /// <summary>A set of interfaces (one, or several together): summary, charts and top days.</summary>
    public sealed class UsageView
    {
        public UsageView(string heading, IReadOnlyList<string> interfaceNames, NetUsageQuota? quota, List<PeriodTotal> totals,
            List<BarChart> charts, List<MissingChart> missing, bool includesPending)
        {
            Heading = heading;
            InterfaceNames = interfaceNames;
            Quota = quota;
            Gauge = quota == null ? null : QuotaGauge.For(quota);
            Totals = totals;
            Charts = charts;
            Missing = missing;
            IncludesPending = includesPending;
        }

        public string Heading { get; }

        public IReadOnlyList<string> InterfaceNames { get; }

        public NetUsageQuota? Quota { get; }

        public QuotaGauge? Gauge { get; }

        /// <summary>Today, yesterday, this month, last month, all time.</summary>
        public IReadOnlyList<PeriodTotal> Totals { get; }

        /// <summary>The last 48 hours, 24 hours, 30 days and 12 months, then the top days.</summary>
        public IReadOnlyList<BarChart> Charts { get; }

        public IReadOnlyList<MissingChart> Missing { get; }

        /// <summary>Whether the totals that reach up to now include traffic not yet recorded.</summary>
        public bool IncludesPending { get; }

        public bool HasData
        {
            get
            {
                if (Quota != null && Quota.Used > 0)
                {
                    return true;
                }

                foreach (PeriodTotal total in Totals)
                {
                    if (total.Total > 0)
                    {
                        return true;
                    }
                }

                foreach (BarChart chart in Charts)
                {
                    if (!chart.IsEmpty)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
