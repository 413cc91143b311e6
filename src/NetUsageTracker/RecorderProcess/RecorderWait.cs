using System;
using System.Diagnostics;
using System.Threading;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>
    /// The waits of a recorder and of a watch between two steps: one kernel wait on the handles that may end
    /// it early, however long. The system's wait takes at most <see cref="Longest"/> (int.MaxValue
    /// milliseconds, 24.8 days), so a longer one (a monthly recorder, a 30-day watch interval) is chained;
    /// a step that is already due still looks at the handles once, so a recorder that cannot keep up still
    /// ends on SIGTERM or Ctrl+C.
    /// </summary>
    public static class RecorderWait
    {
        /// <summary>The longest single wait the system takes.</summary>
        public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(int.MaxValue);

        /// <summary>The longest interval a recorder or a watch accepts: a month, as the schedulers' own limit.</summary>
        public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(31);

        /// <summary>
        /// The shortest interval a resident recorder accepts. A recording takes milliseconds (the first one
        /// of a process a few hundred), and the boot clock that orders readings (/proc/uptime) counts in
        /// hundredths of a second: a second apart, each reading is newer than the one before, so none is
        /// mistaken for another recorder's.
        /// </summary>
        public const double ShortestEverySeconds = 1;

        /// <summary><see cref="ShortestEverySeconds"/> as a TimeSpan.</summary>
        public static readonly TimeSpan ShortestEvery = TimeSpan.FromSeconds(ShortestEverySeconds);

        /// <summary>
        /// Waits until <paramref name="clock"/> reaches <paramref name="due"/> or one of <paramref name="handles"/>
        /// is set; answers the set handle's index, or <see cref="WaitHandle.WaitTimeout"/> when the time came.
        /// </summary>
        public static int Until(WaitHandle[] handles, Stopwatch clock, TimeSpan due) => Until(handles, clock, due, Longest);

        internal static int Until(WaitHandle[] handles, Stopwatch clock, TimeSpan due, TimeSpan longest) =>
            Until(handles, clock, due, longest, WaitHandle.WaitAny);

        /// <summary>
        /// The system's wait counts whole milliseconds and drops the rest: a remainder of 0.6 ms asked as such is
        /// a wait of none, and the loop would spin on it until the time came (a millisecond of CPU at every step's
        /// end, more than the rest of an idle recorder's wait). So each wait is rounded up to the next millisecond.
        /// </summary>
        internal static int Until(WaitHandle[] handles, Stopwatch clock, TimeSpan due, TimeSpan longest, Func<WaitHandle[], int, int> waitAny)
        {
            TimeSpan left = due - clock.Elapsed;
            do
            {
                int index = waitAny(handles, Milliseconds(left, longest));
                if (index != WaitHandle.WaitTimeout)
                {
                    return index;
                }

                // A wait may also end a little early: wait again for the remainder, so a step never comes early.
                left = due - clock.Elapsed;
            }
            while (left > TimeSpan.Zero);

            return WaitHandle.WaitTimeout;
        }

        /// <summary>One system wait for <paramref name="left"/>, in whole milliseconds rounded up (0 when nothing is left),
        /// at most <paramref name="longest"/>.</summary>
        internal static int Milliseconds(TimeSpan left, TimeSpan longest)
        {
            if (left <= TimeSpan.Zero)
            {
                return 0;
            }

            TimeSpan wait = left > longest ? longest : left;
            return (int)Math.Min(int.MaxValue, (wait.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
        }

        /// <summary>Why <paramref name="interval"/> cannot be a step's interval (null when it can), for the
        /// parameter <paramref name="name"/>; <paramref name="shortest"/> is the lowest one accepted.</summary>
        public static string? CheckInterval(TimeSpan interval, TimeSpan shortest, string name)
        {
            if (interval < shortest || interval > LongestInterval)
            {
                return $"The {name} {Describe(interval)} is out of range: it must be from {Describe(shortest)} to {LongestInterval.TotalDays:0} days ({LongestInterval.TotalSeconds:0} s).";
            }

            return null;
        }

        private static string Describe(TimeSpan interval) =>
            interval < TimeSpan.FromSeconds(1) ? $"{interval.TotalSeconds:0.#######} s" : interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
    }
}
