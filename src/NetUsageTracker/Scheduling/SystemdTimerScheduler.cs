using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>Linux: a systemd user timer and service under $XDG_CONFIG_HOME/systemd/user.</summary>
    internal sealed class SystemdTimerScheduler : SystemdScheduler
    {
        public SystemdTimerScheduler()
            : base("SystemdTimer", resident: false)
        {
        }

        private static string ServicePath => Path.Combine(SystemdUserManager.UnitDirectory, SystemdUnits.ServiceName);

        private static string TimerPath => Path.Combine(SystemdUserManager.UnitDirectory, SystemdUnits.TimerName);

        public override NetUsageTask Plan(RecordingSchedule schedule) =>
            Planned(SystemdUnits.TimerName, schedule, schedule.Interval, SystemdUnits.ExecStart(schedule),
                new NetUsageTaskArtefact("SystemdService", ServicePath, SystemdUnits.Service(schedule)),
                new NetUsageTaskArtefact("SystemdTimer", TimerPath, SystemdUnits.Timer(schedule)));

        public override void Install(NetUsageTask plan)
        {
            foreach (NetUsageTaskArtefact unit in plan.Artefacts)
            {
                UserDirectories.WriteFileAtomically(unit.Path, unit.Content);
            }

            try
            {
                SystemCommand.Run("systemctl", new[] { "--user", "daemon-reload" });
                SystemCommand.Run("systemctl", new[] { "--user", "enable", "--now", SystemdUnits.TimerName });
            }
            catch (SchedulerException)
            {
                // Units that systemd refused are not left behind to look installed.
                DeleteUnits();
                throw;
            }

            plan.NextRunTime = NextRun();
        }

        public override NetUsageTask? Find()
        {
            if (!File.Exists(TimerPath))
            {
                return null;
            }

            string timer = File.ReadAllText(TimerPath);
            string service = File.Exists(ServicePath) ? File.ReadAllText(ServicePath) : "";
            NetUsageTask task = Installed(SystemdUnits.TimerName, SystemdUnits.ReadInterval(timer), SystemdUnits.Setting(service, "ExecStart") ?? "",
                SystemdUnits.ReadCommand(service),
                new NetUsageTaskArtefact("SystemdService", ServicePath, service),
                new NetUsageTaskArtefact("SystemdTimer", TimerPath, timer));
            task.NextRunTime = NextRun();
            return task;
        }

        public override void Remove(NetUsageTask installed)
        {
            // Without a user manager there is nothing to stop; the files alone are what remains.
            SystemCommand.TryRun("systemctl", new[] { "--user", "disable", "--now", SystemdUnits.TimerName });
            DeleteUnits();
        }

        private static void DeleteUnits()
        {
            File.Delete(TimerPath);
            File.Delete(ServicePath);
            SystemdUserManager.TryReload();
        }

        /// <summary>The NEXT column of list-timers ("Wed 2026-11-25 22:05:00 UTC ..."), read as local time.</summary>
        private static DateTime? NextRun()
        {
            ProcessResult? list = SystemCommand.TryRun("systemctl", new[] { "--user", "list-timers", SystemdUnits.TimerName, "--all", "--no-legend", "--no-pager" });
            return list == null || list.ExitCode != 0 ? null : ParseListTimersNext(list.Output);
        }

        internal static DateTime? ParseListTimersNext(string listTimers)
        {
            string[] words = listTimers.Trim().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            return words.Length >= 3
                && DateTime.TryParseExact(words[1] + " " + words[2], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTime next)
                ? next
                : (DateTime?)null;
        }
    }
}
