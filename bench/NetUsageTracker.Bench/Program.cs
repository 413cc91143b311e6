using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// Measures the sampler against the kernel's floor and against its peers, prints one table and
    /// writes it as JSON. Run by `build.ps1 -Task Bench`, which passes the built module and the pwsh to use.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            BenchOptions options;
            try
            {
                options = BenchOptions.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(BenchOptions.Usage);
                return 2;
            }

            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                Console.Error.WriteLine("The benchmark measures /proc/net/dev: it runs on Linux only.");
                return 2;
            }

            string loadBefore = File.ReadAllText("/proc/loadavg").Trim();
            var rows = new List<BenchRow>();
            if (options.Runs("snapshot"))
            {
                using PsutilPeer? psutil = PsutilPeer.TryStart(options.Pythons, out string psutilMissing);
                if (psutil == null)
                {
                    Console.WriteLine($"psutil rows skipped: {psutilMissing}.");
                }

                Console.WriteLine($"Per-snapshot figures: {options.Rounds} rounds of about {options.Round.TotalMilliseconds} ms each ...");
                using var inProcess = new InProcessBenchmarks(psutil);
                inProcess.Run(options.Rounds, options.WarmUp, options.Round);
                rows.AddRange(Judge.Snapshots(inProcess));
            }

            var pwsh = new PwshBenchmarks(options.PwshExecutable, options.PwshArguments, options.ModuleRoot, options.OutputDirectory);
            if (options.Runs("start"))
            {
                Console.WriteLine($"pwsh start: {options.StartRounds} rounds of bare / empty module / minimal binary module / NetUsageTracker imported / imported and called ...");
                rows.AddRange(Judge.Start(pwsh.MeasureStart(options.StartRounds)));
            }

            if (options.Runs("watch"))
            {
                Console.WriteLine($"'{PwshBenchmarks.WatchCommand}' and '{PwshBenchmarks.ShowCommand}' side by side: {options.WatchWarmUp.TotalSeconds} s warm-up, then {options.WatchDuration.TotalSeconds} s measured ...");
                rows.AddRange(Judge.WatchCpu(pwsh.MeasureWatchCpu(options.WatchWarmUp, options.WatchDuration, 6), options.WatchWarmUp, options.WatchDuration));
            }

            if (options.Runs("soak"))
            {
                Console.WriteLine($"Soak: {options.SoakWarmUpSamples} + {options.SoakSamples} samples of Watch-NetUsage -Interval {options.SoakInterval} ...");
                rows.AddRange(Judge.Soak(pwsh.MeasureSoak(options.SoakWarmUpSamples, options.SoakSamples, options.SoakInterval)));
            }

            string loadAfter = File.ReadAllText("/proc/loadavg").Trim();
            Console.WriteLine();
            Console.WriteLine(ResultTable.Render(rows));
            Console.WriteLine($"load average before: {loadBefore}; after: {loadAfter}");

            Directory.CreateDirectory(options.OutputDirectory);
            string path = Path.Combine(options.OutputDirectory, $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
            var report = new
            {
                TimeUtc = DateTime.UtcNow,
                Machine = new
                {
                    Cpu = CpuModel(),
                    Cores = Environment.ProcessorCount,
                    Kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
                    Runtime = RuntimeInformation.FrameworkDescription,
                    LoadAverageBefore = loadBefore,
                    LoadAverageAfter = loadAfter,
                },
                Options = new
                {
                    options.Rounds,
                    RoundMs = options.Round.TotalMilliseconds,
                    options.StartRounds,
                    WatchWarmUpSeconds = options.WatchWarmUp.TotalSeconds,
                    WatchSeconds = options.WatchDuration.TotalSeconds,
                    options.SoakWarmUpSamples,
                    options.SoakSamples,
                    options.SoakInterval,
                    Only = options.Only.Count == 0 ? "all" : string.Join(",", options.Only),
                },
                Rows = rows,
                AllPassed = rows.All(r => r.Pass != false),
            };
            File.WriteAllText(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"Written to {path}");
            return rows.Any(r => r.Pass == false) ? 1 : 0;
        }

        private static string CpuModel() =>
            File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? "unknown";
    }
}
