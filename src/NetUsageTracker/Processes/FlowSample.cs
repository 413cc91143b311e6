using System;
using System.Net;

namespace NetUsageTracker.Processes
{
    /// <summary>Which transport protocols a figure covers.</summary>
    [Flags]
    public enum FlowProtocols
    {
        None = 0,
        Tcp = 1,
        Udp = 2,
    }

    /// <summary>
    /// An address and port of one end of a flow, kept as two numbers so a snapshot of thousands of
    /// sockets allocates nothing; <see cref="ToEndPoint"/> makes an IPEndPoint when one is shown.
    /// IPv4 (and IPv4-mapped IPv6) addresses are kept as IPv4: that is what goes over the wire.
    /// </summary>
    public readonly struct FlowAddress : IEquatable<FlowAddress>
    {
        /// <summary>The address bytes in network order: the first eight in <see cref="High"/>, the rest in
        /// <see cref="Low"/>; an IPv4 address sits in the low 32 bits of <see cref="Low"/>.</summary>
        public readonly ulong High;
        public readonly ulong Low;
        public readonly ushort Port;
        public readonly bool IsIPv6;

        public FlowAddress(ulong high, ulong low, ushort port, bool isIPv6)
        {
            High = high;
            Low = low;
            Port = port;
            IsIPv6 = isIPv6;
        }

        /// <summary>An IPv4 address from its four bytes in network order (as read from memory).</summary>
        public static FlowAddress IPv4(uint networkOrder, ushort port) => new FlowAddress(0, networkOrder, port, false);

        /// <summary>Sixteen address bytes; an IPv4-mapped address (::ffff:a.b.c.d) becomes IPv4.</summary>
        public static unsafe FlowAddress FromBytes16(byte* address, ushort port)
        {
            ulong high = *(ulong*)address;
            ulong low = *(ulong*)(address + 8);
            if (high == 0 && *(ushort*)(address + 8) == 0 && *(ushort*)(address + 10) == 0xFFFF)
            {
                return IPv4(*(uint*)(address + 12), port);
            }

            return new FlowAddress(high, low, port, true);
        }

        public static FlowAddress FromIPAddress(IPAddress address, ushort port)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            byte[] bytes = address.GetAddressBytes();
            unsafe
            {
                fixed (byte* p = bytes)
                {
                    return bytes.Length == 4 ? IPv4(*(uint*)p, port) : FromBytes16(p, port);
                }
            }
        }

        /// <summary>The same address without the port (a key for the address-to-interface map).</summary>
        public FlowAddress WithoutPort() => new FlowAddress(High, Low, 0, IsIPv6);

        public bool IsUnspecified => High == 0 && Low == 0;

        /// <summary>127.0.0.0/8 or ::1.</summary>
        public bool IsLoopback => IsIPv6
            ? High == 0 && Low == (BitConverter.IsLittleEndian ? 0x0100000000000000UL : 1UL)
            : (BitConverter.IsLittleEndian ? Low & 0xFF : (Low >> 24) & 0xFF) == 127;

        public IPAddress ToIPAddress()
        {
            var bytes = new byte[IsIPv6 ? 16 : 4];
            unsafe
            {
                fixed (byte* p = bytes)
                {
                    if (IsIPv6)
                    {
                        *(ulong*)p = High;
                        *(ulong*)(p + 8) = Low;
                    }
                    else
                    {
                        *(uint*)p = (uint)Low;
                    }
                }
            }

            return new IPAddress(bytes);
        }

        public IPEndPoint ToEndPoint() => new IPEndPoint(ToIPAddress(), Port);

        public bool Equals(FlowAddress other) => High == other.High && Low == other.Low && Port == other.Port && IsIPv6 == other.IsIPv6;

        public override bool Equals(object? obj) => obj is FlowAddress other && Equals(other);

        public override int GetHashCode() => unchecked((int)(High ^ (High >> 32) ^ Low ^ (Low >> 32)) * 31 + Port);

        public override string ToString() => IsIPv6 ? $"[{ToIPAddress()}]:{Port}" : $"{ToIPAddress()}:{Port}";
    }

    /// <summary>
    /// One flow (a socket, a connection, or a process's whole traffic where the source knows no finer)
    /// with cumulative counters since the flow began, as a flow source reads it. A value in a reusable
    /// <see cref="FlowTable"/>.
    /// </summary>
    public struct FlowSample
    {
        /// <summary>The flow's identity for its whole life (the kernel's socket cookie on Linux).</summary>
        public ulong Key;

        /// <summary>The owning process, or -1 when the source could not tell.</summary>
        public int ProcessId;

        /// <summary>The owning user's numeric ID on Unix; -1 when unknown.</summary>
        public long UserId;

        /// <summary>Linux: the socket's inode, which /proc/&lt;pid&gt;/fd links name; 0 elsewhere or when the
        /// socket has no file any more (closed by its process, still finishing).</summary>
        public ulong Inode;

        public FlowProtocols Protocol;
        public FlowAddress Local;
        public FlowAddress Remote;
        public FlowState State;

        /// <summary>Whether the counters below are known (false: the flow is listed, its bytes are not).</summary>
        public bool HasCounters;

        /// <summary>Transport payload bytes, cumulative.</summary>
        public ulong PayloadReceived;
        public ulong PayloadSent;

        /// <summary>Segments or datagrams, cumulative; 0 where the source does not count them.</summary>
        public ulong SegmentsIn;
        public ulong SegmentsOut;

        /// <summary>Bytes of IP and transport header (options included) in each segment, without the link
        /// layer; 0 when the counters already include the headers.</summary>
        public int HeaderBytes;
    }

    /// <summary>The state of a connection, as the sources' systems name them.</summary>
    public enum FlowState
    {
        Unknown,
        Established,
        SynSent,
        SynReceived,
        FinWait1,
        FinWait2,
        TimeWait,
        Closed,
        CloseWait,
        LastAck,
        Listen,
        Closing,

        /// <summary>A datagram socket (UDP has no connection state).</summary>
        Datagram,
    }

    /// <summary>A reusable list of flows that a source fills in place.</summary>
    public sealed class FlowTable
    {
        private FlowSample[] _items = new FlowSample[64];

        public int Count { get; private set; }

        public ref FlowSample this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return ref _items[index];
            }
        }

        /// <summary>A copy of one flow (for callers that cannot take a reference, such as PowerShell).</summary>
        public FlowSample ItemAt(int index) => this[index];

        public void Clear() => Count = 0;

        /// <summary>The next slot, cleared.</summary>
        public ref FlowSample Add()
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            ref FlowSample slot = ref _items[Count++];
            slot = default;
            return ref slot;
        }

        /// <summary>Drops the last slot (a message that turned out not to be a flow).</summary>
        public void RemoveLast() => Count--;
    }
}
