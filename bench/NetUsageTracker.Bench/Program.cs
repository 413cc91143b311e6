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
            var durations = new Dictionary<string, double>();
            void Section(string name, Func<IEnumerable<BenchRow>> run)
            {
                if (!options.Runs(name))
                {
                    return;
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                rows.AddRange(run().ToList());
                durations[name] = Math.Round(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"  ({name}: {durations[name]:0} s)");
            }

            Section("snapshot", () =>
            {
                using PsutilPeer? psutil = PsutilPeer.TryStart(options.Pythons, out string psutilMissing);
                if (psutil == null)
                {
                    Console.WriteLine($"psutil rows skipped: {psutilMissing}.");
                }

                Console.WriteLine($"Per-snapshot figures: {options.Rounds} rounds of about {options.Round.TotalMilliseconds} ms each ...");
                using var inProcess = new InProcessBenchmarks(psutil);
                inProcess.Run(options.Rounds, options.WarmUp, options.Round);
                return Judge.Snapshots(inProcess).ToList();
            });

            var launcher = new PwshLauncher(options.PwshExecutable, options.PwshArguments, options.ModuleRoot, options.OutputDirectory);
            var pwsh = new PwshBenchmarks(launcher);
            Section("start", () =>
            {
                Console.WriteLine($"pwsh start: {options.StartRounds} rounds of bare / empty module / minimal binary module / NetUsageTracker imported / imported and called / imported and recorded ...");
                return Judge.Start(pwsh.MeasureStart(options.StartRounds));
            });

            Section("watch", () =>
            {
                Console.WriteLine($"'{PwshBenchmarks.WatchCommand}' and '{PwshBenchmarks.ShowCommand}' side by side: {options.WatchWarmUp.TotalSeconds} s warm-up, then {options.WatchDuration.TotalSeconds} s measured ...");
                return Judge.WatchCpu(pwsh.MeasureWatchCpu(options.WatchWarmUp, options.WatchDuration, 6), options.WatchWarmUp, options.WatchDuration);
            });

            Section("soak", () =>
            {
                Console.WriteLine($"Soak: {options.SoakWarmUpSamples} + {options.SoakSamples} samples ({options.SoakChunks} chunks) of Watch-NetUsage -Interval {options.SoakInterval} ...");
                return Judge.Soak(new SoakBenchmark(launcher).Measure(options.SoakWarmUpSamples, options.SoakSamples, options.SoakChunks, options.SoakInterval));
            });

            Section("processes", () => ProcessBenchmarks.Run(options).Concat(new ProcessRecordingBenchmark(launcher, options).Run()));

            Section("recording", () =>
            {
                Console.WriteLine($"Recording: vnstatd, the resident recorder (-Every {options.ResidentInterval.TotalSeconds:0.#}s) and an idle pwsh through the section; "
                    + $"{options.ResidentWarmUp.TotalSeconds:0} s warm-up, then at least {options.ResidentWindow.TotalSeconds:0} s measured ...");
                var recording = new RecordingBenchmarks(launcher, options.Pythons[0]);
                List<BenchRow> recorded = Judge.Recording(recording.Measure(options.PartRounds, options.JobRounds, options.ResidentInterval, options.ResidentWarmUp, options.ResidentWindow, options.BaselineModuleRoot)).ToList();
                Console.WriteLine("Recording: finding the networks, and a recording with and without them, in this process ...");
                recorded.AddRange(NetworkRecordingBench.Measure(options.NetworkRounds, 50,
                    recorded.FirstOrDefault(r => r.Name == Judge.RegisteredResidentCpuRow), recorded.FirstOrDefault(r => r.Name == Judge.BaselineResidentCpuRow)));
                Console.WriteLine("  the metrics file after a recording, in this process ...");
                recorded.AddRange(MetricsAfterRecording.Measure(launcher.Scratch, warmRounds: 20, rounds: options.MetricsRounds));
                return recorded;
            });

            string loadAfter = File.ReadAllText("/proc/loadavg").Trim();
            Console.WriteLine();
            Console.WriteLine(ResultTable.Render(rows));
            Console.WriteLine($"load average before: {loadBefore}; after: {loadAfter}");
            Console.WriteLine("seconds per section: " + string.Join(", ", durations.Select(d => $"{d.Key} {d.Value:0}")));

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
                    options.SoakChunks,
                    options.SoakInterval,
                    options.PartRounds,
                    options.JobRounds,
                    ResidentIntervalSeconds = options.ResidentInterval.TotalSeconds,
                    ResidentWarmUpSeconds = options.ResidentWarmUp.TotalSeconds,
                    ResidentWindowSeconds = options.ResidentWindow.TotalSeconds,
                    ProcessWarmUpSeconds = options.ProcessWarmUp.TotalSeconds,
                    ProcessWindowSeconds = options.ProcessWindow.TotalSeconds,
                    ProcessSubWindowSeconds = options.ProcessSubWindow.TotalSeconds,
                    options.ResidentTiered,
                    Only = options.Only.Count == 0 ? "all" : string.Join(",", options.Only),
                },
                SectionSeconds = durations,
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
