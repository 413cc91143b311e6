using System;
using System.Collections.Generic;
using System.Threading;
using NetUsageTracker.Alerts;

namespace NetUsageTracker.Limits
{
    /// <summary>
    /// The alerts of a live limit, shared by Watch-NetUsage and Show-NetUsage: each threshold once per
    /// crossing, one alert for the highest when a step passes several, 80 % and the limit unless -Threshold
    /// says otherwise (the rate limit once per episode), each alert a warning, a desktop notification with
    /// -Notify, and a NetUsageTracker.LimitExceeded engine event (published by the cmdlet, through
    /// <c>publish</c>: the engine knows no PowerShell).
    /// </summary>
    public sealed class LimitAlerts
    {
        /// <summary>The engine event every alert raises; Register-EngineEvent subscribes to it.</summary>
        public const string LimitExceededEvent = "NetUsageTracker.LimitExceeded";

        /// <summary>How long the end of a watch waits for a notification still on its way, to report its failure.</summary>
        private static readonly TimeSpan FinalNotificationWait = TimeSpan.FromSeconds(5);

        private readonly string _activity;
        private readonly UsageDirection _direction;
        private readonly double[]? _thresholds;
        private readonly Action<string> _warn;
        private readonly Action<string> _verbose;
        private readonly Action<NetUsageAlert> _publish;
        private readonly NotificationDispatcher? _notifications;
        private bool _notificationFailureReported;

        /// <param name="activity">What goes on when a notification fails ("watch", "view").</param>
        /// <param name="warn">Where warnings go: WriteWarning, or a view that shows them and writes them at its end.</param>
        /// <param name="publish">Raises the alert's engine event, on the caller's thread.</param>
        /// <param name="notifier">What shows the notifications with <paramref name="notify"/>; the platform's by default.</param>
        public LimitAlerts(string activity, UsageDirection direction, double[]? thresholds, bool notify,
            Action<string> warn, Action<string> verbose, Action<NetUsageAlert> publish, INotifier? notifier = null)
        {
            _activity = activity;
            _direction = direction;
            _thresholds = thresholds;
            _warn = warn;
            _verbose = verbose;
            _publish = publish;
            if (notify)
            {
                _notifications = new NotificationDispatcher(notifier ?? Notifier.ForThisPlatform, Notifier.DefaultTimeout);
            }
        }

        /// <summary>Where the counted usage starts at a local time, in words; null: since the activity began.
        /// A cmdlet that counts from the billing period's start sets it.</summary>
        public Func<DateTime, string>? CountedSince { get; set; }

        /// <summary>The thresholds of the limit; null while there is no limit.</summary>
        public ThresholdMonitor? Thresholds { get; private set; }

        public RateLimitMonitor? RateLimit { get; set; }

        /// <summary>Sets or replaces the limit; its thresholds start unfired, so usage already past one alerts at the next check.</summary>
        public void SetLimit(long limit) => Thresholds = new ThresholdMonitor(limit, _thresholds ?? LimitGauge.DefaultThresholds);

        /// <summary>
        /// One step of a watch or view as the alerts see it (and Watch-NetUsage writes it): the usage since it
        /// began, the rates, what the limit counts and how far the limit is.
        /// </summary>
        public NetUsageWatch Describe(DateTime timestamp, string computerName, string interfaceName, ulong bytesReceived, ulong bytesSent,
            double receivedRate, double sentRate, TimeSpan elapsed, ulong counted)
        {
            ThresholdMonitor? monitor = Thresholds;
            return new NetUsageWatch
            {
                Timestamp = timestamp,
                ComputerName = computerName,
                InterfaceName = interfaceName,
                BytesReceived = bytesReceived,
                BytesSent = bytesSent,
                ReceivedBytesPerSecond = receivedRate,
                SentBytesPerSecond = sentRate,
                Elapsed = elapsed,
                Direction = _direction,
                CountedBytes = counted,
                Limit = monitor?.Limit,
                PercentOfLimit = monitor == null ? (double?)null : Math.Round(monitor.PercentOf(counted), 2),
                LimitExceeded = monitor != null && counted >= (ulong)monitor.Limit,
            };
        }

        /// <summary>Feeds this step to the monitors and returns the alerts it raises (usually none).</summary>
        public List<NetUsageAlert> Check(NetUsageWatch watch)
        {
            var alerts = new List<NetUsageAlert>();
            if (Thresholds != null)
            {
                // A step past several thresholds at once is one alert, naming the highest: "limit reached", not
                // "at 80 %" with 235 % beside it.
                IReadOnlyList<double> fired = Thresholds.Update(watch.CountedBytes);
                if (fired.Count > 0)
                {
                    alerts.Add(NewAlert(watch, AlertKind.Threshold, fired[fired.Count - 1], watch.CountedBytes, Thresholds.Limit, null));
                }

                watch.ThresholdsCrossed = Thresholds.Crossed;
            }

            if (RateLimit != null && RateLimit.Update(watch.Elapsed.TotalSeconds, watch.CountedBytes))
            {
                alerts.Add(NewAlert(watch, AlertKind.RateLimit, 100, RateLimit.Average ?? 0, RateLimit.Limit, RateLimit.Window));
            }

            return alerts;
        }

        /// <summary>The warning's text for an alert: what crossed, then the numbers.</summary>
        public static string WarningText(NetUsageAlert alert) => AlertText.Headline(alert) + ": " + alert.Message;

        /// <summary>Each alert is a warning, a notification (with -Notify), an engine event and <paramref name="then"/>.</summary>
        public void Raise(IReadOnlyList<NetUsageAlert> alerts, Action<NetUsageAlert>? then)
        {
            ReportNotificationFailures();
            foreach (NetUsageAlert alert in alerts)
            {
                _warn(WarningText(alert));
                _notifications?.Post(alert.Title, alert.Message);
                _publish(alert);
                then?.Invoke(alert);
            }
        }

        /// <summary>Gives a notification still on its way a moment, so a failure is reported before the cmdlet ends.</summary>
        public void Finish(CancellationToken stop)
        {
            if (_notifications != null && _notifications.WaitForPending(FinalNotificationWait, stop))
            {
                ReportNotificationFailures();
            }
        }

        private void ReportNotificationFailures()
        {
            while (_notifications != null && _notifications.TryTakeFailure(out NotificationException failure))
            {
                // Once per run: the reason rarely changes from one alert to the next (no desktop is no desktop).
                if (_notificationFailureReported)
                {
                    _verbose($"The desktop notification could not be shown: {failure.Message}.");
                    continue;
                }

                _notificationFailureReported = true;
                _warn($"The desktop notification could not be shown: {failure.Message}. The {_activity} goes on; " +
                    $"alerts still arrive as warnings and as {LimitExceededEvent} events.");
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
                Direction = _direction,
                InterfaceName = watch.InterfaceName,
                CountedSince = CountedSince?.Invoke(watch.Timestamp) ?? $"since the {_activity} began",
                RateWindow = window,
                Timestamp = watch.Timestamp,
                ComputerName = watch.ComputerName,
                Watch = watch,
            };
            alert.Title = AlertText.Title(alert);
            alert.Message = AlertText.Message(alert);
            return alert;
        }
    }
}
