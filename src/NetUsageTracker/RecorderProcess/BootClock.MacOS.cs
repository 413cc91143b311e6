using System;
using System.Runtime.InteropServices;
using System.Text;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>macOS: the kernel's boot time (kern.boottime, a struct timeval the kernel keeps in step with
    /// the wall clock) and the identity of this boot (kern.bootsessionuuid), both through sysctlbyname.</summary>
    public static partial class BootClock
    {
        private static bool TryMacBootTime(out DateTime bootUtc)
        {
            byte[]? raw = MacSysctl("kern.boottime", 16);
            bootUtc = raw == null ? default : FromTimeval(raw);
            return raw != null && bootUtc.Year > 1970;
        }

        private static string? MacBootSessionId()
        {
            byte[]? raw = MacSysctl("kern.bootsessionuuid", 64);
            return raw == null ? null : FromCString(raw);
        }

        /// <summary>A 64-bit struct timeval: seconds (int64), then microseconds (int32).</summary>
        internal static DateTime FromTimeval(byte[] raw)
        {
            long seconds = BitConverter.ToInt64(raw, 0);
            int microseconds = BitConverter.ToInt32(raw, 8);
            return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.AddTicks(microseconds * 10L);
        }

        /// <summary>A NUL-terminated ASCII string; null when empty.</summary>
        internal static string? FromCString(byte[] raw)
        {
            int end = Array.IndexOf(raw, (byte)0);
            string text = Encoding.ASCII.GetString(raw, 0, end < 0 ? raw.Length : end).Trim();
            return text.Length > 0 ? text : null;
        }

        private static byte[]? MacSysctl(string name, int size)
        {
            var buffer = new byte[size];
            var length = (UIntPtr)size;
            try
            {
                return sysctlbyname(name, buffer, ref length, IntPtr.Zero, UIntPtr.Zero) == 0 ? buffer : null;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return null;
            }
        }

        [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
        private static extern int sysctlbyname(string name, byte[] oldp, ref UIntPtr oldlenp, IntPtr newp, UIntPtr newlen);
    }
}
