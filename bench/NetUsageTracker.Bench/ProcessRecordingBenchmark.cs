using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// What per-process usage costs over a stretch of time, side by side over the same window and the same
    /// traffic: 1,000 TCP sockets on loopback (python3 holders sending a little on each every second) and
    /// short-lived processes that come and go, measured in the resident recorder at its default settings
    /// (Update-NetUsageHistory -Every 5 minutes with the environment Register-NetUsageTask gives it, which
    /// reads the sockets every 10 s), in vnstatd (interfaces only) and in `nethogs -t -a lo` (per process, by
    /// capturing packets, as root); and Show-NetUsage -Interval 1 with its apps pane shown, in a tmux pane.
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
                ProcessStartInfo start = _pwsh.Command(
                    $"Import-Module -Name '{_pwsh.ModuleManifest}'; Update-NetUsageHistory -Every '00:05:00' -Path '{Path.Combine(folder, "resident.db")}'",
                    _pwsh.NewCacheHome("process-resident"));
                start.Environment[RecordingBenchmarks.TelemetryOptOut] = "1";
                resident = new LongRunner("resident recorder, per process", start);
                show = StartShow();
                show.WaitFor("q quit", TimeSpan.FromSeconds(60));
                show.SendKeys("a");
                show.WaitFor("Apps by rate", TimeSpan.FromSeconds(30));

                Console.WriteLine($"Per-process recording: {Holders * PairsEach * 2} sockets and churning processes on loopback; resident recorder (default settings), vnstatd, "
                    + $"nethogs -t and Show-NetUsage's apps pane; {_options.ResidentWarmUp.TotalSeconds:0} s warm-up, then {_options.ResidentWindow.TotalSeconds:0} s measured ...");
                Thread.Sleep(_options.ResidentWarmUp);
                resident.StartWindow();
                using var threads = new ThreadCpuFollower(resident.ProcessId);
                double memoryStart = ProcFs.Memory(resident.ProcessId).AnonymousMb;
                var showCpu = new CpuFollower(show.ProgramPid);
                showCpu.EndWarmUp(_options.ResidentWarmUp);
                double vnstatStart = vnstat != null ? ProcFs.MainThreadCpuSeconds(vnstat.Pid) : 0;
                double nethogsStart = nethogs != null ? ProcFs.CpuSeconds(nethogs.Id) : 0;
                var clock = Stopwatch.StartNew();
                Thread.Sleep(_options.ResidentWindow);
                double seconds = clock.Elapsed.TotalSeconds;
                resident.EndWindow(seconds);
                threads.Dispose();
                showCpu.EndWindow(TimeSpan.FromSeconds(seconds));
                double memoryEnd = resident.AnonymousMb;

                var rows = new List<BenchRow>();
                // The runtime recompiles a method at its 30th call (tiered compilation): at a read a minute the
                // recorder's code is still being recompiled for its first half hour, far past any window here.
                // That one-time cost is its own row, so the judged row is the steady state and nothing is hidden.
                double compiling = threads.Seconds(ThreadCpuFollower.CompilerThread, matching: true);
                double work = threads.Seconds(ThreadCpuFollower.CompilerThread, matching: false);
                BenchRow recorder = PerDay("resident recorder, per process, 1,000 sockets, steady (CPU s a day)", work, seconds);
                recorder.Target = "<= 30 s a day";
                recorder.Pass = recorder.Median <= 30;
                recorder.Judged = $"all threads but the runtime's compiler, to the ns; {resident.CpuSeconds / seconds * 86400:0} s a day with it (/proc stat)";
                rows.Add(recorder);
                rows.Add(PerDay("resident recorder: the runtime's tiered compiling in the window (one-time, CPU s a day)", compiling, seconds));
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
    }
}
