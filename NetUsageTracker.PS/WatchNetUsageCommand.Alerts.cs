using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.Alerts;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Commands
{
    /// <summary>Watch-NetUsage's alerts: thresholds, the rate limit, notifications, engine events and -Action.</summary>
    public sealed partial class WatchNetUsageCommand
    {
        /// <summary>The engine event every alert raises; Register-EngineEvent subscribes to it.</summary>
        public const string LimitExceededEvent = "NetUsageTracker.LimitExceeded";

        /// <summary>How long the end of a watch waits for a notification still on its way, to report its failure.</summary>
        private static readonly TimeSpan FinalNotificationWait = TimeSpan.FromSeconds(5);

        private RateLimitMonitor? _rateMonitor;
        private NotificationDispatcher? _notifications;
        private bool _notificationFailureReported;

        [Parameter]
        public SwitchParameter Notify { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePositive]
        public double[]? Threshold { get; set; }

        [Parameter]
        [ByteSizeTransformation]
        [ValidatePositive]
        public long RateLimit { get; set; }

        [Parameter]
        [ValidatePositive]
        public double RateWindow { get; set; } = 10;

        /// <summary>Checks how the alert parameters combine and sets up the monitors; returns the threshold monitor.</summary>
        private ThresholdMonitor? StartAlerts()
        {
            bool hasRateLimit = MyInvocation.BoundParameters.ContainsKey(nameof(RateLimit));
            if (Threshold != null && !HasLimit)
            {
                ThrowUsage("ThresholdWithoutLimit", "-Threshold is a percentage of -Limit; give -Limit too, e.g. -Limit 5GB -Threshold 80,100.");
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(RateWindow)) && !hasRateLimit)
            {
                ThrowUsage("RateWindowWithoutRateLimit", "-RateWindow is the averaging window of -RateLimit; give -RateLimit too, e.g. -RateLimit 10MB -RateWindow 30.");
            }

            if (Notify && !HasLimit && !hasRateLimit)
            {
                ThrowUsage("NotifyWithoutLimit", "-Notify shows a notification when a limit is crossed; give -Limit or -RateLimit too.");
            }

            if (hasRateLimit)
            {
                _rateMonitor = new RateLimitMonitor(RateLimit, TimeSpan.FromSeconds(RateWindow));
            }

            if (Notify)
            {
                _notifications = new NotificationDispatcher(Alerts.Notifier.ForThisPlatform, Alerts.Notifier.DefaultTimeout);
            }

            return HasLimit ? new ThresholdMonitor(Limit, Threshold) : null;
        }

        /// <summary>Feeds this step to the monitors and returns the alerts it raises (usually none).</summary>
        private List<NetUsageAlert> CheckAlerts(NetUsageWatch watch, ThresholdMonitor? thresholds)
        {
            var alerts = new List<NetUsageAlert>();
            if (thresholds != null)
            {
                foreach (double threshold in thresholds.Update(watch.CountedBytes))
                {
                    alerts.Add(NewAlert(watch, AlertKind.Threshold, threshold, watch.CountedBytes, thresholds.Limit, null));
                }

                watch.ThresholdsCrossed = thresholds.Crossed;
            }

            if (_rateMonitor != null && _rateMonitor.Update(watch.Elapsed.TotalSeconds, watch.CountedBytes))
            {
                alerts.Add(NewAlert(watch, AlertKind.RateLimit, 100, _rateMonitor.Average ?? 0, _rateMonitor.Limit, _rateMonitor.Window));
            }

            return alerts;
        }

        /// <summary>Each alert is a warning, a notification (with -Notify), an engine event and a run of -Action.</summary>
        private void RaiseAlerts(List<NetUsageAlert> alerts)
        {
            ReportNotificationFailures();
            foreach (NetUsageAlert alert in alerts)
            {
                WriteWarning(AlertText.Headline(alert) + ": " + alert.Message);
                _notifications?.Post(alert.Title, alert.Message);
                // Handlers run now, on this thread: queued, they would wait until the watch ends.
                Events.GenerateEvent(LimitExceededEvent, null, new object[] { alert }, new PSObject(alert), true, true);
                RunAction(alert);
            }
        }

        /// <summary>Gives a notification still on its way a moment, so a failure is reported before the watch ends.</summary>
        private void FinishAlerts()
        {
            if (_notifications != null && _notifications.WaitForPending(FinalNotificationWait, StopToken))
            {
                ReportNotificationFailures();
            }
        }

        private void ReportNotificationFailures()
        {
            while (_notifications != null && _notifications.TryTakeFailure(out NotificationException failure))
            {
                // Once per watch: the reason rarely changes from one alert to the next (no desktop is no desktop).
                if (_notificationFailureReported)
                {
                    WriteVerbose($"The desktop notification could not be shown: {failure.Message}.");
                    continue;
                }

                _notificationFailureReported = true;
                WriteWarning($"The desktop notification could not be shown: {failure.Message}. The watch goes on; " +
                    $"alerts still arrive as warnings and as {LimitExceededEvent} events.");
            }
        }

        private void RunAction(NetUsageAlert alert)
        {
            if (Action == null)
            {
                return;
            }

            try
            {
                var variables = new List<PSVariable> { new PSVariable("_", alert), new PSVariable("PSItem", alert) };
                // The action's own output is dropped so the pipeline carries only watch objects (an
                // Export-Csv log stays one type); Write-Host, Write-Warning and files work as usual.
                Action.InvokeWithContext(null, variables, alert);
            }
            catch (RuntimeException e)
            {
                WriteError(new ErrorRecord(e, "ActionFailed", ErrorCategory.OperationStopped, Action)
                {
                    ErrorDetails = new ErrorDetails($"The -Action script block failed: {e.Message}"),
                });
            }
        }

        private NetUsageAlert NewAlert(NetUsageWatch watch, AlertKind kind, double threshold, double usage, double limit, TimeSpan? window)
        {
            var alert = new NetUsageAlert
            {
                Kind = kind,
                Threshold = threshold,
                Usage = usage,
                Limit = limit,
                Percent = Math.Round(usage * 100 / limit, 2),
                Direction = Direction,
                InterfaceName = watch.InterfaceName,
                RateWindow = window,
                Timestamp = watch.Timestamp,
                ComputerName = watch.ComputerName,
                Watch = watch,
            };
            alert.Title = AlertText.Title(alert);
            alert.Message = AlertText.Message(alert);
            return alert;
        }

        private void ThrowUsage(string errorId, string message) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, null));
    }
}
