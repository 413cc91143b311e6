using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Scheduling
{
    /// <summary>The schedulers of this platform, in order of preference.</summary>
    internal static class RecordingSchedulers
    {
        /// <summary>
        /// Windows: Task Scheduler. macOS: launchd. Linux and other Unix: a systemd user timer, else
        /// cron. All are searched for an installed job; the first available one installs.
        /// </summary>
        public static IReadOnlyList<IRecordingScheduler> ForThisPlatform()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return new IRecordingScheduler[] { new WindowsTaskScheduler() };
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return new IRecordingScheduler[] { new LaunchdScheduler() };
            }

            return new IRecordingScheduler[] { new SystemdTimerScheduler(), new CronScheduler() };
        }

        /// <summary>The scheduler that installs here, or null when none can.</summary>
        public static IRecordingScheduler? Preferred(IEnumerable<IRecordingScheduler> schedulers) =>
            schedulers.FirstOrDefault(s => s.IsAvailable());
    }
}
