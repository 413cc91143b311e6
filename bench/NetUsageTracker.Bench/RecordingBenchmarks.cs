using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using NetUsageTracker.Scheduling;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// What keeping the history costs a day, side by side in one run: vnstatd, the resident recorder
    /// (Update-NetUsageHistory -Every) and an idle pwsh run through the whole section; while their
    /// warm-up passes, the job's parts are measured (<see cref="JobParts"/>); then, in their measured
    /// window, the scheduled job's whole process, next to a bare pwsh start and the one-cmdlet module,
    /// in rotating rounds.
    /// </summary>
    internal sealed class RecordingBenchmarks
    {
        /// <summary>PowerShell 7 sends telemetry unless this is set; its timers wake an idle pwsh.</summary>
        public const string TelemetryOptOut = "POWERSHELL_TELEMETRY_OPTOUT";

        public const string BaselineResident = "resident of the baseline build, telemetry off";

        private readonly PwshLauncher _pwsh;
        private readonly string _python;
        private readonly string _folder;

        public RecordingBenchmarks(PwshLauncher pwsh, string python)
        {
            _pwsh = pwsh;
            _python = python;
            _folder = Path.Combine(pwsh.Scratch, "recording");
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }

            Directory.CreateDirectory(_folder);
        }

        /// <param name="baselineRoot">The folder holding another build's NetUsageTracker/ (main's, say), measured
        /// alongside: its job, its first call by parts and its resident recorder; null for none.</param>
        public RecordingResult Measure(int partRounds, int jobRounds, TimeSpan residentInterval, TimeSpan warmUp, TimeSpan window, string? baselineRoot)
        {
            string manifest = _pwsh.ModuleManifest;
            string? baseline = baselineRoot == null ? null : PwshLauncher.ManifestIn(baselineRoot);
            using VnstatDaemon? vnstat = VnstatDaemon.TryStart(_pwsh.Scratch, out string vnstatMissing);
            var probes = new List<WakeProbe>();
            string? probeMissing = null;
            foreach (int mb in new[] { 0, WakeProbe.HeldMb })
            {
                if (WakeProbe.TryStart(_python, mb, out probeMissing) is WakeProbe probe)
                {
                    probes.Add(probe);
                }
            }

            var longRunning = new List<LongRunner>
            {
                new LongRunner("resident", Resident(manifest, residentInterval, "resident.db", telemetry: true)),
                new LongRunner("resident, telemetry off", Registered(Resident(manifest, residentInterval, "resident-quiet.db", telemetry: false))),
                new LongRunner("idle", Idle(manifest, telemetry: true)),
                new LongRunner("idle, telemetry off", Idle(manifest, telemetry: false)),
            };
            if (baseline != null)
            {
                longRunning.Add(new LongRunner(BaselineResident, Resident(baseline, residentInterval, "resident-baseline.db", telemetry: false)));
            }

            try
            {
                var clock = Stopwatch.StartNew();
                JobParts? parts = null;
                if (partRounds > 0)
                {
                    parts = new JobParts(_pwsh, _folder, baseline);
                    Console.WriteLine($"  the job's parts: {partRounds} rounds of {parts.Count} fresh pwsh (the residents' warm-up) ...");
                    parts.Measure(partRounds);
                }

                Sleep(warmUp - clock.Elapsed);
                foreach (LongRunner runner in longRunning)
                {
                    runner.StartWindow();
                }

                double vnstatStart = vnstat != null ? ProcFs.MainThreadCpuSeconds(vnstat.Pid) : 0;
                probes.ForEach(p => p.StartWindow());
                var windowClock = Stopwatch.StartNew();

                List<JobSeries> jobs = JobSeriesFor(manifest, baseline);
                Console.WriteLine($"  whole processes: {jobRounds} rounds of {string.Join(" / ", jobs.Select(j => j.Name))} ...");
                MeasureJobs(jobs, jobRounds);

                Sleep(window - windowClock.Elapsed);
                double seconds = windowClock.Elapsed.TotalSeconds;
                foreach (LongRunner runner in longRunning)
                {
                    runner.EndWindow(seconds);
                }

                var wakeUps = new List<WakeFigures>();
                foreach (WakeProbe probe in probes)
                {
                    (double each, long count) = probe.EndWindow();
                    wakeUps.Add(new WakeFigures(probe.Mb, each, count));
                }

                DaemonFigures? vnstatFigures = null;
                if (vnstat != null)
                {
                    if (vnstat.HasExited)
                    {
                        throw new InvalidOperationException("vnstatd ended during the measurement.");
                    }

                    (double resident, double anonymous) = ProcFs.Memory(vnstat.Pid);
                    vnstatFigures = new DaemonFigures(vnstat.Version, ProcFs.MainThreadCpuSeconds(vnstat.Pid) - vnstatStart, seconds, resident, anonymous);
                }

                return new RecordingResult(parts, jobs, longRunning, residentInterval, warmUp, vnstatFigures, vnstat == null ? vnstatMissing : null)
                {
                    WakeUps = wakeUps,
                    WakeUpsMissing = probes.Count == 2 ? null : probeMissing,
                };
            }
            finally
            {
                foreach (LongRunner runner in longRunning)
                {
                    runner.Dispose();
                }

                probes.ForEach(p => p.Dispose());
            }
        }

        /// <summary>The whole-process series. The job is the command Register-NetUsageTask writes
        /// (<see cref="RecorderCommand"/>), recording into the file $env:NETUSAGETRACKER_DB names.</summary>
        private List<JobSeries> JobSeriesFor(string manifest, string? baseline)
        {
            string database = Path.Combine(_folder, "job.db");
            string dll = Path.Combine(Path.GetDirectoryName(manifest)!, "NetUsageTracker.dll");
            string minimal = Path.Combine(_pwsh.MinimalModuleDirectory, PwshLauncher.MinimalModuleName + ".psd1");
            RecorderCommand job = RecorderCommand.ForHost(_pwsh.Executable, _pwsh.PsHome, isCoreEdition: true, isWindows: false, manifest, databasePath: null);
            var series = new List<JobSeries>
            {
                new JobSeries(JobSeries.Bare, c => _pwsh.Command("exit", c)),
                new JobSeries(JobSeries.BareQuiet, c => Quiet(_pwsh.Command("exit", c))),
                new JobSeries(JobSeries.Minimal, c => _pwsh.Command($"Import-Module -Name '{minimal}'; $null = Get-BenchMinimal", c)),
                // The job as systemd, cron and launchd run it: with the environment Register-NetUsageTask gives it.
                new JobSeries(JobSeries.Job, c => WithEnvironment(_pwsh.Argv(job.Argv(forWindowsTask: false), c), job)),
                new JobSeries(JobSeries.JobTelemetry, c => _pwsh.Argv(job.Argv(forWindowsTask: false), c)),
                new JobSeries(JobSeries.Dll, c => _pwsh.Command($"Import-Module -Name '{dll}'; Update-NetUsageHistory", c)),
                new JobSeries(JobSeries.DllQuiet, c => Quiet(_pwsh.Command($"Import-Module -Name '{dll}'; Update-NetUsageHistory", c))),
            };
            if (baseline != null)
            {
                RecorderCommand before = RecorderCommand.ForHost(_pwsh.Executable, _pwsh.PsHome, isCoreEdition: true, isWindows: false, baseline, databasePath: null);
                series.Add(new JobSeries(JobSeries.Baseline, c => _pwsh.Argv(before.Argv(forWindowsTask: false), c)));
            }

            foreach (JobSeries s in series)
            {
                s.CacheHome = _pwsh.NewCacheHome("job-" + series.IndexOf(s));
                // The baseline build may know an older schema, and refuses a file this build upgraded.
                s.Database = s.Name == JobSeries.Baseline ? Path.Combine(_folder, "job-baseline.db") : database;
            }

            return series;
        }

        /// <summary>Two runs of each first (the disk cache, each series' own start-up profile), then rounds in rotating order.</summary>
        private void MeasureJobs(List<JobSeries> jobs, int rounds)
        {
            for (int warm = 0; warm < 2; warm++)
            {
                foreach (JobSeries job in jobs)
                {
                    Run(job);
                }
            }

            for (int r = 0; r < rounds; r++)
            {
                var costs = new ProcessCost[jobs.Count];
                for (int i = 0; i < jobs.Count; i++)
                {
                    int j = (i + r) % jobs.Count;
                    costs[j] = Run(jobs[j]);
                }

                for (int j = 0; j < jobs.Count; j++)
                {
                    jobs[j].Add(costs[j], costs[0]);
                }
            }
        }

        private ProcessCost Run(JobSeries job)
        {
            ProcessStartInfo start = job.Start(job.CacheHome);
            start.Environment["NETUSAGETRACKER_DB"] = job.Database;
            return ChildUsage.Run(start, _python);
        }

        private ProcessStartInfo Resident(string manifest, TimeSpan interval, string database, bool telemetry)
        {
            string every = interval.ToString("c", CultureInfo.InvariantCulture);
            ProcessStartInfo start = _pwsh.Command($"Import-Module -Name '{manifest}'; Update-NetUsageHistory -Every '{every}' -Path '{Path.Combine(_folder, database)}'",
                _pwsh.NewCacheHome("resident-" + database));
            return telemetry ? start : Quiet(start);
        }

        private ProcessStartInfo Idle(string manifest, bool telemetry)
        {
            ProcessStartInfo start = _pwsh.Command($"Import-Module -Name '{manifest}'; Start-Sleep -Seconds 100000", _pwsh.NewCacheHome("idle-" + telemetry));
            return telemetry ? start : Quiet(start);
        }

        private static ProcessStartInfo WithEnvironment(ProcessStartInfo start, RecorderCommand command) => WithVariables(start, command.Environment);

        /// <summary>The environment Register-NetUsageTask gives a resident recorder (telemetry off among it).</summary>
        private static ProcessStartInfo Registered(ProcessStartInfo start) => WithVariables(start, RecorderCommand.ResidentEnvironment);

        /// <summary>Sets <paramref name="variables"/> in the start's environment.</summary>
        public static ProcessStartInfo WithVariables(ProcessStartInfo start, IEnumerable<KeyValuePair<string, string>> variables)
        {
            foreach (KeyValuePair<string, string> variable in variables)
            {
                start.Environment[variable.Key] = variable.Value;
            }

            return start;
        }

        private static ProcessStartInfo Quiet(ProcessStartInfo start)
        {
            start.Environment[TelemetryOptOut] = "1";
            return start;
        }

        private static void Sleep(TimeSpan time)
        {
            if (time > TimeSpan.Zero)
            {
                Thread.Sleep(time);
            }
        }
    }

    /// <summary>One command line run again and again as a whole process.</summary>
    internal sealed class JobSeries
    {
        public const string Bare = "bare pwsh start";
        public const string BareQuiet = "bare, telemetry off";
        public const string Minimal = "one-cmdlet module";
        public const string Job = "scheduled job";
        public const string JobTelemetry = "job, telemetry on";
        public const string Dll = "job importing the dll";
        public const string DllQuiet = "dll, telemetry off";
        public const string Baseline = "baseline build's job";

        public JobSeries(string name, Func<string?, ProcessStartInfo> start)
        {
            Name = name;
            Start = start;
        }

        public string Name { get; }

        public Func<string?, ProcessStartInfo> Start { get; }

        public string? CacheHome { get; set; }

        public string Database { get; set; } = "";

        public Series Cpu { get; } = new Series();

        public Series Peak { get; } = new Series();

        public Series Wall { get; } = new Series();

        /// <summary>Each round's CPU over that round's bare start.</summary>
        public Series CpuRatio { get; } = new Series();

        public void Add(ProcessCost cost, ProcessCost bare)
        {
            Cpu.Add(cost.CpuMilliseconds);
            Peak.Add(cost.PeakMb);
            Wall.Add(cost.WallMilliseconds);
            CpuRatio.Add(cost.CpuMilliseconds / bare.CpuMilliseconds);
        }
    }

    /// <summary>A pwsh that runs through the section: its CPU over the measured window and its memory at the end.</summary>
    internal sealed class LongRunner : IDisposable
    {
        private readonly Process _process;
        private double _cpuStart;
        private Dictionary<int, double> _threadsStart = new Dictionary<int, double>();

        public LongRunner(string name, ProcessStartInfo start)
        {
            Name = name;
            _process = PwshLauncher.Start(start);
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) { Errors += e.Data + "\n"; } };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Name { get; }

        public int ProcessId => _process.Id;

        public string Errors { get; private set; } = "";

        public double CpuSeconds { get; private set; }

        /// <summary>The same window's CPU in /proc's clock ticks, for reference.</summary>
        public double TickCpuSeconds { get; private set; }

        /// <summary>Threads that ended in the window: their CPU in it is not in <see cref="CpuSeconds"/>.</summary>
        public int ThreadsEnded { get; private set; }

        public double WindowSeconds { get; private set; }

        public double ResidentMb { get; private set; }

        public double AnonymousMb { get; private set; }

        /// <summary>The exit code after SIGTERM (a resident recorder records once more and ends with 0).</summary>
        public int? ExitCode { get; private set; }

        public void StartWindow()
        {
            ThrowIfEnded();
            _cpuStart = ProcFs.CpuSeconds(_process.Id);
            _threadsStart = ProcFs.ThreadCpuSeconds(_process.Id);
        }

        /// <summary>The CPU over the window from each thread's own clock (schedstat, to the nanosecond): /proc's
        /// clock ticks (<see cref="TickCpuSeconds"/>) are 10 ms, 7 CPU-seconds a day over a two-minute window,
        /// more than an idle recorder uses.</summary>
        public void EndWindow(double seconds)
        {
            ThrowIfEnded();
            Dictionary<int, double> end = ProcFs.ThreadCpuSeconds(_process.Id);
            TickCpuSeconds = ProcFs.CpuSeconds(_process.Id) - _cpuStart;
            CpuSeconds = end.Sum(t => t.Value - (_threadsStart.TryGetValue(t.Key, out double start) ? start : 0));
            ThreadsEnded = _threadsStart.Keys.Count(t => !end.ContainsKey(t));
            WindowSeconds = seconds;
            (ResidentMb, AnonymousMb) = ProcFs.Memory(_process.Id);
        }

        public void Dispose()
        {
            // A resident recorder records once more on SIGTERM and then ends.
            ExitCode = ProcFs.Stop(_process, TimeSpan.FromSeconds(30));
            _process.Dispose();
        }

        private void ThrowIfEnded()
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"'{Name}' ended early (exit code {_process.ExitCode}): {Errors}");
            }

            if (Errors.Length > 0)
            {
                throw new InvalidOperationException($"'{Name}' wrote errors: {Errors}");
            }
        }
    }

    internal sealed record DaemonFigures(string Version, double CpuSeconds, double WindowSeconds, double ResidentMb, double AnonymousMb);

    /// <summary>A <see cref="WakeProbe"/>'s figures: the memory it held, its CPU per wake-up and how many it made.</summary>
    internal sealed record WakeFigures(int HeldMb, double MicrosecondsEach, long WakeUps);

    internal sealed record RecordingResult(JobParts? Parts, List<JobSeries> Jobs, List<LongRunner> LongRunning, TimeSpan ResidentInterval,
        TimeSpan WarmUp, DaemonFigures? Vnstat, string? VnstatMissing)
    {
        /// <summary>This machine's cost of a wake-up, beside the daemons (<see cref="WakeProbe"/>).</summary>
        public IReadOnlyList<WakeFigures> WakeUps { get; init; } = Array.Empty<WakeFigures>();

        public string? WakeUpsMissing { get; init; }
    }
}
