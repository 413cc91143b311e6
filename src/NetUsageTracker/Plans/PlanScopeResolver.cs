using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Plans
{
    /// <summary>Which recorded interfaces a plan counts, and their names for the quota.</summary>
    public sealed class ResolvedPlanScope
    {
        public ResolvedPlanScope(Func<string, bool> includes, IReadOnlyList<string> interfaceNames)
        {
            Includes = includes;
            InterfaceNames = interfaceNames;
        }

        public Func<string, bool> Includes { get; }

        public IReadOnlyList<string> InterfaceNames { get; }
    }

    /// <summary>
    /// Turns a plan's scope into the interfaces whose history it counts. Interface and all-physical plans count
    /// whole interfaces. Network and metered plans go through <see cref="InterfacesOnNetworksNow"/>, the seam
    /// where the history per network takes over: until each history row names its network, they count the
    /// interfaces that are on a matching network now, with all of their traffic in the period.
    /// </summary>
    public static class PlanScopeResolver
    {
        /// <param name="networks">The networks now (for network and metered plans); null reads as none known.</param>
        public static ResolvedPlanScope Resolve(NetUsagePlan plan, IReadOnlyList<RecordedInterface> recorded, NetworkSnapshot? networks)
        {
            Func<RecordedInterface, bool> counts = plan.Scope switch
            {
                PlanScope.Interface => known => plan.InterfaceName.Any(pattern => NamePattern.IsMatch(pattern, known.Name)),
                PlanScope.Network or PlanScope.Metered => InterfacesOnNetworksNow(plan, networks ?? NetworkSnapshot.Empty),
                _ => known => known.InterfaceClass == InterfaceClass.Physical,
            };

            var names = new List<string>();
            var included = new HashSet<string>(InterfaceNaming.Comparer);
            foreach (RecordedInterface known in recorded)
            {
                if (counts(known))
                {
                    names.Add(known.Name);
                    included.Add(known.Name);
                }
            }

            return new ResolvedPlanScope(included.Contains, names);
        }

        /// <summary>The network seam: the interfaces on a network the plan names (by name or ID), or on a metered
        /// network, at this moment.</summary>
        internal static Func<RecordedInterface, bool> InterfacesOnNetworksNow(NetUsagePlan plan, NetworkSnapshot networks) => known =>
        {
            // Where nothing is known, the network is the interface itself (named as it, never metered).
            InterfaceNetwork network = networks.For(known.Name);
            return plan.Scope == PlanScope.Metered
                ? network.Metered == true
                : plan.Network.Any(pattern => NamePattern.IsMatch(pattern, network.NetworkName) || NamePattern.IsMatch(pattern, network.NetworkId));
        };
    }
}
