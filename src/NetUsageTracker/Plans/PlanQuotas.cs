using System;
using System.Collections.Generic;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Networks;

namespace NetUsageTracker.Plans
{
    /// <summary>Each stored plan's quota now, with the quota engine Get-NetUsageQuota -Limit uses.</summary>
    public static class PlanQuotas
    {
        /// <summary>The plan as the quota engine (and the metrics) take it.</summary>
        public static QuotaPlan ToQuotaPlan(NetUsagePlan plan, ResolvedPlanScope scope) =>
            new QuotaPlan(plan.Name, plan.Limit, plan.Period, plan.BillingDay, plan.Direction, scope.Includes, string.Join(",", scope.InterfaceNames))
            {
                Networks = scope.Networks,
            };

        /// <param name="unrecorded">Counters read now, whose traffic since the last recording counts too; null right after a recording.</param>
        public static List<PlanQuota> Compute(HistoryReader reader, IEnumerable<NetUsagePlan> plans, NetworkSnapshot? networks,
            CounterReadings? unrecorded, DateTime nowUtc, TimeZoneInfo? zone = null)
        {
            IReadOnlyList<RecordedInterface> recorded = reader.Interfaces();
            IReadOnlyList<RecordedNetwork> recordedNetworks = reader.Networks();
            var quotas = new List<PlanQuota>();
            foreach (NetUsagePlan plan in plans)
            {
                ResolvedPlanScope scope = PlanScopeResolver.Resolve(plan, recorded, recordedNetworks, networks);
                quotas.Add(ToQuotaPlan(plan, scope).Compute(reader, unrecorded, nowUtc, zone));
            }

            return quotas;
        }
    }
}
