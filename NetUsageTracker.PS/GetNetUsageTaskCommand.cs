using System.Management.Automation;
using NetUsageTracker.Scheduling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Get, "NetUsageTask")]
    [OutputType(typeof(NetUsageTask))]
    public sealed class GetNetUsageTaskCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var installed = NetUsageTaskSupport.FindInstalled(this, RecordingSchedulers.ForThisPlatform());
            if (installed.Count == 0)
            {
                WriteVerbose("No recording job is registered; Register-NetUsageTask installs one.");
            }

            foreach ((IRecordingScheduler _, NetUsageTask task) in installed)
            {
                WriteObject(task);
            }
        }
    }
}
