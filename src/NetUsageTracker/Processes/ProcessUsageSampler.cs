using System;
using System.Collections.Generic;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Processes
{
    /// <summary>
    /// Per-process usage that adds up to the interfaces' own counters. Each <see cref="Sample"/> reads the
    /// shared interface <see cref="Sampler"/> and the flow source, and returns every owner's traffic since
    /// the previous sample plus the remainder, so that the rows sum exactly to the selected interfaces'
    /// delta. A flow's figure is its payload plus an estimate of each segment's headers (link layer as the
    /// interface counts it, IP, TCP with its options); where an interface counts fewer packets than the
    /// flows' segments (segmentation offload on veth, virtio, loopback counts one header per large
    /// packet), the header estimate is scaled to the interface's packets. Flows and processes that have
    /// gone are forgotten at the next sample, so memory follows the open sockets. Thread-safe.
    /// </summary>
    public sealed class ProcessUsageSampler : IDisposable
    {
        private readonly object _gate = new object();
        private readonly Sampler _counters;
        private readonly IFlowSource _source;
        private readonly bool _ownsSource;
        private readonly InterfaceAddressMap _addresses;
        private readonly FlowTable _table = new FlowTable();
        private readonly Dictionary<ulong, TrackedFlow> _flows = new Dictionary<ulong, TrackedFlow>();
        private readonly List<Contribution> _contributions = new List<Contribution>();
        private readonly List<InterfaceSlot> _slots = new List<InterfaceSlot>();
        private readonly List<ulong> _gone = new List<ulong>();
        private HashSet<int> _processes = new HashSet<int>();
        private HashSet<int> _nextProcesses = new HashSet<int>();
        private CounterSnapshot _previous = new CounterSnapshot();
        private CounterSnapshot _current = new CounterSnapshot();
        private CounterSnapshot? _probe;
        private bool _hasBaseline;
        private bool _disposed;
        private int _generation;

        public ProcessUsageSampler(Sampler counters, IFlowSource source, bool ownsSource = true, InterfaceAddressMap? addresses = null)
        {
            _counters = counters ?? throw new ArgumentNullException(nameof(counters));
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _ownsSource = ownsSource;
            _addresses = addresses ?? new InterfaceAddressMap();
        }

        public IFlowSource Source => _source;

        /// <summary>Whether steps list their connections (off by default: a step then allocates per owner only).</summary>
        public bool TrackConnections { get; set; }

        /// <summary>Flows the sampler follows now (bounded by the open sockets).</summary>
        public int TrackedFlowCount
        {
            get
            {
                lock (_gate)
                {
                    return _flows.Count;
                }
            }
        }

        /// <summary>
        /// Takes a sample and returns the traffic since the previous one on the interfaces for which
        /// <paramref name="includeInterface"/> is true. The first sample is the baseline (all zero).
        /// </summary>
        public ProcessUsageStep Sample(Func<string, bool> includeInterface)
        {
            if (includeInterface == null)
            {
                throw new ArgumentNullException(nameof(includeInterface));
            }

            lock (_gate)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(ProcessUsageSampler));
                }

                _counters.Read(_current);
                _source.Read(_table);
                bool baseline = !_hasBaseline;
                var notes = new List<string>();
                BuildSlots(includeInterface, baseline, notes);
                Track(baseline);
                ProcessUsageStep step = baseline
                    ? new ProcessUsageStep(_current.UtcTime, 0, isBaseline: true) { InterfaceNames = SlotNames() }
                    : Attribute(notes);
                ForgetGoneProcesses();
                (_previous, _current) = (_current, _previous);
                _hasBaseline = true;
                return step;
            }
        }

        /// <summary>
        /// The bytes every interface counted since the last sample, received and sent (<see cref="ulong.MaxValue"/>
        /// before the first sample, or when an interface came, went or restarted its counters). None means no socket
        /// moved one either, so a caller that samples on a timer can skip the socket read: the next sample's deltas
        /// still run from the last one. Costs one read of the interface counters.
        /// </summary>
        public ulong BytesMoved()
        {
            lock (_gate)
            {
                if (!_hasBaseline)
                {
                    return ulong.MaxValue;
                }

                _probe ??= new CounterSnapshot();
                _counters.Read(_probe);
                if (_probe.Count != _previous.Count)
                {
                    return ulong.MaxValue;
                }

                ulong moved = 0;
                for (int i = 0; i < _probe.Count; i++)
                {
                    InterfaceCounters now = _probe[i];
                    if (!_previous.TryGet(now.Name, out InterfaceCounters before) || now.BytesReceived < before.BytesReceived || now.BytesSent < before.BytesSent)
                    {
                        return ulong.MaxValue;
                    }

                    ulong step = (now.BytesReceived - before.BytesReceived) + (now.BytesSent - before.BytesSent);
                    moved = moved > ulong.MaxValue - step ? ulong.MaxValue : moved + step;
                }

                return moved;
            }
        }

        private void BuildSlots(Func<string, bool> includeInterface, bool baseline, List<string> notes)
        {
            _slots.Clear();
            for (int i = 0; i < _current.Count; i++)
            {
                InterfaceCounters now = _current[i];
                if (!includeInterface(now.Name))
                {
                    continue;
                }

                var slot = new InterfaceSlot(now.Name, _addresses.LinkHeaderBytes(now.Name));
                if (!baseline && _previous.TryGet(now.Name, out InterfaceCounters before))
                {
                    slot.BytesReceived = Delta(now.Name, "received bytes", before.BytesReceived, now.BytesReceived, notes);
                    slot.BytesSent = Delta(now.Name, "sent bytes", before.BytesSent, now.BytesSent, notes);
                    slot.PacketsReceived = Delta(now.Name, "received packets", before.PacketsReceived, now.PacketsReceived, notes);
                    slot.PacketsSent = Delta(now.Name, "sent packets", before.PacketsSent, now.PacketsSent, notes);
                }

                _slots.Add(slot);
            }
        }

        private ulong Delta(string name, string what, ulong before, ulong now, List<string> notes)
        {
            ulong delta = CounterDelta.Compute(before, now, _current.Width, out CounterChange change);
            if (change != CounterChange.Normal)
            {
                notes.Add($"The {what} counter of '{name}' went from {before} to {now} ({change}); the step counts {delta}.");
            }

            return delta;
        }

        /// <summary>Updates every flow's counters and gathers the deltas of flows on selected interfaces.</summary>
        private void Track(bool baseline)
        {
            _generation++;
            _contributions.Clear();
            _nextProcesses.Clear();
            for (int i = 0; i < _table.Count; i++)
            {
                ref FlowSample flow = ref _table[i];
                bool isNew = !_flows.TryGetValue(flow.Key, out TrackedFlow? tracked);
                if (isNew)
                {
                    tracked = new TrackedFlow();
                    _flows[flow.Key] = tracked;
                }

                tracked!.Seen = _generation;
                SetOwner(tracked, in flow);
                if (tracked.Owner.Kind == ProcessUsageKind.Process)
                {
                    int pid = (int)tracked.Owner.Id;
                    if (_nextProcesses.Add(pid))
                    {
                        _source.Describe(pid); // read while it runs: the name stays known after it exits
                    }
                }

                tracked.InterfaceName ??= _addresses.InterfaceOf(flow.Local, flow.Remote);
                int slot = SlotOf(tracked.InterfaceName);
                if (slot < 0 && flow.Local.IsUnspecified)
                {
                    slot = BusiestSlot(); // a source that knows no addresses (nettop's per-process totals)
                }

                if (!baseline && slot >= 0 && flow.HasCounters && tracked.HasOwner)
                {
                    var contribution = new Contribution
                    {
                        Flow = tracked,
                        Slot = slot,
                        PayloadReceived = Rise(tracked.PayloadReceived, flow.PayloadReceived, isNew),
                        PayloadSent = Rise(tracked.PayloadSent, flow.PayloadSent, isNew),
                        SegmentsIn = SegmentRise(tracked.SegmentsIn, flow.SegmentsIn, isNew),
                        SegmentsOut = SegmentRise(tracked.SegmentsOut, flow.SegmentsOut, isNew),
                        HeaderBytes = flow.HeaderBytes + (_source.CountsLinkHeaders ? 0 : _slots[slot].LinkHeader),
                        Index = i,
                    };
                    _slots[slot].Add(contribution);
                    _contributions.Add(contribution);
                }

                tracked.PayloadReceived = flow.PayloadReceived;
                tracked.PayloadSent = flow.PayloadSent;
                tracked.SegmentsIn = flow.SegmentsIn;
                tracked.SegmentsOut = flow.SegmentsOut;
            }

            _gone.Clear();
            foreach (KeyValuePair<ulong, TrackedFlow> pair in _flows)
            {
                if (pair.Value.Seen != _generation)
                {
                    _gone.Add(pair.Key); // closed: what it moved since the last sample is in the remainder
                }
            }

            foreach (ulong key in _gone)
            {
                _flows.Remove(key);
            }
        }

        /// <summary>
        /// A flow keeps the process it was first seen with: a socket its process has closed (inode 0) that is
        /// still sending its last bytes belongs to that process. Without a process, the socket's UID makes
        /// it another user's; a socket never seen with an owner counts in the remainder.
        /// </summary>
        private static void SetOwner(TrackedFlow tracked, in FlowSample flow)
        {
            if (flow.ProcessId >= 0)
            {
                tracked.Owner = new TrafficOwner(ProcessUsageKind.Process, flow.ProcessId);
                tracked.HasOwner = true;
            }
            else if (!tracked.HasOwner && flow.Inode != 0 && flow.UserId >= 0)
            {
                tracked.Owner = new TrafficOwner(ProcessUsageKind.OtherUser, flow.UserId);
                tracked.HasOwner = true;
            }
        }

        private int SlotOf(string? name)
        {
            if (name != null)
            {
                for (int i = 0; i < _slots.Count; i++)
                {
                    if (string.Equals(_slots[i].Name, name, InterfaceNaming.Comparison))
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        /// <summary>The selected interface that moved most in this step, for flows without addresses.</summary>
        private int BusiestSlot()
        {
            int busiest = -1;
            ulong most = 0;
            for (int i = 0; i < _slots.Count; i++)
            {
                ulong moved = _slots[i].BytesReceived + _slots[i].BytesSent;
                if (busiest < 0 || moved > most)
                {
                    busiest = i;
                    most = moved;
                }
            }

            return busiest;
        }

        private static ulong Rise(ulong before, ulong now, bool isNew) =>
            isNew ? now : now >= before ? now - before : now;

        /// <summary>Linux's segment counters are 32-bit and wrap; a drop that is no wrap is a new socket.</summary>
        private static ulong SegmentRise(ulong before, ulong now, bool isNew) =>
            isNew ? now : now >= before ? now - before : before <= uint.MaxValue ? (1UL << 32) - before + now : now;

        private ProcessUsageStep Attribute(List<string> notes)
        {
            var step = new ProcessUsageStep(_current.UtcTime, CounterSnapshot.SecondsBetween(_previous, _current), isBaseline: false);
            foreach (InterfaceSlot slot in _slots)
            {
                slot.Scale();
            }

            var owners = new Dictionary<TrafficOwner, ProcessTraffic>();
            var connections = TrackConnections ? new List<ConnectionTraffic>() : null;
            foreach (Contribution c in _contributions)
            {
                InterfaceSlot slot = _slots[c.Slot];
                ulong received = slot.Share(c, received: true);
                ulong sent = slot.Share(c, received: false);
                slot.AttributedReceived += received;
                slot.AttributedSent += sent;
                TrafficOwner owner = c.Flow.Owner;
                if (!owners.TryGetValue(owner, out ProcessTraffic? row))
                {
                    row = new ProcessTraffic(owner);
                    owners[owner] = row;
                }

                row.BytesReceived += received;
                row.BytesSent += sent;
                row.ConnectionCount++;
                row.Protocols |= _table[c.Index].Protocol;
                c.Flow.TotalReceived += received;
                c.Flow.TotalSent += sent;
                if (connections != null)
                {
                    connections.Add(new ConnectionTraffic(owner, in _table[c.Index], slot.Name)
                    {
                        BytesReceived = received,
                        BytesSent = sent,
                        TotalBytesReceived = c.Flow.TotalReceived,
                        TotalBytesSent = c.Flow.TotalSent,
                    });
                }
            }

            var remainder = new ProcessTraffic(TrafficOwner.Remainder) { Protocols = ~_source.Coverage & (FlowProtocols.Tcp | FlowProtocols.Udp) };
            foreach (InterfaceSlot slot in _slots)
            {
                step.InterfaceBytesReceived += slot.BytesReceived;
                step.InterfaceBytesSent += slot.BytesSent;
                remainder.BytesReceived += slot.BytesReceived - slot.AttributedReceived;
                remainder.BytesSent += slot.BytesSent - slot.AttributedSent;
                step.ClampedBytes += slot.Clamped;
                if (slot.Clamped > 0)
                {
                    notes.Add($"The sockets' estimate on '{slot.Name}' was {slot.Clamped} bytes above the interface's own count (the reads are a moment apart, or a flow left by another interface); its figures were scaled down to the count.");
                }
            }

            var rows = new List<ProcessTraffic>(owners.Values);
            foreach (ProcessTraffic row in rows)
            {
                Describe(row);
            }

            rows.Sort(CompareByBytes);
            step.Owners = rows;
            step.Remainder = remainder;
            step.Connections = (IReadOnlyList<ConnectionTraffic>?)connections ?? Array.Empty<ConnectionTraffic>();
            step.InterfaceNames = SlotNames();
            step.Notes = notes;
            return step;
        }

        private void Describe(ProcessTraffic row)
        {
            if (row.Owner.Kind == ProcessUsageKind.Process)
            {
                row.Identity = _source.Describe((int)row.Owner.Id);
                row.UserName = row.Identity?.UserName;
            }
            else
            {
                row.UserName = _source.UserName(row.Owner.Id);
            }
        }

        private static int CompareByBytes(ProcessTraffic a, ProcessTraffic b)
        {
            int bytes = (b.BytesReceived + b.BytesSent).CompareTo(a.BytesReceived + a.BytesSent);
            return bytes != 0 ? bytes : a.Owner.Id.CompareTo(b.Owner.Id);
        }

        private List<string> SlotNames()
        {
            var names = new List<string>(_slots.Count);
            foreach (InterfaceSlot slot in _slots)
            {
                names.Add(slot.Name);
            }

            return names;
        }

        /// <summary>Processes that held no flow in this sample are forgotten: bounded memory.</summary>
        private void ForgetGoneProcesses()
        {
            foreach (int pid in _processes)
            {
                if (!_nextProcesses.Contains(pid))
                {
                    _source.Forget(pid);
                }
            }

            (_processes, _nextProcesses) = (_nextProcesses, _processes);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _disposed = true;
                    if (_ownsSource)
                    {
                        _source.Dispose();
                    }
                }
            }
        }

        private sealed class TrackedFlow
        {
            public TrafficOwner Owner;
            public bool HasOwner;
            public string? InterfaceName;
            public int Seen;
            public ulong PayloadReceived;
            public ulong PayloadSent;
            public ulong SegmentsIn;
            public ulong SegmentsOut;
            public ulong TotalReceived;
            public ulong TotalSent;
        }

        private struct Contribution
        {
            public TrackedFlow Flow;
            public int Slot;
            public int Index;
            public ulong PayloadReceived;
            public ulong PayloadSent;
            public ulong SegmentsIn;
            public ulong SegmentsOut;
            public int HeaderBytes;
        }

        /// <summary>One selected interface in one step: its counter delta and what the flows on it add to.</summary>
        private sealed class InterfaceSlot
        {
            private double _headerFactorReceived = 1;
            private double _headerFactorSent = 1;
            private double _scaleReceived = 1;
            private double _scaleSent = 1;

            public InterfaceSlot(string name, int linkHeader)
            {
                Name = name;
                LinkHeader = linkHeader;
            }

            public string Name { get; }

            public int LinkHeader { get; }

            public ulong BytesReceived;
            public ulong BytesSent;
            public ulong PacketsReceived;
            public ulong PacketsSent;
            public ulong SegmentsIn;
            public ulong SegmentsOut;
            public double PayloadReceived;
            public double PayloadSent;
            public double HeadersReceived;
            public double HeadersSent;
            public ulong AttributedReceived;
            public ulong AttributedSent;
            public ulong Clamped;

            public void Add(in Contribution c)
            {
                SegmentsIn += c.SegmentsIn;
                SegmentsOut += c.SegmentsOut;
                PayloadReceived += c.PayloadReceived;
                PayloadSent += c.PayloadSent;
                HeadersReceived += c.SegmentsIn * (double)c.HeaderBytes;
                HeadersSent += c.SegmentsOut * (double)c.HeaderBytes;
            }

            /// <summary>
            /// Fixes the header factor and the clamp of both directions. Headers: an interface that counted
            /// fewer packets than the flows' segments carried large (offloaded) packets with one header each,
            /// so each segment's header counts in that proportion. Clamp: where the estimate exceeds the
            /// interface's bytes, every flow on it is scaled down to fit.
            /// </summary>
            public void Scale()
            {
                _headerFactorReceived = Factor(SegmentsIn, PacketsReceived);
                _headerFactorSent = Factor(SegmentsOut, PacketsSent);
                _scaleReceived = Fit(PayloadReceived + HeadersReceived * _headerFactorReceived, BytesReceived);
                _scaleSent = Fit(PayloadSent + HeadersSent * _headerFactorSent, BytesSent);
            }

            private static double Factor(ulong segments, ulong packets) => segments > packets ? packets / (double)segments : 1;

            private double Fit(double estimate, ulong bytes)
            {
                if (estimate <= bytes)
                {
                    return 1;
                }

                Clamped += (ulong)(estimate - bytes);
                return bytes / estimate;
            }

            /// <summary>A flow's bytes on this interface in one direction, never more than the interface has left.</summary>
            public ulong Share(in Contribution c, bool received)
            {
                double wire = received
                    ? (c.PayloadReceived + c.SegmentsIn * (double)c.HeaderBytes * _headerFactorReceived) * _scaleReceived
                    : (c.PayloadSent + c.SegmentsOut * (double)c.HeaderBytes * _headerFactorSent) * _scaleSent;
                ulong share = (ulong)Math.Floor(wire);
                ulong left = received ? BytesReceived - AttributedReceived : BytesSent - AttributedSent;
                return Math.Min(share, left);
            }
        }
    }
}
