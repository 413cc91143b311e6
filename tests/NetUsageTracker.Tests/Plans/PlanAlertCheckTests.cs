using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Alerts;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Plans;
using Xunit;

namespace NetUsageTracker.Tests.Plans
{
    public sealed class PlanAlertCheckTests
    {
        private static readonly DateTime Start = new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc);

        private sealed class RecordingNotifier : INotifier
        {
            public List<string> Titles { get; } = new List<string>();

            public bool Available { get; set; } = true;

            public string Name => "the test's notifier";

            public void Show(string title, string message, TimeSpan timeout)
            {
                if (!Available)
                {
                    throw new NotificationException("no desktop here", true);
                }

                Titles.Add(title);
            }
        }

        private static HistoryTestDatabase WithPlan(long limit, double[] thresholds, QuotaPeriod period = QuotaPeriod.Month, bool notify = true)
        {
            var history = new HistoryTestDatabase();
            new PlanStore(history.Database).Add(new NetUsagePlan
            {
                Name = "Phone",
                Scope = PlanScope.Interface,
                InterfaceName = new[] { "wlan*" },
                Limit = limit,
                Period = period,
                Threshold = thresholds,
                Notify = notify,
            });
            return history;
        }

        private static List<NetUsagePlanAlert> Check(HistoryTestDatabase history, INotifier notifier, DateTime nowUtc, List<string>? log = null) =>
            new PlanAlertCheck(history.Database, notifier, TimeSpan.FromSeconds(1))
                .Run(() => NetworkSnapshot.Empty, nowUtc, line => log?.Add(line), history.Zone);

        [Fact]
        public void Each_threshold_alerts_once_per_period_whichever_check_sees_it_first()
        {
            using HistoryTestDatabase history = WithPlan(1000, new[] { 50.0, 100 });
            var notifier = new RecordingNotifier();
            history.Record(Start, ("wlan0", 0, 0), ("eth0", 0, 0));
            Assert.Empty(Check(history, notifier, Start));

            history.Record(Start.AddMinutes(5), ("wlan0", 600, 0), ("eth0", 5000, 0));
            Assert.Equal(50, Assert.Single(Check(history, notifier, Start.AddMinutes(5))).Threshold);
            // A second recorder process: its own check over the same database.
            Assert.Empty(Check(history, new RecordingNotifier(), Start.AddMinutes(5)));

            history.Record(Start.AddMinutes(10), ("wlan0", 1100, 0), ("eth0", 9000, 0));
            Assert.Equal(100, Assert.Single(Check(history, notifier, Start.AddMinutes(10))).Threshold);
            history.Record(Start.AddMinutes(15), ("wlan0", 1500, 0), ("eth0", 9000, 0));
            Assert.Empty(Check(history, notifier, Start.AddMinutes(15)));

            Assert.Equal(new[] { "NetUsageTracker: plan 'Phone' at 50 % of its limit", "NetUsageTracker: plan 'Phone' reached its limit" }, notifier.Titles);
        }

        [Fact]
        public void A_recording_that_jumps_past_several_thresholds_alerts_once_for_the_highest()
        {
            using HistoryTestDatabase history = WithPlan(1000, new[] { 80.0, 90, 100 });
            var notifier = new RecordingNotifier();
            history.Record(Start, ("wlan0", 0, 0));
            history.Record(Start.AddMinutes(5), ("wlan0", 950, 0));
            Assert.Equal(90, Assert.Single(Check(history, notifier, Start.AddMinutes(5))).Threshold);
            history.Record(Start.AddMinutes(10), ("wlan0", 960, 0));
            Assert.Empty(Check(history, notifier, Start.AddMinutes(10)));
            Assert.Single(notifier.Titles);
        }

        [Fact]
        public void A_new_period_alerts_again()
        {
            using HistoryTestDatabase history = WithPlan(1000, new[] { 50.0 }, QuotaPeriod.Day);
            var notifier = new RecordingNotifier();
            history.Record(Start, ("wlan0", 0, 0));
            history.Record(Start.AddMinutes(5), ("wlan0", 600, 0));
            Assert.Single(Check(history, notifier, Start.AddMinutes(5)));

            DateTime tomorrow = Start.AddDays(1);
            history.Record(tomorrow, ("wlan0", 700, 0));
            Assert.Empty(Check(history, notifier, tomorrow));
            history.Record(tomorrow.AddMinutes(5), ("wlan0", 1400, 0));
            // A day's history now gives a forecast too (1,400 B a day against 1,000): that alert is the period's own.
            NetUsagePlanAlert again = Assert.Single(Check(history, notifier, tomorrow.AddMinutes(5)), a => a.Kind == PlanAlertKind.Threshold);
            Assert.Equal(new DateTime(2026, 12, 4), again.PeriodStart);
            Assert.Equal(2, notifier.Titles.Count(t => t.Contains("at 50 %")));
        }

        [Fact]
        public void An_alert_no_desktop_showed_is_in_the_log_and_waits_to_be_shown_once()
        {
            using HistoryTestDatabase history = WithPlan(1000, new[] { 50.0 });
            var notifier = new RecordingNotifier { Available = false };
            var log = new List<string>();
            history.Record(Start, ("wlan0", 0, 0));
            history.Record(Start.AddMinutes(5), ("wlan0", 600, 0));
            Check(history, notifier, Start.AddMinutes(5), log);

            Assert.Contains(log, line => line.StartsWith("NetUsageTracker: plan 'Phone' at 50 % of its limit: ", StringComparison.Ordinal));
            Assert.Contains(log, line => line.Contains("no desktop here"));
            var state = new PlanAlertState(history.Database);
            Assert.True(state.AnyUnshown());
            Assert.Equal(50, Assert.Single(state.TakeUnshown()).Threshold);
            Assert.Empty(state.TakeUnshown());
        }

        [Fact]
        public void A_plan_that_does_not_notify_alerts_in_the_log_only()
        {
            using HistoryTestDatabase history = WithPlan(1000, new[] { 50.0 }, notify: false);
            var notifier = new RecordingNotifier();
            var log = new List<string>();
            history.Record(Start, ("wlan0", 0, 0));
            history.Record(Start.AddMinutes(5), ("wlan0", 600, 0));
            Assert.Single(Check(history, notifier, Start.AddMinutes(5), log));
            Assert.Empty(notifier.Titles);
            Assert.Single(log);
            Assert.False(new PlanAlertState(history.Database).AnyUnshown());
        }

        [Fact]
        public void A_forecast_past_the_limit_alerts_once_naming_the_day()
        {
            using HistoryTestDatabase history = WithPlan(100_000, new[] { 100.0 });
            var notifier = new RecordingNotifier();
            // 10,000 B a day since 2026-12-01 (a 31-day period from the 1st): the limit falls on the 10th day.
            DateTime first = new DateTime(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc);
            history.Record(first, ("wlan0", 0, 0));
            DateTime now = first.AddDays(2);
            history.Record(now, ("wlan0", 20_000, 0));
            NetUsagePlanAlert forecast = Assert.Single(Check(history, notifier, now));
            Assert.Equal(PlanAlertKind.Forecast, forecast.Kind);
            Assert.StartsWith("NetUsageTracker: plan 'Phone' will reach its limit on ", forecast.Title);
            Assert.Contains("2026-12-10", forecast.Title);
            history.Record(now.AddHours(1), ("wlan0", 21_000, 0));
            Assert.Empty(Check(history, notifier, now.AddHours(1)));
        }
    }
}
