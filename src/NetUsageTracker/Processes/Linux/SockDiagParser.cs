using System;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// Decodes NETLINK_SOCK_DIAG answers (linux/inet_diag.h, linux/tcp.h) straight from the receive buffer
    /// into a <see cref="FlowTable"/>: one inet_diag_msg per socket, its INET_DIAG_INFO attribute a
    /// struct tcp_info whose length says which fields this kernel has (every field is read only when the
    /// attribute is long enough to hold it). Nothing is allocated per socket.
    /// </summary>
    internal static unsafe class SockDiagParser
    {
        public const ushort SOCK_DIAG_BY_FAMILY = 20;
        public const int InetDiagMessageSize = 72;
        public const ushort INET_DIAG_INFO = 2;

        public const byte AF_INET = 2;
        public const byte AF_INET6 = 10;

        // struct tcp_info offsets, and the kernel that added each field.
        public const int TcpiOptions = 5;
        public const int TcpiBytesAcked = 120;        // 4.1
        public const int TcpiBytesReceived = 128;     // 4.1
        public const int TcpiSegsOut = 136;           // 4.2
        public const int TcpiSegsIn = 140;            // 4.2
        public const int TcpiBytesSent = 200;         // 4.19
        public const int TcpiBytesRetrans = 208;      // 4.19
        public const byte TCPI_OPT_TIMESTAMPS = 1;

        /// <summary>IP header without options, TCP header without options, and the timestamp option
        /// (10 bytes, padded to 12 with two NOPs) that Linux puts on every segment once negotiated.</summary>
        public const int IPv4Header = 20;
        public const int IPv6Header = 40;
        public const int TcpHeader = 20;
        public const int TcpTimestampOption = 12;

        /// <summary>
        /// Adds the sockets of <paramref name="length"/> bytes at <paramref name="buffer"/> to
        /// <paramref name="table"/>. Throws <see cref="SockDiagException"/> for an NLMSG_ERROR answer or a
        /// message that does not fit its buffer.
        /// </summary>
        public static DumpProgress Parse(byte* buffer, int length, FlowTable table, FlowProtocols protocol = FlowProtocols.Tcp)
        {
            var reader = new SocketReader(table, protocol);
            return NetlinkMessages.Walk(buffer, length, ref reader);
        }

        /// <summary>The same, from a managed buffer (tests).</summary>
        internal static DumpProgress Parse(byte[] buffer, int length, FlowTable table, FlowProtocols protocol = FlowProtocols.Tcp)
        {
            fixed (byte* p = buffer)
            {
                return Parse(p, length, table, protocol);
            }
        }

        /// <summary>Adds each SOCK_DIAG_BY_FAMILY message's socket to a table.</summary>
        internal readonly struct SocketReader : INetlinkReader
        {
            private readonly FlowTable _table;
            private readonly FlowProtocols _protocol;

            public SocketReader(FlowTable table, FlowProtocols protocol)
            {
                _table = table;
                _protocol = protocol;
            }

            [System.Runtime.CompilerServices.MethodImpl(LinuxNative.Optimized)]
            public void Read(ushort type, byte* body, int length)
            {
                if (type == SOCK_DIAG_BY_FAMILY && length >= InetDiagMessageSize)
                {
                    ReadSocket(body, length, _table, _protocol);
                }
            }
        }

        private static void ReadSocket(byte* diag, int length, FlowTable table, FlowProtocols protocol)
        {
            byte family = diag[0];
            if (family != AF_INET && family != AF_INET6)
            {
                return;
            }

            ref FlowSample flow = ref table.Add();
            flow.Protocol = protocol;
            flow.State = protocol == FlowProtocols.Udp ? FlowState.Datagram : StateOf(diag[1]);
            ushort sport = Network16(diag + 4);
            ushort dport = Network16(diag + 6);
            if (family == AF_INET)
            {
                flow.Local = FlowAddress.IPv4(*(uint*)(diag + 8), sport);
                flow.Remote = FlowAddress.IPv4(*(uint*)(diag + 24), dport);
            }
            else
            {
                flow.Local = FlowAddress.FromBytes16(diag + 8, sport);
                flow.Remote = FlowAddress.FromBytes16(diag + 24, dport);
            }

            flow.Key = *(ulong*)(diag + 44);
            flow.UserId = *(uint*)(diag + 64);
            flow.Inode = *(uint*)(diag + 68);
            flow.ProcessId = -1;

            int offset = InetDiagMessageSize;
            while (offset + 4 <= length)
            {
                byte* attribute = diag + offset;
                int attributeLength = *(ushort*)attribute;
                if (attributeLength < 4 || attributeLength > length - offset)
                {
                    break;
                }

                if (*(ushort*)(attribute + 2) == INET_DIAG_INFO)
                {
                    ReadTcpInfo(attribute + 4, attributeLength - 4, ref flow);
                }

                offset += NetlinkMessages.Align(attributeLength);
            }
        }

        /// <summary>Reads the counters of a struct tcp_info of <paramref name="length"/> bytes.</summary>
        internal static void ReadTcpInfo(byte* info, int length, ref FlowSample flow)
        {
            if (length < TcpiBytesReceived + 8)
            {
                return; // before Linux 4.1: no byte counters
            }

            flow.HasCounters = true;
            flow.PayloadReceived = *(ulong*)(info + TcpiBytesReceived);

            // bytes_sent counts every payload byte put on the wire, retransmissions included; before 4.19
            // only the acknowledged bytes are known (what was resent or is in flight is missing).
            flow.PayloadSent = length >= TcpiBytesSent + 8 ? *(ulong*)(info + TcpiBytesSent) : *(ulong*)(info + TcpiBytesAcked);
            if (length >= TcpiSegsIn + 4)
            {
                flow.SegmentsOut = *(uint*)(info + TcpiSegsOut);
                flow.SegmentsIn = *(uint*)(info + TcpiSegsIn);
            }

            bool timestamps = (info[TcpiOptions] & TCPI_OPT_TIMESTAMPS) != 0;
            flow.HeaderBytes = (flow.Local.IsIPv6 ? IPv6Header : IPv4Header) + TcpHeader + (timestamps ? TcpTimestampOption : 0);
        }

        private static ushort Network16(byte* p) => (ushort)((p[0] << 8) | p[1]);

        /// <summary>The kernel's TCP states (include/net/tcp_states.h).</summary>
        private static FlowState StateOf(byte state) => state switch
        {
            1 => FlowState.Established,
            2 => FlowState.SynSent,
            3 => FlowState.SynReceived,
            4 => FlowState.FinWait1,
            5 => FlowState.FinWait2,
            6 => FlowState.TimeWait,
            7 => FlowState.Closed,
            8 => FlowState.CloseWait,
            9 => FlowState.LastAck,
            10 => FlowState.Listen,
            11 => FlowState.Closing,
            12 => FlowState.SynReceived,
            _ => FlowState.Unknown,
        };
    }

    /// <summary>The kernel refused a sock_diag request, or its answer made no sense.</summary>
    public sealed class SockDiagException : FlowSourceException
    {
        public SockDiagException(string message, int errno)
            : base(message)
        {
            Errno = errno;
        }

        public int Errno { get; }
    }
}
