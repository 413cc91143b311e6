using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>Linux: the resident recorder as a systemd user service that systemd restarts when it ends.</summary>
    internal sealed class SystemdServiceScheduler : SystemdScheduler
    {
        public SystemdServiceScheduler()
            : base("SystemdService", resident: true)
        {
        }

        private static string ServicePath => Path.Combine(SystemdUserManager.UnitDirectory, SystemdUnits.ResidentServiceName);

        public override NetUsageTask Plan(RecordingSchedule schedule) =>
            Planned(SystemdUnits.ResidentServiceName, schedule, schedule.Interval, SystemdUnits.ExecStart(schedule),
                new NetUsageTaskArtefact("SystemdService", ServicePath, SystemdUnits.ResidentService(schedule)));

        public override void Install(NetUsageTask plan)
        {
            UserDirectories.WriteFileAtomically(ServicePath, plan.Artefacts[0].Content);
            try
            {
                SystemCommand.Run("systemctl", new[] { "--user", "daemon-reload" });
                SystemCommand.Run("systemctl", new[] { "--user", "enable", SystemdUnits.ResidentServiceName });
                // Starts it, or replaces a recorder that runs an earlier registration's command (SIGTERM: it records once more).
                SystemCommand.Run("systemctl", new[] { "--user", "restart", SystemdUnits.ResidentServiceName });
            }
            catch (SchedulerException)
            {
                // A unit that systemd refused is not left behind to look installed.
                File.Delete(ServicePath);
                SystemdUserManager.TryReload();
                throw;
            }

            (plan.Running, plan.ProcessId) = Status();
        }

        public override NetUsageTask? Find()
        {
            if (!File.Exists(ServicePath))
            {
                return null;
            }

            string service = File.ReadAllText(ServicePath);
            NetUsageTask task = Installed(SystemdUnits.ResidentServiceName, null, SystemdUnits.Setting(service, "ExecStart") ?? "",
                SystemdUnits.ReadCommand(service), new NetUsageTaskArtefact("SystemdService", ServicePath, service));
            (task.Running, task.ProcessId) = Status();
            return task;
        }

        public override void Remove(NetUsageTask installed)
        {
            // disable --now stops the recorder with SIGTERM: it records once more before it ends.
            SystemCommand.TryRun("systemctl", new[] { "--user", "disable", "--now", SystemdUnits.ResidentServiceName });
            File.Delete(ServicePath);
            SystemdUserManager.TryReload();
        }

        /// <summary>Whether the service runs and its main process, as systemd says; null without a manager.</summary>
        private static (bool? Running, int? ProcessId) Status()
        {
            ProcessResult? show = SystemCommand.TryRun("systemctl", new[] { "--user", "show", SystemdUnits.ResidentServiceName, "--property=ActiveState,MainPID" });
            return show == null || show.ExitCode != 0 ? (null, null) : ParseShow(show.Output);
        }

        /// <summary>systemctl show's "MainPID=1234" and "ActiveState=active" lines, in any order.</summary>
        internal static (bool? Running, int? ProcessId) ParseShow(string show)
        {
            string active = SystemdUnits.Setting(show, "ActiveState") ?? "";
            int? pid = int.TryParse(SystemdUnits.Setting(show, "MainPID"), NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p > 0 ? p : (int?)null;
            // Between a death and its restart the unit is "activating" (auto-restart) with no main process.
            return (active == "active", pid);
        }
    }
}
