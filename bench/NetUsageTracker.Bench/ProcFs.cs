using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Bench
{
    /// <summary>What the kernel says about another process: its CPU time and its memory.</summary>
    internal static class ProcFs
    {
        private const int ScClockTicks = 2; // _SC_CLK_TCK on Linux

        private static readonly long TicksPerSecond = sysconf(ScClockTicks);

        /// <summary>User plus system CPU time of every thread of the process so far, in seconds
        /// (resolution: one clock tick, usually 10 ms).</summary>
        public static double CpuSeconds(int pid)
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses: the fields start after the last ')'.
            string[] fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
            long utime = long.Parse(fields[11], CultureInfo.InvariantCulture); // field 14 of proc(5)
            long stime = long.Parse(fields[12], CultureInfo.InvariantCulture); // field 15
            return (utime + stime) / (double)TicksPerSecond;
        }

        public static double ClockTickSeconds => 1.0 / TicksPerSecond;

        [DllImport("libc", SetLastError = true)]
        private static extern long sysconf(int name);
    }
}
