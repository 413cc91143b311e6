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
    /// The figures a user of the module sees: what importing it adds to a pwsh start and what a
    /// one-second watch costs in CPU. Each runs the built module in a fresh `pwsh -NoProfile` process
    /// that finds it by name on PSModulePath.
    /// </summary>
    internal sealed class PwshBenchmarks
    {
        private readonly PwshLauncher _pwsh;

        public PwshBenchmarks(PwshLauncher pwsh)
        {
            _pwsh = pwsh;
        }

        // Each start prints the CPU time it used (all threads, to that point): less disturbed by other
        // work on the machine than wall time, and it shows where the time goes.
        private const string PrintCpu = "; [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds";
        public const string BareCommand = "$null = 0";
        public const string EmptyModuleCommand = "Import-Module " + PwshLauncher.EmptyModuleName;
        public const string MinimalModuleCommand = "Import-Module " + PwshLauncher.MinimalModuleName;
        public const string ImportOnlyCommand = "Import-Module NetUsageTracker";
        public const string ImportCommand = "Import-Module NetUsageTracker; $null = Get-NetUsage";

        /// <summary>What the scheduled job does, importing by name (it records into $env:NETUSAGETRACKER_DB).</summary>
        public const string RecordCommand = "Import-Module NetUsageTracker; Update-NetUsageHistory";

        /// <summary>Wall and CPU milliseconds of each start: bare, with an empty manifest module and with
        /// a minimal binary module (what PowerShell's own Import-Module costs), with NetUsageTracker
        /// imported, and with it imported and called; in a rotating order each round so that drift in
        /// the machine's load hits them alike.</summary>
        public StartTimes MeasureStart(int rounds)
        {
            string[] commands = { BareCommand, EmptyModuleCommand, MinimalModuleCommand, ImportOnlyCommand, ImportCommand, RecordCommand };

            // pwsh replays a start-up profile (.NET multi-core JIT) that its previous run wrote to its
            // cache directory. Shared by all four series, each start would compile in the background what
            // the command before it needed: in rotation the bare start always followed the module's run,
            // and paid for it. Each series has a cache directory of its own, as a scheduled script that
            // runs the same command every time has, seeded alike with the user's module analysis cache.
            string[] caches = new string[commands.Length];
            for (int c = 0; c < commands.Length; c++)
            {
                caches[c] = _pwsh.NewCacheHome("start-" + c);
            }

            // Two of each first: the disk cache is warm and each series' profile is one of its own runs.
            for (int warm = 0; warm < 2; warm++)
            {
                for (int c = 0; c < commands.Length; c++)
                {
                    TimeRun(commands[c], caches[c]);
                }
            }

            var times = new StartTimes();
            for (int r = 0; r < rounds; r++)
            {
                var wall = new double[commands.Length];
                var cpu = new double[commands.Length];
                for (int i = 0; i < commands.Length; i++)
                {
                    int c = (i + r) % commands.Length;
                    (wall[c], cpu[c]) = TimeRun(commands[c], caches[c]);
                }

                for (int c = 0; c < commands.Length; c++)
                {
                    times.Wall[c].Add(wall[c]);
                    times.Cpu[c].Add(cpu[c]);
                    times.WallAdded[c].Add((wall[c] - wall[0]) / wall[0]);
                    times.CpuAdded[c].Add((cpu[c] - cpu[0]) / cpu[0]);
                }
            }

            return times;
        }

        public const string WatchCommand = "Import-Module NetUsageTracker; Watch-NetUsage -Interval 1";

        /// <summary>The same pwsh with the module imported, doing nothing: what the runtime costs at rest.</summary>
        public const string IdleCommand = "Import-Module NetUsageTracker; Start-Sleep -Seconds 100000";

        /// <summary>The live view, with a limit so the gauge is drawn too; -Verbose makes it say how long its frames took.</summary>
        public const string ShowCommand = "Import-Module NetUsageTracker; Show-NetUsage -Interval 1 -Limit 200GB -Verbose";

        /// <summary>The terminal Show-NetUsage draws on: bigger than 80x24, as most windows are.</summary>
        public const int ShowWidth = 120;
        public const int ShowHeight = 40;

        /// <summary>CPU as % of one core, from each one's start on, of `Watch-NetUsage -Interval 1` and of
        /// `Show-NetUsage -Interval 1` in a tmux pane, side by side: over a warm-up (the JIT compiles code
        /// run once a second, then recompiles it with profile data after some 60 calls: about two minutes),
        /// then over the measured duration, also cut into windows for the spread; an idle pwsh and the tmux
        /// server over the same measured window; and the view's own account of its frames, from sample to
        /// screen, which it gives on leaving.</summary>
        public WatchCpu MeasureWatchCpu(TimeSpan warmUp, TimeSpan duration, int windows)
        {
            using Process process = PwshLauncher.Start(_pwsh.Command(WatchCommand));
            using Process idle = PwshLauncher.Start(_pwsh.Command(IdleCommand));
            using TmuxPane pane = StartShow();
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

                pane.WaitFor("q quit", TimeSpan.FromSeconds(60));
                var watch = new CpuFollower(process.Id);
                var show = new CpuFollower(pane.ProgramPid);
                var clock = Stopwatch.StartNew();
                SleepUntil(clock, warmUp);
                watch.EndWarmUp(clock.Elapsed);
                show.EndWarmUp(clock.Elapsed);

                var measured = Stopwatch.StartNew();
                double idleStart = ProcFs.CpuSeconds(idle.Id);
                double tmuxStart = ProcFs.CpuSeconds(pane.ServerPid);
                TimeSpan window = TimeSpan.FromTicks(duration.Ticks / windows);
                for (int w = 1; w <= windows; w++)
                {
                    SleepUntil(measured, TimeSpan.FromTicks(window.Ticks * w));
                    watch.EndWindow(window);
                    show.EndWindow(window);
                }

                double seconds = measured.Elapsed.TotalSeconds;
                double idlePercent = (ProcFs.CpuSeconds(idle.Id) - idleStart) / seconds * 100;
                double tmuxPercent = (ProcFs.CpuSeconds(pane.ServerPid) - tmuxStart) / seconds * 100;
                CpuFigures watchFigures = watch.Finish(seconds);
                CpuFigures showFigures = show.Finish(seconds);
                return new WatchCpu(watchFigures, showFigures, Volatile.Read(ref lines), idlePercent, tmuxPercent, LeaveShow(pane));
            }
            finally
            {
                foreach (Process p in new[] { process, idle })
                {
                    if (!p.HasExited)
                    {
                        p.Kill();
                    }

                    p.WaitForExit();
                }
            }
        }

        private TmuxPane StartShow()
        {
            var environment = new Dictionary<string, string>
            {
                ["PSModulePath"] = _pwsh.ModulePath,
                ["LANG"] = "C.UTF-8",
            };
            // Interactive (no -NonInteractive, which the view refuses), and staying open after the view to show its account.
            return TmuxPane.Start(ShowWidth, ShowHeight, environment, _pwsh.LeadingArguments.Prepend(_pwsh.Executable).Concat(new[] { "-NoProfile", "-NoExit", "-Command", ShowCommand }));
        }

        /// <summary>Leaves the view as a user does (q, then y) and reads its verbose account of the frames.</summary>
        private static FrameFigures LeaveShow(TmuxPane pane)
        {
            pane.SendKeys("q");
            pane.WaitFor("Exit? (y/n)", TimeSpan.FromSeconds(10));
            pane.SendKeys("y");
            string screen = pane.WaitFor("which took", TimeSpan.FromSeconds(30));
            System.Text.RegularExpressions.Match m = System.Text.RegularExpressions.Regex.Match(screen,
                @"Drew (\d+) frames; from sample to screen: median ([\d.]+) ms, 99th percentile ([\d.]+) ms, slowest ([\d.]+) ms after the first, which took ([\d.]+) ms");
            if (!m.Success)
            {
                throw new InvalidOperationException("Show-NetUsage did not say how long its frames took:\n" + screen);
            }

            double Number(int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
            return new FrameFigures((int)Number(1), Number(2), Number(3), Number(4), Number(5));
        }

        private static void SleepUntil(Stopwatch clock, TimeSpan due)
        {
            TimeSpan left = due - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                Thread.Sleep(left);
            }
        }

        /// <returns>Wall and CPU milliseconds.</returns>
        private (double Wall, double Cpu) TimeRun(string command, string cacheHome)
        {
            var clock = Stopwatch.StartNew();
            ProcessStartInfo start = _pwsh.Command(command + PrintCpu, cacheHome);
            start.Environment["NETUSAGETRACKER_DB"] = Path.Combine(_pwsh.Scratch, "start.db");
            string output = PwshLauncher.RunSilently(start);
            double wall = clock.Elapsed.TotalMilliseconds;
            return (wall, double.Parse(output.Trim(), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>One process's CPU in % of a core: over the warm-up, over the measured window, and per part of it.</summary>
    internal sealed record CpuFigures(double WarmUpPercent, double Percent, Series Windows);

    /// <summary>Show-NetUsage's frames: how many, and milliseconds from sample to screen.</summary>
    internal sealed record FrameFigures(int Frames, double Median, double P99, double SlowestAfterFirst, double First);

    internal sealed record WatchCpu(CpuFigures Watch, CpuFigures Show, int Lines, double IdlePercent, double TmuxPercent, FrameFigures Frames);

    /// <summary>Follows one process's CPU time (from /proc) through the warm-up and the measured windows.</summary>
    internal sealed class CpuFollower
    {
        private readonly int _pid;
        private readonly double _start;
        private double _warmUpPercent;
        private double _warm;
        private double _last;
        private readonly Series _windows = new Series();

        public CpuFollower(int pid)
        {
            _pid = pid;
            _start = ProcFs.CpuSeconds(pid);
        }

        public void EndWarmUp(TimeSpan elapsed)
        {
            _warm = _last = ProcFs.CpuSeconds(_pid);
            _warmUpPercent = (_warm - _start) / elapsed.TotalSeconds * 100;
        }

        public void EndWindow(TimeSpan window)
        {
            double cpu = ProcFs.CpuSeconds(_pid);
            _windows.Add((cpu - _last) / window.TotalSeconds * 100);
            _last = cpu;
        }

        public CpuFigures Finish(double measuredSeconds) => new CpuFigures(_warmUpPercent, (_last - _warm) / measuredSeconds * 100, _windows);
    }

    /// <summary>Per start command (0 bare, 1 empty module, 2 minimal binary module, 3 NetUsageTracker
    /// imported, 4 imported and called, 5 imported and recorded): milliseconds, and the fraction each
    /// round's start added to that round's bare start.</summary>
    internal sealed class StartTimes
    {
        public const int Commands = 6;

        public Series[] Wall { get; } = NewSeries();

        public Series[] Cpu { get; } = NewSeries();

        public Series[] WallAdded { get; } = NewSeries();

        public Series[] CpuAdded { get; } = NewSeries();

        private static Series[] NewSeries() => Enumerable.Range(0, Commands).Select(_ => new Series()).ToArray();
    }
}
