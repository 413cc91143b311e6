using System;

namespace NetUsageTracker.History
{
    /// <summary>One interface's traffic in one period of the history.</summary>
    public sealed class NetUsageHistory
    {
        public HistoryResolution Period { get; set; }

        /// <summary>Local time the period starts.</summary>
        public DateTime PeriodStart { get; set; }

        /// <summary>Local time the period ends (the next one's start).</summary>
        public DateTime PeriodEnd { get; set; }

        public string InterfaceName { get; set; } = "";

        /// <summary>The network that carried the traffic, when the history was read per network; null otherwise.</summary>
        public string? NetworkName { get; set; }

        public string? NetworkId { get; set; }

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        public override string ToString() => $"{InterfaceName} {PeriodStart:yyyy-MM-dd HH:mm}: {TotalBytes} B";
    }
}
