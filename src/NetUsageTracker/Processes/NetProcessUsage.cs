using System;

namespace NetUsageTracker
{
    /// <summary>
    /// One process's network usage (or another user's, or the remainder), in the interfaces' terms:
    /// payload plus headers, so the rows of one result add up to the interfaces' own delta.
    /// </summary>
    public sealed class NetProcessUsage
    {
        public DateTime Timestamp { get; set; }

        public string ComputerName { get; set; } = "";

        /// <summary>Process, OtherUser (sockets of a user whose processes cannot be read) or Unattributed.</summary>
        public Processes.ProcessUsageKind Kind { get; set; }

        /// <summary>Null for the OtherUser and Unattributed rows.</summary>
        public int? ProcessId { get; set; }

        /// <summary>The process name; "Other users" or "Unattributed" for those rows.</summary>
        public string ProcessName { get; set; } = "";

        /// <summary>The executable, where it can be read (null for another user's process when not elevated).</summary>
        public string? Path { get; set; }

        public string? UserName { get; set; }

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        /// <summary>Null unless the figures cover one -SampleInterval.</summary>
        public double? ReceivedBytesPerSecond { get; set; }

        public double? SentBytesPerSecond { get; set; }

        public double? SampleSeconds { get; set; }

        /// <summary>When the figures begin: the process's first sighting in this session, or the interval's start.</summary>
        public DateTime Since { get; set; }

        /// <summary>Open connections on the selected interfaces at the last sample.</summary>
        public int ConnectionCount { get; set; }

        /// <summary>The protocols the figure covers (Tcp, Udp); for the remainder, what no process row can cover.</summary>
        public Processes.FlowProtocols Protocols { get; set; }

        /// <summary>Where the figures come from ("inet_diag (NETLINK_SOCK_DIAG)", "ETW Microsoft-Windows-Kernel-Network", ...).</summary>
        public string Source { get; set; } = "";

        /// <summary>The interfaces the rows add up to, comma separated.</summary>
        public string InterfaceName { get; set; } = "";

        public override string ToString() => $"{ProcessName}: {BytesReceived} B received, {BytesSent} B sent";
    }

    /// <summary>One connection's network usage, or the remainder as the last row of -ByConnection.</summary>
    public sealed class NetConnectionUsage
    {
        public DateTime Timestamp { get; set; }

        public string ComputerName { get; set; } = "";

        public Processes.ProcessUsageKind Kind { get; set; }

        public int? ProcessId { get; set; }

        public string ProcessName { get; set; } = "";

        public string? UserName { get; set; }

        /// <summary>Tcp or Udp; None for the remainder.</summary>
        public Processes.FlowProtocols Protocol { get; set; }

        public string? LocalAddress { get; set; }

        public int? LocalPort { get; set; }

        public string? RemoteAddress { get; set; }

        public int? RemotePort { get; set; }

        /// <summary>"address:port" ("[address]:port" for IPv6); null for the remainder.</summary>
        public string? LocalEndPoint { get; set; }

        public string? RemoteEndPoint { get; set; }

        public Processes.FlowState State { get; set; }

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        public double? ReceivedBytesPerSecond { get; set; }

        public double? SentBytesPerSecond { get; set; }

        public double? SampleSeconds { get; set; }

        public string Source { get; set; } = "";

        public string InterfaceName { get; set; } = "";

        public override string ToString() => Kind == Processes.ProcessUsageKind.Unattributed
            ? $"{ProcessName}: {BytesReceived} B received, {BytesSent} B sent"
            : $"{ProcessName} {LocalEndPoint} -> {RemoteEndPoint}: {BytesReceived} B received, {BytesSent} B sent";
    }
}
