using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Processes.Windows
{
    /// <summary>
    /// Decodes the blocks GetExtendedTcpTable and GetExtendedUdpTable return (owner PID classes) into
    /// flows. Ports are in network byte order in the low 16 bits of their DWORD; the MIB_TCP_STATE values
    /// are those of iprtrmib.h. A flow's key is made from its owner and both ends, which is what the
    /// tables know of a connection.
    /// </summary>
    internal static unsafe class ConnectionTableDecoder
    {
        public static void Tcp4(byte* table, FlowTable flows)
        {
            int count = *(int*)table;
            byte* row = table + 4;
            for (int i = 0; i < count; i++, row += IpHelperTcpNative.Tcp4RowSize)
            {
                ref FlowSample flow = ref flows.Add();
                flow.Protocol = FlowProtocols.Tcp;
                flow.State = StateOf(*(uint*)row);
                flow.Local = FlowAddress.IPv4(*(uint*)(row + 4), Port(row + 8));
                flow.Remote = FlowAddress.IPv4(*(uint*)(row + 12), Port(row + 16));
                Own(ref flow, *(int*)(row + 20));
            }
        }

        public static void Tcp6(byte* table, FlowTable flows)
        {
            int count = *(int*)table;
            byte* row = table + 4;
            for (int i = 0; i < count; i++, row += IpHelperTcpNative.Tcp6RowSize)
            {
                // ucLocalAddr[16], dwLocalScopeId, dwLocalPort, ucRemoteAddr[16], dwRemoteScopeId, dwRemotePort, dwState, dwOwningPid
                ref FlowSample flow = ref flows.Add();
                flow.Protocol = FlowProtocols.Tcp;
                flow.Local = FlowAddress.FromBytes16(row, Port(row + 20));
                flow.Remote = FlowAddress.FromBytes16(row + 24, Port(row + 44));
                flow.State = StateOf(*(uint*)(row + 48));
                Own(ref flow, *(int*)(row + 52));
            }
        }

        public static void Udp4(byte* table, FlowTable flows)
        {
            int count = *(int*)table;
            byte* row = table + 4;
            for (int i = 0; i < count; i++, row += IpHelperTcpNative.Udp4RowSize)
            {
                ref FlowSample flow = ref flows.Add();
                flow.Protocol = FlowProtocols.Udp;
                flow.State = FlowState.Datagram;
                flow.Local = FlowAddress.IPv4(*(uint*)row, Port(row + 4));
                Own(ref flow, *(int*)(row + 8));
            }
        }

        public static void Udp6(byte* table, FlowTable flows)
        {
            int count = *(int*)table;
            byte* row = table + 4;
            for (int i = 0; i < count; i++, row += IpHelperTcpNative.Udp6RowSize)
            {
                ref FlowSample flow = ref flows.Add();
                flow.Protocol = FlowProtocols.Udp;
                flow.State = FlowState.Datagram;
                flow.Local = FlowAddress.FromBytes16(row, Port(row + 20));
                Own(ref flow, *(int*)(row + 24));
            }
        }

        /// <summary>The same decoders from a managed block (tests).</summary>
        internal static void Decode(byte[] block, FlowTable flows, FlowProtocols protocol, bool ipv6)
        {
            fixed (byte* p = block)
            {
                if (protocol == FlowProtocols.Tcp)
                {
                    if (ipv6)
                    {
                        Tcp6(p, flows);
                    }
                    else
                    {
                        Tcp4(p, flows);
                    }
                }
                else if (ipv6)
                {
                    Udp6(p, flows);
                }
                else
                {
                    Udp4(p, flows);
                }
            }
        }

        private static void Own(ref FlowSample flow, int pid)
        {
            flow.ProcessId = pid;
            flow.UserId = -1;
            flow.Inode = 1; // owned: the table names the process
            flow.HeaderBytes = (flow.Local.IsIPv6 ? 40 : 20) + (flow.Protocol == FlowProtocols.Tcp ? 20 : 8);
            unchecked
            {
                ulong key = (ulong)pid * 0x9E3779B97F4A7C15UL;
                key ^= flow.Local.High * 31 + flow.Local.Low + ((ulong)flow.Local.Port << 48);
                key = key * 0x100000001B3UL ^ (flow.Remote.High * 17 + flow.Remote.Low + ((ulong)flow.Remote.Port << 32));
                flow.Key = key ^ (ulong)flow.Protocol;
            }
        }

        private static ushort Port(byte* dword) => (ushort)((dword[0] << 8) | dword[1]);

        /// <summary>MIB_TCP_STATE: CLOSED 1, LISTEN 2, SYN_SENT 3, SYN_RCVD 4, ESTAB 5, FIN_WAIT1 6,
        /// FIN_WAIT2 7, CLOSE_WAIT 8, CLOSING 9, LAST_ACK 10, TIME_WAIT 11, DELETE_TCB 12.</summary>
        internal static FlowState StateOf(uint state) => state switch
        {
            1 => FlowState.Closed,
            2 => FlowState.Listen,
            3 => FlowState.SynSent,
            4 => FlowState.SynReceived,
            5 => FlowState.Established,
            6 => FlowState.FinWait1,
            7 => FlowState.FinWait2,
            8 => FlowState.CloseWait,
            9 => FlowState.Closing,
            10 => FlowState.LastAck,
            11 => FlowState.TimeWait,
            12 => FlowState.Closed,
            _ => FlowState.Unknown,
        };
    }
}
