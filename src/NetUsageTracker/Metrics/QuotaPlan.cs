using System;
using NetUsageTracker.History;

namespace NetUsageTracker.Metrics
{
    /// <summary>A plan's standing, as the metrics show it: the plan's name and its quota now.</summary>
    public sealed class PlanQuota
    {
        public PlanQuota(string plan, NetUsageQuota quota)
        {
            Plan = plan;
            Quota = quota;
        }

        public string Plan { get; }

        public NetUsageQuota Quota { get; }
    }

    /// <summary>
    /// A named cap over a set of interfaces: what Get-NetUsageQuota's -Limit, -Period, -BillingDay and
    /// -Direction describe, evaluated with the same quota engine, so the metrics give the same bytes.
    /// </summary>
    public sealed class QuotaPlan
    {
        public QuotaPlan(string name, long limit, QuotaPeriod period, int billingDay, UsageDirection direction, Func<string, bool> includes, string interfaceNames)
        {
            Name = name;
            Limit = limit;
            Period = period;
            BillingDay = billingDay;
            Direction = direction;
            Includes = includes;
            InterfaceNames = interfaceNames;
        }

        public string Name { get; }

        public long Limit { get; }

        public QuotaPeriod Period { get; }

        public int BillingDay { get; }

        public UsageDirection Direction { get; }

        /// <summary>Which recorded interfaces the plan counts.</summary>
        public Func<string, bool> Includes { get; }

        /// <summary>The counted interfaces, comma separated, as the quota names them.</summary>
        public string InterfaceNames { get; }

        /// <summary>For a plan of networks: the networks whose traffic counts; null: every network.</summary>
        public NetworkSelection? Networks { get; set; }

        /// <param name="unrecorded">Counters read now, whose traffic since the history's last recording counts
        /// too (as Get-NetUsageQuota counts it); null right after a recording, which left none.</param>
        public PlanQuota Compute(HistoryReader reader, CounterReadings? unrecorded, DateTime nowUtc, TimeZoneInfo? zone = null)
        {
            (ulong Received, ulong Sent) pending = unrecorded == null ? (0UL, 0UL) : reader.Pending(unrecorded, LinkSpeed.ForOneRecording(), Includes, Networks);
            NetUsageQuota quota = QuotaCalculator.Compute(reader, Includes, InterfaceNames, Limit, Period, BillingDay, Direction, nowUtc, pending, zone, Networks);
            quota.Plan = Name;
            return new PlanQuota(Name, quota);
        }
    }
}
