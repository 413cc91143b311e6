using System;
using System.Globalization;
using NetUsageTracker.History;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Plans
{
    /// <summary>What a plan's alert is about.</summary>
    public enum PlanAlertKind
    {
        /// <summary>The usage passed one of the plan's thresholds.</summary>
        Threshold,

        /// <summary>The forecast for the period's end passed the limit.</summary>
        Forecast,
    }

    /// <summary>
    /// An alert the recorder raised for a stored plan: once per threshold per period, and once per period for
    /// a forecast past the limit. Also what the next interactive cmdlet shows when no desktop could.
    /// </summary>
    public sealed class NetUsagePlanAlert
    {
        public string Plan { get; set; } = "";

        public PlanAlertKind Kind { get; set; }

        /// <summary>The threshold in percent of the limit; 0 for a forecast.</summary>
        public double Threshold { get; set; }

        /// <summary>The first local day of the period the alert belongs to.</summary>
        public DateTime PeriodStart { get; set; }

        public DateTime Raised { get; set; }

        public string Title { get; set; } = "";

        public string Message { get; set; } = "";

        /// <summary>Whether a desktop notification showed it (or the plan wants none).</summary>
        public bool Delivered { get; set; }

        public override string ToString() => $"{Title}: {Message}";

        /// <summary>The alert of a threshold the quota passed.</summary>
        public static NetUsagePlanAlert ForThreshold(NetUsagePlan plan, NetUsageQuota quota, double threshold, DateTime raisedUtc)
        {
            string headline = threshold >= 100
                ? string.Format(CultureInfo.CurrentCulture, "plan '{0}' reached its limit", plan.Name)
                : string.Format(CultureInfo.CurrentCulture, "plan '{0}' at {1:0.##} % of its limit", plan.Name, threshold);
            return new NetUsagePlanAlert
            {
                Plan = plan.Name,
                Kind = PlanAlertKind.Threshold,
                Threshold = threshold,
                PeriodStart = quota.PeriodStart,
                Raised = raisedUtc.ToLocalTime(),
                Title = "NetUsageTracker: " + headline,
                Message = string.Format(CultureInfo.CurrentCulture, "{0} of {1} used since {2:yyyy-MM-dd} ({3:0.##} %), {4} on {5}.",
                    ByteSize.Format(quota.Used), ByteSize.Format(quota.Limit), quota.PeriodStart, Percent(quota), DirectionWord(quota.Direction), Counted(quota)),
            };
        }

        /// <summary>The alert of a forecast past the limit, naming the day the limit will be reached.</summary>
        public static NetUsagePlanAlert ForForecast(NetUsagePlan plan, NetUsageQuota quota, DateTime reachLocal, DateTime raisedUtc) => new NetUsagePlanAlert
        {
            Plan = plan.Name,
            Kind = PlanAlertKind.Forecast,
            PeriodStart = quota.PeriodStart,
            Raised = raisedUtc.ToLocalTime(),
            Title = string.Format(CultureInfo.CurrentCulture, "NetUsageTracker: plan '{0}' will reach its limit on {1:ddd yyyy-MM-dd}", plan.Name, reachLocal),
            Message = string.Format(CultureInfo.CurrentCulture,
                "At the recent rate {0} will be used by {1:yyyy-MM-dd}, limit {2}; {3} used so far ({4:0.##} %), {5} on {6}.",
                ByteSize.Format(quota.Forecast ?? 0), quota.PeriodEnd.AddDays(-1), ByteSize.Format(quota.Limit), ByteSize.Format(quota.Used),
                Percent(quota), DirectionWord(quota.Direction), Counted(quota)),
        };

        internal static double Percent(NetUsageQuota quota) => quota.Limit <= 0 ? 100 : quota.Used * 100.0 / quota.Limit;

        private static string DirectionWord(UsageDirection direction) =>
            direction == UsageDirection.Total ? "total" : direction.ToString().ToLowerInvariant();

        private static string Counted(NetUsageQuota quota) => quota.InterfaceName.Length == 0 ? "no recorded interface" : quota.InterfaceName;
    }
}
