namespace NetUsageTracker.Processes.Linux
{
    /// <summary>What one buffer of a netlink dump held at its end.</summary>
    internal enum DumpProgress
    {
        /// <summary>More messages follow in the next read.</summary>
        More,

        /// <summary>NLMSG_DONE: the dump is complete.</summary>
        Done,
    }

    /// <summary>Reads the body of each data message of a netlink dump.</summary>
    internal unsafe interface INetlinkReader
    {
        void Read(ushort type, byte* body, int length);
    }

    /// <summary>
    /// Walks the messages of one netlink receive buffer (linux/netlink.h: nlmsghdr, 4-byte aligned): hands
    /// each data message to the reader, stops at NLMSG_DONE, and turns NLMSG_ERROR or a message that does
    /// not fit its buffer into a <see cref="SockDiagException"/>. The reader is a struct passed by
    /// reference, so a walk allocates nothing.
    /// </summary>
    internal static unsafe class NetlinkMessages
    {
        public const int HeaderSize = 16;
        public const ushort NLMSG_ERROR = 2;
        public const ushort NLMSG_DONE = 3;

        public static DumpProgress Walk<T>(byte* buffer, int length, ref T reader)
            where T : struct, INetlinkReader
        {
            int offset = 0;
            while (offset + HeaderSize <= length)
            {
                byte* message = buffer + offset;
                int messageLength = (int)*(uint*)message;
                ushort type = *(ushort*)(message + 4);
                if (messageLength < HeaderSize || messageLength > length - offset)
                {
                    throw new SockDiagException($"A netlink message of {messageLength} bytes does not fit the {length - offset} bytes left of its buffer.", 0);
                }

                if (type == NLMSG_DONE)
                {
                    return DumpProgress.Done;
                }

                if (type == NLMSG_ERROR)
                {
                    int error = messageLength >= HeaderSize + 4 ? -*(int*)(message + HeaderSize) : 0;
                    throw new SockDiagException($"The kernel refused the netlink dump (errno {error}).", error);
                }

                reader.Read(type, message + HeaderSize, messageLength - HeaderSize);
                offset += Align(messageLength);
            }

            return DumpProgress.More;
        }

        public static int Align(int length) => (length + 3) & ~3;

        /// <summary>A netlink attribute's 16-bit type without the nested and byte-order flags.</summary>
        public static ushort AttributeType(byte* attribute) => (ushort)(*(ushort*)(attribute + 2) & 0x3FFF);
    }
}
