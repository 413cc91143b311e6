using System;
using System.Collections.Generic;
using NetUsageTracker.RecorderProcess;

namespace NetUsageTracker.History
{
    /// <summary>
    /// When a recording happened, as far as it can be trusted. The wall clock decides which hour, day and month
    /// traffic lands in, and how much the retention prunes; a clock set ahead (a CMOS clock a year out, a process
    /// under a faked clock) would put the traffic in next year and prune everything before it. Within one boot the
    /// boot clock says how much time really passed since the newest stored reading: a wall clock further ahead than
    /// that is not believed for this recording.
    /// </summary>
    internal static class RecordingClock
    {
        /// <summary>How far the wall clock may run ahead of the boot clock's count before it is not believed
        /// (NTP's slewing and small steps stay well inside it).</summary>
        public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The time to place a recording taken at <paramref name="wallUtc"/> in boot <paramref name="boot"/> at:
        /// the wall clock, unless it is ahead of the newest stored reading of the same boot by more than the boot
        /// clock counted since; then that reading's time plus what the boot clock counted, and
        /// <paramref name="notice"/> says so. Across a reboot the time passed is unknown, and the wall clock is
        /// believed. A recording after the clock was set right measures from the stored wall-clock time and finds
        /// the clock behind it: believed too, so a clock put right is followed at once.
        /// </summary>
        public static DateTime Place(IEnumerable<InterfaceState> stored, DateTime wallUtc, BootState boot, out string? notice)
        {
            notice = null;
            CounterBaseline? newest = null;
            foreach (InterfaceState state in stored)
            {
                if (state.Baseline.Boot.HasValue && (!newest.HasValue || state.Baseline.Utc > newest.Value.Utc))
                {
                    newest = state.Baseline;
                }
            }

            if (!newest.HasValue || BootClock.Compare(newest.Value.Boot!.Value, boot) != BootOrder.Later)
            {
                return wallUtc;
            }

            TimeSpan counted = boot.Uptime - newest.Value.Boot!.Value.Uptime;
            DateTime trusted = newest.Value.Utc + counted;
            if (wallUtc - trusted <= Tolerance)
            {
                return wallUtc;
            }

            notice = $"The clock reads {wallUtc.ToLocalTime():yyyy-MM-dd HH:mm:ss}, but the system's boot clock counted only {Describe(counted)} " +
                $"since the last recording at {newest.Value.Utc.ToLocalTime():yyyy-MM-dd HH:mm:ss}: the clock is ahead by {Describe(wallUtc - trusted)}. " +
                $"This recording's traffic is placed at {trusted.ToLocalTime():yyyy-MM-dd HH:mm:ss}, and nothing is pruned by the clock's time. Set the clock right.";
            return trusted;
        }

        private static string Describe(TimeSpan span) =>
            span.TotalDays >= 2 ? $"{span.TotalDays:0} days" : span.TotalHours >= 2 ? $"{span.TotalHours:0} hours" : span.TotalMinutes >= 2 ? $"{span.TotalMinutes:0} minutes" : $"{span.TotalSeconds:0} s";
    }
}
