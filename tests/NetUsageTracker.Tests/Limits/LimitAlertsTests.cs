using System;
using System.Collections.Generic;
using System.Threading;
using NetUsageTracker.Alerts;
using NetUsageTracker.Limits;
using Xunit;

namespace NetUsageTracker.Tests.Limits
{
    /// <summary>The alert policy Watch-NetUsage and Show-NetUsage share, now in the engine.</summary>
    public class LimitAlertsTests
    {
        private readonly List<string> _warnings = new List<string>();
        private readonly List<string> _verbose = new List<string>();
        private readonly List<NetUsageAlert> _published = new List<NetUsageAlert>();

        private LimitAlerts New(double[]? thresholds, INotifier? notifier = null) =>
            new LimitAlerts("watch", UsageDirection.Received, thresholds, notifier != null, _warnings.Add, _verbose.Add, _published.Add, notifier);

        private static NetUsageWatch Step(LimitAlerts alerts, ulong counted, double seconds) =>
            alerts.Describe(new DateTime(2026, 11, 26, 21, 0, 0).AddSeconds(seconds), "pc", "eth0", counted, 7, 10, 1, TimeSpan.FromSeconds(seconds), counted);

        [Fact]
        public void AStepSaysHowFarTheLimitIsOnlyWhenThereIsOne()
        {
            LimitAlerts alerts = New(null);
            NetUsageWatch free = Step(alerts, 500, 1);
            Assert.Null(free.Limit);
            Assert.Null(free.PercentOfLimit);
            Assert.False(free.LimitExceeded);
            Assert.Equal(UsageDirection.Received, free.Direction);

            alerts.SetLimit(3000);
            NetUsageWatch limited = Step(alerts, 1000, 2);
            Assert.Equal(3000L, limited.Limit);
            Assert.Equal(33.33, limited.PercentOfLimit);
            Assert.False(limited.LimitExceeded);
            Assert.True(Step(alerts, 3000, 3).LimitExceeded);
        }

        [Fact]
        public void EachThresholdFiresOncePerCrossingAndEveryAlertIsAWarningAndAnEvent()
        {
            LimitAlerts alerts = New(new[] { 50.0, 100.0 });
            alerts.SetLimit(1000);
            var raised = new List<NetUsageAlert>();
            foreach ((ulong counted, double seconds) in new[] { (400UL, 1.0), (600UL, 2.0), (700UL, 3.0), (1200UL, 4.0), (1300UL, 5.0) })
            {
                List<NetUsageAlert> step = alerts.Check(Step(alerts, counted, seconds));
                alerts.Raise(step, raised.Add);
            }

            Assert.Equal(new[] { 50.0, 100.0 }, raised.ConvertAll(a => a.Threshold));
            Assert.Equal(raised, _published);
            Assert.Equal(2, _warnings.Count);
            Assert.StartsWith("Network usage at 50 % of the limit: 600 B received on eth0 since the watch began", _warnings[0]);
            Assert.Equal(new[] { 50.0, 100.0 }, raised[1].Watch!.ThresholdsCrossed);
        }

        [Fact]
        public void AStepPastSeveralThresholdsIsOneAlertNamingTheHighest()
        {
            LimitAlerts alerts = New(new[] { 50.0, 80.0, 100.0 });
            alerts.SetLimit(1000);
            NetUsageWatch step = Step(alerts, 2356, 1);
            List<NetUsageAlert> raised = alerts.Check(step);
            alerts.Raise(raised, null);

            NetUsageAlert alert = Assert.Single(raised);
            Assert.Equal(100.0, alert.Threshold);
            Assert.Equal("Network usage limit reached: 2.3 KB received on eth0 since the watch began, limit 1000 B (235.6 %).", Assert.Single(_warnings));
            Assert.Equal(new[] { 50.0, 80.0, 100.0 }, step.ThresholdsCrossed);
        }

        [Fact]
        public void WithoutThresholdsTheAlertsComeAtTheGaugesEightyPercentAndTheLimit()
        {
            LimitAlerts alerts = New(null);
            alerts.SetLimit(1000);
            Assert.Equal(80.0, Assert.Single(alerts.Check(Step(alerts, 850, 1))).Threshold);
            Assert.Equal(100.0, Assert.Single(alerts.Check(Step(alerts, 1000, 2))).Threshold);
            Assert.Equal(LimitGauge.DefaultThresholds, alerts.Thresholds!.Thresholds);
        }

        [Fact]
        public void TheThresholdsCrossedReadAsNumbersInText()
        {
            LimitAlerts alerts = New(new[] { 50.0, 99.5, 100.0 });
            alerts.SetLimit(1000);
            NetUsageWatch step = Step(alerts, 996, 1);
            alerts.Check(step);
            Assert.Equal("50,99.5", step.ThresholdsCrossed.ToString());
            Assert.Equal("", new NetUsageWatch().ThresholdsCrossed.ToString());
        }

        [Fact]
        public void APeriodNamesWhereTheCountingStarts()
        {
            LimitAlerts alerts = New(null);
            alerts.CountedSince = local => "since 2026-11-07";
            alerts.SetLimit(100);
            NetUsageAlert alert = alerts.Check(Step(alerts, 100, 1))[0];
            Assert.Equal("since 2026-11-07", alert.CountedSince);
            Assert.Contains("since 2026-11-07, limit 100 B (100 %)", alert.Message);
        }

        [Fact]
        public void AFailingNotificationIsOneWarningThenVerboseAndTheAlertsGoOn()
        {
            var notifier = new FailingNotifier();
            LimitAlerts alerts = New(new[] { 10.0, 20.0, 30.0 }, notifier);
            alerts.SetLimit(100);
            alerts.Raise(alerts.Check(Step(alerts, 15, 1)), null);
            alerts.Finish(CancellationToken.None);
            alerts.Raise(alerts.Check(Step(alerts, 25, 2)), null);
            alerts.Raise(alerts.Check(Step(alerts, 35, 3)), null);
            alerts.Finish(CancellationToken.None);

            Assert.Equal(3, notifier.Calls);
            Assert.Equal(3, _published.Count);
            Assert.Single(_warnings, w => w.StartsWith("The desktop notification could not be shown: no desktop. The watch goes on; alerts still arrive as warnings and as NetUsageTracker.LimitExceeded events.", StringComparison.Ordinal));
            Assert.Equal(2, _verbose.Count);
            Assert.All(_verbose, v => Assert.Equal("The desktop notification could not be shown: no desktop.", v));
        }

        private sealed class FailingNotifier : INotifier
        {
            private int _calls;

            public int Calls => _calls;

            public string Name => "test";

            public void Show(string title, string message, TimeSpan timeout)
            {
                Interlocked.Increment(ref _calls);
                throw new NotificationException("no desktop", true);
            }
        }
    }
}
