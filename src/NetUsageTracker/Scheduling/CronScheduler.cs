using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// Unix without a systemd user manager: marked lines in the user's crontab. A scheduled job is one line;
    /// a resident recorder is two, that start it at boot and whenever it is found not running.
    /// </summary>
    internal sealed class CronScheduler : RecordingScheduler
    {
        // The crontab is handled as bytes (one char per byte), so lines in any encoding survive our edit.
        private static readonly Encoding Bytes = Encoding.GetEncoding(28591);

        // How long Unregister-NetUsageTask waits for a resident recorder's last recording after SIGTERM.
        private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(30);

        public CronScheduler(bool resident)
            : base("Linux", "Cron", resident)
        {
        }

        private string Marker => Resident ? Crontab.ResidentMarker : Crontab.Marker;

        private static string Location => "crontab of " + Environment.UserName;

        /// <summary>crontab answers; a resident recorder also needs flock (util-linux) for its guard.</summary>
        public override bool IsAvailable() => SystemCommand.TryRun("crontab", new[] { "-l" }) != null && (!Resident || ProcessRunner.FindProgram("flock") != null);

        /// <summary>cron gives a job HOME (from the user's account), LOGNAME, SHELL and PATH=/usr/bin:/bin, and no PSModulePath.</summary>
        public override IReadOnlyList<string> ModuleFolders(RecorderCommand command) => ModuleSearchPath.Unix(UserDirectories.Home(), null, command.PowerShellHome, null);

        public override NetUsageTask Plan(RecordingSchedule schedule)
        {
            if (Resident)
            {
                string flock = ProcessRunner.FindProgram("flock")
                    ?? throw new SchedulerException("'flock' was not found on PATH; the resident recorder's crontab lines need it (Debian: apt-get install util-linux).");
                string database = schedule.Command.DatabasePath ?? throw new ArgumentException("A resident recorder's command names its database.", nameof(schedule));
                string[] lines = Crontab.ResidentLines(schedule, flock, RecorderProcess.RecorderLock.PathFor(database));
                return Planned(Marker, schedule, schedule.Interval, Crontab.Read(lines[1], Marker).Command, Artefacts(lines));
            }

            (TimeSpan interval, string expression, string? note) = Crontab.ScheduleFor(schedule.Interval);
            string record = Crontab.Line(expression, schedule.Command);
            NetUsageTask task = Planned(Marker, schedule, interval, Crontab.Read(record).Command, Artefacts(record));
            task.NextRunTime = Crontab.NextRun(interval, DateTime.Now);
            task.Note = note;
            return task;
        }

        public override void Install(NetUsageTask plan)
        {
            // One read of the crontab: what it replaces, and what the new lines merge into.
            string crontab = ReadCrontab();
            NetUsageTask? replaced = Resident ? Parse(crontab) : null;
            Write(Crontab.Merge(crontab, Marker, plan.Artefacts.Select(a => AsBytes(a.Content)).ToArray()));

            // A recorder of an earlier registration would keep its lock, so the new lines would never start theirs.
            if (replaced?.Recorder != null && plan.Recorder != null
                && !replaced.Recorder.Argv(forWindowsTask: false).SequenceEqual(plan.Recorder.Argv(forWindowsTask: false)))
            {
                Stop(replaced.Recorder);
            }
        }

        public override NetUsageTask? Find() => Parse(TryReadCrontab());

        /// <summary>Our job in <paramref name="crontab"/> (null when there is no crontab program), or null.</summary>
        private NetUsageTask? Parse(string? crontab)
        {
            string[] found = crontab == null ? new string[0] : Crontab.FindLines(crontab, Marker);
            if (found.Length == 0)
            {
                return null;
            }

            string[] lines = found.Select(l => Encoding.UTF8.GetString(Bytes.GetBytes(l))).ToArray();
            // The command is read from the scheduled line (a resident recorder's second), which both kinds have last.
            (TimeSpan? interval, string command) = Crontab.Read(lines[lines.Length - 1], Marker);
            RecorderCommand? recorder = Crontab.ReadCommand(command);
            NetUsageTask task = Installed(Marker, interval, command, recorder, Artefacts(lines));
            if (Resident)
            {
                List<int>? running = recorder == null ? null : UnixProcesses.Running(recorder.Argv(forWindowsTask: false));
                task.Running = running == null ? (bool?)null : running.Count > 0;
                task.ProcessId = running?.Count > 0 ? running[0] : (int?)null;
            }
            else if (interval.HasValue)
            {
                task.NextRunTime = Crontab.NextRun(interval.Value, DateTime.Now);
            }

            return task;
        }

        public override void Remove(NetUsageTask installed)
        {
            // The lines go first, so no check starts the recorder again while it is being stopped.
            Write(Crontab.Merge(ReadCrontab(), Marker, new string[0]));
            if (!Resident || installed.Recorder == null)
            {
                return;
            }

            Stop(installed.Recorder);
        }

        /// <summary>Stops the processes that run <paramref name="recorder"/> with SIGTERM, after their lines are gone.</summary>
        private static void Stop(RecorderCommand recorder)
        {
            List<int> left = UnixProcesses.Stop(UnixProcesses.Running(recorder.Argv(forWindowsTask: false)) ?? new List<int>(), StopPatience);
            if (left.Count > 0)
            {
                throw new SchedulerException(
                    $"The resident recorder's crontab lines were replaced or removed, but its process ({string.Join(", ", left)}) did not end within {StopPatience.TotalSeconds} seconds of SIGTERM; end it with kill.");
            }
        }

        private static string ReadCrontab() =>
            TryReadCrontab() ?? throw new SchedulerException("'crontab' was not found on PATH; install cron (Debian: apt-get install cron).");

        /// <summary>The user's crontab; empty when the user has none yet, null when crontab is not installed.</summary>
        private static string? TryReadCrontab()
        {
            ProcessResult? result = SystemCommand.TryRun("crontab", new[] { "-l" }, outputEncoding: Bytes);
            if (result == null)
            {
                return null;
            }

            if (result.ExitCode == 0)
            {
                return result.Output;
            }

            if (result.Error.IndexOf("no crontab", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return "";
            }

            throw new SchedulerException($"'crontab -l' failed with exit code {result.ExitCode}: {result.Error.Trim()}");
        }

        private static void Write(string crontab) => SystemCommand.Run("crontab", new[] { "-" }, Bytes.GetBytes(crontab));

        private static NetUsageTaskArtefact[] Artefacts(params string[] lines) =>
            lines.Select(line => new NetUsageTaskArtefact("CrontabLine", Location, line)).ToArray();

        /// <summary>Our (UTF-8) line in the one-char-per-byte form of the crontab text.</summary>
        private static string AsBytes(string line) => Bytes.GetString(Encoding.UTF8.GetBytes(line));
    }
}
