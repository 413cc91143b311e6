using System;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// What to schedule: how often, the command that records, and whether that command is a resident
    /// recorder (one long-lived process the system restarts) or runs once per interval.
    /// </summary>
    public sealed class RecordingSchedule
    {
        public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

        /// <summary>How soon a resident recorder that died is started again (systemd, launchd, Task Scheduler).</summary>
        public static readonly TimeSpan RestartDelay = TimeSpan.FromMinutes(1);

        /// <summary>
        /// How often cron checks that a resident recorder runs: every check starts a shell, so at most every
        /// five minutes, or at the recording interval when that is shorter.
        /// </summary>
        public static TimeSpan CronRestartCheck(TimeSpan interval) => interval < TimeSpan.FromMinutes(5) ? interval : TimeSpan.FromMinutes(5);

        // Task Scheduler's repetition interval ranges from one minute to 31 days; cron counts minutes.
        public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);
        public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(31);

        public RecordingSchedule(TimeSpan interval, RecorderCommand command, bool resident = false)
        {
            string? error = CheckInterval(interval);
            if (error != null)
            {
                throw new ArgumentOutOfRangeException(nameof(interval), error);
            }

            if (resident && command.Every != interval)
            {
                throw new ArgumentException("A resident recorder's command records at the schedule's interval.", nameof(command));
            }

            Interval = interval;
            Command = command;
            Resident = resident;
        }

        public TimeSpan Interval { get; }

        public RecorderCommand Command { get; }

        public bool Resident { get; }

        /// <summary>Why an interval cannot be scheduled on every platform, or null when it can.</summary>
        public static string? CheckInterval(TimeSpan interval)
        {
            if (interval < MinimumInterval || interval > MaximumInterval)
            {
                return $"The interval {interval} is out of range: scheduled recording runs every 1 minute at the most often and every 31 days at the least.";
            }

            if (interval.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                return $"The interval {interval} is not a whole number of minutes; schedulers count in minutes (write, for example, 00:05:00 or (New-TimeSpan -Minutes 5)).";
            }

            return null;
        }

        /// <summary>An interval in words for descriptions: "5 minutes", "1 hour", "2 days".</summary>
        public static string Describe(TimeSpan interval)
        {
            if (interval.Ticks % TimeSpan.TicksPerDay == 0)
            {
                return Count((long)interval.TotalDays, "day");
            }

            if (interval.Ticks % TimeSpan.TicksPerHour == 0)
            {
                return Count((long)interval.TotalHours, "hour");
            }

            return Count((long)interval.TotalMinutes, "minute");
        }

        private static string Count(long n, string unit) => n == 1 ? "1 " + unit : $"{n} {unit}s";
    }
}
