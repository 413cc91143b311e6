namespace NetUsageTracker.Processes.Windows
{
    /// <summary>
    /// One send or receive event of the Microsoft-Windows-Kernel-Network provider, decoded from the event's
    /// user data as its manifest lays it out: PID (UInt32), size (UInt32), daddr, saddr (IPv4: 4 bytes,
    /// IPv6: 16), dport, sport (UInt16, network byte order), then fields this decoder does not need.
    /// Events: TCPv4 10 sent, 11 received, 14 retransmitted; TCPv6 26, 27, 30; UDPv4 42 sent, 43 received;
    /// UDPv6 58, 59. As the manifest's messages say ("received from saddr to daddr"), saddr is where the
    /// data came from: the local end of a send, the remote end of a receive.
    /// </summary>
    public readonly struct KernelNetworkEvent
    {
        public KernelNetworkEvent(int processId, uint size, FlowProtocols protocol, bool received, FlowAddress local, FlowAddress remote)
        {
            ProcessId = processId;
            Size = size;
            Protocol = protocol;
            Received = received;
            Local = local;
            Remote = remote;
        }

        public int ProcessId { get; }

        /// <summary>Payload bytes of the send or receive.</summary>
        public uint Size { get; }

        public FlowProtocols Protocol { get; }

        public bool Received { get; }

        public FlowAddress Local { get; }

        public FlowAddress Remote { get; }

        /// <summary>Decodes the user data of event <paramref name="eventId"/>; false for other events or short data.</summary>
        public static unsafe bool TryDecode(ushort eventId, byte* data, int length, out KernelNetworkEvent decoded)
        {
            decoded = default;
            FlowProtocols protocol;
            bool ipv6;
            bool received;
            switch (eventId)
            {
                case 10: case 14: protocol = FlowProtocols.Tcp; ipv6 = false; received = false; break;
                case 11: protocol = FlowProtocols.Tcp; ipv6 = false; received = true; break;
                case 26: case 30: protocol = FlowProtocols.Tcp; ipv6 = true; received = false; break;
                case 27: protocol = FlowProtocols.Tcp; ipv6 = true; received = true; break;
                case 42: protocol = FlowProtocols.Udp; ipv6 = false; received = false; break;
                case 43: protocol = FlowProtocols.Udp; ipv6 = false; received = true; break;
                case 58: protocol = FlowProtocols.Udp; ipv6 = true; received = false; break;
                case 59: protocol = FlowProtocols.Udp; ipv6 = true; received = true; break;
                default: return false;
            }

            int addressSize = ipv6 ? 16 : 4;
            int portsAt = 8 + 2 * addressSize;
            if (length < portsAt + 4)
            {
                return false;
            }

            ushort dport = (ushort)((data[portsAt] << 8) | data[portsAt + 1]);
            ushort sport = (ushort)((data[portsAt + 2] << 8) | data[portsAt + 3]);
            FlowAddress destination = ipv6 ? FlowAddress.FromBytes16(data + 8, dport) : FlowAddress.IPv4(*(uint*)(data + 8), dport);
            FlowAddress source = ipv6 ? FlowAddress.FromBytes16(data + 8 + addressSize, sport) : FlowAddress.IPv4(*(uint*)(data + 8 + addressSize), sport);
            decoded = new KernelNetworkEvent(*(int*)data, *(uint*)(data + 4), protocol, received, received ? destination : source, received ? source : destination);
            return true;
        }

        /// <summary>The same from a managed buffer (tests).</summary>
        public static unsafe bool TryDecode(ushort eventId, byte[] data, out KernelNetworkEvent decoded)
        {
            fixed (byte* p = data)
            {
                return TryDecode(eventId, p, data.Length, out decoded);
            }
        }
    }
}
