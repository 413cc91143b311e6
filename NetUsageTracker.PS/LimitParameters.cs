using System;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Plans;
using NetUsageTracker.Reports;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// The limit parameters -Limit, -Direction, -Period, -BillingDay, -Threshold and -Notify, defined once for
    /// Show-NetUsage, Watch-NetUsage, Get-/Test-NetUsageQuota and Export-NetUsageReport: their values and
    /// defaults, what they mean together, and the errors they give. Each cmdlet declares the ones it takes,
    /// with their attributes, on one line each where they stand in its syntax, and keeps the value here:
    /// PowerShell lists a cmdlet's parameters in the order it finds them, its own class before its base
    /// classes, and reads a parameter's attributes from the declaring property only, so a base class would
    /// reorder Show- and Watch-NetUsage's syntax.
    /// </summary>
    internal sealed class LimitParameters
    {
        private readonly PSCmdlet _cmdlet;

        public LimitParameters(PSCmdlet cmdlet, QuotaPeriod period)
        {
            _cmdlet = cmdlet;
            Period = period;
        }

        /// <summary>The limit in bytes (-Limit takes sizes such as 5GB or '1.5 GB').</summary>
        public long Limit { get; set; }

        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        public QuotaPeriod Period { get; set; }

        public int BillingDay { get; set; } = 1;

        /// <summary>The -Threshold percentages; null when none were given.</summary>
        public double[]? Threshold { get; set; }

        public bool Notify { get; set; }

        public bool HasLimit => Given(nameof(Limit)) || _plan != null;

        /// <summary>The stored plan (-Plan, or Show-NetUsage's current plan) whose limit this is; null for none.</summary>
        private NetUsagePlan? _plan;

        /// <summary>Takes the limit, direction, period and thresholds of a stored plan.</summary>
        public void UsePlan(NetUsagePlan plan)
        {
            _plan = plan;
            Limit = plan.Limit;
            Direction = plan.Direction;
            Period = plan.Period;
            BillingDay = plan.BillingDay;
            Threshold = plan.Threshold;
        }

        /// <summary>The limit, or null without -Limit.</summary>
        public long? GivenLimit => HasLimit ? Limit : (long?)null;

        /// <summary>The limit as the report's quota asks for it, or null without -Limit.</summary>
        public QuotaRequest? Quota => HasLimit ? new QuotaRequest(Limit, Period, BillingDay, Direction) : null;

        /// <summary>
        /// What a live limit counts: -Period as given; -BillingDay alone means the billing month; neither, the
        /// session. -BillingDay with -Period Session is refused (BillingDayWithoutPeriod), as it can mean nothing.
        /// </summary>
        public QuotaPeriod CountedPeriod()
        {
            if (_plan != null)
            {
                return _plan.Period;
            }

            bool periodGiven = Given(nameof(Period));
            if (Given(nameof(BillingDay)))
            {
                if (periodGiven && Period == QuotaPeriod.Session)
                {
                    _cmdlet.ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException("-BillingDay sets the day a billing month starts; use it with -Period Month, not -Period Session."),
                        "BillingDayWithoutPeriod", ErrorCategory.InvalidArgument, BillingDay));
                }

                return periodGiven ? Period : QuotaPeriod.Month;
            }

            return periodGiven ? Period : QuotaPeriod.Session;
        }

        /// <summary>Raises an alert's NetUsageTracker.LimitExceeded engine event; its handlers run now, on this thread
        /// (queued, they would wait until the cmdlet ends).</summary>
        public void Publish(NetUsageAlert alert) =>
            _cmdlet.Events.GenerateEvent(LimitAlerts.LimitExceededEvent, null, new object[] { alert }, new PSObject(alert), true, true);

        private bool Given(string name) => _cmdlet.MyInvocation.BoundParameters.ContainsKey(name);
    }
}
