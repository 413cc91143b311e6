using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using NetUsageTracker.Scheduling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsLifecycle.Register, "NetUsageTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NetUsageTask))]
    public sealed class RegisterNetUsageTaskCommand : PSCmdlet
    {
        [Parameter]
        public TimeSpan Every { get; set; } = RecordingSchedule.DefaultInterval;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            string? invalid = RecordingSchedule.CheckInterval(Every);
            if (invalid != null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(Every), Every, invalid), "InvalidInterval", ErrorCategory.InvalidArgument, Every));
            }

            var schedule = new RecordingSchedule(Every, RecorderForThisHost());
            IReadOnlyList<IRecordingScheduler> schedulers = RecordingSchedulers.ForThisPlatform();
            var installed = NetUsageTaskSupport.FindInstalled(this, schedulers);
            if (installed.Count > 0 && !Force)
            {
                string existing = string.Join(", ", installed.Select(i => $"{i.Task.Mechanism} '{i.Task.Name}'"));
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"Scheduled recording is already registered ({existing}). Use -Force to replace it, or Unregister-NetUsageTask to remove it."),
                    "TaskExists",
                    ErrorCategory.ResourceExists,
                    installed[0].Task));
            }

            IRecordingScheduler? scheduler = RecordingSchedulers.Preferred(schedulers);
            if (scheduler == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PlatformNotSupportedException("No scheduler is available: there is no systemd user manager (systemctl --user) and no crontab command. Install cron (Debian: apt-get install cron) or run in a systemd user session."),
                    "NoSchedulerAvailable",
                    ErrorCategory.NotInstalled,
                    null));
                return;
            }

            NetUsageTask plan = scheduler.Plan(schedule);
            if (plan.Note != null)
            {
                WriteWarning(plan.Note);
            }

            string description = $"Register scheduled recording with {plan.Mechanism} ('{plan.Name}') every {RecordingSchedule.Describe(plan.Interval)}:{NetUsageTaskSupport.DescribeArtefacts(plan)}";
            if (ShouldProcess(description, $"Register scheduled recording with {plan.Mechanism} ('{plan.Name}') every {RecordingSchedule.Describe(plan.Interval)}?", "Register-NetUsageTask"))
            {
                try
                {
                    // The chosen scheduler replaces its own job in place; jobs of another mechanism go.
                    foreach ((IRecordingScheduler owner, NetUsageTask task) in installed.Where(i => i.Scheduler != scheduler))
                    {
                        WriteVerbose($"Removing the existing {task.Mechanism} job '{task.Name}' (-Force).");
                        owner.Remove(task);
                    }

                    scheduler.Install(plan);
                    plan.Registered = true;
                }
                catch (Exception e) when (NetUsageTaskSupport.IsSchedulerFailure(e))
                {
                    ThrowTerminatingError(NetUsageTaskSupport.Failure(e, plan));
                }
            }

            // Shown and returned under -WhatIf too, so a script can inspect the exact artefacts.
            WriteObject(plan);
        }

        /// <summary>The PowerShell that runs this cmdlet, this module's manifest, and the database to record into.</summary>
        private RecorderCommand RecorderForThisHost()
        {
            string processPath;
            using (Process self = Process.GetCurrentProcess())
            {
                processPath = self.MainModule?.FileName ?? "";
            }

            string psHome = SessionState.PSVariable.GetValue("PSHOME") as string ?? "";
            bool isCore = string.Equals(SessionState.PSVariable.GetValue("PSEdition") as string, "Core", StringComparison.OrdinalIgnoreCase);
            bool isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            return RecorderCommand.ForHost(processPath, psHome, isCore, isWindows, ManifestPath(), DatabasePath());
        }

        private string ManifestPath()
        {
            string folder = MyInvocation.MyCommand.Module?.ModuleBase
                ?? System.IO.Path.GetDirectoryName(typeof(RegisterNetUsageTaskCommand).Assembly.Location)!;
            string manifest = System.IO.Path.Combine(folder, "NetUsageTracker.psd1");
            return File.Exists(manifest) ? manifest : typeof(RegisterNetUsageTaskCommand).Assembly.Location;
        }

        /// <summary>-Path, else $env:NETUSAGETRACKER_DB as this session sees it (a scheduled job does not inherit it), else the recorder's default.</summary>
        private string? DatabasePath()
        {
            if (Path != null)
            {
                return SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            }

            string? fromEnvironment = Environment.GetEnvironmentVariable("NETUSAGETRACKER_DB");
            return string.IsNullOrEmpty(fromEnvironment) ? null : System.IO.Path.GetFullPath(fromEnvironment);
        }
    }
}
