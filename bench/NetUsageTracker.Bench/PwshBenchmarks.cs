using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// The figures a user of the module sees: what importing it adds to a pwsh start, what a
    /// one-second watch costs in CPU, and whether memory stays flat over 100,000 samples. Each runs
    /// the built module in a fresh `pwsh -NoProfile` process that finds it by name on PSModulePath.
    /// </summary>
    internal sealed class PwshBenchmarks
    {
        private readonly string _executable;
        private readonly IReadOnlyList<string> _leadingArguments;
        private readonly string _moduleRoot;

        public PwshBenchmarks(string executable, IReadOnlyList<string> leadingArguments, string moduleRoot)
        {
            _executable = executable;
            _leadingArguments = leadingArguments;
            _moduleRoot = moduleRoot;
        }

        public const string BareCommand = "exit 0";
        public const string ImportCommand = "Import-Module NetUsageTracker; $null = Get-NetUsage; exit 0";

        /// <summary>Seconds of wall time of each start, bare and with the module, in alternate runs.</summary>
        public (Series Bare, Series WithModule, Series AddedFraction) MeasureStart(int rounds)
        {
            // One of each first: the disk cache and the module analysis cache are warm for both series.
            TimeRun(BareCommand);
            TimeRun(ImportCommand);
            var bare = new Series();
            var withModule = new Series();
            var added = new Series();
            for (int r = 0; r < rounds; r++)
            {
                double b, m;
                if (r % 2 == 0)
                {
                    b = TimeRun(BareCommand);
                    m = TimeRun(ImportCommand);
                }
                else
                {
                    m = TimeRun(ImportCommand);
                    b = TimeRun(BareCommand);
                }

                bare.Add(b * 1000);
                withModule.Add(m * 1000);
                added.Add((m - b) / b);
            }

            return (bare, withModule, added);
        }

        public const string WatchCommand = "Import-Module NetUsageTracker; Watch-NetUsage -Interval 1";

        /// <summary>CPU of a `Watch-NetUsage -Interval 1` process as % of one core: the whole run's
        /// figure and one per window, measured from its first output line on.</summary>
        public (double Percent, Series Windows, int Lines) MeasureWatchCpu(TimeSpan duration, int windows)
        {
            using Process process = Start(WatchCommand);
            int lines = 0;
            process.OutputDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) { Interlocked.Increment(ref lines); } };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var deadline = Stopwatch.StartNew();
                while (Volatile.Read(ref lines) == 0)
                {
                    if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
                    {
                        throw new InvalidOperationException($"'{WatchCommand}' wrote nothing (exit: {(process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running")}).");
                    }

                    Thread.Sleep(20);
                }

                int pid = process.Id;
                var clock = Stopwatch.StartNew();
                double startCpu = ProcFs.CpuSeconds(pid);
                double windowCpu = startCpu;
                var perWindow = new Series();
                TimeSpan window = TimeSpan.FromTicks(duration.Ticks / windows);
                for (int w = 1; w <= windows; w++)
                {
                    TimeSpan left = TimeSpan.FromTicks(window.Ticks * w) - clock.Elapsed;
                    if (left > TimeSpan.Zero)
                    {
                        Thread.Sleep(left);
                    }

                    double cpu = ProcFs.CpuSeconds(pid);
                    perWindow.Add((cpu - windowCpu) / window.TotalSeconds * 100);
                    windowCpu = cpu;
                }

                double percent = (windowCpu - startCpu) / clock.Elapsed.TotalSeconds * 100;
                return (percent, perWindow, Volatile.Read(ref lines));
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.WaitForExit();
            }
        }

        /// <summary>Working set and managed heap before and after <paramref name="samples"/> samples of
        /// one watch at the given interval, measured inside the pwsh process that runs it.</summary>
        public SoakResult MeasureSoak(int samples, double interval)
        {
            string i = interval.ToString(CultureInfo.InvariantCulture);
            string script = string.Join("; ",
                "$ErrorActionPreference = 'Stop'",
                "Import-Module NetUsageTracker",
                // Warm-up: JIT tiers, the format data and the pipeline's own caches settle first.
                $"Watch-NetUsage -Interval {i} -Count 2000 | Out-Null",
                "$wsBefore = [Environment]::WorkingSet",
                "$heapBefore = [GC]::GetTotalMemory($true)",
                "$clock = [Diagnostics.Stopwatch]::StartNew()",
                $"Watch-NetUsage -Interval {i} -Count {samples} | Out-Null",
                "$seconds = $clock.Elapsed.TotalSeconds",
                "$wsAfter = [Environment]::WorkingSet",
                "$heapAfter = [GC]::GetTotalMemory($true)",
                "$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64",
                "'soak {0} {1} {2} {3} {4} {5}' -f $wsBefore, $wsAfter, $heapBefore, $heapAfter, $seconds, $peak");
            string output = RunToEnd(script, out string errors);
            string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith("soak ", StringComparison.Ordinal));
            if (line == null)
            {
                throw new InvalidOperationException("The soak run printed no result: " + errors);
            }

            double[] f = line.Substring(5).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new SoakResult(samples, interval, f[0], f[1], f[2], f[3], f[4], f[5]);
        }

        private double TimeRun(string command)
        {
            var clock = Stopwatch.StartNew();
            RunToEnd(command, out _);
            return clock.Elapsed.TotalSeconds;
        }

        private string RunToEnd(string command, out string errors)
        {
            using Process process = Start(command);
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            errors = stderr.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pwsh -Command '{command}' failed with exit code {process.ExitCode}: {errors}");
            }

            return output;
        }

        private Process Start(string command)
        {
            var start = new ProcessStartInfo(_executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in _leadingArguments.Concat(new[] { "-NoProfile", "-NonInteractive", "-Command", command }))
            {
                start.ArgumentList.Add(argument);
            }

            string inherited = Environment.GetEnvironmentVariable("PSModulePath") ?? "";
            start.Environment["PSModulePath"] = _moduleRoot + Path.PathSeparator + inherited;
            Process process = Process.Start(start)!;
            process.StandardInput.Close();
            return process;
        }
    }

    internal sealed record SoakResult(int Samples, double Interval, double WorkingSetBefore, double WorkingSetAfter,
        double HeapBefore, double HeapAfter, double Seconds, double PeakWorkingSet);
}
