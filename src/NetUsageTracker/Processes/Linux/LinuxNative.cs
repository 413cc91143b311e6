using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// The libc calls of the Linux per-process source: a NETLINK_SOCK_DIAG socket (socket, bind, sendmsg,
    /// recvmsg, close), the /proc walk that finds a socket's process (opendir, readdir, readlink), and the
    /// user database (getpwuid_r). Layouts are those of glibc and musl on 64-bit Linux.
    /// </summary>
    internal static unsafe class LinuxNative
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (not in netstandard2.0): the socket reads' methods are compiled
        /// optimized at their first call and never again. Tiered compilation would otherwise recompile them
        /// after their 30th call, which at a read a minute spreads the runtime's compiling over the recorder's
        /// first half hour (its compiler thread took some 40 ms a read in the benchmark's window, of all the
        /// code a read runs: these methods are only part of it).
        /// </summary>
        internal const System.Runtime.CompilerServices.MethodImplOptions Optimized = (System.Runtime.CompilerServices.MethodImplOptions)512;

        public const int AF_NETLINK = 16;
        public const int SOCK_RAW = 3;
        public const int SOCK_CLOEXEC = 0x80000;
        public const int NETLINK_SOCK_DIAG = 4;
        public const int SOL_SOCKET = 1;
        public const int SO_RCVTIMEO = 20;
        public const int EINTR = 4;
        public const int EAGAIN = 11;

        [StructLayout(LayoutKind.Sequential)]
        public struct SockAddrNetlink
        {
            public ushort Family;
            public ushort Pad;
            public uint PortId;
            public uint Groups;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct IoVec
        {
            public void* Base;
            public UIntPtr Length;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct MsgHdr
        {
            public void* Name;
            public uint NameLength;
            public IoVec* Iov;
            public UIntPtr IovLength;
            public void* Control;
            public UIntPtr ControlLength;
            public int Flags;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct TimeVal
        {
            public long Seconds;
            public long Microseconds;
        }

        [DllImport("libc", SetLastError = true)]
        public static extern int socket(int domain, int type, int protocol);

        [DllImport("libc", SetLastError = true)]
        public static extern int bind(int fd, SockAddrNetlink* address, uint length);

        [DllImport("libc", SetLastError = true)]
        public static extern int setsockopt(int fd, int level, int name, void* value, uint length);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr sendmsg(int fd, MsgHdr* message, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr recvmsg(int fd, MsgHdr* message, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr opendir(byte* path);

        /// <summary>struct dirent: d_ino (8), d_off (8), d_reclen (2), d_type (1), then d_name.</summary>
        [DllImport("libc", SetLastError = true)]
        public static extern byte* readdir(IntPtr directory);

        public const int DirentNameOffset = 19;

        [DllImport("libc")]
        public static extern int closedir(IntPtr directory);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr readlink(byte* path, byte* buffer, UIntPtr size);

        [DllImport("libc")]
        public static extern uint geteuid();

        /// <summary>struct passwd begins with char *pw_name; the rest is not read.</summary>
        [DllImport("libc")]
        public static extern int getpwuid_r(uint uid, void* passwd, byte* buffer, UIntPtr size, void** result);
    }
}
