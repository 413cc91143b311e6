using System;
using System.Collections.Generic;
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

        /// <summary>
        /// The CPU time of each live thread of the process, in seconds to the nanosecond (schedstat), by thread
        /// id. An idle process's minutes hold a few milliseconds of CPU, less than one clock tick of
        /// <see cref="CpuSeconds"/> would show; a thread that ends takes its time with it, so callers count them.
        /// </summary>
        public static Dictionary<int, double> ThreadCpuSeconds(int pid)
        {
            var threads = new Dictionary<int, double>();
            foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    string first = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0];
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = long.Parse(first, CultureInfo.InvariantCulture) / 1e9;
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read.
                }
            }

            return threads;
        }

        /// <summary>The CPU time the kernel's scheduler gave the process's main thread, in seconds, to the
        /// nanosecond (/proc/&lt;pid&gt;/schedstat): all of it for a single-threaded daemon.</summary>
        public static double MainThreadCpuSeconds(int pid) =>
            long.Parse(File.ReadAllText($"/proc/{pid}/schedstat").Split(' ')[0], CultureInfo.InvariantCulture) / 1e9;

        /// <summary>The main thread's CPU time in nanoseconds and how many times the scheduler ran it
        /// (/proc/&lt;pid&gt;/schedstat's first and third fields).</summary>
        public static (long Nanoseconds, long Runs) MainThreadRuns(int pid)
        {
            string[] fields = File.ReadAllText($"/proc/{pid}/schedstat").Split(' ');
            return (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture));
        }

        /// <summary>Resident memory in MB: all of it (VmRSS), and the part that is the process's own
        /// (RssAnon: heaps, stacks, compiled code), not file pages it shares with the page cache.</summary>
        public static (double ResidentMb, double AnonymousMb) Memory(int pid)
        {
            double resident = 0, anonymous = 0;
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    resident = Kilobytes(line) / 1024;
                }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anonymous = Kilobytes(line) / 1024;
                }
            }

            return (resident, anonymous);

            static double Kilobytes(string line) =>
                double.Parse(line.Substring(line.IndexOf(':') + 1).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        /// <summary>Ends a process as systemd or a shutdown does: SIGTERM, then SIGKILL after <paramref name="grace"/>.
        /// Answers its exit code.</summary>
        public static int Stop(System.Diagnostics.Process process, TimeSpan grace)
        {
            const int SigTerm = 15;
            if (!process.HasExited)
            {
                kill(process.Id, SigTerm);
                if (!process.WaitForExit((int)grace.TotalMilliseconds))
                {
                    process.Kill();
                }
            }

            process.WaitForExit();
            return process.ExitCode;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);

        [DllImport("libc", SetLastError = true)]
        private static extern long sysconf(int name);
    }
}
