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
    /// What per-process usage costs over a stretch of time, side by side over the same window and the same
    /// traffic: 1,000 TCP sockets on loopback (python3 holders sending a little on each every second) and
    /// short-lived processes that come and go, measured in the resident recorder at its default settings
    /// (Update-NetUsageHistory -Every 5 minutes with the environment Register-NetUsageTask gives it, which
    /// reads the sockets every 10 s), in vnstatd (interfaces only) and in `nethogs -t -a lo` (per process, by
    /// capturing packets, as root); and Show-NetUsage -Interval 1 with its apps pane shown, in a tmux pane.
    /// The resident's CPU is followed thread by thread from its start in sub-windows, the runtime's compiler
    /// thread apart, so that the table says whether that one-time cost had ended; --resident-long gives it the
    /// time to (about 25 minutes), --resident-tiered runs a second resident beside it with the runtime's default
    /// tiered compilation (the environment residents were registered with before DOTNET_TieredCompilation=0).
    /// </summary>
    internal sealed class ProcessRecordingBenchmark
    {
        private const int Holders = 5;
        private const int PairsEach = 100;
        private const string NethogsExecutable = "/usr/sbin/nethogs";

        /// <summary>Holders that keep 2 x pairs sockets and send 200 bytes on each connection every second;
        /// a churner that starts a process every 2 s which moves 100 KB over a connection of its own for 12 s and exits.</summary>
        private const string Traffic = @"
import os, resource, socket, sys, time
mode = sys.argv[1]
if mode == 'hold':
    pairs = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_NOFILE, (4 * pairs + 64, max(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 4 * pairs + 64)))
    server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen(pairs)
    kept = []
    for _ in range(pairs):
        c = socket.create_connection(server.getsockname()); a, _ = server.accept(); kept.append((c, a))
    server.close()
    print('holding', flush=True)
    while True:
        for c, a in kept:
            c.sendall(b'x' * 200); a.recv(200)
        time.sleep(1)
else:
    print('churning', flush=True)
    while True:
        if os.fork() == 0:
            server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen(1)
            c = socket.create_connection(server.getsockname()); a, _ = server.accept()
            for _ in range(12):
                c.sendall(b'y' * 8192); a.recv(8192); time.sleep(1)
            os._exit(0)
        time.sleep(2)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass
";

        private readonly PwshLauncher _pwsh;
        private readonly BenchOptions _options;

        public ProcessRecordingBenchmark(PwshLauncher pwsh, BenchOptions options)
        {
            _pwsh = pwsh;
            _options = options;
        }

        public List<BenchRow> Run()
        {
            string folder = Path.Combine(_pwsh.Scratch, "process-recording");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            string script = Path.Combine(folder, "traffic.py");
            File.WriteAllText(script, Traffic);
            var traffic = new List<Process>();
            Process? nethogs = null;
            LongRunner? resident = null;
            LongRunner? tiered = null;
            TmuxPane? show = null;
            try
            {
                for (int i = 0; i < Holders; i++)
                {
                    traffic.Add(StartPython(script, "hold", PairsEach.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                traffic.Add(StartPython(script, "churn"));
                using VnstatDaemon? vnstat = VnstatDaemon.TryStart(_pwsh.Scratch, out string vnstatMissing);
                nethogs = StartNethogs(out string nethogsMissing);
                resident = new LongRunner("resident recorder, per process", Resident(folder, "resident", tiered: false));
                // For comparison only (no longer the product's setting): the same resident with the runtime's
                // tiered compilation, which compiles code run once a recording again only after hours.
                tiered = _options.ResidentTiered ? new LongRunner(TieredName, Resident(folder, "resident-tiered", tiered: true)) : null;
                using var timeline = new Timeline(resident.ProcessId);
                using Timeline? tieredTimeline = tiered != null ? new Timeline(tiered.ProcessId) : null;
                show = StartShow();
                show.WaitFor("q quit", TimeSpan.FromSeconds(60));
                show.SendKeys("a");
                show.WaitFor("Apps by rate", TimeSpan.FromSeconds(30));

                TimeSpan step = _options.ProcessSubWindow;
                Console.WriteLine($"Per-process recording: {Holders * PairsEach * 2} sockets and churning processes on loopback; resident recorder (default settings), vnstatd, "
                    + $"nethogs -t and Show-NetUsage's apps pane{(tiered != null ? "; a second resident with tiered compilation" : "")}; "
                    + $"{_options.ProcessWarmUp.TotalSeconds:0} s warm-up, then {_options.ProcessWindow.TotalSeconds:0} s measured, the resident's CPU in {step.TotalSeconds:0} s sub-windows from its start ...");
                SleepUntil(timeline, tieredTimeline, _options.ProcessWarmUp, step);
                resident.StartWindow();
                int windowStart = timeline.Parts.Count;
                double memoryStart = ProcFs.Memory(resident.ProcessId).AnonymousMb;
                var showCpu = new CpuFollower(show.ProgramPid);
                showCpu.EndWarmUp(_options.ProcessWarmUp);
                double vnstatStart = vnstat != null ? ProcFs.MainThreadCpuSeconds(vnstat.Pid) : 0;
                double nethogsStart = nethogs != null ? ProcFs.CpuSeconds(nethogs.Id) : 0;
                var clock = Stopwatch.StartNew();
                SleepUntil(timeline, tieredTimeline, _options.ProcessWarmUp + _options.ProcessWindow, step);
                double seconds = clock.Elapsed.TotalSeconds;
                resident.EndWindow(seconds);
                showCpu.EndWindow(TimeSpan.FromSeconds(seconds));
                double memoryEnd = resident.AnonymousMb;

                var rows = new List<BenchRow>();
                rows.AddRange(Judge(timeline, windowStart, resident));
                BenchRow recorder = rows[0];
                if (tieredTimeline != null)
                {
                    rows.AddRange(TieredRows(tieredTimeline, timeline, windowStart));
                }

                if (vnstat != null)
                {
                    rows.Add(PerDay($"{vnstat.Version}, same window (interfaces only)", ProcFs.MainThreadCpuSeconds(vnstat.Pid) - vnstatStart, seconds));
                }
                else
                {
                    Console.WriteLine($"vnstatd row skipped: {vnstatMissing}.");
                }

                if (nethogs != null)
                {
                    BenchRow peer = PerDay("nethogs -t -a lo, same window (per process, as root)", ProcFs.CpuSeconds(nethogs.Id) - nethogsStart, seconds);
                    peer.Judged = $"resident {recorder.Median / Math.Max(peer.Median, 1e-9):0.00}x of it";
                    rows.Add(peer);
                }
                else
                {
                    Console.WriteLine($"nethogs row skipped: {nethogsMissing}.");
                }

                rows.Add(new BenchRow($"resident recorder's own memory growth over the window ({memoryStart:0.0} MB at its start)", "MB", memoryEnd - memoryStart, null, new[] { memoryEnd - memoryStart })
                {
                    Target = "<= 8 MB (exited processes forgotten)",
                    Pass = memoryEnd - memoryStart <= 8,
                    Judged = $"{Math.Floor(seconds / 2):0} processes came and went in it",
                });

                CpuFigures figures = showCpu.Finish(seconds);
                rows.Add(new BenchRow("Show-NetUsage -Interval 1, apps pane shown (% of a core)", "%", figures.Percent, null, new[] { figures.Percent })
                {
                    Target = "< 1 %",
                    Pass = figures.Percent < 1,
                });
                return rows;
            }
            finally
            {
                show?.Dispose();
                resident?.Dispose();
                tiered?.Dispose();
                if (nethogs != null)
                {
                    ProcFs.Stop(nethogs, TimeSpan.FromSeconds(5));
                    nethogs.Dispose();
                }

                foreach (Process p in traffic)
                {
                    StopTree(p);
                }

                Directory.Delete(folder, recursive: true);
            }
        }

        private const string TieredName = "resident recorder, tiered compilation";

        /// <summary>The resident's start command at its default settings, in the environment Register-NetUsageTask gives
        /// it (<see cref="RecorderCommand.ResidentEnvironment"/>); <paramref name="tiered"/> gives it a job's instead.</summary>
        private ProcessStartInfo Resident(string folder, string name, bool tiered)
        {
            ProcessStartInfo start = _pwsh.Command(
                $"Import-Module -Name '{_pwsh.ModuleManifest}'; Update-NetUsageHistory -Every '00:05:00' -Path '{Path.Combine(folder, name + ".db")}'",
                _pwsh.NewCacheHome("process-" + name));
            return RecordingBenchmarks.WithVariables(start, tiered ? RecorderCommand.RecorderEnvironment : RecorderCommand.ResidentEnvironment);
        }

        /// <summary>Sleeps until <paramref name="until"/> after the residents' start, cutting their timelines at every
        /// multiple of <paramref name="step"/> (and at <paramref name="until"/>).</summary>
        private static void SleepUntil(Timeline timeline, Timeline? other, TimeSpan until, TimeSpan step)
        {
            while (timeline.Elapsed < until - TimeSpan.FromMilliseconds(50))
            {
                TimeSpan next = TimeSpan.FromTicks(Math.Min(until.Ticks, ((timeline.Elapsed.Ticks / step.Ticks) + 1) * step.Ticks));
                TimeSpan wait = next - timeline.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait);
                }

                timeline.Cut();
                other?.Cut();
            }
        }

        /// <summary>The resident's interval at its default settings: one recording in every such stretch of the window.</summary>
        private static readonly TimeSpan RecordingInterval = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The resident's rows, judged on the whole window, every thread and the runtime's compiler thread included.
        /// A day holds 288 recordings and the time between them: the window stands for it only when it is made of
        /// whole five-minute recording intervals (each holding one recording); otherwise the row is not judged.
        /// </summary>
        private IEnumerable<BenchRow> Judge(Timeline timeline, int windowStart, LongRunner resident)
        {
            List<Part> window = timeline.Parts.Skip(windowStart).ToList();
            double total = Part.PerDay(window, p => p.Compiler + p.Others);
            double compiling = Part.PerDay(window, p => p.Compiler);
            double seconds = window.Sum(p => p.Seconds);
            int intervals = (int)Math.Round(seconds / RecordingInterval.TotalSeconds);
            bool whole = intervals >= 1 && Math.Abs(seconds - (intervals * RecordingInterval.TotalSeconds)) < _options.ProcessSubWindow.TotalSeconds;
            double quietest = window.Count > 0 ? window.Min(p => (p.Compiler + p.Others) / p.Seconds * 86400) : 0;
            timeline.Print("resident recorder, per process", windowStart);

            yield return new BenchRow("resident recorder, per process, 1,000 sockets (CPU s a day)", "s/day", total, null, new[] { total })
            {
                Target = "<= 30 s a day",
                Pass = whole ? total <= 30 : (bool?)null,
                Judged = (whole
                        ? $"the window: {seconds:0} s, {intervals} five-minute recording interval(s)"
                        : $"not judged: the window ({seconds:0} s) is not whole five-minute recording intervals")
                    + $"; {compiling:0.0} of it compiling; its quietest sub-window {quietest:0.0}",
            };

            double fromStart = timeline.Parts.Sum(p => p.Compiler);
            yield return new BenchRow("  ... the runtime's compiler thread in the window (CPU s a day)", "s/day", compiling, null,
                timeline.Parts.Select(p => p.Compiler / p.Seconds * 86400).ToArray())
            {
                Target = "(reference)",
                Judged = $"{fromStart:0.000} CPU-s over {timeline.Parts[^1].End:0} s from the start",
            };
        }

        /// <summary>The same figures for the resident with the runtime's tiered compilation, beside the registered one's.</summary>
        private static IEnumerable<BenchRow> TieredRows(Timeline timeline, Timeline reference, int windowStart)
        {
            timeline.Print(TieredName, windowStart);
            List<Part> window = timeline.Parts.Skip(windowStart).ToList();
            List<Part> tail = Tail(window);
            double compiling = timeline.Parts.Sum(p => p.Compiler);
            double compilingDefault = reference.Parts.Sum(p => p.Compiler);
            yield return new BenchRow("  ... with tiered compilation (not the product's): compiler thread from the start (CPU s)", "s", compiling, null,
                timeline.Parts.Select(p => p.Compiler).ToArray())
            {
                Target = "(reference)",
                Judged = $"registered {compilingDefault:0.000} s; window {Part.PerDay(window, p => p.Compiler + p.Others):0.0} s a day all told "
                    + $"({Part.PerDay(window, p => p.Compiler):0.0} compiling), its last {tail.Sum(p => p.Seconds):0} s {Part.PerDay(tail, p => p.Compiler + p.Others):0.0}",
            };
        }

        /// <summary>The steady state: the last quarter of the window's sub-windows, at least two.</summary>
        private static List<Part> Tail(List<Part> window) => window.Skip(window.Count - Math.Min(window.Count, Math.Max(2, window.Count / 4))).ToList();

        private static BenchRow PerDay(string name, double cpuSeconds, double windowSeconds)
        {
            double perDay = cpuSeconds / windowSeconds * 86400;
            return new BenchRow(name, "s/day", perDay, null, new[] { perDay });
        }

        private Process StartPython(string script, params string[] arguments)
        {
            var start = new ProcessStartInfo(_options.Pythons[0]) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(script);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            Process process = Process.Start(start)!;
            string? ready = process.StandardOutput.ReadLine();
            if (ready != "holding" && ready != "churning")
            {
                throw new InvalidOperationException("A traffic process did not start.");
            }

            return process;
        }

        private static Process? StartNethogs(out string missing)
        {
            if (!File.Exists(NethogsExecutable))
            {
                missing = $"{NethogsExecutable} is not installed (Debian's nethogs)";
                return null;
            }

            var start = new ProcessStartInfo(NethogsExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            // -a: nethogs leaves loopback out unless asked; the traffic here is all on lo.
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add("-a");
            start.ArgumentList.Add("lo");
            Process process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            Thread.Sleep(1000);
            if (process.HasExited)
            {
                missing = $"nethogs ended at once (exit code {process.ExitCode}): it captures packets, which needs root";
                process.Dispose();
                return null;
            }

            missing = "";
            return process;
        }

        private TmuxPane StartShow()
        {
            var environment = new Dictionary<string, string>
            {
                ["PSModulePath"] = _pwsh.ModulePath,
                ["LANG"] = "C.UTF-8",
                [RecordingBenchmarks.TelemetryOptOut] = "1",
            };
            return TmuxPane.Start(PwshBenchmarks.ShowWidth, PwshBenchmarks.ShowHeight, environment,
                _pwsh.LeadingArguments.Prepend(_pwsh.Executable).Concat(new[] { "-NoProfile", "-NoExit", "-Command", "Import-Module NetUsageTracker; Show-NetUsage -Interval 1" }));
        }

        private static void StopTree(Process process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            process.Dispose();
        }

        /// <summary>One sub-window of a resident's life: its length, where it ends (seconds from the start), and
        /// the CPU seconds of the runtime's compiler thread and of every other thread in it.</summary>
        private readonly record struct Part(double Seconds, double End, double Compiler, double Others)
        {
            public static double PerDay(IReadOnlyCollection<Part> parts, Func<Part, double> cpu) => parts.Sum(cpu) / parts.Sum(p => p.Seconds) * 86400;
        }

        /// <summary>
        /// A process's CPU thread by thread from its start, in consecutive sub-windows: one <see cref="ThreadCpuFollower"/>
        /// a sub-window, the next started before the last is read for the last time, so that nothing falls between.
        /// </summary>
        private sealed class Timeline : IDisposable
        {
            private readonly int _pid;
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private ThreadCpuFollower _current;
            private TimeSpan _cut;

            public Timeline(int pid)
            {
                _pid = pid;
                _current = new ThreadCpuFollower(pid);
            }

            public TimeSpan Elapsed => _clock.Elapsed;

            public List<Part> Parts { get; } = new List<Part>();

            public void Cut()
            {
                var next = new ThreadCpuFollower(_pid);
                TimeSpan now = _clock.Elapsed;
                _current.Dispose();
                Parts.Add(new Part((now - _cut).TotalSeconds, now.TotalSeconds,
                    _current.Seconds(ThreadCpuFollower.CompilerThread, matching: true), _current.Seconds(ThreadCpuFollower.CompilerThread, matching: false)));
                _current = next;
                _cut = now;
            }

            /// <summary>One line a sub-window: CPU a day of the compiler thread and of the others, and the compiler's CPU so far.</summary>
            public void Print(string name, int windowStart)
            {
                Console.WriteLine($"  {name}: CPU s a day, sub-window by sub-window from its start (the runtime's compiler thread / every other thread; compiler CPU-s so far)");
                double sum = 0;
                for (int i = 0; i < Parts.Count; i++)
                {
                    Part p = Parts[i];
                    sum += p.Compiler;
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "    {0,5:0}-{1,5:0} s{2}  compiler {3,7:0.0}  others {4,7:0.0}  ({5:0.000} s)",
                        p.End - p.Seconds, p.End, i < windowStart ? " warm-up" : " window ", p.Compiler / p.Seconds * 86400, p.Others / p.Seconds * 86400, sum));
                }
            }

            public void Dispose() => _current.Dispose();
        }
    }
}
