using System;
using System.Collections.Generic;

namespace NetUsageTracker.Processes.Windows
{
    /// <summary>
    /// Running totals of Kernel-Network events per process and connection, kept as cumulative flows for the
    /// sampler. An event is one send or receive call; its segments are estimated from its size (a full
    /// Ethernet segment of TCP carries 1,460 bytes over IPv4, 1,440 over IPv6; a UDP event is one datagram),
    /// so the sampler can add the headers the interface counts. A flow that has not moved for two reads is
    /// dropped: the sampler has taken all of it. Thread-safe: events arrive on ETW's thread.
    /// </summary>
    internal sealed class KernelNetworkFlows
    {
        private readonly object _gate = new object();
        private readonly Dictionary<(int, FlowProtocols, FlowAddress, FlowAddress), Entry> _flows = new Dictionary<(int, FlowProtocols, FlowAddress, FlowAddress), Entry>();
        private readonly List<(int, FlowProtocols, FlowAddress, FlowAddress)> _idle = new List<(int, FlowProtocols, FlowAddress, FlowAddress)>();
        private ulong _nextKey;

        public long EventCount { get; private set; }

        public void Add(in KernelNetworkEvent e)
        {
            lock (_gate)
            {
                EventCount++;
                var key = (e.ProcessId, e.Protocol, e.Local, e.Remote);
                if (!_flows.TryGetValue(key, out Entry? entry))
                {
                    entry = new Entry(++_nextKey);
                    _flows[key] = entry;
                }

                ulong segments = e.Protocol == FlowProtocols.Udp ? 1 : Math.Max(1, (e.Size + (ulong)Mss(e.Local) - 1) / (ulong)Mss(e.Local));
                if (e.Received)
                {
                    entry.Received += e.Size;
                    entry.SegmentsIn += segments;
                }
                else
                {
                    entry.Sent += e.Size;
                    entry.SegmentsOut += segments;
                }

                entry.Moved = true;
            }
        }

        public void Fill(FlowTable table)
        {
            lock (_gate)
            {
                table.Clear();
                _idle.Clear();
                foreach (KeyValuePair<(int, FlowProtocols, FlowAddress, FlowAddress), Entry> pair in _flows)
                {
                    Entry entry = pair.Value;
                    entry.IdleReads = entry.Moved ? 0 : entry.IdleReads + 1;
                    entry.Moved = false;
                    if (entry.IdleReads >= 2)
                    {
                        _idle.Add(pair.Key);
                        continue;
                    }

                    (int pid, FlowProtocols protocol, FlowAddress local, FlowAddress remote) = pair.Key;
                    ref FlowSample flow = ref table.Add();
                    flow.Key = entry.Key;
                    flow.ProcessId = pid;
                    flow.UserId = -1;
                    flow.Inode = 1;
                    flow.Protocol = protocol;
                    flow.Local = local;
                    flow.Remote = remote;
                    flow.State = protocol == FlowProtocols.Udp ? FlowState.Datagram : FlowState.Established;
                    flow.HasCounters = true;
                    flow.PayloadReceived = entry.Received;
                    flow.PayloadSent = entry.Sent;
                    flow.SegmentsIn = entry.SegmentsIn;
                    flow.SegmentsOut = entry.SegmentsOut;
                    flow.HeaderBytes = (local.IsIPv6 ? 40 : 20) + (protocol == FlowProtocols.Udp ? 8 : 20);
                }

                foreach (var key in _idle)
                {
                    _flows.Remove(key);
                }
            }
        }

        private static int Mss(in FlowAddress local) => local.IsIPv6 ? 1440 : 1460;

        private sealed class Entry
        {
            public Entry(ulong key)
            {
                Key = key;
            }

            public ulong Key { get; }

            public ulong Received;
            public ulong Sent;
            public ulong SegmentsIn;
            public ulong SegmentsOut;
            public bool Moved;
            public int IdleReads;
        }
    }
}
