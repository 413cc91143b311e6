using System;
using System.Runtime.InteropServices;
using System.Text;

namespace NetUsageTracker.Platform
{
    /// <summary>
    /// Reads a small sysfs or /proc attribute on Linux without an exception for the answer "none": a link's
    /// speed file fails with EINVAL for loopback, virtual interfaces and a link that is down, and every
    /// recording asks it of every interface. An exception costs tens of microseconds and wakes the runtime's
    /// compiler for its throwing routines; a failed read(2) costs a system call.
    /// </summary>
    internal static unsafe class SysfsText
    {
        private const int O_RDONLY = 0;
        private const int O_CLOEXEC = 0x80000;
        private const int Size = 256;

        /// <summary>The attribute's text (at most 256 bytes, as ASCII), or null when it cannot be opened or read.</summary>
        public static string? TryRead(string path)
        {
            int fd = open(path, O_RDONLY | O_CLOEXEC);
            if (fd < 0)
            {
                return null;
            }

            try
            {
                byte* buffer = stackalloc byte[Size];
                long length = (long)read(fd, buffer, (UIntPtr)Size);
                return length < 0 ? null : Encoding.ASCII.GetString(buffer, (int)length);
            }
            finally
            {
                close(fd);
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr read(int fd, byte* buffer, UIntPtr count);

        [DllImport("libc")]
        private static extern int close(int fd);
    }
}
