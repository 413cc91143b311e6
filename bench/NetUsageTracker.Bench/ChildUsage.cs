using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace NetUsageTracker.Bench
{
    /// <summary>What one whole process cost, as the kernel accounted it when it ended: user plus system
    /// CPU of every thread, its peak resident memory, and the wall time from start to exit.</summary>
    internal readonly record struct ProcessCost(double CpuMilliseconds, double PeakMb, double WallMilliseconds);

    /// <summary>
    /// Runs a command under child_usage.py, which forks it, reaps it with wait4 and reports its rusage
    /// in microseconds (GNU time prints hundredths): a scheduled job's command line is timed exactly as
    /// it is, with nothing added to it.
    /// </summary>
    internal static class ChildUsage
    {
        private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "child_usage.py");

        /// <summary>Runs <paramref name="start"/> to its end; throws when it fails.</summary>
        public static ProcessCost Run(ProcessStartInfo start, string python)
        {
            string report = Path.GetTempFileName();
            try
            {
                var arguments = new List<string> { Script, report, start.FileName };
                arguments.AddRange(start.ArgumentList);
                var measured = new ProcessStartInfo(python)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    RedirectStandardInput = true,
                    UseShellExecute = false,
                };
                foreach (string argument in arguments)
                {
                    measured.ArgumentList.Add(argument);
                }

                foreach (KeyValuePair<string, string?> variable in start.Environment)
                {
                    measured.Environment[variable.Key] = variable.Value;
                }

                PwshLauncher.RunSilently(measured);
                string[] fields = File.ReadAllText(report).Trim().Split(' ');
                double Field(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
                return new ProcessCost(Field(0) * 1000, Field(1) / 1024, Field(2) * 1000);
            }
            finally
            {
                File.Delete(report);
            }
        }
    }
}
