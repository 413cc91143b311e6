using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NetUsageTracker.History
{
    /// <summary>When the system booted (UTC): kernel counters restart at every boot.</summary>
    public static class BootClock
    {
        /// <summary>Two boot times closer than this are the same boot: the estimate from an uptime
        /// clock jitters by milliseconds and NTP can nudge /proc/stat's btime by a second.</summary>
        public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);

        private static readonly PropertyInfo? TickCount64 = typeof(Environment).GetProperty("TickCount64");

        /// <summary>Linux: btime of /proc/stat; Windows: GetTickCount64; elsewhere Environment.TickCount64.</summary>
        public static DateTime BootTimeUtc()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && TryProcStat("/proc/stat", out DateTime btime))
            {
                return btime;
            }

            return DateTime.UtcNow - Uptime();
        }

        public static bool IsSameBoot(DateTime a, DateTime b) => (a - b).Duration() <= Tolerance;

        internal static bool TryProcStat(string path, out DateTime bootUtc)
        {
            bootUtc = default;
            if (!File.Exists(path))
            {
                return false;
            }

            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("btime ", StringComparison.Ordinal)
                    && long.TryParse(line.Substring(6).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds))
                {
                    bootUtc = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
                    return true;
                }
            }

            return false;
        }

        private static TimeSpan Uptime()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // Counts time asleep too, as the interface counters' lifetime does.
                return TimeSpan.FromMilliseconds(GetTickCount64());
            }

            return TickCount64 != null
                ? TimeSpan.FromMilliseconds((long)TickCount64.GetValue(null)!)
                : TimeSpan.FromMilliseconds((uint)Environment.TickCount);
        }

        [DllImport("kernel32")]
        private static extern ulong GetTickCount64();
    }
}
