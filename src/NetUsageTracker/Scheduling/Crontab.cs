using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The crontab lines of the scheduled job and of the resident recorder, and the edits of a user's
    /// crontab: our marked lines are added or replaced, every other byte is kept as it was.
    /// </summary>
    internal static class Crontab
    {
        /// <summary>Ends our line; sh reads it as a comment, and it names the line for later edits.</summary>
        public const string Marker = "# netusagetracker-record";

        /// <summary>Ends the resident recorder's lines.</summary>
        public const string ResidentMarker = "# netusagetracker-recorder";

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
        public static string Line(string expression, RecorderCommand command) =>
            expression + " " + CommandLineQuoting.CronCommand(Assignments(command) + RecorderShellCommand(command)) + " " + Marker;

        /// <summary>The recorder's variables as sh assignments before the command ("NAME=value ").</summary>
        private static string Assignments(RecorderCommand command)
        {
            var words = new StringBuilder();
            foreach (string assignment in command.Assignments)
            {
                words.Append(assignment).Append(' ');
            }

            return words.ToString();
        }

        /// <summary>Leading words that are the recorder's variables (a line written before they were has none).</summary>
        private static void SkipAssignments(List<string> words)
        {
            while (words.Count > 0 && RecorderCommand.IsEnvironmentAssignment(words[0]))
            {
                words.RemoveAt(0);
            }
        }

        /// <summary>
        /// The resident recorder's lines: one that starts it when cron starts (at boot), and one that starts
        /// it again if it is not running, checked every <see cref="RecordingSchedule.CronRestartCheck"/>.
        /// Both start it only while its lock file (<paramref name="lockPath"/>, which the recorder holds with
        /// flock) is free, so a start while it runs costs a shell and flock, prints nothing and mails nothing;
        /// <paramref name="flock"/> is flock's full path, as cron's PATH is short.
        /// </summary>
        public static string[] ResidentLines(RecordingSchedule schedule, string flock, string lockPath)
        {
            if ((flock + lockPath).IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                throw new SchedulerException($"The path '{lockPath}' or '{flock}' holds a line break, which a crontab line cannot carry.");
            }

            string l = CommandLineQuoting.ShellWord(lockPath);
            string command = CommandLineQuoting.CronCommand(
                $"[ ! -e {l} ] || {CommandLineQuoting.ShellWord(flock)} -n {l} true && " + Assignments(schedule.Command) + "exec " + RecorderShellCommand(schedule.Command));
            (_, string check, _) = ScheduleFor(RecordingSchedule.CronRestartCheck(schedule.Interval));
            return new[] { "@reboot " + command + " " + ResidentMarker, check + " " + command + " " + ResidentMarker };
        }

        /// <summary>Line breaks in the module or database path are spelled out in the script, as a crontab line cannot hold one.</summary>
        private static string RecorderShellCommand(RecorderCommand command)
        {
            string shell = CommandLineQuoting.ShellCommandLine(command.Argv(forWindowsTask: false, spelledOut: "\r\n"));
            if (shell.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                throw new SchedulerException($"The PowerShell path '{command.Executable}' holds a line break, which a crontab line cannot carry.");
            }

            return shell;
        }

        public static bool IsOurs(string line, string marker = Marker) => line.TrimEnd('\n', '\r', ' ', '\t').EndsWith(" " + marker, StringComparison.Ordinal);

        /// <summary>Our lines in a crontab (without their line breaks).</summary>
        public static string[] FindLines(string crontab, string marker = Marker) =>
            crontab.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => IsOurs(l, marker)).ToArray();

        /// <summary>The crontab with our line in place (see the other Merge); a null <paramref name="line"/> removes ours.</summary>
        public static string Merge(string crontab, string? line) => Merge(crontab, Marker, line == null ? new string[0] : new[] { line });

        /// <summary>
        /// The crontab with <paramref name="lines"/> put in place of the first line marked with
        /// <paramref name="marker"/> (or appended), further marked lines dropped, everything else byte for
        /// byte. No lines removes ours.
        /// </summary>
        public static string Merge(string crontab, string marker, IReadOnlyList<string> lines)
        {
            var merged = new StringBuilder(crontab.Length + lines.Sum(l => l.Length + 1) + 1);
            bool placed = false;
            int position = 0;
            while (position < crontab.Length)
            {
                int end = crontab.IndexOf('\n', position);
                int next = end < 0 ? crontab.Length : end + 1;
                string current = crontab.Substring(position, next - position);
                position = next;
                if (!IsOurs(current, marker))
                {
                    merged.Append(current);
                }
                else if (!placed)
                {
                    AppendLines(merged, lines);
                    placed = true;
                }
            }

            if (!placed && lines.Count > 0)
            {
                // cron ignores a last line without a line break, so the one before ours gets one.
                if (merged.Length > 0 && merged[merged.Length - 1] != '\n')
                {
                    merged.Append('\n');
                }

                AppendLines(merged, lines);
            }

            return merged.ToString();
        }

        private static void AppendLines(StringBuilder crontab, IEnumerable<string> lines)
        {
            foreach (string line in lines)
            {
                crontab.Append(line).Append('\n');
            }
        }

        /// <summary>The interval and command of our line; the interval is null for a schedule we did not write.</summary>
        public static (TimeSpan? Interval, string Command) Read(string line, string marker = Marker)
        {
            // A special schedule (@reboot) is one field; the others are five.
            int fields = line.StartsWith("@", StringComparison.Ordinal) ? 1 : 5;
            string[] words = line.Split(new[] { ' ', '\t' }, fields + 1, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length <= fields || !IsOurs(line, marker))
            {
                return (null, line);
            }

            string expression = string.Join(" ", words.Take(fields));
            string command = words[fields].TrimEnd();
            command = command.Substring(0, command.Length - marker.Length).TrimEnd();
            int match = Array.FindIndex(EvenSchedules, s => s.Expression == expression);
            return (match < 0 ? (TimeSpan?)null : TimeSpan.FromMinutes(EvenSchedules[match].Minutes), command);
        }

        /// <summary>The recorder's command of a crontab command field (either kind), or null when it is not one we write.</summary>
        public static RecorderCommand? ReadCommand(string command)
        {
            List<string>? words = CommandLineWords.Shell(CommandLineWords.FromCronCommand(command));
            // The resident lines' guard: [ ! -e LOCK ] || FLOCK -n LOCK true && [NAME=value ...] exec ...
            string[] guard = { "[", "!", "-e", "", "]", "||", "", "-n", "", "true", "&&" };
            if (words != null && words.Count > guard.Length && words[0] == "[")
            {
                for (int i = 0; i < guard.Length; i++)
                {
                    if (guard[i].Length > 0 && words[i] != guard[i])
                    {
                        return null;
                    }
                }

                if (words[8] != words[3])
                {
                    return null; // flock must test the lock that [ tests
                }

                words.RemoveRange(0, guard.Length);
                SkipAssignments(words);
                if (words.Count == 0 || words[0] != "exec")
                {
                    return null;
                }

                words.RemoveAt(0);
            }
            else if (words != null)
            {
                SkipAssignments(words);
            }

            return RecorderCommand.Read(words);
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
