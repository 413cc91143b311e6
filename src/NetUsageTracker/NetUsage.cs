using System;
using NetUsageTracker.Limits;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker
{
    /// <summary>One interface's counters (or the sum of several, with -Total) at one instant.</summary>
    public sealed class NetUsage
    {
        public DateTime Timestamp { get; set; }

        public string ComputerName { get; set; } = "";

        public string InterfaceName { get; set; } = "";

        /// <summary>Physical, Virtual or Loopback; the sum of -Total is Unknown when it mixes classes.</summary>
        public InterfaceClass InterfaceClass { get; set; }

        /// <summary>The adapter's description where the system gives one (Windows); empty elsewhere. With -Total
        /// (whose InterfaceName is "Total"), "Total of " and the interfaces it sums.</summary>
        public string Description { get; set; } = "";

        /// <summary>The network the interface is on (see NetConnectionInfo.NetworkName); with -Total, the distinct
        /// networks comma separated.</summary>
        public string NetworkName { get; set; } = "";

        /// <summary>The network's stable id; with -Total, the distinct ids comma separated.</summary>
        public string NetworkId { get; set; } = "";

        /// <summary>Whether the system says the network is metered; null where it does not say (or, with -Total,
        /// where the interfaces differ).</summary>
        public bool? Metered { get; set; }

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        public ulong PacketsReceived { get; set; }

        public ulong PacketsSent { get; set; }

        public ulong ReceiveErrors { get; set; }

        public ulong SendErrors { get; set; }

        public ulong ReceiveDrops { get; set; }

        public ulong SendDrops { get; set; }

        /// <summary>Null unless two samples were taken (-SampleInterval): a rate needs an interval.</summary>
        public double? ReceivedBytesPerSecond { get; set; }

        public double? SentBytesPerSecond { get; set; }

        /// <summary>The length of the rate's interval in seconds; null without -SampleInterval.</summary>
        public double? SampleSeconds { get; set; }

        /// <summary>Takes the network's name, id and metered.</summary>
        public void SetNetwork(InterfaceNetwork network)
        {
            NetworkName = network.NetworkName;
            NetworkId = network.NetworkId;
            Metered = network.Metered;
        }

        public override string ToString() => $"{InterfaceName}: {BytesReceived} B received, {BytesSent} B sent";
    }

    /// <summary>One step of Watch-NetUsage: usage since the watch began, and rates over the last interval.</summary>
    public sealed class NetUsageWatch
    {
        public DateTime Timestamp { get; set; }

        public string ComputerName { get; set; } = "";

        /// <summary>The watched interfaces, comma separated (a string, so Export-Csv keeps it).</summary>
        public string InterfaceName { get; set; } = "";

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        public double ReceivedBytesPerSecond { get; set; }

        public double SentBytesPerSecond { get; set; }

        public TimeSpan Elapsed { get; set; }

        public UsageDirection Direction { get; set; }

        /// <summary>The usage counted against the limit: received, sent or both, by Direction.</summary>
        public ulong CountedBytes { get; set; }

        /// <summary>The limit in bytes; null without -Limit.</summary>
        public long? Limit { get; set; }

        public double? PercentOfLimit { get; set; }

        public bool LimitExceeded { get; set; }

        /// <summary>The -Threshold percentages that have fired and not re-armed, lowest first ("80,100" as text,
        /// so a CSV carries them readably).</summary>
        public ThresholdList ThresholdsCrossed { get; set; } = ThresholdList.Empty;

        public override string ToString() => $"{InterfaceName}: {TotalBytes} B since the watch began";
    }

    /// <summary>Which traffic a limit counts.</summary>
    public enum UsageDirection
    {
        Total,
        Received,
        Sent,
    }
}
