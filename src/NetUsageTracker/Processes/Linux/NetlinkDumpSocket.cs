using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using static NetUsageTracker.Processes.Linux.LinuxNative;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// A netlink socket (NETLINK_SOCK_DIAG, NETLINK_NETFILTER) that sends dump requests and walks the
    /// answers. The socket and a 64 KiB receive buffer (unmanaged, so nothing is pinned or copied) are kept
    /// for the sampler's life; one dump is one request and as many reads as the kernel needs (it fills at
    /// most about 32 KiB a read).
    /// </summary>
    internal sealed unsafe class NetlinkDumpSocket : IDisposable
    {
        public const int NETLINK_NETFILTER = 12;
        private const int BufferSize = 64 * 1024;
        private const ushort NLM_F_REQUEST = 0x1;
        private const ushort NLM_F_DUMP = 0x300;

        private readonly object _gate = new object();
        private int _fd;
        private byte* _buffer;
        private uint _sequence;

        public NetlinkDumpSocket(int protocol)
        {
            _fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
            if (_fd < 0)
            {
                throw new Win32Exception(Marshal.GetLastWin32Error(), $"Could not open a netlink socket (protocol {protocol})");
            }

            var address = new SockAddrNetlink { Family = AF_NETLINK };
            // A dump that never ends (a kernel bug, a frozen namespace) must not hang a cmdlet for ever.
            var timeout = new TimeVal { Seconds = 5 };
            if (bind(_fd, &address, (uint)sizeof(SockAddrNetlink)) != 0
                || setsockopt(_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, (uint)sizeof(TimeVal)) != 0)
            {
                int error = Marshal.GetLastWin32Error();
                close(_fd);
                throw new Win32Exception(error, "Could not bind the netlink socket");
            }

            _buffer = (byte*)Marshal.AllocHGlobal(BufferSize);
        }

        /// <summary>Writes the netlink header of a dump request of <paramref name="length"/> bytes whose body
        /// the caller has filled after the first 16 bytes.</summary>
        public static void Header(byte* request, int length, ushort type)
        {
            *(uint*)request = (uint)length;
            *(ushort*)(request + 4) = type;
            *(ushort*)(request + 6) = NLM_F_REQUEST | NLM_F_DUMP;
        }

        /// <summary>Sends the request and hands every answer to <paramref name="reader"/> until the dump ends.</summary>
        [System.Runtime.CompilerServices.MethodImpl(LinuxNative.Optimized)]
        public void Dump<T>(byte* request, int length, ref T reader)
            where T : struct, INetlinkReader
        {
            lock (_gate)
            {
                Send(request, length);
                while (NetlinkMessages.Walk(_buffer, Receive(), ref reader) != DumpProgress.Done)
                {
                }
            }
        }

        /// <summary>The same dump, read and thrown away (the benchmark's floor); returns the bytes read.</summary>
        internal int DumpRaw(byte* request, int length)
        {
            var nothing = new NoReader();
            int total = 0;
            lock (_gate)
            {
                Send(request, length);
                while (true)
                {
                    int read = Receive();
                    total += read;
                    if (NetlinkMessages.Walk(_buffer, read, ref nothing) == DumpProgress.Done)
                    {
                        return total;
                    }
                }
            }
        }

        private void Send(byte* request, int length)
        {
            if (_fd < 0)
            {
                throw new ObjectDisposedException(nameof(NetlinkDumpSocket));
            }

            *(uint*)(request + 8) = ++_sequence;
            var address = new SockAddrNetlink { Family = AF_NETLINK };
            var vector = new IoVec { Base = request, Length = (UIntPtr)length };
            var message = new MsgHdr { Name = &address, NameLength = (uint)sizeof(SockAddrNetlink), Iov = &vector, IovLength = (UIntPtr)1 };
            while ((long)sendmsg(_fd, &message, 0) < 0)
            {
                int error = Marshal.GetLastWin32Error();
                if (error != EINTR)
                {
                    throw new Win32Exception(error, "Could not send the netlink request");
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
                    throw new SockDiagException("The kernel did not finish the netlink dump within 5 seconds.", error);
                }

                if (error != EINTR)
                {
                    throw new Win32Exception(error, "Could not read the netlink dump");
                }
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

        private struct NoReader : INetlinkReader
        {
            public void Read(ushort type, byte* body, int length)
            {
            }
        }
    }
}
