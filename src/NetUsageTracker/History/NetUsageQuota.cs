using System;

namespace NetUsageTracker.History
{
    /// <summary>Where a data cap stands in the current period, and where it is heading.</summary>
    public sealed class NetUsageQuota
    {
        /// <summary>The stored plan this quota is of; empty for a -Limit given on the command line.</summary>
        public string Plan { get; set; } = "";

        /// <summary>The counted interfaces, comma separated.</summary>
        public string InterfaceName { get; set; } = "";

        /// <summary>The counted networks, comma separated, with -Network; null when every network counts.</summary>
        public string? NetworkName { get; set; }

        public UsageDirection Direction { get; set; }

        public QuotaPeriod Period { get; set; }

        public DateTime PeriodStart { get; set; }

        public DateTime PeriodEnd { get; set; }

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        /// <summary>The usage counted against the limit (received, sent or both, by Direction).</summary>
        public ulong Used { get; set; }

        public long Limit { get; set; }

        /// <summary>What is left, never below zero.</summary>
        public ulong Remaining { get; set; }

        public double PercentUsed { get; set; }

        public bool Exceeded { get; set; }

        /// <summary>The usage expected at the period's end at the recent rate; null while the history is under an hour old.</summary>
        public ulong? Forecast { get; set; }

        /// <summary>When the limit will be reached at the recent rate, if before the period ends.</summary>
        public DateTime? ProjectedExceedTime { get; set; }

        /// <summary>Bytes a day that keep the rest of the period within the limit.</summary>
        public ulong DailyBudget { get; set; }

        /// <summary>The recent rate the forecast uses, in bytes per second.</summary>
        public double? RecentBytesPerSecond { get; set; }

        public override string ToString() => $"{InterfaceName}: {Used} of {Limit} B ({PercentUsed:0.##} %)";
    }
}
