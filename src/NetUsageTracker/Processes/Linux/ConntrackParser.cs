using System;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>One UDP connection-tracking entry with its accounting counters (IP bytes: the IP and UDP
    /// headers included).</summary>
    internal struct ConntrackEntry
    {
        public uint Id;
        public FlowAddress OriginalSource;
        public FlowAddress OriginalDestination;
        public FlowAddress ReplySource;
        public FlowAddress ReplyDestination;
        public ulong OriginalPackets;
        public ulong OriginalBytes;
        public ulong ReplyPackets;
        public ulong ReplyBytes;
    }

    /// <summary>A reusable list of conntrack entries.</summary>
    internal sealed class ConntrackTable
    {
        private ConntrackEntry[] _items = new ConntrackEntry[64];

        public int Count { get; private set; }

        public ref ConntrackEntry this[int index] => ref _items[index];

        public void Clear() => Count = 0;

        public ref ConntrackEntry Add()
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            ref ConntrackEntry slot = ref _items[Count++];
            slot = default;
            return ref slot;
        }

        public void RemoveLast() => Count--;
    }

    /// <summary>
    /// Decodes ctnetlink's dump (linux/netfilter/nfnetlink_conntrack.h): after the nfgenmsg, nested
    /// attributes CTA_TUPLE_ORIG and CTA_TUPLE_REPLY (CTA_TUPLE_IP: the addresses; CTA_TUPLE_PROTO: the
    /// protocol and ports), CTA_COUNTERS_ORIG and CTA_COUNTERS_REPLY (packets and bytes, big-endian, present
    /// only with nf_conntrack_acct on) and CTA_ID. Only UDP entries with counters are kept.
    /// </summary>
    internal static unsafe class ConntrackParser
    {
        public const ushort MessageNew = (1 << 8) | 0; // NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_NEW
        public const ushort MessageGet = (1 << 8) | 1; // IPCTNL_MSG_CT_GET
        private const int NfgenSize = 4;
        private const byte IPPROTO_UDP = 17;

        public static DumpProgress Parse(byte* buffer, int length, ConntrackTable table)
        {
            var reader = new EntryReader(table);
            return NetlinkMessages.Walk(buffer, length, ref reader);
        }

        internal static DumpProgress Parse(byte[] buffer, int length, ConntrackTable table)
        {
            fixed (byte* p = buffer)
            {
                return Parse(p, length, table);
            }
        }

        internal readonly struct EntryReader : INetlinkReader
        {
            private readonly ConntrackTable _table;

            public EntryReader(ConntrackTable table)
            {
                _table = table;
            }

            public void Read(ushort type, byte* body, int length)
            {
                if (type != MessageNew || length < NfgenSize)
                {
                    return;
                }

                ref ConntrackEntry entry = ref _table.Add();
                var seen = new Seen();
                ReadEntry(body + NfgenSize, length - NfgenSize, ref entry, ref seen);
                if (seen.Protocol != IPPROTO_UDP || !seen.Counters)
                {
                    _table.RemoveLast();
                }
            }
        }

        private struct Seen
        {
            public byte Protocol;
            public bool Counters;
        }

        private static void ReadEntry(byte* attributes, int length, ref ConntrackEntry entry, ref Seen seen)
        {
            for (int offset = 0; offset + 4 <= length;)
            {
                byte* attribute = attributes + offset;
                int size = *(ushort*)attribute;
                if (size < 4 || size > length - offset)
                {
                    return;
                }

                byte* value = attribute + 4;
                int valueLength = size - 4;
                switch (NetlinkMessages.AttributeType(attribute))
                {
                    case 1: // CTA_TUPLE_ORIG
                        ReadTuple(value, valueLength, out entry.OriginalSource, out entry.OriginalDestination, ref seen);
                        break;
                    case 2: // CTA_TUPLE_REPLY
                        ReadTuple(value, valueLength, out entry.ReplySource, out entry.ReplyDestination, ref seen);
                        break;
                    case 9: // CTA_COUNTERS_ORIG
                        seen.Counters |= ReadCounters(value, valueLength, out entry.OriginalPackets, out entry.OriginalBytes);
                        break;
                    case 10: // CTA_COUNTERS_REPLY
                        ReadCounters(value, valueLength, out entry.ReplyPackets, out entry.ReplyBytes);
                        break;
                    case 12: // CTA_ID
                        if (valueLength >= 4)
                        {
                            entry.Id = Big32(value);
                        }

                        break;
                }

                offset += NetlinkMessages.Align(size);
            }
        }

        private static void ReadTuple(byte* attributes, int length, out FlowAddress source, out FlowAddress destination, ref Seen seen)
        {
            byte* sourceAddress = null;
            byte* destinationAddress = null;
            bool ipv6 = false;
            ushort sourcePort = 0;
            ushort destinationPort = 0;
            for (int offset = 0; offset + 4 <= length;)
            {
                byte* attribute = attributes + offset;
                int size = *(ushort*)attribute;
                if (size < 4 || size > length - offset)
                {
                    break;
                }

                byte* value = attribute + 4;
                ushort type = NetlinkMessages.AttributeType(attribute);
                for (int inner = 0; type <= 2 && inner + 4 <= size - 4;)
                {
                    byte* nested = value + inner;
                    int nestedSize = *(ushort*)nested;
                    if (nestedSize < 4 || nestedSize > size - 4 - inner)
                    {
                        break;
                    }

                    ushort nestedType = NetlinkMessages.AttributeType(nested);
                    if (type == 1) // CTA_TUPLE_IP: V4_SRC 1, V4_DST 2, V6_SRC 3, V6_DST 4
                    {
                        if (nestedType == 1 || nestedType == 3)
                        {
                            sourceAddress = nested + 4;
                        }
                        else if (nestedType == 2 || nestedType == 4)
                        {
                            destinationAddress = nested + 4;
                        }

                        ipv6 |= nestedType >= 3;
                    }
                    else if (type == 2) // CTA_TUPLE_PROTO: NUM 1, SRC_PORT 2, DST_PORT 3
                    {
                        if (nestedType == 1)
                        {
                            seen.Protocol = nested[4];
                        }
                        else if (nestedType == 2)
                        {
                            sourcePort = (ushort)((nested[4] << 8) | nested[5]);
                        }
                        else if (nestedType == 3)
                        {
                            destinationPort = (ushort)((nested[4] << 8) | nested[5]);
                        }
                    }

                    inner += NetlinkMessages.Align(nestedSize);
                }

                offset += NetlinkMessages.Align(size);
            }

            source = Address(sourceAddress, sourcePort, ipv6);
            destination = Address(destinationAddress, destinationPort, ipv6);
        }

        private static FlowAddress Address(byte* address, ushort port, bool ipv6) =>
            address == null ? default : ipv6 ? FlowAddress.FromBytes16(address, port) : FlowAddress.IPv4(*(uint*)address, port);

        private static bool ReadCounters(byte* attributes, int length, out ulong packets, out ulong bytes)
        {
            packets = 0;
            bytes = 0;
            bool any = false;
            for (int offset = 0; offset + 4 <= length;)
            {
                byte* attribute = attributes + offset;
                int size = *(ushort*)attribute;
                if (size < 12 || size > length - offset)
                {
                    break;
                }

                ushort type = NetlinkMessages.AttributeType(attribute);
                if (type == 1)
                {
                    packets = Big64(attribute + 4);
                    any = true;
                }
                else if (type == 2)
                {
                    bytes = Big64(attribute + 4);
                    any = true;
                }

                offset += NetlinkMessages.Align(size);
            }

            return any;
        }

        private static uint Big32(byte* p) => ((uint)p[0] << 24) | ((uint)p[1] << 16) | ((uint)p[2] << 8) | p[3];

        private static ulong Big64(byte* p) => ((ulong)Big32(p) << 32) | Big32(p + 4);
    }
}
