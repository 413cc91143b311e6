using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Scheduling
{
    /// <summary>The schedulers of this platform, in order of preference.</summary>
    internal static class RecordingSchedulers
    {
        /// <summary>
        /// Windows: Task Scheduler. macOS: launchd. Linux and other Unix: a systemd user timer or service,
        /// else cron. Each comes as a scheduled job and as a resident recorder; all are searched for an
        /// installed job, and the first available one of the kind asked for installs.
        /// </summary>
        public static IReadOnlyList<IRecordingScheduler> ForThisPlatform()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return new IRecordingScheduler[] { new WindowsTaskScheduler(resident: false), new WindowsTaskScheduler(resident: true) };
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return new IRecordingScheduler[] { new LaunchdScheduler(resident: false), new LaunchdScheduler(resident: true) };
            }

            return new IRecordingScheduler[] { new SystemdTimerScheduler(), new SystemdServiceScheduler(), new CronScheduler(resident: false), new CronScheduler(resident: true) };
        }

        /// <summary>The scheduler that installs a job of this kind here, or null when none can.</summary>
        public static IRecordingScheduler? Preferred(IEnumerable<IRecordingScheduler> schedulers, bool resident) =>
            schedulers.FirstOrDefault(s => s.Resident == resident && s.IsAvailable());
    }
}
