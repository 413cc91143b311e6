using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The systemd user units of the scheduled job (a oneshot service and its timer) and of the resident
    /// recorder (one long-running service), and reading them back.
    /// </summary>
    internal static class SystemdUnits
    {
        public const string ServiceName = "netusagetracker-record.service";
        public const string TimerName = "netusagetracker-record.timer";

        /// <summary>The resident recorder: short, so that `systemctl --user status netusagetracker` finds it.</summary>
        public const string ResidentServiceName = "netusagetracker.service";

        // What ExecStart runs through sh when systemd refuses the executable's path (see ExecStart).
        private static readonly string[] ShellRunner = { "/bin/sh", "-c", "exec \"$0\" \"$@\"" };

        private const string Header = "# Installed by Register-NetUsageTask (NetUsageTracker); remove it with Unregister-NetUsageTask.\n";

        /// <summary>
        /// The ExecStart= value. systemd refuses an executable path holding a quote, an apostrophe, a
        /// backslash or a control character; such a path is run by sh as $0, where any byte is allowed.
        /// </summary>
        public static string ExecStart(RecordingSchedule schedule)
        {
            var argv = schedule.Command.Argv(forWindowsTask: false).ToList();
            if (argv[0].Any(c => c == '"' || c == '\'' || c == '\\' || char.IsControl(c)))
            {
                argv.InsertRange(0, ShellRunner);
            }

            return string.Join(" ", argv.Select((word, i) => CommandLineQuoting.SystemdArgument(word, isExecutable: i == 0)));
        }

        public static string Service(RecordingSchedule schedule) =>
            Header
            + "[Unit]\n"
            + "Description=Record network usage into the NetUsageTracker history\n"
            + "\n"
            + "[Service]\n"
            + "Type=oneshot\n"
            + EnvironmentLines(schedule)
            + "ExecStart=" + ExecStart(schedule) + "\n";

        /// <summary>
        /// The resident recorder's service: started with the user's manager (at login, or at boot with
        /// lingering), stopped with SIGTERM (it records once more), and started again a minute after it ends
        /// for any other reason. A minute apart, restarts never reach systemd's start limit (5 in 10 s).
        /// </summary>
        public static string ResidentService(RecordingSchedule schedule) =>
            Header
            + "[Unit]\n"
            + $"Description=Record network usage every {RecordingSchedule.Describe(schedule.Interval)} in one resident PowerShell (NetUsageTracker)\n"
            + "\n"
            + "[Service]\n"
            + "Type=simple\n"
            + EnvironmentLines(schedule)
            + "ExecStart=" + ExecStart(schedule) + "\n"
            + "Restart=always\n"
            + "RestartSec=" + FormatTimeSpan(RecordingSchedule.RestartDelay) + "\n"
            + "\n"
            + "[Install]\n"
            + "WantedBy=default.target\n";

        /// <summary>Environment= lines of the recorder's variables (names and values that need no quoting).</summary>
        private static string EnvironmentLines(RecordingSchedule schedule)
        {
            var lines = new System.Text.StringBuilder();
            foreach (string assignment in schedule.Command.Assignments)
            {
                lines.Append("Environment=").Append(assignment).Append('\n');
            }

            return lines.ToString();
        }

        /// <summary>The command of a service's ExecStart=, or null when it is not one these units hold.</summary>
        public static RecorderCommand? ReadCommand(string service)
        {
            string? execStart = Setting(service, "ExecStart");
            List<string>? argv = execStart == null ? null : CommandLineWords.Systemd(execStart);
            if (argv != null && argv.Count > ShellRunner.Length && argv.Take(ShellRunner.Length).SequenceEqual(ShellRunner))
            {
                argv.RemoveRange(0, ShellRunner.Length);
            }

            return RecorderCommand.Read(argv);
        }

        public static string Timer(RecordingSchedule schedule)
        {
            // A tenth of the interval, at most a minute: lets systemd batch wake-ups without blurring the samples.
            long accuracy = Math.Min(60, Math.Max(1, (long)schedule.Interval.TotalSeconds / 10));
            return Header
                + "[Unit]\n"
                + $"Description=Record network usage every {RecordingSchedule.Describe(schedule.Interval)} (NetUsageTracker)\n"
                + "\n"
                + "[Timer]\n"
                + "OnBootSec=1min\n"
                + "OnUnitActiveSec=" + FormatTimeSpan(schedule.Interval) + "\n"
                + "AccuracySec=" + FormatTimeSpan(TimeSpan.FromSeconds(accuracy)) + "\n"
                + "Persistent=true\n"
                + "Unit=" + ServiceName + "\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=timers.target\n";
        }

        /// <summary>A span in systemd's syntax: "5min", "2h", "1d 30min", "45s".</summary>
        public static string FormatTimeSpan(TimeSpan span)
        {
            var parts = new StringBuilder();
            Append(parts, span.Days, "d");
            Append(parts, span.Hours, "h");
            Append(parts, span.Minutes, "min");
            Append(parts, span.Seconds, "s");
            return parts.Length == 0 ? "0" : parts.ToString();
        }

        private static void Append(StringBuilder parts, int value, string unit)
        {
            if (value != 0)
            {
                parts.Append(parts.Length == 0 ? "" : " ").Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }

        /// <summary>OnUnitActiveSec= of a timer file, or null when absent or not in the form FormatTimeSpan writes.</summary>
        public static TimeSpan? ReadInterval(string timer)
        {
            string? value = Setting(timer, "OnUnitActiveSec");
            if (value == null)
            {
                return null;
            }

            TimeSpan total = TimeSpan.Zero;
            foreach (string part in value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int digits = 0;
                while (digits < part.Length && char.IsDigit(part[digits]))
                {
                    digits++;
                }

                if (digits == 0 || !long.TryParse(part.Substring(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                {
                    return null;
                }

                switch (part.Substring(digits))
                {
                    case "d": total += TimeSpan.FromDays(n); break;
                    case "h": total += TimeSpan.FromHours(n); break;
                    case "min": total += TimeSpan.FromMinutes(n); break;
                    case "s": case "": total += TimeSpan.FromSeconds(n); break;
                    default: return null;
                }
            }

            return total;
        }

        /// <summary>The value of the first "Key=" line, or null.</summary>
        public static string? Setting(string unit, string key)
        {
            string prefix = key + "=";
            return unit.Split('\n')
                .Select(line => line.TrimEnd('\r'))
                .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
                .Select(line => line.Substring(prefix.Length).Trim())
                .FirstOrDefault();
        }
    }
}
