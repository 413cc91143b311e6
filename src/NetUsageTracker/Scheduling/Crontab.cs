using System;
using System.Linq;
using System.Text;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The crontab line of the recording job and the edits of a user's crontab: our marked line is
    /// added or replaced, every other byte is kept as it was.
    /// </summary>
    internal static class Crontab
    {
        /// <summary>Ends our line; sh reads it as a comment, and it names the line for later edits.</summary>
        public const string Marker = "# netusagetracker-record";

        // The intervals cron keeps evenly: minute steps that divide an hour, hour steps that divide a day,
        // and once a day. Other steps restart at every hour or day boundary, leaving one short gap.
        private static readonly (int Minutes, string Expression)[] EvenSchedules =
            new[] { 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 }
                .Select(m => (m, m == 1 ? "* * * * *" : $"*/{m} * * * *"))
                .Concat(new[] { 1, 2, 3, 4, 6, 8, 12 }.Select(h => (h * 60, h == 1 ? "0 * * * *" : $"0 */{h} * * *")))
                .Concat(new[] { (24 * 60, "0 0 * * *") })
                .ToArray();

        /// <summary>
        /// The even schedule cron can keep for an interval: the longest one not longer than asked, so the
        /// job records at least as often as requested. The note says when it differs.
        /// </summary>
        public static (TimeSpan Interval, string Expression, string? Note) ScheduleFor(TimeSpan requested)
        {
            (int minutes, string expression) = EvenSchedules.Last(s => s.Minutes <= requested.TotalMinutes);
            TimeSpan interval = TimeSpan.FromMinutes(minutes);
            string? note = interval == requested
                ? null
                : $"cron cannot run every {RecordingSchedule.Describe(requested)} evenly (its steps restart at each hour or day), so the job runs every {RecordingSchedule.Describe(interval)}.";
            return (interval, expression, note);
        }

        /// <summary>
        /// Our crontab line: the schedule, the command as sh and cron read it, and the marker. Line breaks
        /// in the module or database path are spelled out in the script, as a crontab line cannot hold one.
        /// </summary>
        public static string Line(string expression, RecorderCommand command)
        {
            string shell = CommandLineQuoting.ShellCommandLine(command.Argv(forWindowsTask: false, spelledOut: "\r\n"));
            if (shell.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                throw new SchedulerException($"The PowerShell path '{command.Executable}' holds a line break, which a crontab line cannot carry.");
            }

            return expression + " " + CommandLineQuoting.CronCommand(shell) + " " + Marker;
        }

        public static bool IsOurs(string line) => line.TrimEnd('\n', '\r', ' ', '\t').EndsWith(" " + Marker, StringComparison.Ordinal);

        /// <summary>Our line in a crontab (without its line break), or null.</summary>
        public static string? FindLine(string crontab) =>
            crontab.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(IsOurs);

        /// <summary>
        /// The crontab with our line put in place of the first marked line (or appended), further marked
        /// lines dropped, everything else byte for byte. A null <paramref name="line"/> removes ours.
        /// </summary>
        public static string Merge(string crontab, string? line)
        {
            var merged = new StringBuilder(crontab.Length + (line?.Length ?? 0) + 1);
            bool placed = false;
            int position = 0;
            while (position < crontab.Length)
            {
                int end = crontab.IndexOf('\n', position);
                int next = end < 0 ? crontab.Length : end + 1;
                string current = crontab.Substring(position, next - position);
                position = next;
                if (!IsOurs(current))
                {
                    merged.Append(current);
                }
                else if (line != null && !placed)
                {
                    merged.Append(line).Append('\n');
                    placed = true;
                }
            }

            if (line != null && !placed)
            {
                // cron ignores a last line without a line break, so the one before ours gets one.
                if (merged.Length > 0 && merged[merged.Length - 1] != '\n')
                {
                    merged.Append('\n');
                }

                merged.Append(line).Append('\n');
            }

            return merged.ToString();
        }

        /// <summary>The interval and command of our line; the interval is null for a schedule we did not write.</summary>
        public static (TimeSpan? Interval, string Command) Read(string line)
        {
            string[] words = line.Split(new[] { ' ', '\t' }, 6, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 6)
            {
                return (null, line);
            }

            string expression = string.Join(" ", words.Take(5));
            string command = words[5].TrimEnd();
            command = command.Substring(0, command.Length - Marker.Length).TrimEnd();
            int match = Array.FindIndex(EvenSchedules, s => s.Expression == expression);
            return (match < 0 ? (TimeSpan?)null : TimeSpan.FromMinutes(EvenSchedules[match].Minutes), command);
        }

        /// <summary>When cron next runs an even schedule: the next multiple of the interval after local midnight.</summary>
        public static DateTime NextRun(TimeSpan interval, DateTime now)
        {
            DateTime midnight = now.Date;
            long step = (long)interval.TotalMinutes;
            long minutes = (long)(now - midnight).TotalMinutes + 1;
            long next = (minutes + step - 1) / step * step;
            return midnight.AddMinutes(next);
        }
    }
}
