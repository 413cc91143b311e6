using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetUsageTracker.Scheduling
{
    /// <summary>The systemd user service and timer of the recording job, and reading them back.</summary>
    internal static class SystemdUnits
    {
        public const string ServiceName = "netusagetracker-record.service";
        public const string TimerName = "netusagetracker-record.timer";

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
                argv.InsertRange(0, new[] { "/bin/sh", "-c", "exec \"$0\" \"$@\"" });
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
            + "ExecStart=" + ExecStart(schedule) + "\n";

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
