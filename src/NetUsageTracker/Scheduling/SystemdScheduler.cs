using System.Collections.Generic;

namespace NetUsageTracker.Scheduling
{
    /// <summary>A scheduler of the user's systemd manager: there when the manager answers, its jobs' modules found in the manager's environment.</summary>
    internal abstract class SystemdScheduler : RecordingScheduler
    {
        protected SystemdScheduler(string mechanism, bool resident)
            : base("Linux", mechanism, resident)
        {
        }

        public override bool IsAvailable() => SystemdUserManager.IsAvailable();

        public override IReadOnlyList<string> ModuleFolders(RecorderCommand command) => SystemdUserManager.ModuleFolders(command);
    }
}
