using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Plans
{
    /// <summary>What a plan counts: which interfaces, and for a network or metered plan which networks' traffic.</summary>
    public sealed class ResolvedPlanScope
    {
        public ResolvedPlanScope(Func<string, bool> includes, IReadOnlyList<string> interfaceNames, NetworkSelection? networks)
        {
            Includes = includes;
            InterfaceNames = interfaceNames;
            Networks = networks;
        }

        public Func<string, bool> Includes { get; }

        /// <summary>The counted interfaces; for a network or metered plan, those on a counted network now.</summary>
        public IReadOnlyList<string> InterfaceNames { get; }

        /// <summary>The counted networks (traffic counts where the network that carried it is one of them); null: every network.</summary>
        public NetworkSelection? Networks { get; }
    }

    /// <summary>
    /// Turns a plan's scope into what the history counts for it. Interface and all-physical plans count whole
    /// interfaces. Network and metered plans count, on every interface, the traffic the history recorded under a
    /// matching network (the networks it has seen, by name or ID, or those it saw metered), and the networks
    /// the interfaces are on now, for the traffic since the last recording. A network nobody has seen yet is
    /// fine: the plan counts nothing until it is.
    /// </summary>
    public static class PlanScopeResolver
    {
        /// <param name="recorded">The interfaces the history (or, live, the counters) know.</param>
        /// <param name="recordedNetworks">The networks the history has seen; empty for a live view.</param>
        /// <param name="networks">The networks now; null reads as none known (every interface its own network).</param>
        public static ResolvedPlanScope Resolve(NetUsagePlan plan, IReadOnlyList<RecordedInterface> recorded, IReadOnlyList<RecordedNetwork> recordedNetworks,
            NetworkSnapshot? networks)
        {
            NetworkSnapshot now = networks ?? NetworkSnapshot.Empty;
            if (plan.Scope == PlanScope.Network || plan.Scope == PlanScope.Metered)
            {
                var counted = recordedNetworks.Where(n => Counts(plan, n.NetworkName, n.NetworkId, n.Metered)).ToList();
                var onNetwork = new List<string>();
                foreach (RecordedInterface known in recorded)
                {
                    InterfaceNetwork network = now.For(known.Name);
                    if (Counts(plan, network.NetworkName, network.NetworkId, network.Metered))
                    {
                        onNetwork.Add(known.Name);
                        if (!counted.Any(n => string.Equals(n.NetworkId, network.NetworkId, StringComparison.OrdinalIgnoreCase)))
                        {
                            // Not in the history yet: its traffic since the last recording counts all the same.
                            counted.Add(new RecordedNetwork(network.NetworkId, network.NetworkName, network.Origin, network.Metered, DateTime.UtcNow, DateTime.UtcNow));
                        }
                    }
                }

                return new ResolvedPlanScope(_ => true, onNetwork, new NetworkSelection(counted));
            }

            Func<RecordedInterface, bool> counts = plan.Scope == PlanScope.Interface
                ? known => plan.InterfaceName.Any(pattern => NamePattern.IsMatch(pattern, known.Name))
                : known => known.InterfaceClass == InterfaceClass.Physical || known.InterfaceClass == InterfaceClass.Unknown;
            var names = recorded.Where(counts).Select(known => known.Name).ToList();
            if (plan.Scope == PlanScope.AllPhysical && names.Count == 0)
            {
                // As Get-NetUsageQuota: a container or a VM with only virtual links counts those.
                names = recorded.Where(known => known.InterfaceClass == InterfaceClass.Virtual).Select(known => known.Name).ToList();
            }

            var included = new HashSet<string>(names, InterfaceNaming.Comparer);
            return new ResolvedPlanScope(included.Contains, names, null);
        }

        /// <summary>Whether a network, by its name, ID and cost, is one the plan counts.</summary>
        private static bool Counts(NetUsagePlan plan, string name, string id, bool? metered) => plan.Scope == PlanScope.Metered
            ? metered == true
            : plan.Network.Any(pattern => NamePattern.IsMatch(pattern, name) || NamePattern.IsMatch(pattern, id));
    }
}
