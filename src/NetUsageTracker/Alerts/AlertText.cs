using System.Globalization;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Alerts
{
    /// <summary>Words for an alert: a title that names the module and what crossed, a body with the numbers.</summary>
    public static class AlertText
    {
        /// <summary>What crossed, in a few words: the warning's lead.</summary>
        public static string Headline(NetUsageAlert alert) => alert.Kind == AlertKind.RateLimit
            ? "Network rate limit exceeded"
            : alert.Threshold == 100
                ? "Network usage limit reached"
                : string.Format(CultureInfo.CurrentCulture, "Network usage at {0:0.##} % of the limit", alert.Threshold);

        /// <summary>The notification's title: the module's name, then the headline.</summary>
        public static string Title(NetUsageAlert alert) => "NetUsageTracker: " + Headline(alert);

        public static string Message(NetUsageAlert alert)
        {
            string direction = alert.Direction == UsageDirection.Total ? "total" : alert.Direction.ToString().ToLowerInvariant();
            return alert.Kind == AlertKind.RateLimit
                ? string.Format(CultureInfo.CurrentCulture, "{0} {1} on {2} on average over {3:0.##} s, limit {4} ({5:0.##} %).",
                    ByteSize.FormatRate(alert.Usage), direction, alert.InterfaceName, alert.RateWindow?.TotalSeconds ?? 0, ByteSize.FormatRate(alert.Limit), alert.Percent)
                : string.Format(CultureInfo.CurrentCulture, "{0} {1} on {2} {3}, limit {4} ({5:0.##} %).",
                    ByteSize.Format(alert.Usage), direction, alert.InterfaceName,
                    alert.CountedSince.Length > 0 ? alert.CountedSince : "since the watch began", ByteSize.Format(alert.Limit), alert.Percent);
        }
    }
}
