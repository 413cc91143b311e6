using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using static NetUsageTracker.Networks.Linux.NetlinkNative;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// A netlink socket to the kernel that sends one request at a time and reads its answer within a deadline,
    /// or one that listens to multicast groups and says whether anything was announced since the last look.
    /// </summary>
    internal sealed class NetlinkSocket : IDisposable
    {
        private readonly int _descriptor;
        private readonly TimeSpan _timeout;
        private byte[] _buffer = new byte[32 * 1024];
        private uint _sequence;

        private NetlinkSocket(int descriptor, TimeSpan timeout)
        {
            _descriptor = descriptor;
            _timeout = timeout;
        }

        /// <summary>One message of an answer, as it lies in the receive buffer.</summary>
        public delegate void MessageHandler(byte[] buffer, int offset, int length, ushort type);

        /// <summary>Opens a socket of <paramref name="protocol"/> (NETLINK_ROUTE, NETLINK_GENERIC); throws NetlinkException when the kernel refuses.</summary>
        public static NetlinkSocket Open(int protocol, TimeSpan timeout)
        {
            int descriptor = socket(AddressFamilyNetlink, SocketRaw | SocketCloseOnExec, protocol);
            if (descriptor < 0)
            {
                throw new NetlinkException("socket", Marshal.GetLastWin32Error());
            }

            return new NetlinkSocket(descriptor, timeout);
        }

        /// <summary>A socket of <paramref name="protocol"/> that receives what the kernel announces to <paramref name="groups"/> (RTMGRP_* bits).</summary>
        public static NetlinkSocket Listen(int protocol, uint groups)
        {
            NetlinkSocket socket = Open(protocol, TimeSpan.Zero);
            byte[] address = NetlinkAddress(groups);
            if (bind(socket._descriptor, address, address.Length) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                socket.Dispose();
                throw new NetlinkException("bind", errno);
            }

            return socket;
        }

        /// <summary>
        /// Reads, without waiting, everything announced since the last call; true when anything was, or when the
        /// kernel dropped announcements because none were read for a while (ENOBUFS): something may have changed.
        /// </summary>
        public bool Drain()
        {
            bool announced = false;
            while (true)
            {
                long received = (long)recv(_descriptor, _buffer, (UIntPtr)_buffer.Length, MessageDontWait);
                if (received > 0)
                {
                    announced = true;
                    continue;
                }

                int errno = Marshal.GetLastWin32Error();
                if (received < 0 && errno == ErrorInterrupted)
                {
                    continue;
                }

                return announced || received == 0 || errno != ErrorWouldBlock;
            }
        }

        /// <summary>
        /// Sends <paramref name="request"/> (its sequence number is filled in) and hands each message of the
        /// answer to <paramref name="onMessage"/>: one message, or for a dump every one until NLMSG_DONE. An
        /// error answer throws <see cref="NetlinkException"/> with its errno.
        /// </summary>
        public void Request(byte[] request, bool dump, MessageHandler onMessage)
        {
            uint sequence = ++_sequence;
            NetlinkMessage.SetSequence(request, sequence);
            if ((long)send(_descriptor, request, (UIntPtr)request.Length, 0) != request.Length)
            {
                throw new NetlinkException("send", Marshal.GetLastWin32Error());
            }

            var clock = Stopwatch.StartNew();
            while (true)
            {
                int received = Receive(clock);
                int offset = 0;
                while (NetlinkMessage.TryNext(_buffer, received, ref offset, out int start, out int length, out ushort type, out uint messageSequence))
                {
                    if (messageSequence != sequence)
                    {
                        continue; // the late answer of an earlier request that timed out
                    }

                    if (type == NetlinkMessage.Error)
                    {
                        int error = NetlinkMessage.ErrorCode(_buffer, start, length);
                        if (error != 0)
                        {
                            throw new NetlinkException("request", -error);
                        }

                        return; // an acknowledgement
                    }

                    if (type == NetlinkMessage.Done)
                    {
                        return;
                    }

                    onMessage(_buffer, start, length, type);
                    if (!dump)
                    {
                        return;
                    }
                }
            }
        }

        public void Dispose() => close(_descriptor);

        private int Receive(Stopwatch clock)
        {
            while (true)
            {
                int left = (int)Math.Max(0, (_timeout - clock.Elapsed).TotalMilliseconds);
                var descriptor = new PollDescriptor { Descriptor = _descriptor, Events = PollIn };
                int ready = poll(ref descriptor, (UIntPtr)1, left);
                if (ready == 0)
                {
                    throw new TimeoutException($"The kernel did not answer a netlink request within {_timeout.TotalMilliseconds:0} ms.");
                }

                long received = ready < 0 ? -1 : (long)recv(_descriptor, _buffer, (UIntPtr)_buffer.Length, MessageDontWait);
                if (received > 0)
                {
                    return (int)received;
                }

                int errno = Marshal.GetLastWin32Error();
                if (received == 0 || (errno != ErrorInterrupted && errno != ErrorWouldBlock))
                {
                    throw new NetlinkException(ready < 0 ? "poll" : "recv", errno);
                }
            }
        }
    }

    /// <summary>A netlink call failed with an errno (e.g. ENOENT: no such generic netlink family; ENODEV: not a wireless interface).</summary>
    internal sealed class NetlinkException : Exception
    {
        public const int NoSuchEntry = 2;
        public const int NoSuchDevice = 19;
        public const int NotSupported = 95;

        public NetlinkException(string call, int errno)
            : base($"netlink {call} failed with errno {errno}.")
        {
            Errno = errno;
        }

        public int Errno { get; }
    }
}
