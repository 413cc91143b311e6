using System;
using System.Text;

namespace NetUsageTracker.Scheduling
{
    /// <summary>Unix without a systemd user manager: one marked line in the user's crontab.</summary>
    internal sealed class CronScheduler : IRecordingScheduler
    {
        // The crontab is handled as bytes (one char per byte), so lines in any encoding survive our edit.
        private static readonly Encoding Bytes = Encoding.GetEncoding(28591);

        public string Mechanism => "Cron";

        private static string Location => "crontab of " + Environment.UserName;

        public bool IsAvailable() => SystemCommand.TryRun("crontab", new[] { "-l" }) != null;

        public NetUsageTask Plan(RecordingSchedule schedule)
        {
            (TimeSpan interval, string expression, string? note) = Crontab.ScheduleFor(schedule.Interval);
            string line = Crontab.Line(expression, schedule.Command);
            return new NetUsageTask
            {
                Platform = "Linux",
                Mechanism = Mechanism,
                Name = Crontab.Marker,
                Interval = interval,
                Command = Crontab.Read(line).Command,
                NextRunTime = Crontab.NextRun(interval, DateTime.Now),
                Note = note,
                Artefacts = { new NetUsageTaskArtefact("CrontabLine", Location, line) },
            };
        }

        public void Install(NetUsageTask plan) => Write(Crontab.Merge(ReadCrontab(), AsBytes(plan.Artefacts[0].Content)));

        public NetUsageTask? Find()
        {
            string? crontab = TryReadCrontab();
            string? found = crontab == null ? null : Crontab.FindLine(crontab);
            if (found == null)
            {
                return null;
            }

            string line = Encoding.UTF8.GetString(Bytes.GetBytes(found));

            (TimeSpan? interval, string command) = Crontab.Read(line);
            return new NetUsageTask
            {
                Platform = "Linux",
                Mechanism = Mechanism,
                Name = Crontab.Marker,
                Interval = interval ?? TimeSpan.Zero,
                Command = command,
                NextRunTime = interval.HasValue ? Crontab.NextRun(interval.Value, DateTime.Now) : (DateTime?)null,
                Registered = true,
                Artefacts = { new NetUsageTaskArtefact("CrontabLine", Location, line) },
            };
        }

        public void Remove(NetUsageTask installed) => Write(Crontab.Merge(ReadCrontab(), null));

        private static string ReadCrontab() =>
            TryReadCrontab() ?? throw new SchedulerException("'crontab' was not found on PATH; install cron (Debian: apt-get install cron).");

        /// <summary>The user's crontab; empty when the user has none yet, null when crontab is not installed.</summary>
        private static string? TryReadCrontab()
        {
            CommandResult? result = SystemCommand.TryRun("crontab", new[] { "-l" }, outputEncoding: Bytes);
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

        /// <summary>Our (UTF-8) line in the one-char-per-byte form of the crontab text.</summary>
        private static string AsBytes(string line) => Bytes.GetString(Encoding.UTF8.GetBytes(line));
    }
}
