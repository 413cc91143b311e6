using System;
using System.Collections.Generic;

namespace NetUsageTracker.Processes
{
    /// <summary>What a row of per-process usage stands for.</summary>
    public enum ProcessUsageKind
    {
        /// <summary>One process, named.</summary>
        Process,

        /// <summary>The sockets of one other user, whose processes cannot be read without elevation.</summary>
        OtherUser,

        /// <summary>
        /// The remainder: what the interfaces counted that no process figure holds: sockets that closed
        /// between two samples, protocols the source cannot see (UDP on Linux, ICMP, ARP, DHCP), and the
        /// headers the estimate leaves out.
        /// </summary>
        Unattributed,

        /// <summary>In the history: the processes of a recording beyond its top ones, together.</summary>
        OtherProcesses,
    }

    /// <summary>Who a row of usage belongs to: a process (by ID) or another user (by UID).</summary>
    public readonly struct TrafficOwner : IEquatable<TrafficOwner>
    {
        public TrafficOwner(ProcessUsageKind kind, long id)
        {
            Kind = kind;
            Id = id;
        }

        public ProcessUsageKind Kind { get; }

        /// <summary>The process ID, the user ID, or 0 for the remainder.</summary>
        public long Id { get; }

        public static TrafficOwner Remainder => new TrafficOwner(ProcessUsageKind.Unattributed, 0);

        public bool Equals(TrafficOwner other) => Kind == other.Kind && Id == other.Id;

        public override bool Equals(object? obj) => obj is TrafficOwner other && Equals(other);

        public override int GetHashCode() => ((int)Kind * 397) ^ Id.GetHashCode();
    }

    /// <summary>One owner's traffic over one step of the sampler, in interface terms (headers included).</summary>
    public sealed class ProcessTraffic
    {
        internal ProcessTraffic(TrafficOwner owner)
        {
            Owner = owner;
        }

        public TrafficOwner Owner { get; }

        /// <summary>Name, path and user; null for a process that had gone before it could be read.</summary>
        public ProcessIdentity? Identity { get; internal set; }

        /// <summary>The other user's name (OtherUser rows) or the process's user.</summary>
        public string? UserName { get; internal set; }

        public ulong BytesReceived { get; internal set; }

        public ulong BytesSent { get; internal set; }

        /// <summary>Open connections (sockets) of the owner on the selected interfaces at the step's end.</summary>
        public int ConnectionCount { get; internal set; }

        /// <summary>The protocols the figure covers.</summary>
        public FlowProtocols Protocols { get; internal set; }
    }

    /// <summary>One connection's traffic over one step, in interface terms.</summary>
    public sealed class ConnectionTraffic
    {
        internal ConnectionTraffic(TrafficOwner owner, in FlowSample flow, string interfaceName)
        {
            Owner = owner;
            Protocol = flow.Protocol;
            Local = flow.Local;
            Remote = flow.Remote;
            State = flow.State;
            InterfaceName = interfaceName;
        }

        public TrafficOwner Owner { get; }

        public FlowProtocols Protocol { get; }

        public FlowAddress Local { get; }

        public FlowAddress Remote { get; }

        public FlowState State { get; }

        public string InterfaceName { get; }

        public ulong BytesReceived { get; internal set; }

        public ulong BytesSent { get; internal set; }

        /// <summary>Received and sent since the sampler first saw the connection.</summary>
        public ulong TotalBytesReceived { get; internal set; }

        public ulong TotalBytesSent { get; internal set; }
    }

    /// <summary>
    /// One step of <see cref="ProcessUsageSampler"/>: each owner's traffic between two samples and the
    /// remainder, which together are exactly the selected interfaces' counter delta.
    /// </summary>
    public sealed class ProcessUsageStep
    {
        internal ProcessUsageStep(DateTime utcTime, double seconds, bool isBaseline)
        {
            UtcTime = utcTime;
            Seconds = seconds;
            IsBaseline = isBaseline;
        }

        public DateTime UtcTime { get; }

        /// <summary>The step's length on the monotonic clock; 0 for the first sample (the baseline).</summary>
        public double Seconds { get; }

        /// <summary>True for a sampler's first sample: there is nothing to compare it with, every figure is 0.</summary>
        public bool IsBaseline { get; }

        /// <summary>Processes and other users with traffic or open connections in the step, largest first.</summary>
        public IReadOnlyList<ProcessTraffic> Owners { get; internal set; } = Array.Empty<ProcessTraffic>();

        /// <summary>The remainder row: interface delta minus every owner's figure, never negative.</summary>
        public ProcessTraffic Remainder { get; internal set; } = new ProcessTraffic(TrafficOwner.Remainder);

        /// <summary>The connections of the step (only when the sampler was asked for them).</summary>
        public IReadOnlyList<ConnectionTraffic> Connections { get; internal set; } = Array.Empty<ConnectionTraffic>();

        /// <summary>The selected interfaces and their counter delta, which the rows add up to.</summary>
        public IReadOnlyList<string> InterfaceNames { get; internal set; } = Array.Empty<string>();

        public ulong InterfaceBytesReceived { get; internal set; }

        public ulong InterfaceBytesSent { get; internal set; }

        /// <summary>
        /// Bytes by which the estimate exceeded an interface's own count (the socket read and the counter
        /// read are a moment apart, or a flow left by another interface than its address's); the figures of
        /// that interface were scaled down to its count so the rows still add up. 0 in the usual case.
        /// </summary>
        public ulong ClampedBytes { get; internal set; }

        /// <summary>Sentences about the step for the verbose stream (a counter reset, a clamp).</summary>
        public IReadOnlyList<string> Notes { get; internal set; } = Array.Empty<string>();
    }
}
