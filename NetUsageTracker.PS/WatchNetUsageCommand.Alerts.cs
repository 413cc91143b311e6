using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Commands
{
    /// <summary>Watch-NetUsage's alerts: thresholds, the rate limit, notifications, engine events and -Action.</summary>
    public sealed partial class WatchNetUsageCommand
    {
        /// <summary>The engine event every alert raises; Register-EngineEvent subscribes to it.</summary>
        public const string LimitExceededEvent = LimitAlerts.LimitExceededEvent;

        [Parameter] public SwitchParameter Notify { get => _limit.Notify; set => _limit.Notify = value; }

        [Parameter, ValidateNotNullOrEmpty, ValidatePositive] public double[]? Threshold { get => _limit.Threshold; set => _limit.Threshold = value; }

        [Parameter]
        [ByteSizeTransformation]
        [ValidatePositive]
        public long RateLimit { get; set; }

        [Parameter]
        [ValidatePositive]
        public double RateWindow { get; set; } = 10;

        /// <summary>Checks how the alert parameters combine and sets up the monitors.</summary>
        private LimitAlerts StartAlerts()
        {
            bool hasRateLimit = MyInvocation.BoundParameters.ContainsKey(nameof(RateLimit));
            if (Threshold != null && !_limit.HasLimit)
            {
                ThrowUsage("ThresholdWithoutLimit", "-Threshold is a percentage of -Limit; give -Limit too, e.g. -Limit 5GB -Threshold 80,100.");
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(RateWindow)) && !hasRateLimit)
            {
                ThrowUsage("RateWindowWithoutRateLimit", "-RateWindow is the averaging window of -RateLimit; give -RateLimit too, e.g. -RateLimit 10MB -RateWindow 30.");
            }

            if (Notify && !_limit.HasLimit && !hasRateLimit)
            {
                ThrowUsage("NotifyWithoutLimit", "-Notify shows a notification when a limit is crossed; give -Limit or -RateLimit too.");
            }

            var alerts = new LimitAlerts("watch", Direction, Threshold, Notify, WriteWarning, WriteVerbose, _limit.Publish)
            {
                CountedSince = _period == null ? null : (Func<DateTime, string>)_period.CountedSince,
            };
            if (hasRateLimit)
            {
                alerts.RateLimit = new RateLimitMonitor(RateLimit, TimeSpan.FromSeconds(RateWindow));
            }

            if (_limit.HasLimit)
            {
                alerts.SetLimit(Limit);
            }

            return alerts;
        }

        /// <summary>Each alert is a warning, a notification (with -Notify), an engine event and then a run of -Action.</summary>
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

        private void ThrowUsage(string errorId, string message) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, null));
    }
}
