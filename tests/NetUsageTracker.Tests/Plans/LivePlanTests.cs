using System.Collections.Generic;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Plans;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests.Plans
{
    public sealed class LivePlanTests
    {
        private static readonly IReadOnlyList<RecordedInterface> Live = new[]
        {
            new RecordedInterface("wlan0", InterfaceClass.Physical),
            new RecordedInterface("eth0", InterfaceClass.Physical),
            new RecordedInterface("lo", InterfaceClass.Loopback),
        };

        private static readonly NetworkSnapshot OnHotspot = new NetworkSnapshot(new[]
        {
            new InterfaceNetwork("wlan0", "Pixel 7", "id-pixel", true, NetworkOrigin.NetworkManager),
        });

        private static NetUsagePlan Plan(string name, PlanScope scope, params string[] targets) => new NetUsagePlan
        {
            Name = name,
            Scope = scope,
            Limit = 1,
            Network = scope == PlanScope.Network ? targets : new string[0],
            InterfaceName = scope == PlanScope.Interface ? targets : new string[0],
        };

        [Fact]
        public void The_view_shows_the_plan_of_the_network_it_is_on_before_broader_ones()
        {
            var plans = new[] { Plan("All", PlanScope.AllPhysical), Plan("Metered", PlanScope.Metered), Plan("Home", PlanScope.Network, "Home Wi-Fi"), Plan("Phone", PlanScope.Network, "Pixel*") };
            LivePlan? current = LivePlan.Current(plans, Live, OnHotspot);
            Assert.Equal("Phone", current?.Plan.Name);
            Assert.Equal(new[] { "wlan0" }, current?.InterfaceNames);

            Assert.Equal("Metered", LivePlan.Current(new[] { plans[0], plans[1], plans[2] }, Live, OnHotspot)?.Plan.Name);
            Assert.Equal("All", LivePlan.Current(new[] { plans[0], plans[2] }, Live, OnHotspot)?.Plan.Name);
            Assert.Equal(new[] { "wlan0", "eth0" }, LivePlan.Current(new[] { plans[0] }, Live, OnHotspot)?.InterfaceNames);
            Assert.Null(LivePlan.Current(new[] { plans[2] }, Live, OnHotspot));
        }

        [Fact]
        public void An_all_physical_plan_counts_what_a_plain_quota_counts()
        {
            var plan = Plan("All", PlanScope.AllPhysical);
            var unknown = new[] { new RecordedInterface("wan0", InterfaceClass.Unknown), new RecordedInterface("veth1", InterfaceClass.Virtual), new RecordedInterface("lo", InterfaceClass.Loopback) };
            Assert.Equal(new[] { "wan0" }, LivePlan.For(plan, unknown, NetworkSnapshot.Empty).InterfaceNames);
            var container = new[] { new RecordedInterface("veth1", InterfaceClass.Virtual), new RecordedInterface("lo", InterfaceClass.Loopback) };
            Assert.Equal(new[] { "veth1" }, LivePlan.For(plan, container, NetworkSnapshot.Empty).InterfaceNames);
        }

        [Fact]
        public void A_network_plan_matches_by_ID_too_and_an_unknown_interface_is_its_own_network()
        {
            Assert.Equal(new[] { "wlan0" }, LivePlan.For(Plan("p", PlanScope.Network, "id-pixel"), Live, OnHotspot).InterfaceNames);
            Assert.Equal(new[] { "eth0" }, LivePlan.For(Plan("p", PlanScope.Network, "eth0"), Live, OnHotspot).InterfaceNames);
        }
    }
}
