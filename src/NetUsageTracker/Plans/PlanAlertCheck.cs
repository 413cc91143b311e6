using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Alerts;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Networks;

namespace NetUsageTracker.Plans
{
    /// <summary>
    /// What a recorder does after each recording: checks every stored plan and raises each alert once per
    /// period (the row in <see cref="PlanAlertState"/> decides), as a verbose line and, for plans that notify,
    /// a desktop notification. A recording that jumps past several thresholds alerts once, for the highest.
    /// </summary>
    public sealed class PlanAlertCheck
    {
        private readonly HistoryDatabase _database;
        private readonly INotifier _notifier;
        private readonly TimeSpan _timeout;

        public PlanAlertCheck(HistoryDatabase database, INotifier? notifier = null, TimeSpan? timeout = null)
        {
            _database = database;
            _notifier = notifier ?? Notifier.ForThisPlatform;
            _timeout = timeout ?? Notifier.DefaultTimeout;
        }

        /// <param name="networks">Read only when a plan counts networks (reading them costs a bus call).</param>
        /// <param name="verbose">The recorder's log: every alert, and why a notification was not shown.</param>
        /// <returns>The alerts raised by this call.</returns>
        public List<NetUsagePlanAlert> Run(Func<NetworkSnapshot> networks, DateTime nowUtc, Action<string> verbose, TimeZoneInfo? zone = null)
        {
            var raised = new List<NetUsagePlanAlert>();
            List<NetUsagePlan> plans = new PlanStore(_database).List();
            if (plans.Count == 0)
            {
                return raised;
            }

            NetworkSnapshot? now = plans.Any(p => p.Scope == PlanScope.Network || p.Scope == PlanScope.Metered) ? networks() : null;
            var reader = new HistoryReader(_database, zone);
            List<PlanQuota> quotas = PlanQuotas.Compute(reader, plans, now, unrecorded: null, nowUtc, zone);
            var state = new PlanAlertState(_database);
            for (int i = 0; i < plans.Count; i++)
            {
                foreach (NetUsagePlanAlert alert in Claim(state, plans[i], quotas[i].Quota, nowUtc))
                {
                    Deliver(state, plans[i], alert, verbose);
                    raised.Add(alert);
                }
            }

            return raised;
        }

        /// <summary>The alerts this recording raises for the plan, their rows claimed.</summary>
        private static IEnumerable<NetUsagePlanAlert> Claim(PlanAlertState state, NetUsagePlan plan, NetUsageQuota quota, DateTime nowUtc)
        {
            double percent = NetUsagePlanAlert.Percent(quota);
            NetUsagePlanAlert? highest = null;
            foreach (double threshold in plan.Threshold.Where(t => percent >= t).OrderByDescending(t => t))
            {
                var alert = NetUsagePlanAlert.ForThreshold(plan, quota, threshold, nowUtc);
                // Below the highest threshold passed now, a row only stops a later alert: nobody is told twice.
                alert.Delivered = highest != null || !plan.Notify;
                if (state.Claim(alert) && highest == null)
                {
                    highest = alert;
                }
                else if (highest == null)
                {
                    // This threshold alerted before; so did every lower one.
                    break;
                }
            }

            if (highest != null)
            {
                yield return highest;
            }

            if (!quota.Exceeded && quota.ProjectedExceedTime.HasValue && quota.Forecast > (ulong)quota.Limit)
            {
                var forecast = NetUsagePlanAlert.ForForecast(plan, quota, quota.ProjectedExceedTime.Value, nowUtc);
                forecast.Delivered = !plan.Notify;
                if (state.Claim(forecast))
                {
                    yield return forecast;
                }
            }
        }

        private void Deliver(PlanAlertState state, NetUsagePlan plan, NetUsagePlanAlert alert, Action<string> verbose)
        {
            verbose($"{alert.Title}: {alert.Message}");
            if (!plan.Notify)
            {
                return;
            }

            try
            {
                _notifier.Show(alert.Title, alert.Message, _timeout);
                state.MarkDelivered(alert);
            }
            catch (NotificationException e)
            {
                verbose($"The alert was not shown by {_notifier.Name}: {e.Message}. The next Get-NetUsageQuota or Get-NetUsagePlan shows it.");
            }
        }
    }
}
