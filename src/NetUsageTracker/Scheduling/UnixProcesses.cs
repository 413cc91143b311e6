using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The processes of a command line, for a resident recorder that cron started (cron keeps no record of
    /// what it started): read from Linux's /proc, stopped with kill -TERM.
    /// </summary>
    internal static class UnixProcesses
    {
        private const string Proc = "/proc";

        /// <summary>The processes whose argv is exactly <paramref name="argv"/>; null where there is no /proc to read.</summary>
        public static List<int>? Running(IReadOnlyList<string> argv)
        {
            if (!Directory.Exists(Path.Combine(Proc, "self")))
            {
                return null;
            }

            string expected = string.Join("\0", argv) + "\0";
            var found = new List<int>();
            foreach (string folder in Directory.EnumerateDirectories(Proc))
            {
                if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && CommandLine(pid) == expected)
                {
                    found.Add(pid);
                }
            }

            return found;
        }

        /// <summary>
        /// Sends SIGTERM to each process (the recorder records once more and ends) and waits until they are
        /// gone; returns those still running after <paramref name="patience"/>.
        /// </summary>
        public static List<int> Stop(IReadOnlyList<int> pids, System.TimeSpan patience)
        {
            foreach (int pid in pids)
            {
                SystemCommand.TryRun("kill", new[] { "-TERM", pid.ToString(CultureInfo.InvariantCulture) });
            }

            var clock = Stopwatch.StartNew();
            List<int> left = pids.ToList();
            while (true)
            {
                // An ended process that its parent has not reaped yet keeps its /proc folder, with an empty command line.
                left = left.Where(pid => !string.IsNullOrEmpty(CommandLine(pid))).ToList();
                if (left.Count == 0 || clock.Elapsed > patience)
                {
                    return left;
                }

                Thread.Sleep(50);
            }
        }

        /// <summary>A process's NUL-separated argv; null when it is gone or not readable.</summary>
        private static string? CommandLine(int pid)
        {
            try
            {
                return Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Proc, pid.ToString(CultureInfo.InvariantCulture), "cmdline")));
            }
            catch (IOException)
            {
                return null;
            }
            catch (System.UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
