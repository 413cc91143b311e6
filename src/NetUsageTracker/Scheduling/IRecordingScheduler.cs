using System.Collections.Generic;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// One way to run the recorder: a scheduled job that records once per run, or (<see cref="Resident"/>)
    /// one long-lived recorder that the system starts again when it ends. Plan only builds the exact
    /// artefacts (with the pure TaskSchedulerXml, SystemdUnits, Crontab and LaunchdPlist); the other
    /// members run the system's commands.
    /// </summary>
    internal interface IRecordingScheduler
    {
        /// <summary>TaskScheduler, SystemdTimer, SystemdService, Cron or Launchd.</summary>
        string Mechanism { get; }

        /// <summary>Whether this scheduler keeps a resident recorder running rather than starting one per interval.</summary>
        bool Resident { get; }

        /// <summary>Whether this mechanism can install a job for the current user here.</summary>
        bool IsAvailable();

        /// <summary>The job as it would be installed, with its exact artefacts; changes nothing.</summary>
        NetUsageTask Plan(RecordingSchedule schedule);

        void Install(NetUsageTask plan);

        /// <summary>The installed job, with its command read back and, for a resident recorder, whether it runs; or null.</summary>
        NetUsageTask? Find();

        /// <summary>Removes the job, stopping a resident recorder first.</summary>
        void Remove(NetUsageTask installed);

        /// <summary>The folders in which the job's PowerShell, started by this scheduler, finds modules by name.</summary>
        IReadOnlyList<string> ModuleFolders(RecorderCommand command);
    }
}
