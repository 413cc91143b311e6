using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests.Metrics
{
    public class UsageMetricsTests
    {
        private const ulong MB = 1UL << 20;

        // 12:00 in Berlin on April 20th; the billing month from the 15th began five days ago.
        private static readonly DateTime Now = new DateTime(2026, 4, 20, 10, 0, 0, DateTimeKind.Utc);

        private static Dictionary<string, MetricFamily> Build(HistoryTestDatabase db, MetricsSources sources) =>
            UsageMetrics.Build(db.Database, sources).ToDictionary(f => f.Name);

        private static MetricsSources Sources(HistoryTestDatabase db, int billingDay = 1) =>
            new MetricsSources(Now) { Zone = db.Zone, BillingDay = billingDay };

        private static ulong Value(MetricFamily family, params string[] labels) =>
            (ulong)family.Samples.Single(s => s.LabelValues.SequenceEqual(labels)).Value.AsDouble;

        /// <summary>eth0: 100 MB received on the 10th, 30 MB received and 3 MB sent today; wlan0 idle since the 10th.</summary>
        private static void Record(HistoryTestDatabase db)
        {
            DateTime tenth = new DateTime(2026, 4, 10, 10, 0, 0, DateTimeKind.Utc);
            db.Record(tenth, ("eth0", 0, 0), ("wlan0", 0, 0));
            db.Record(tenth.AddHours(1), ("eth0", 100 * MB, 0), ("wlan0", 0, 0));
            db.Record(Now.AddHours(-2), ("eth0", 100 * MB, 0), ("wlan0", 0, 0));
            db.Record(Now.AddHours(-1), ("eth0", 130 * MB, 3 * MB), ("wlan0", 0, 0));
        }

        [Fact]
        public void EachPeriodShowsTheRecordedBytesOfEverySelectedInterfaceFromItsBillingDay()
        {
            using var db = new HistoryTestDatabase();
            Record(db);
            MetricsSources sources = Sources(db, billingDay: 15);
            sources.Includes = name => name != "lo";
            MetricFamily usage = Build(db, sources)["netusagetracker_period_usage_bytes"];

            Assert.Equal(new[] { "interface", "direction", "period" }, usage.LabelNames);
            Assert.Equal(30 * MB, Value(usage, "eth0", "received", "day"));
            Assert.Equal(3 * MB, Value(usage, "eth0", "sent", "day"));
            // The 10th belongs to the billing month that ended on the 14th.
            Assert.Equal(30 * MB, Value(usage, "eth0", "received", "month"));
            Assert.Equal(0UL, Value(usage, "wlan0", "received", "month"));
            Assert.Equal(8, usage.Samples.Count);

            MetricFamily calendar = Build(db, Sources(db))["netusagetracker_period_usage_bytes"];
            Assert.Equal(130 * MB, Value(calendar, "eth0", "received", "month"));
        }

        [Fact]
        public void APlanShowsWhatTheQuotaEngineComputesForIt()
        {
            using var db = new HistoryTestDatabase();
            Record(db);
            var plan = new QuotaPlan("home \"fibre\"", (long)(200 * MB), QuotaPeriod.Month, 1, UsageDirection.Total, n => n == "eth0", "eth0");
            PlanQuota standing = plan.Compute(db.Reader, null, Now, db.Zone);
            NetUsageQuota expected = QuotaCalculator.Compute(db.Reader, n => n == "eth0", "eth0", (long)(200 * MB), QuotaPeriod.Month, 1,
                UsageDirection.Total, Now, (0, 0), db.Zone);
            MetricsSources sources = Sources(db);
            sources.Plans.Add(standing);
            Dictionary<string, MetricFamily> families = Build(db, sources);

            string[] labels = { "home \"fibre\"", "month", "total" };
            Assert.Equal(133 * MB, expected.Used);
            Assert.Equal(expected.Used, Value(families["netusagetracker_plan_used_bytes"], labels));
            Assert.Equal(200 * MB, Value(families["netusagetracker_plan_limit_bytes"], labels));
            Assert.Equal(0.665, families["netusagetracker_plan_used_ratio"].Samples.Single().Value.AsDouble, 12);
            Assert.Equal(expected.Forecast!.Value, Value(families["netusagetracker_plan_forecast_bytes"], labels));
            Assert.Equal(expected.DailyBudget, Value(families["netusagetracker_plan_daily_budget_bytes"], labels));
        }

        [Fact]
        public void AnUnrecordedReadingCountsInThePlanAsGetNetUsageQuotaCountsIt()
        {
            using var db = new HistoryTestDatabase();
            Record(db);
            var plan = new QuotaPlan("p", (long)(1000 * MB), QuotaPeriod.Day, 1, UsageDirection.Received, n => n == "eth0", "eth0");
            CounterReadings now = db.Readings(Now, ("eth0", 137 * MB, 3 * MB), ("wlan0", 0, 0));
            Assert.Equal(37 * MB, plan.Compute(db.Reader, now, Now, db.Zone).Quota.Used);
            Assert.Equal(30 * MB, plan.Compute(db.Reader, null, Now, db.Zone).Quota.Used);
        }

        [Fact]
        public void AYoungHistoryHasNoForecastSampleAndPlansMustHaveUniqueNames()
        {
            using var db = new HistoryTestDatabase();
            db.Record(Now.AddMinutes(-20), ("eth0", 0, 0));
            db.Record(Now.AddMinutes(-10), ("eth0", MB, 0));
            MetricsSources sources = Sources(db);
            var plan = new QuotaPlan("p", (long)MB, QuotaPeriod.Day, 1, UsageDirection.Total, _ => true, "eth0");
            sources.Plans.Add(plan.Compute(db.Reader, null, Now, db.Zone));
            Dictionary<string, MetricFamily> families = Build(db, sources);
            Assert.Empty(families["netusagetracker_plan_forecast_bytes"].Samples);
            Assert.Equal(1.0, families["netusagetracker_plan_used_ratio"].Samples.Single().Value.AsDouble);

            sources.Plans.Add(plan.Compute(db.Reader, null, Now, db.Zone));
            Assert.Throws<ArgumentException>(() => Build(db, sources));
        }

        [Fact]
        public void TheLastRecordingIsTheNewestStoredReadingInUnixSeconds()
        {
            using var db = new HistoryTestDatabase();
            Assert.Empty(Build(db, Sources(db))["netusagetracker_last_recording_timestamp_seconds"].Samples);
            Record(db);
            MetricSample last = Build(db, Sources(db))["netusagetracker_last_recording_timestamp_seconds"].Samples.Single();
            Assert.Equal(new DateTimeOffset(Now.AddHours(-1)).ToUnixTimeSeconds(), last.Value.AsDouble);
        }

        [Fact]
        public void EachJobGivesItsHealthByMechanism()
        {
            using var db = new HistoryTestDatabase();
            MetricsSources sources = Sources(db);
            sources.Jobs.Add(new NetUsageTask { Mechanism = "SystemdTimer", Healthy = true });
            sources.Jobs.Add(new NetUsageTask { Mechanism = "Cron", Healthy = false, Reason = "gone" });
            MetricFamily health = Build(db, sources)["netusagetracker_recorder_healthy"];
            Assert.Equal(1UL, Value(health, "systemd_timer"));
            Assert.Equal(0UL, Value(health, "cron"));
        }

        [Fact]
        public void InterfaceCountersCarryTheirClassAndOnlySelectedInterfacesShow()
        {
            using var db = new HistoryTestDatabase();
            var snapshot = new CounterSnapshot();
            snapshot.BeginFill();
            AddCounters(snapshot, "eth0", InterfaceClass.Physical, 1000, 2000);
            AddCounters(snapshot, "docker0", InterfaceClass.Virtual, 5, 6);
            AddCounters(snapshot, "lo", InterfaceClass.Loopback, 7, 7);
            MetricsSources sources = Sources(db);
            sources.Counters = snapshot;
            sources.Includes = name => name != "lo";
            Dictionary<string, MetricFamily> families = Build(db, sources);

            MetricFamily bytes = families["netusagetracker_interface_bytes_total"];
            Assert.Equal(MetricType.Counter, bytes.Type);
            Assert.Equal(1000UL, Value(bytes, "eth0", "physical", "received"));
            Assert.Equal(2000UL, Value(bytes, "eth0", "physical", "sent"));
            Assert.Equal(6UL, Value(bytes, "docker0", "virtual", "sent"));
            Assert.DoesNotContain(bytes.Samples, s => s.LabelValues[0] == "lo");
            Assert.Equal(1001UL, Value(families["netusagetracker_interface_packets_total"], "eth0", "physical", "received"));
            Assert.Equal(3UL, Value(families["netusagetracker_interface_errors_total"], "eth0", "physical", "sent"));
            Assert.Equal(4UL, Value(families["netusagetracker_interface_drops_total"], "eth0", "physical", "sent"));
        }

        [Theory]
        [InlineData("Received", "received")]
        [InlineData("SystemdTimer", "systemd_timer")]
        [InlineData("TaskScheduler", "task_scheduler")]
        [InlineData("Cron", "cron")]
        public void LabelValuesOfNamesAreSnakeCase(string name, string expected) => Assert.Equal(expected, UsageMetrics.LabelValue(name));

        private static void AddCounters(CounterSnapshot snapshot, string name, InterfaceClass cls, ulong rx, ulong tx)
        {
            ref InterfaceCounters slot = ref snapshot.NextSlot();
            slot.Name = name;
            slot.Class = cls;
            slot.BytesReceived = rx;
            slot.BytesSent = tx;
            slot.PacketsReceived = rx + 1;
            slot.SendErrors = 3;
            slot.SendDrops = 4;
        }
    }
}
