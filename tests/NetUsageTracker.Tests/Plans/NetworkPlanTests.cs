using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Networks;
using NetUsageTracker.Plans;
using Xunit;

namespace NetUsageTracker.Tests.Plans
{
    /// <summary>Plans of networks count what the history recorded under their networks, not whole interfaces.</summary>
    public sealed class NetworkPlanTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        private static readonly InterfaceNetwork Home = new InterfaceNetwork("wlan0", "Home", "5d0b1f3e-0000-4000-8000-000000000001", false, NetworkOrigin.NetworkManager);
        private static readonly InterfaceNetwork Hotspot = new InterfaceNetwork("wlan0", "Pixel 7", "5d0b1f3e-0000-4000-8000-000000000002", true, NetworkOrigin.NetworkManager);

        private static NetUsagePlan Plan(PlanScope scope, params string[] networks) => new NetUsagePlan
        {
            Name = scope.ToString(),
            Scope = scope,
            Network = networks,
            Limit = 1_000_000,
        };

        /// <summary>The home network, then the hotspot through the same adapter, then home again.</summary>
        private static HistoryTestDatabase LaptopDay()
        {
            var db = new HistoryTestDatabase { Networks = new NetworkSnapshot(new[] { Home }) };
            db.Record(T0, ("wlan0", 0, 0));
            db.Record(T0.AddMinutes(5), ("wlan0", 5000, 500));
            db.Networks = new NetworkSnapshot(new[] { Hotspot });
            db.Record(T0.AddMinutes(10), ("wlan0", 7000, 700));
            db.Record(T0.AddMinutes(15), ("wlan0", 10_000, 1000));
            db.Networks = new NetworkSnapshot(new[] { Home });
            db.Record(T0.AddMinutes(20), ("wlan0", 10_500, 1050));
            return db;
        }

        private static NetUsageQuota QuotaOf(HistoryTestDatabase db, NetUsagePlan plan, NetworkSnapshot now) =>
            Assert.Single(PlanQuotas.Compute(db.Reader, new[] { plan }, now, null, T0.AddMinutes(21), db.Zone)).Quota;

        [Theory]
        [InlineData(PlanScope.Network, "Pixel*")]
        [InlineData(PlanScope.Network, "5d0b1f3e-0000-4000-8000-000000000002")]
        [InlineData(PlanScope.Metered, null)]
        public void A_plan_of_the_hotspot_counts_only_what_the_hotspot_carried(PlanScope scope, string? network)
        {
            using HistoryTestDatabase db = LaptopDay();
            NetUsagePlan plan = Plan(scope, network == null ? new string[0] : new[] { network });
            // Back home now: the plan still counts the afternoon on the hotspot, with the last step before the change
            // (taken on the hotspot; a scheduled job gives an interval to its last recording's network).
            NetUsageQuota quota = QuotaOf(db, plan, new NetworkSnapshot(new[] { Home }));
            Assert.Equal(3000UL + 300 + 550, quota.Used);
            Assert.Equal("Pixel 7", quota.NetworkName);
            Assert.Equal(10_500UL + 1050, QuotaOf(db, Plan(PlanScope.AllPhysical), new NetworkSnapshot(new[] { Home })).Used);
        }

        [Fact]
        public void A_plan_of_a_network_nobody_has_seen_counts_nothing_and_is_no_error()
        {
            using HistoryTestDatabase db = LaptopDay();
            Assert.Equal(0UL, QuotaOf(db, Plan(PlanScope.Network, "Nowhere Cafe"), NetworkSnapshot.Empty).Used);
        }

        [Fact]
        public void The_recorder_alerts_a_hotspot_plan_on_the_hotspot_traffic_alone()
        {
            using HistoryTestDatabase db = LaptopDay();
            NetUsagePlan plan = Plan(PlanScope.Network, "Pixel 7");
            plan.Limit = 6000;
            plan.Threshold = new[] { 50.0, 100 };
            new PlanStore(db.Database).Add(plan);
            List<NetUsagePlanAlert> alerts = new PlanAlertCheck(db.Database, new NullNotifier(), TimeSpan.FromSeconds(1))
                .Run(() => new NetworkSnapshot(new[] { Home }), T0.AddMinutes(21), _ => { }, db.Zone);
            NetUsagePlanAlert alert = Assert.Single(alerts);
            Assert.Equal(50, alert.Threshold);
            Assert.Contains("(64.17 %)", alert.Message);
        }

        private sealed class NullNotifier : Alerts.INotifier
        {
            public string Name => "nothing";

            public void Show(string title, string message, TimeSpan timeout)
            {
            }
        }
    }
}
