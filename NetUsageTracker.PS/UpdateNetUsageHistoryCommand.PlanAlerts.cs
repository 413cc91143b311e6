using System;
using NetUsageTracker.History;
using NetUsageTracker.Plans;

namespace NetUsageTracker.Commands
{
    /// <summary>The recorder's check of the stored plans after each recording (scheduled job and resident recorder alike).</summary>
    public sealed partial class UpdateNetUsageHistoryCommand
    {
        /// <summary>Raises each plan's due alerts once (verbose line, desktop notification); the recording is kept whatever happens here.</summary>
        private void CheckPlanAlerts(HistoryDatabase database)
        {
            try
            {
                new PlanAlertCheck(database).Run(() => ModuleState.GetNetworkSource().Read(), DateTime.UtcNow, WriteVerbose);
            }
            catch (HistoryStoreException e)
            {
                WriteWarning($"The recording is stored, but the plans were not checked for alerts: {e.Message}");
            }
        }
    }
}
