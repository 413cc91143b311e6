using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using NetUsageTracker.History;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>The system's boot: its identity, its time and the uptime, and whether two readings share one.</summary>
    public static partial class BootClock
    {
        /// <summary>Without a boot identity, an uptime this much lower than the earlier one is a new boot; less
        /// is a reading taken a little before the earlier one (a watch's snapshot), in the same boot.</summary>
        public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);

        private static readonly PropertyInfo? TickCount64 = typeof(Environment).GetProperty("TickCount64");

        /// <summary>The boot as the system tells it now.</summary>
        /// <remarks>Linux: boot_id, /proc/stat's btime and /proc/uptime (which counts suspend). macOS: the
        /// kernel's kern.bootsessionuuid and kern.boottime (Environment.TickCount64 stops while the machine
        /// sleeps there, so a boot time derived from it moves later after every sleep). Windows:
        /// GetTickCount64, which counts sleep, and no identity.</remarks>
        public static BootState Current()
        {
            DateTime now = DateTime.UtcNow;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
                && TryProcUptime("/proc/uptime", out TimeSpan uptime))
            {
                DateTime boot = TryProcStat("/proc/stat", out DateTime btime) ? btime : now - uptime;
                return new BootState(ReadLinuxBootId("/proc/sys/kernel/random/boot_id"), boot, uptime);
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX) && TryMacBootTime(out DateTime macBoot))
            {
                return new BootState(MacBootSessionId(), macBoot, now - macBoot);
            }

            TimeSpan ticks = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? TimeSpan.FromMilliseconds(GetTickCount64())
                : TickCount64 != null
                    ? TimeSpan.FromMilliseconds((long)TickCount64.GetValue(null)!)
                    : TimeSpan.FromMilliseconds((uint)Environment.TickCount);
            return new BootState(null, now - ticks, ticks);
        }

        /// <summary>The boot as it was at <paramref name="monotonicTicks"/> (a snapshot's Stopwatch time).</summary>
        public static BootState At(long monotonicTicks)
        {
            BootState now = Current();
            long age = Stopwatch.GetTimestamp() - monotonicTicks;
            return age > 0 ? now.Before(TimeSpan.FromSeconds(age / (double)Stopwatch.Frequency)) : now;
        }

        /// <summary>
        /// Whether <paramref name="now"/> follows <paramref name="earlier"/> in the same boot. Both identities
        /// known: they decide, exactly. Otherwise the uptime, which never goes back within a boot whatever the
        /// wall clock does; put the other way, the boot time moved by no more than the wall clock did.
        /// </summary>
        public static BootOrder Compare(BootState earlier, BootState now)
        {
            bool sameBoot = earlier.Id != null && now.Id != null
                ? string.Equals(earlier.Id, now.Id, StringComparison.OrdinalIgnoreCase)
                : now.Uptime >= earlier.Uptime - Tolerance;
            if (!sameBoot)
            {
                return BootOrder.Rebooted;
            }

            return now.Uptime > earlier.Uptime ? BootOrder.Later : BootOrder.NotLater;
        }

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

        /// <summary>The first field of /proc/uptime: seconds since boot, suspend included.</summary>
        internal static bool TryProcUptime(string path, out TimeSpan uptime)
        {
            uptime = default;
            try
            {
                string text = File.ReadAllText(path);
                int space = text.IndexOf(' ');
                if (double.TryParse(space > 0 ? text.Substring(0, space) : text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    uptime = TimeSpan.FromSeconds(seconds);
                    return true;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }

            return false;
        }

        internal static string? ReadLinuxBootId(string path)
        {
            try
            {
                string id = File.ReadAllText(path).Trim();
                return id.Length > 0 ? id : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
