using System;

namespace NetUsageTracker
{
    /// <summary>What crossed: a usage threshold (a percentage of -Limit) or the rate limit.</summary>
    public enum AlertKind
    {
        Threshold,
        RateLimit,
    }

    /// <summary>
    /// One alert of Watch-NetUsage: the warning's, the notification's and the engine event's subject,
    /// and $_ in -Action.
    /// </summary>
    public sealed class NetUsageAlert
    {
        public AlertKind Kind { get; set; }

        /// <summary>The threshold that fired, in percent of the limit (always 100 for a rate limit).</summary>
        public double Threshold { get; set; }

        /// <summary>Bytes counted since the watch began (Threshold), or the average bytes per second over the window (RateLimit).</summary>
        public double Usage { get; set; }

        /// <summary>The limit in bytes (Threshold) or bytes per second (RateLimit).</summary>
        public double Limit { get; set; }

        /// <summary>Usage as a percentage of Limit.</summary>
        public double Percent { get; set; }

        public UsageDirection Direction { get; set; }

        /// <summary>The watched interfaces, comma separated.</summary>
        public string InterfaceName { get; set; } = "";

        /// <summary>Where the counted usage starts, in words ("since the watch began", "since 2026-11-07").</summary>
        public string CountedSince { get; set; } = "";

        /// <summary>The rate limit's averaging window; null for a threshold.</summary>
        public TimeSpan? RateWindow { get; set; }

        public DateTime Timestamp { get; set; }

        public string ComputerName { get; set; } = "";

        /// <summary>The notification's title and the warning's text.</summary>
        public string Title { get; set; } = "";

        public string Message { get; set; } = "";

        /// <summary>The watch step that raised the alert.</summary>
        public NetUsageWatch? Watch { get; set; }

        public override string ToString() => $"{Title}: {Message}";
    }
}
