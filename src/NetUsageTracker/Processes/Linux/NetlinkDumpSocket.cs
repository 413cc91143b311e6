using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using static NetUsageTracker.Processes.Linux.LinuxNative;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// A NETLINK_SOCK_DIAG socket that dumps every TCP socket of one address family with its tcp_info.
    /// The socket and a 64 KiB receive buffer (unmanaged, so nothing is pinned or copied) are kept for
    /// the sampler's life; one dump is one request and as many reads as the kernel needs (it fills at
    /// most about 32 KiB a read).
    /// </summary>
    internal sealed unsafe class SockDiagSocket : IDisposable
    {
        private const int BufferSize = 64 * 1024;
        private const int RequestSize = SockDiagParser.NetlinkHeaderSize + 56;
        private const ushort NLM_F_REQUEST = 0x1;
        private const ushort NLM_F_DUMP = 0x300;
        private const byte IPPROTO_TCP = 6;

        /// <summary>Every state but LISTEN (no data), TIME_WAIT and NEW_SYN_RECV (mini sockets with no
        /// tcp_info: their bytes were counted while they were full sockets).</summary>
        private const uint States = 0xFFF & ~((1u << 10) | (1u << 6) | (1u << 12));

        private readonly object _gate = new object();
        private int _fd;
        private byte* _buffer;
        private uint _sequence;

        public SockDiagSocket()
        {
            _fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
            if (_fd < 0)
            {
                throw new Win32Exception(Marshal.GetLastWin32Error(), "Could not open a NETLINK_SOCK_DIAG socket");
            }

            var address = new SockAddrNetlink { Family = AF_NETLINK };
            // A dump that never ends (a kernel bug, a frozen namespace) must not hang a cmdlet for ever.
            var timeout = new TimeVal { Seconds = 5 };
            if (bind(_fd, &address, (uint)sizeof(SockAddrNetlink)) != 0
                || setsockopt(_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, (uint)sizeof(TimeVal)) != 0)
            {
                int error = Marshal.GetLastWin32Error();
                close(_fd);
                throw new Win32Exception(error, "Could not bind the NETLINK_SOCK_DIAG socket");
            }

            _buffer = (byte*)Marshal.AllocHGlobal(BufferSize);
        }

        /// <summary>Adds every TCP socket of <paramref name="family"/> (AF_INET or AF_INET6) to <paramref name="table"/>.</summary>
        public void Dump(byte family, FlowTable table)
        {
            lock (_gate)
            {
                Request(family);
                while (true)
                {
                    int length = Receive();
                    if (SockDiagParser.Parse(_buffer, length, table) == DumpProgress.Done)
                    {
                        return;
                    }
                }
            }
        }

        /// <summary>The same dump, read and thrown away: the floor the benchmark compares with.</summary>
        internal int DumpRaw(byte family)
        {
            lock (_gate)
            {
                Request(family);
                int total = 0;
                while (true)
                {
                    int length = Receive();
                    total += length;
                    if (EndsWithDone(length))
                    {
                        return total;
                    }
                }
            }
        }

        private bool EndsWithDone(int length)
        {
            int offset = 0;
            while (offset + SockDiagParser.NetlinkHeaderSize <= length)
            {
                int messageLength = (int)*(uint*)(_buffer + offset);
                if (*(ushort*)(_buffer + offset + 4) == SockDiagParser.NLMSG_DONE || messageLength < SockDiagParser.NetlinkHeaderSize)
                {
                    return true;
                }

                offset += (messageLength + 3) & ~3;
            }

            return false;
        }

        private void Request(byte family)
        {
            ObjectDisposed();
            byte* request = stackalloc byte[RequestSize];
            for (int i = 0; i < RequestSize; i++)
            {
                request[i] = 0;
            }

            *(uint*)request = RequestSize;
            *(ushort*)(request + 4) = SockDiagParser.SOCK_DIAG_BY_FAMILY;
            *(ushort*)(request + 6) = NLM_F_REQUEST | NLM_F_DUMP;
            *(uint*)(request + 8) = ++_sequence;
            byte* body = request + SockDiagParser.NetlinkHeaderSize;
            body[0] = family;
            body[1] = IPPROTO_TCP;
            body[2] = 1 << (SockDiagParser.INET_DIAG_INFO - 1);
            *(uint*)(body + 4) = States;

            var address = new SockAddrNetlink { Family = AF_NETLINK };
            var vector = new IoVec { Base = request, Length = (UIntPtr)RequestSize };
            var message = new MsgHdr { Name = &address, NameLength = (uint)sizeof(SockAddrNetlink), Iov = &vector, IovLength = (UIntPtr)1 };
            while ((long)sendmsg(_fd, &message, 0) < 0)
            {
                int error = Marshal.GetLastWin32Error();
                if (error != EINTR)
                {
                    throw new Win32Exception(error, "Could not send the sock_diag request");
                }
            }
        }

        private int Receive()
        {
            var address = new SockAddrNetlink();
            var vector = new IoVec { Base = _buffer, Length = (UIntPtr)BufferSize };
            var message = new MsgHdr { Name = &address, NameLength = (uint)sizeof(SockAddrNetlink), Iov = &vector, IovLength = (UIntPtr)1 };
            while (true)
            {
                long length = (long)recvmsg(_fd, &message, 0);
                if (length > 0)
                {
                    return (int)length;
                }

                int error = length == 0 ? 0 : Marshal.GetLastWin32Error();
                if (error == EAGAIN)
                {
                    throw new SockDiagException("The kernel did not finish the sock_diag dump within 5 seconds.", error);
                }

                if (error != EINTR)
                {
                    throw new Win32Exception(error, "Could not read the sock_diag dump");
                }
            }
        }

        private void ObjectDisposed()
        {
            if (_fd < 0)
            {
                throw new ObjectDisposedException(nameof(SockDiagSocket));
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_fd >= 0)
                {
                    close(_fd);
                    _fd = -1;
                    Marshal.FreeHGlobal((IntPtr)_buffer);
                    _buffer = null;
                }
            }
        }
    }
}
