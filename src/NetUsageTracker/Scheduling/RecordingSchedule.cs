using System;

namespace NetUsageTracker.Scheduling
{
    /// <summary>What to schedule: how often, and the command that records.</summary>
    public sealed class RecordingSchedule
    {
        public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

        // Task Scheduler's repetition interval ranges from one minute to 31 days; cron counts minutes.
        public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);
        public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(31);

        public RecordingSchedule(TimeSpan interval, RecorderCommand command)
        {
            string? error = CheckInterval(interval);
            if (error != null)
            {
                throw new ArgumentOutOfRangeException(nameof(interval), error);
            }

            Interval = interval;
            Command = command;
        }

        public TimeSpan Interval { get; }

        public RecorderCommand Command { get; }

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
