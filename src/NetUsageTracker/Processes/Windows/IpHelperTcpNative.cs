using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Processes.Windows
{
    /// <summary>
    /// iphlpapi's connection tables and TCP extended statistics (iphlpapi.h, tcpestats.h). The tables
    /// are read as blocks at the documented offsets: MIB_TCPROW_OWNER_PID (24 bytes), MIB_TCP6ROW_OWNER_PID
    /// (56), MIB_UDPROW_OWNER_PID (12), MIB_UDP6ROW_OWNER_PID (28), each table a DWORD count first.
    /// </summary>
    internal static class IpHelperTcpNative
    {
        public const int AF_INET = 2;
        public const int AF_INET6 = 23;
        public const int TCP_TABLE_OWNER_PID_ALL = 5;
        public const int UDP_TABLE_OWNER_PID = 1;
        public const int ERROR_INSUFFICIENT_BUFFER = 122;

        /// <summary>TCP_ESTATS_TYPE.TcpConnectionEstatsData.</summary>
        public const int TcpConnectionEstatsData = 1;

        public const int Tcp4RowSize = 24;
        public const int Tcp6RowSize = 56;
        public const int Udp4RowSize = 12;
        public const int Udp6RowSize = 28;

        /// <summary>MIB_TCPROW (dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort): the key
        /// GetPerTcpConnectionEStats takes, the owner PID row without its last field.</summary>
        public const int TcpRowSize = 20;

        /// <summary>MIB_TCP6ROW: State, LocalAddr[16], dwLocalScopeId, dwLocalPort, RemoteAddr[16],
        /// dwRemoteScopeId, dwRemotePort.</summary>
        public const int Tcp6KeySize = 52;


        [DllImport("iphlpapi.dll", ExactSpelling = true)]
        public static extern uint GetExtendedTcpTable(IntPtr table, ref int size, bool order, int family, int tableClass, uint reserved);

        [DllImport("iphlpapi.dll", ExactSpelling = true)]
        public static extern uint GetExtendedUdpTable(IntPtr table, ref int size, bool order, int family, int tableClass, uint reserved);

        [DllImport("iphlpapi.dll", ExactSpelling = true)]
        public static extern uint GetPerTcpConnectionEStats(IntPtr row, int estatsType, IntPtr rw, uint rwVersion, uint rwSize, IntPtr ros, uint rosVersion, uint rosSize, IntPtr rod, uint rodVersion, uint rodSize);

        [DllImport("iphlpapi.dll", ExactSpelling = true)]
        public static extern uint GetPerTcp6ConnectionEStats(IntPtr row, int estatsType, IntPtr rw, uint rwVersion, uint rwSize, IntPtr ros, uint rosVersion, uint rosSize, IntPtr rod, uint rodVersion, uint rodSize);
    }

    /// <summary>
    /// TCP_ESTATS_DATA_ROD_v0 (tcpestats.h), 96 bytes with natural alignment: DataBytesOut 0, DataSegsOut 8,
    /// DataBytesIn 16, DataSegsIn 24, SegsOut 32, SegsIn 40, SoftErrors 48, SoftErrorReason 52, SndUna 56,
    /// SndNxt 60, SndMax 64, ThruBytesAcked 72, RcvNxt 80, ThruBytesReceived 88.
    /// </summary>
    internal static class TcpEStatsData
    {
        public const int Size = 96;
        public const int DataBytesOut = 0;
        public const int DataBytesIn = 16;
        public const int SegsOut = 32;
        public const int SegsIn = 40;
        public const int ThruBytesAcked = 72;
        public const int ThruBytesReceived = 88;

        /// <summary>Puts the counters of a TCP_ESTATS_DATA_ROD_v0 block into <paramref name="flow"/>: the data
        /// bytes on the wire (retransmissions included) and every segment, for the headers.</summary>
        public static void Read(byte[] rod, ref FlowSample flow)
        {
            flow.HasCounters = true;
            flow.PayloadSent = BitConverter.ToUInt64(rod, DataBytesOut);
            flow.PayloadReceived = BitConverter.ToUInt64(rod, DataBytesIn);
            flow.SegmentsOut = BitConverter.ToUInt64(rod, SegsOut);
            flow.SegmentsIn = BitConverter.ToUInt64(rod, SegsIn);
        }
    }
}
