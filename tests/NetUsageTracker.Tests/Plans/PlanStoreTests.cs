using System;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Plans;
using Xunit;

namespace NetUsageTracker.Tests.Plans
{
    public sealed class PlanStoreTests
    {
        private static NetUsagePlan Phone() => new NetUsagePlan
        {
            Name = "Phone",
            Scope = PlanScope.Network,
            Network = new[] { "Pixel 7", "id-*" },
            Limit = 10L << 30,
            Period = QuotaPeriod.Month,
            BillingDay = 7,
            Direction = UsageDirection.Received,
            Threshold = new[] { 90.0, 50, 100 },
            Notify = false,
        };

        [Fact]
        public void A_plan_reads_back_as_it_was_stored_with_its_thresholds_in_order()
        {
            using var history = new HistoryTestDatabase();
            var store = new PlanStore(history.Database);
            store.Add(Phone());

            NetUsagePlan read = Assert.Single(store.List());
            Assert.Equal("Phone", read.Name);
            Assert.Equal(PlanScope.Network, read.Scope);
            Assert.Equal(new[] { "Pixel 7", "id-*" }, read.Network);
            Assert.Empty(read.InterfaceName);
            Assert.Equal(10L << 30, read.Limit);
            Assert.Equal(7, read.BillingDay);
            Assert.Equal(UsageDirection.Received, read.Direction);
            Assert.Equal(new[] { 50.0, 90, 100 }, read.Threshold);
            Assert.False(read.Notify);
        }

        [Fact]
        public void A_second_plan_of_the_same_name_in_any_case_is_refused_and_the_first_stays()
        {
            using var history = new HistoryTestDatabase();
            var store = new PlanStore(history.Database);
            store.Add(Phone());
            NetUsagePlan other = Phone();
            other.Name = "PHONE";
            other.Limit = 1;

            PlanException e = Assert.Throws<PlanException>(() => store.Add(other));
            Assert.Equal(PlanFailure.Exists, e.Failure);
            Assert.Equal(10L << 30, Assert.Single(store.List()).Limit);
        }

        [Theory]
        [InlineData(0, 1, PlanFailure.InvalidLimit)]
        [InlineData(-5, 1, PlanFailure.InvalidLimit)]
        [InlineData(100, 0, PlanFailure.InvalidBillingDay)]
        [InlineData(100, 32, PlanFailure.InvalidBillingDay)]
        public void A_bad_limit_or_billing_day_is_refused_and_nothing_is_stored(long limit, int billingDay, PlanFailure failure)
        {
            using var history = new HistoryTestDatabase();
            var store = new PlanStore(history.Database);
            NetUsagePlan plan = Phone();
            plan.Limit = limit;
            plan.BillingDay = billingDay;

            Assert.Equal(failure, Assert.Throws<PlanException>(() => store.Add(plan)).Failure);
            Assert.Empty(store.List());
        }

        [Fact]
        public void Changing_what_a_plan_counts_starts_its_alerts_over_and_renaming_keeps_them()
        {
            using var history = new HistoryTestDatabase();
            var store = new PlanStore(history.Database);
            var state = new PlanAlertState(history.Database);
            store.Add(Phone());
            var alert = new NetUsagePlanAlert { Plan = "Phone", PeriodStart = new DateTime(2026, 12, 7), Threshold = 50, Title = "t", Message = "m" };
            Assert.True(state.Claim(alert));

            NetUsagePlan renamed = Phone();
            renamed.Name = "Hotspot";
            store.Update("phone", renamed);
            alert.Plan = "Hotspot";
            Assert.False(state.Claim(alert));

            NetUsagePlan bigger = renamed.Clone();
            bigger.Limit *= 2;
            store.Update("Hotspot", bigger);
            Assert.True(state.Claim(alert));

            store.Remove("HOTSPOT");
            Assert.Empty(store.List());
            Assert.True(state.Claim(alert));
        }

        [Fact]
        public void Changing_or_removing_a_plan_that_is_not_there_says_so()
        {
            using var history = new HistoryTestDatabase();
            var store = new PlanStore(history.Database);
            Assert.Equal(PlanFailure.NotFound, Assert.Throws<PlanException>(() => store.Remove("none")).Failure);
            Assert.Equal(PlanFailure.NotFound, Assert.Throws<PlanException>(() => store.Update("none", Phone())).Failure);
        }

        [Theory]
        [InlineData("wlan*", "wlan0", true)]
        [InlineData("WLAN?", "wlan0", true)]
        [InlineData("wlan?", "wlan10", false)]
        [InlineData("eth[01]", "eth1", true)]
        [InlineData("eth[01]", "eth2", false)]
        [InlineData("Wi-Fi `[2`]", "Wi-Fi [2]", true)]
        [InlineData("a.b", "axb", false)]
        public void Plan_names_and_targets_match_as_PowerShell_wildcards_do(string pattern, string name, bool match) =>
            Assert.Equal(match, NamePattern.IsMatch(pattern, name));
    }
}
