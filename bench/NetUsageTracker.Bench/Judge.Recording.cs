using System;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker.Bench
{
    /// <summary>The Recording section's rows: the job's parts, its whole process a day, vnstatd and the resident recorder.</summary>
    internal static partial class Judge
    {
        /// <summary>The history's cost a day: what a recording costs at the default five-minute interval.</summary>
        public const int RunsPerDay = 288;
        private const double MaxJobOverBare = 1.10;
        private const double MaxResidentPercentOfCore = 0.01;
        private const double MaxResidentOverVnstat = 0.8;
        private const double MaxResidentAnonymousMb = 11;
        private const double SecondsPerDay = 86400;

        private const string RegisteredResident = "resident recorder as registered (POWERSHELL_TELEMETRY_OPTOUT=1 DOTNET_TieredCompilation=0 MALLOC_ARENA_MAX=1)";
        public const string RegisteredResidentCpuRow = RegisteredResident + ": CPU a day at 5 minutes";
        public const string BaselineResidentCpuRow = "  ... the baseline build's, POWERSHELL_TELEMETRY_OPTOUT=1: CPU a day at 5 minutes";

        public static IEnumerable<BenchRow> Recording(RecordingResult result)
        {
            if (result.Parts != null)
            {
                foreach (BenchRow row in JobParts(result.Parts))
                {
                    yield return row;
                }
            }

            JobSeries bare = result.Jobs.Single(j => j.Name == JobSeries.Bare);
            foreach (JobSeries job in result.Jobs)
            {
                var perDay = new Series();
                foreach (double cpu in job.Cpu.Values)
                {
                    perDay.Add(cpu * RunsPerDay / 1000);
                }

                BenchRow cpuRow = BenchRow.From($"{Describe(job.Name)}: CPU a day ({RunsPerDay} runs)", "CPU-s", perDay);
                cpuRow.Judged = $"{job.Cpu.Median:0} ms a run, {job.CpuRatio.Median:0.000}x the bare start's (median of rounds); wall {job.Wall.Median:0} ms";
                if (job.Name == JobSeries.Job)
                {
                    cpuRow.Target = $"<= {MaxJobOverBare:0.00}x the bare start's CPU";
                    cpuRow.Pass = job.CpuRatio.Median <= MaxJobOverBare;
                }
                else
                {
                    cpuRow.Target = job == bare ? "(the floor)" : "(reference)";
                }

                yield return cpuRow;
                yield return new BenchRow($"{Describe(job.Name)}: peak resident per run", "MB", job.Peak.Median, job.Peak.RelativeSpread, job.Peak.Values)
                {
                    Target = "(reference)",
                };
            }

            if (result.Vnstat is DaemonFigures vnstat)
            {
                double perDay = vnstat.CpuSeconds / vnstat.WindowSeconds * SecondsPerDay;
                yield return new BenchRow($"vnstatd ({vnstat.Version}, its defaults): CPU a day", "CPU-s", perDay, null, new[] { vnstat.CpuSeconds })
                {
                    Target = "(reference: the yardstick)",
                    Judged = $"{vnstat.CpuSeconds * 1000:0.0} ms in {vnstat.WindowSeconds:0} s (schedstat), {perDay / SecondsPerDay * 100:0.0000} % of a core",
                };
                yield return new BenchRow("vnstatd: resident", "MB", vnstat.ResidentMb, null, new[] { vnstat.ResidentMb, vnstat.AnonymousMb })
                {
                    Target = "(reference)",
                    Judged = $"{vnstat.AnonymousMb:0.0} MB of it its own (RssAnon)",
                };
            }
            else
            {
                yield return new BenchRow($"vnstatd skipped: {result.VnstatMissing}", "", 0, null, Array.Empty<double>());
            }

            foreach (WakeFigures wake in result.WakeUps)
            {
                WakeFigures? holdingNothing = result.WakeUps.FirstOrDefault(w => w.HeldMb == 0);
                yield return new BenchRow(
                    wake.HeldMb == 0 ? "this machine's wake-up: python3 waking each second, holding nothing" : $"  ... holding {wake.HeldMb} MB in 4 KB pages",
                    "µs", wake.MicrosecondsEach, null, new[] { wake.MicrosecondsEach })
                {
                    Target = "(reference: what a pwsh's idle wake-ups cost here)",
                    Judged = $"CPU a wake-up, {wake.WakeUps} in the window (schedstat)"
                        + (wake.HeldMb > 0 && holdingNothing != null && holdingNothing.MicrosecondsEach > 0 ? $"; {wake.MicrosecondsEach / holdingNothing.MicrosecondsEach:0.0}x holding nothing" : ""),
                };
            }

            if (result.WakeUpsMissing != null)
            {
                yield return new BenchRow($"wake-up probe skipped: {result.WakeUpsMissing}", "", 0, null, Array.Empty<double>());
            }

            double interval = result.ResidentInterval.TotalSeconds;
            var pairs = new List<(string Resident, string Idle)> { ("resident", "idle"), ("resident, telemetry off", "idle, telemetry off") };
            if (result.LongRunning.Any(l => l.Name == RecordingBenchmarks.BaselineResident))
            {
                pairs.Add((RecordingBenchmarks.BaselineResident, "idle, telemetry off"));
            }

            foreach ((string resident, string idle) in pairs)
            {
                LongRunner r = result.LongRunning.Single(l => l.Name == resident);
                LongRunner i = result.LongRunning.Single(l => l.Name == idle);
                double rest = i.CpuSeconds / i.WindowSeconds;
                double recordings = r.WindowSeconds / interval;
                double perRecording = (r.CpuSeconds - (rest * r.WindowSeconds)) / recordings;
                double perDay = (RunsPerDay * perRecording) + (SecondsPerDay * rest);
                string name = r.Name switch
                {
                    "resident" => "resident recorder (Update-NetUsageHistory -Every), the user's telemetry on (Task Scheduler)",
                    RecordingBenchmarks.BaselineResident => "  ... the baseline build's, POWERSHELL_TELEMETRY_OPTOUT=1",
                    _ => RegisteredResident,
                };
                // Judged as Register-NetUsageTask runs it (telemetry off), against vnstatd measured alongside
                // (without it, a share of a core); the others are references.
                bool judged = r.Name == "resident, telemetry off";
                double? vnstatPerDay = result.Vnstat is DaemonFigures v ? v.CpuSeconds / v.WindowSeconds * SecondsPerDay : (double?)null;
                string target = vnstatPerDay is double peer
                    ? $"<= {MaxResidentOverVnstat}x vnstatd's ({MaxResidentOverVnstat * peer:0.00} CPU-s)"
                    : $"< {MaxResidentPercentOfCore} % of a core ({MaxResidentPercentOfCore / 100 * SecondsPerDay:0.00} CPU-s)";
                bool pass = vnstatPerDay is double alongside ? perDay <= MaxResidentOverVnstat * alongside : perDay / SecondsPerDay * 100 < MaxResidentPercentOfCore;
                yield return new BenchRow($"{name}: CPU a day at 5 minutes", "CPU-s", perDay, null, new[] { r.CpuSeconds, i.CpuSeconds })
                {
                    Target = judged ? target : "(reference)",
                    Pass = judged ? pass : (bool?)null,
                    Judged = $"{perDay / SecondsPerDay * 100:0.0000} % of a core: {RunsPerDay} x {perRecording * 1000:0.00} ms a recording (at -Every {interval:0.#}s: "
                        + $"{r.CpuSeconds / r.WindowSeconds * 100:0.000} % of a core over {r.WindowSeconds:0} s after {result.WarmUp.TotalSeconds:0} s) + the idle pwsh's {rest * 100:0.0000} %"
                        + (vnstatPerDay is double ratioTo ? $"; {perDay / ratioTo:0.00}x vnstatd's" : "")
                        + $"; schedstat, {r.ThreadsEnded + i.ThreadsEnded} threads ended in the window (clock ticks: {r.TickCpuSeconds * 1000:0} and {i.TickCpuSeconds * 1000:0} ms)"
                        + (r.ExitCode == 0 ? "" : $"; exit code {r.ExitCode} after SIGTERM"),
                };
                yield return new BenchRow($"{name}: resident", "MB", r.ResidentMb, null, new[] { r.ResidentMb, r.AnonymousMb })
                {
                    Target = judged ? $"its own (RssAnon) <= {MaxResidentAnonymousMb} MB" : "(reported: the runtime's floor is the idle pwsh)",
                    Pass = judged ? r.AnonymousMb <= MaxResidentAnonymousMb : (bool?)null,
                    Judged = $"{r.AnonymousMb:0.0} MB of it its own (RssAnon); idle pwsh {i.ResidentMb:0.0} MB ({i.AnonymousMb:0.0} MB own)",
                };
            }
        }

        private static string Describe(string series) => series switch
        {
            JobSeries.Bare => "bare pwsh -NoProfile -NonInteractive -Command exit",
            JobSeries.BareQuiet => "  ... with POWERSHELL_TELEMETRY_OPTOUT=1",
            JobSeries.Minimal => "job of the one-cmdlet module (Import-Module <psd1>; Get-BenchMinimal)",
            JobSeries.Job => "scheduled job as registered (RecorderCommand and its environment: Import-Module <psd1>; Update-NetUsageHistory)",
            JobSeries.JobTelemetry => "  ... with the user's telemetry on (Task Scheduler gives a task no environment)",
            JobSeries.Dll => "job importing NetUsageTracker.dll instead of the manifest",
            JobSeries.DllQuiet => "  ... with POWERSHELL_TELEMETRY_OPTOUT=1",
            JobSeries.Baseline => "  ... the baseline build's scheduled job",
            _ => series,
        };

        private static IEnumerable<BenchRow> JobParts(JobParts parts)
        {
            // With a baseline build, each of the job's own rows also says what that build's step cost, measured alongside.
            BenchRow Step(string name, StepFigures step, StepFigures? baseline = null)
            {
                BenchRow row = BenchRow.From(name, "ms CPU", step.Cpu);
                row.Target = "(reference)";
                row.Judged = $"{step.Wall.Median:0.0} ms wall, {step.Methods.Median:0} methods compiled in {step.Jit.Median:0.0} ms"
                    + (baseline == null ? "" : $"; baseline build {baseline.Cpu.Median:0.00} ms CPU, {baseline.Methods.Median:0} methods");
                return row;
            }

            double Cost(JobParts.Variant with, JobParts.Variant without) => with.Import.Cpu.Median - without.Import.Cpu.Median;

            foreach (JobParts.Variant v in new[] { parts.Full, parts.NoFormat, parts.NoTypes, parts.NoFiles, parts.NoRequired, parts.Dll, parts.MinimalManifest, parts.MinimalDll })
            {
                BenchRow row = Step($"Import-Module of {v.Name}", v.Import, v == parts.Full ? parts.BaselineFull?.Import : null);
                if (v == parts.NoFormat)
                {
                    row.Judged += $"; the format file costs {Cost(parts.Full, v):0.0} ms";
                }
                else if (v == parts.NoTypes)
                {
                    row.Judged += $"; the types file costs {Cost(parts.Full, v):0.0} ms";
                }
                else if (v == parts.NoRequired)
                {
                    row.Judged += $"; RequiredAssemblies costs {Cost(parts.NoFiles, v):0.0} ms";
                }
                else if (v == parts.Dll)
                {
                    row.Judged += $"; the manifest costs {Cost(parts.Full, v):0.0} ms";
                }
                else if (v == parts.MinimalDll)
                {
                    row.Judged += $"; the manifest costs {Cost(parts.MinimalManifest, v):0.0} ms";
                }

                yield return row;
            }

            yield return Step("first Update-NetUsageHistory", parts.Full.FirstCall, parts.BaselineFull?.FirstCall);
            yield return Step("  ... first Get-BenchMinimal (the one-cmdlet module)", parts.MinimalManifest.FirstCall);
            for (int s = 0; s < RecordingProbe.Steps.Length; s++)
            {
                yield return Step($"  first call, engine step: {RecordingProbe.Steps[s]}", parts.Probe.ProbeSteps![s], parts.BaselineProbe?.ProbeSteps![s]);
            }

            yield return Step("  first call, the cmdlet around the engine (after those steps)", parts.Probe.AfterProbe, parts.BaselineProbe?.AfterProbe);
            yield return Step("second Update-NetUsageHistory", parts.Full.SecondCall, parts.BaselineFull?.SecondCall);

            // The Start section judges the target on whole processes; this is where the difference comes from.
            yield return OverMinimal("Import-Module NetUsageTracker; Update-NetUsageHistory, over the one-cmdlet module", parts.Full, parts.MinimalManifest);
            if (parts.BaselineFull != null)
            {
                yield return OverMinimal("  ... the baseline build, over the one-cmdlet module", parts.BaselineFull, parts.MinimalManifest);
            }
        }

        /// <summary>The import and the first call, round by round, against the one-cmdlet module's.</summary>
        private static BenchRow OverMinimal(string name, JobParts.Variant module, JobParts.Variant minimal)
        {
            var over = new Series();
            var overWall = new Series();
            for (int i = 0; i < module.Import.Cpu.Values.Count; i++)
            {
                double Sum(JobParts.Variant v, Func<StepFigures, Series> figure) => figure(v.Import).Values[i] + figure(v.FirstCall).Values[i];
                over.Add(Sum(module, s => s.Cpu) - Sum(minimal, s => s.Cpu));
                overWall.Add(Sum(module, s => s.Wall) - Sum(minimal, s => s.Wall));
            }

            BenchRow row = BenchRow.From(name, "ms CPU", over);
            row.Target = "(reference)";
            row.Judged = $"wall {overWall.Median:+0.0;-0.0} ms (in-process: the import and the first call; median of rounds)";
            return row;
        }
    }
}
