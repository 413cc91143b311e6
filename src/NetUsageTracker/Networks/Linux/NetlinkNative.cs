using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// Linux: the libc calls behind the netlink sockets (rtnetlink for the neighbour table, generic netlink
    /// for nl80211). .NET's Socket does not take AF_NETLINK, so the socket is a plain file descriptor.
    /// </summary>
    internal static class NetlinkNative
    {
        public const int AddressFamilyNetlink = 16;
        public const int SocketRaw = 3;
        public const int SocketCloseOnExec = 0x80000;
        public const int NetlinkRoute = 0;
        public const int NetlinkGeneric = 16;
        public const short PollIn = 0x1;
        public const int MessageDontWait = 0x40;
        public const int ErrorInterrupted = 4;
        public const int ErrorWouldBlock = 11;

        // rtnetlink's multicast groups (RTMGRP_*): what changes a gateway's network.
        public const uint GroupLink = 0x1;
        public const uint GroupNeighbour = 0x4;
        public const uint GroupIPv4Route = 0x40;
        public const uint GroupIPv6Route = 0x400;

        [StructLayout(LayoutKind.Sequential)]
        public struct PollDescriptor
        {
            public int Descriptor;
            public short Events;
            public short ReturnedEvents;
        }

        [DllImport("libc", SetLastError = true)]
        public static extern int socket(int domain, int type, int protocol);

        [DllImport("libc", SetLastError = true)]
        public static extern int bind(int descriptor, byte[] address, int length);

        /// <summary>struct sockaddr_nl: family, padding, port id (0: the kernel picks), multicast groups.</summary>
        public static byte[] NetlinkAddress(uint groups)
        {
            var address = new byte[12];
            BitConverter.GetBytes((ushort)AddressFamilyNetlink).CopyTo(address, 0);
            BitConverter.GetBytes(groups).CopyTo(address, 8);
            return address;
        }

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr send(int descriptor, byte[] buffer, UIntPtr length, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr recv(int descriptor, byte[] buffer, UIntPtr length, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int poll(ref PollDescriptor descriptors, UIntPtr count, int timeoutMilliseconds);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int descriptor);

        /// <summary>The index of an interface by name; 0 when there is none.</summary>
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
        public static extern uint if_nametoindex(string name);
    }
}
