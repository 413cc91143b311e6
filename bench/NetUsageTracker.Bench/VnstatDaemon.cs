using System;
using System.Diagnostics;
using System.IO;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// vnStat's daemon, the yardstick of keeping a history: Debian's vnstatd in the foreground with a
    /// config of its own whose database, pid file and log are in a temporary folder (the system's are
    /// never touched), and its defaults otherwise (read the counters every 20 s, write every 5 minutes).
    /// </summary>
    internal sealed class VnstatDaemon : IDisposable
    {
        public const string Executable = "/usr/sbin/vnstatd";

        private readonly Process _process;
        private readonly string _folder;

        private VnstatDaemon(Process process, string folder, string version)
        {
            _process = process;
            _folder = folder;
            Version = version;
        }

        public int Pid => _process.Id;

        /// <summary>"vnStat daemon 2.10", as it names itself.</summary>
        public string Version { get; }

        public bool HasExited => _process.HasExited;

        /// <summary>Starts the daemon, or answers null with the reason.</summary>
        public static VnstatDaemon? TryStart(string scratch, out string reason)
        {
            if (!File.Exists(Executable))
            {
                reason = $"{Executable} is not installed (Debian's vnstat)";
                return null;
            }

            string folder = Path.Combine(scratch, "vnstat");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            string config = Path.Combine(folder, "vnstat.conf");
            File.WriteAllText(config,
                $"DatabaseDir \"{Path.Combine(folder, "db")}\"\nPidFile \"{Path.Combine(folder, "vnstatd.pid")}\"\nUseLogging 0\n");

            string version = PwshLauncher.RunToEnd(Plain(Executable, "--version"), out _).Trim();
            int by = version.IndexOf(" by ", StringComparison.Ordinal);
            version = by > 0 ? version.Substring(0, by) : version;
            Process process = Process.Start(Plain(Executable, "--nodaemon", "--config", config))!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            reason = "";
            return new VnstatDaemon(process, folder, version);
        }

        public void Dispose()
        {
            ProcFs.Stop(_process, TimeSpan.FromSeconds(10));
            _process.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private static ProcessStartInfo Plain(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            return start;
        }
    }
}
