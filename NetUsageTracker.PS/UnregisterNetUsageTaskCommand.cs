using System;
using System.Management.Automation;
using NetUsageTracker.Scheduling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsLifecycle.Unregister, "NetUsageTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(NetUsageTask))]
    public sealed class UnregisterNetUsageTaskCommand : PSCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var installed = NetUsageTaskSupport.FindInstalled(this, RecordingSchedulers.ForThisPlatform());
            if (installed.Count == 0)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException("No recording job is registered, so there is nothing to remove. Get-NetUsageTask shows what is installed."),
                    "TaskNotFound",
                    ErrorCategory.ObjectNotFound,
                    null));
                return;
            }

            foreach ((IRecordingScheduler scheduler, NetUsageTask task) in installed)
            {
                string what = !task.Resident ? "the scheduled job"
                    : task.Running != true ? "the resident recorder"
                    : task.ProcessId.HasValue ? $"the resident recorder, stopping its process {task.ProcessId}," : "the resident recorder, stopping it,";
                string description = $"Remove {what} with {task.Mechanism} ('{task.Name}'):{NetUsageTaskSupport.DescribeArtefacts(task)}";
                if (!ShouldProcess(description, $"Remove {what} with {task.Mechanism} ('{task.Name}')?", "Unregister-NetUsageTask"))
                {
                    continue;
                }

                try
                {
                    scheduler.Remove(task);
                    task.Registered = false;
                    task.NextRunTime = null;
                    if (task.Resident)
                    {
                        task.Running = false;
                        task.ProcessId = null;
                    }
                    if (PassThru)
                    {
                        WriteObject(task);
                    }
                }
                catch (Exception e) when (NetUsageTaskSupport.IsSchedulerFailure(e))
                {
                    WriteError(NetUsageTaskSupport.Failure(e, task));
                }
            }
        }
    }
}
