using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Networks;

namespace NetUsageTracker.Plans
{
    /// <summary>A stored plan in a live watch or view: the plan, and the live interfaces it counts.</summary>
    public sealed class LivePlan
    {
        public LivePlan(NetUsagePlan plan, IReadOnlyList<string> interfaceNames, NetworkSelection? networks = null)
        {
            Plan = plan;
            InterfaceNames = interfaceNames;
            Networks = networks;
        }

        /// <summary>For a plan of networks, the networks whose traffic the history counts for it; null otherwise.</summary>
        public NetworkSelection? Networks { get; }

        public NetUsagePlan Plan { get; }

        public IReadOnlyList<string> InterfaceNames { get; }

        /// <summary>The plan over the live interfaces (a network plan: those on its networks now).</summary>
        public static LivePlan For(NetUsagePlan plan, IReadOnlyList<RecordedInterface> live, NetworkSnapshot networks,
            IReadOnlyList<RecordedNetwork>? recordedNetworks = null)
        {
            ResolvedPlanScope scope = PlanScopeResolver.Resolve(plan, live, recordedNetworks ?? Array.Empty<RecordedNetwork>(), networks);
            return new LivePlan(plan, scope.InterfaceNames, scope.Networks);
        }

        /// <summary>
        /// The plan of the network the machine is on now, for Show-NetUsage without -Limit: among the plans that
        /// count any live interface, the most specific (a network's, then an interface's, then metered networks',
        /// then all physical traffic's), then by name; null when none does.
        /// </summary>
        public static LivePlan? Current(IEnumerable<NetUsagePlan> plans, IReadOnlyList<RecordedInterface> live, NetworkSnapshot networks,
            IReadOnlyList<RecordedNetwork>? recordedNetworks = null) =>
            plans.Select(p => For(p, live, networks, recordedNetworks))
                .Where(p => p.InterfaceNames.Count > 0)
                .OrderBy(p => Specificity(p.Plan.Scope))
                .ThenBy(p => p.Plan.Name, PlanNames.Comparer)
                .FirstOrDefault();

        private static int Specificity(PlanScope scope) => scope switch
        {
            PlanScope.Network => 0,
            PlanScope.Interface => 1,
            PlanScope.Metered => 2,
            _ => 3,
        };
    }
}
