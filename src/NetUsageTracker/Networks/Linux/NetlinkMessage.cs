using System;
using System.Collections.Generic;
using System.Text;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// Netlink's wire format (linux/netlink.h, rtnetlink.h, genetlink.h), in host byte order: a 16-byte
    /// nlmsghdr (length, type, flags, sequence, port), a family header, then attributes of a 4-byte
    /// header (length, type) each padded to 4 bytes.
    /// </summary>
    internal static class NetlinkMessage
    {
        public const int HeaderLength = 16;
        public const ushort Error = 2;
        public const ushort Done = 3;
        public const ushort FlagRequest = 0x1;
        public const ushort FlagDump = 0x300;

        /// <summary>Attribute types carry two flag bits (nested, network byte order) above the type.</summary>
        private const ushort AttributeTypeMask = 0x3FFF;

        /// <summary>Starts a request of <paramref name="type"/>; the caller appends the family header and attributes.</summary>
        public static List<byte> Begin(ushort type, ushort flags)
        {
            var message = new List<byte>(64);
            AddUInt32(message, 0); // length, set by Finish
            AddUInt16(message, type);
            AddUInt16(message, flags);
            AddUInt32(message, 0); // sequence, set when sent
            AddUInt32(message, 0); // port: the kernel's
            return message;
        }

        public static void AddAttribute(List<byte> message, ushort type, byte[] value)
        {
            AddUInt16(message, (ushort)(4 + value.Length));
            AddUInt16(message, type);
            message.AddRange(value);
            while (message.Count % 4 != 0)
            {
                message.Add(0);
            }
        }

        public static byte[] Finish(List<byte> message)
        {
            byte[] bytes = message.ToArray();
            BitConverter.GetBytes((uint)bytes.Length).CopyTo(bytes, 0);
            return bytes;
        }

        public static void SetSequence(byte[] message, uint sequence) => BitConverter.GetBytes(sequence).CopyTo(message, 8);

        /// <summary>The next message of a received datagram, from <paramref name="offset"/>; false at its end.</summary>
        public static bool TryNext(byte[] buffer, int received, ref int offset, out int start, out int length, out ushort type, out uint sequence)
        {
            start = offset;
            length = 0;
            type = 0;
            sequence = 0;
            if (received - offset < HeaderLength)
            {
                return false;
            }

            length = (int)BitConverter.ToUInt32(buffer, offset);
            if (length < HeaderLength || length > received - offset)
            {
                return false; // malformed or cut: nothing more can be read from this datagram
            }

            type = BitConverter.ToUInt16(buffer, offset + 4);
            sequence = BitConverter.ToUInt32(buffer, offset + 8);
            offset += Align(length);
            return true;
        }

        /// <summary>The (negative) errno of an NLMSG_ERROR message; 0 for an acknowledgement.</summary>
        public static int ErrorCode(byte[] buffer, int start, int length) =>
            length >= HeaderLength + 4 ? BitConverter.ToInt32(buffer, start + HeaderLength) : -NetlinkException.NotSupported;

        /// <summary>
        /// Calls <paramref name="onAttribute"/> for each attribute between <paramref name="from"/> and
        /// <paramref name="end"/> with its type (flags removed), where its value starts, and its length.
        /// </summary>
        public static void ForEachAttribute(byte[] buffer, int from, int end, Action<ushort, int, int> onAttribute)
        {
            int at = from;
            while (end - at >= 4)
            {
                int length = BitConverter.ToUInt16(buffer, at);
                if (length < 4 || length > end - at)
                {
                    return;
                }

                onAttribute((ushort)(BitConverter.ToUInt16(buffer, at + 2) & AttributeTypeMask), at + 4, length - 4);
                at += Align(length);
            }
        }

        public static byte[] NulTerminated(string text)
        {
            byte[] bytes = new byte[Encoding.ASCII.GetByteCount(text) + 1];
            Encoding.ASCII.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        public static void AddUInt16(List<byte> message, ushort value) => message.AddRange(BitConverter.GetBytes(value));

        public static void AddUInt32(List<byte> message, uint value) => message.AddRange(BitConverter.GetBytes(value));

        private static int Align(int length) => (length + 3) & ~3;
    }
}
