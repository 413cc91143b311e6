using System;
using System.Net;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// The kernel's neighbour table (ARP for IPv4, NDP for IPv6) over rtnetlink: one RTM_GETNEIGH dump,
    /// filtered to one interface, answers "which link-layer address has the gateway?" for both families.
    /// </summary>
    internal static class NeighbourTable
    {
        public const ushort GetNeighbour = 30;
        public const ushort NewNeighbour = 28;
        public const ushort AttributeDestination = 1;
        public const ushort AttributeLinkLayerAddress = 2;
        public const ushort AttributeInterfaceIndex = 8;

        /// <summary>struct ndmsg: family, two pad bytes and a pad short, ifindex, state, flags, type.</summary>
        public const int HeaderLength = 12;

        /// <summary>NUD_INCOMPLETE and NUD_FAILED: no address, or one that stopped answering.</summary>
        public const ushort UnusableStates = 0x01 | 0x20;

        /// <summary>A dump of the neighbours of interface <paramref name="interfaceIndex"/>, every family.</summary>
        public static byte[] DumpRequest(uint interfaceIndex)
        {
            var message = NetlinkMessage.Begin(GetNeighbour, NetlinkMessage.FlagRequest | NetlinkMessage.FlagDump);
            message.AddRange(new byte[4]); // AF_UNSPEC and padding
            NetlinkMessage.AddUInt32(message, interfaceIndex);
            message.AddRange(new byte[4]); // state, flags, type
            NetlinkMessage.AddAttribute(message, AttributeInterfaceIndex, BitConverter.GetBytes(interfaceIndex));
            return NetlinkMessage.Finish(message);
        }

        /// <summary>
        /// The link-layer address of <paramref name="address"/> on interface <paramref name="interfaceIndex"/>
        /// in one RTM_NEWNEIGH message; null when the message is of another neighbour, or its entry has no
        /// usable address (incomplete, failed, or a link without link-layer addresses).
        /// </summary>
        public static byte[]? LinkLayerAddressIn(byte[] buffer, int start, int length, IPAddress address, uint interfaceIndex)
        {
            int body = start + NetlinkMessage.HeaderLength;
            if (length < NetlinkMessage.HeaderLength + HeaderLength || BitConverter.ToUInt32(buffer, body + 4) != interfaceIndex)
            {
                return null;
            }

            ushort state = BitConverter.ToUInt16(buffer, body + 8);
            if ((state & UnusableStates) != 0)
            {
                return null;
            }

            byte[] wanted = address.GetAddressBytes();
            bool matches = false;
            byte[]? linkLayer = null;
            NetlinkMessage.ForEachAttribute(buffer, body + HeaderLength, start + length, (type, at, size) =>
            {
                if (type == AttributeDestination)
                {
                    matches = size == wanted.Length && Same(buffer, at, wanted);
                }
                else if (type == AttributeLinkLayerAddress && size > 0)
                {
                    linkLayer = new byte[size];
                    Buffer.BlockCopy(buffer, at, linkLayer, 0, size);
                }
            });

            return matches && linkLayer != null && !AllZero(linkLayer) ? linkLayer : null;
        }

        private static bool Same(byte[] buffer, int at, byte[] wanted)
        {
            for (int i = 0; i < wanted.Length; i++)
            {
                if (buffer[at + i] != wanted[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool AllZero(byte[] bytes) => Array.TrueForAll(bytes, b => b == 0);
    }
}
