namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// One way to run the recorder on a schedule. Plan only builds the exact artefacts (with the
    /// pure TaskSchedulerXml, SystemdUnits, Crontab and LaunchdPlist); the other members run the
    /// system's commands.
    /// </summary>
    internal interface IRecordingScheduler
    {
        /// <summary>TaskScheduler, SystemdTimer, Cron or Launchd.</summary>
        string Mechanism { get; }

        /// <summary>Whether this mechanism can install a job for the current user here.</summary>
        bool IsAvailable();

        /// <summary>The job as it would be installed, with its exact artefacts; changes nothing.</summary>
        NetUsageTask Plan(RecordingSchedule schedule);

        void Install(NetUsageTask plan);

        /// <summary>The installed job, or null.</summary>
        NetUsageTask? Find();

        void Remove(NetUsageTask installed);
    }
}
