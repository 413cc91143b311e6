using System;
using System.Collections.Generic;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// Gives UDP sockets byte counters from connection tracking: each conntrack entry (with accounting on)
    /// counts a UDP conversation's packets and IP bytes in both directions, and its two tuples say which
    /// local address and port each end used. An end whose address and port are a UDP socket's of this
    /// machine (the socket bound to that address, or to the wildcard when the address is this machine's)
    /// becomes a flow of that socket: what the conversation sent from that end is the socket's sent bytes.
    /// Forwarded traffic matches no socket and stays in the remainder.
    /// </summary>
    internal sealed class UdpConntrackJoin
    {
        /// <summary>Keys of these flows have the top bit set, apart from inet_diag's socket cookies.</summary>
        private const ulong KeyTag = 1UL << 63;

        private readonly Dictionary<ushort, int> _firstByPort = new Dictionary<ushort, int>();
        private int[] _next = new int[64];

        public void Add(ConntrackTable entries, FlowTable sockets, FlowTable flows, Func<FlowAddress, bool> isLocal)
        {
            Index(sockets);
            for (int i = 0; i < entries.Count; i++)
            {
                ref ConntrackEntry e = ref entries[i];
                Side(e.Id, 0, e.OriginalSource, e.OriginalDestination, e.OriginalBytes, e.OriginalPackets, e.ReplyBytes, e.ReplyPackets, sockets, flows, isLocal);
                Side(e.Id, 1, e.ReplySource, e.ReplyDestination, e.ReplyBytes, e.ReplyPackets, e.OriginalBytes, e.OriginalPackets, sockets, flows, isLocal);
            }
        }

        private void Index(FlowTable sockets)
        {
            _firstByPort.Clear();
            if (_next.Length < sockets.Count)
            {
                _next = new int[Math.Max(sockets.Count, _next.Length * 2)];
            }

            for (int i = sockets.Count - 1; i >= 0; i--)
            {
                ushort port = sockets[i].Local.Port;
                _next[i] = _firstByPort.TryGetValue(port, out int first) ? first : -1;
                _firstByPort[port] = i;
            }
        }

        private void Side(uint id, ulong side, FlowAddress local, FlowAddress remote, ulong sentBytes, ulong sentPackets, ulong receivedBytes, ulong receivedPackets, FlowTable sockets, FlowTable flows, Func<FlowAddress, bool> isLocal)
        {
            int socket = Find(local, sockets, isLocal);
            if (socket < 0)
            {
                return;
            }

            ref FlowSample owner = ref sockets[socket];
            ref FlowSample flow = ref flows.Add();
            flow.Key = KeyTag | ((ulong)id << 1) | side;
            flow.ProcessId = -1;
            flow.UserId = owner.UserId;
            flow.Inode = owner.Inode;
            flow.Protocol = FlowProtocols.Udp;
            flow.Local = local;
            flow.Remote = remote;
            flow.State = FlowState.Datagram;
            flow.HasCounters = true;
            flow.PayloadSent = sentBytes;
            flow.SegmentsOut = sentPackets;
            flow.PayloadReceived = receivedBytes;
            flow.SegmentsIn = receivedPackets;
            flow.HeaderBytes = 0; // conntrack counts IP bytes: the IP and UDP headers are in them
        }

        /// <summary>The socket bound to exactly this address and port, else one bound to the wildcard on the port.</summary>
        private int Find(FlowAddress local, FlowTable sockets, Func<FlowAddress, bool> isLocal)
        {
            if (!_firstByPort.TryGetValue(local.Port, out int i))
            {
                return -1;
            }

            int wildcard = -1;
            for (; i >= 0; i = _next[i])
            {
                FlowAddress bound = sockets[i].Local;
                if (bound.High == local.High && bound.Low == local.Low && bound.IsIPv6 == local.IsIPv6)
                {
                    return i;
                }

                if (wildcard < 0 && bound.IsUnspecified)
                {
                    wildcard = i;
                }
            }

            return wildcard >= 0 && isLocal(local) ? wildcard : -1;
        }
    }
}
