using System;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// What every scheduler shares: its platform and mechanism, whether it keeps a resident recorder, and
    /// the job objects it plans and reads back, built the same way whatever the mechanism.
    /// </summary>
    internal abstract class RecordingScheduler : IRecordingScheduler
    {
        protected RecordingScheduler(string platform, string mechanism, bool resident)
        {
            Platform = platform;
            Mechanism = mechanism;
            Resident = resident;
        }

        /// <summary>Windows, Linux or macOS, as the job objects say.</summary>
        public string Platform { get; }

        public string Mechanism { get; }

        public bool Resident { get; }

        public abstract bool IsAvailable();

        public abstract NetUsageTask Plan(RecordingSchedule schedule);

        public abstract void Install(NetUsageTask plan);

        public abstract NetUsageTask? Find();

        public abstract void Remove(NetUsageTask installed);

        public abstract IReadOnlyList<string> ModuleFolders(RecorderCommand command);

        /// <summary>The job as it would be installed: <paramref name="interval"/> is the one the mechanism can keep.</summary>
        protected NetUsageTask Planned(string name, RecordingSchedule schedule, TimeSpan interval, string command, params NetUsageTaskArtefact[] artefacts) =>
            New(name, interval, command, schedule.Command, registered: false, artefacts);

        /// <summary>
        /// The installed job as read back: a resident recorder records at its command's -Every, a scheduled job
        /// at <paramref name="scheduled"/>, the interval its schedule holds (zero when neither can be read).
        /// </summary>
        protected NetUsageTask Installed(string name, TimeSpan? scheduled, string command, RecorderCommand? recorder, params NetUsageTaskArtefact[] artefacts) =>
            New(name, (Resident ? recorder?.Every : scheduled) ?? TimeSpan.Zero, command, recorder, registered: true, artefacts);

        private NetUsageTask New(string name, TimeSpan interval, string command, RecorderCommand? recorder, bool registered, NetUsageTaskArtefact[] artefacts) => new NetUsageTask
        {
            Platform = Platform,
            Mechanism = Mechanism,
            Name = name,
            Resident = Resident,
            Interval = interval,
            Command = command,
            Recorder = recorder,
            Registered = registered,
            Artefacts = artefacts.ToList(),
        };
    }
}
