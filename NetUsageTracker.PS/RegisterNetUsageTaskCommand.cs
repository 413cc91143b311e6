using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
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

        /// <summary>One long-lived recorder that the system restarts, instead of a job started every interval.</summary>
        [Parameter]
        public SwitchParameter Resident { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>A metrics file in a textfile collector's folder, written again after each recording.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MetricsPath { get; set; }

        protected override void EndProcessing()
        {
            string? invalid = RecordingSchedule.CheckInterval(Every);
            if (invalid != null)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(invalid), "InvalidInterval", ErrorCategory.InvalidArgument, Every));
            }

            string? metricsFile = CheckMetricsPath();
            IReadOnlyList<IRecordingScheduler> schedulers = RecordingSchedulers.ForThisPlatform();
            var installed = NetUsageTaskSupport.FindInstalled(this, schedulers);
            if (installed.Count > 0 && !Force)
            {
                string existing = string.Join(", ", installed.Select(i => $"{i.Task.Mechanism} '{i.Task.Name}'"));
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"Recording is already registered ({existing}). Use -Force to replace it, or Unregister-NetUsageTask to remove it."),
                    "TaskExists",
                    ErrorCategory.ResourceExists,
                    installed[0].Task));
            }

            IRecordingScheduler? scheduler = RecordingSchedulers.Preferred(schedulers, Resident);
            if (scheduler == null)
            {
                string needs = Resident ? "no crontab and flock commands (cron and util-linux)" : "no crontab command";
                ThrowTerminatingError(new ErrorRecord(
                    new PlatformNotSupportedException($"No scheduler is available: there is no systemd user manager (systemctl --user) and {needs}. Install cron (Debian: apt-get install cron) or run in a systemd user session."),
                    "NoSchedulerAvailable",
                    ErrorCategory.NotInstalled,
                    null));
                return;
            }

            RecorderCommand command = RecorderFor(scheduler, metricsFile, out IReadOnlyList<string> folders, out string? byNameFrom);
            NetUsageTask plan;
            try
            {
                plan = scheduler.Plan(new RecordingSchedule(Every, command, Resident));
            }
            catch (SchedulerException e)
            {
                ThrowTerminatingError(NetUsageTaskSupport.Failure(e, scheduler.Mechanism));
                return;
            }

            if (plan.Note != null)
            {
                WriteWarning(plan.Note);
            }

            if (byNameFrom != null)
            {
                WriteVerbose($"The job imports {RecorderCommand.ModuleName} by name: this module is in {byNameFrom}, where the job's PowerShell looks for modules, so after Update-PSResource the job runs the newest version installed there.");
            }
            else
            {
                WriteWarning($"The job imports this module by its full path, '{command.Module}', because its folder is not one where the job's PowerShell looks for modules ({string.Join(", ", folders)}). After moving or updating the module, run Register-NetUsageTask -Force again; a module installed with Install-PSResource {RecorderCommand.ModuleName} -Scope CurrentUser is imported by name and keeps working across updates.");
            }

            // The same PowerShell as the command RecorderFor asked about, so the same module folders.
            JobHealth.Check(plan, scheduler, folders);
            string kind = Resident ? "a resident recorder" : "a scheduled job";
            string description = $"Register {kind} with {plan.Mechanism} ('{plan.Name}') every {RecordingSchedule.Describe(plan.Interval)}:{NetUsageTaskSupport.DescribeArtefacts(plan)}";
            if (ShouldProcess(description, $"Register {kind} with {plan.Mechanism} ('{plan.Name}') every {RecordingSchedule.Describe(plan.Interval)}?", "Register-NetUsageTask"))
            {
                try
                {
                    // The chosen scheduler replaces its own job in place; jobs of another mechanism or kind go.
                    foreach ((IRecordingScheduler owner, NetUsageTask task) in installed.Where(i => i.Scheduler != scheduler))
                    {
                        WriteVerbose($"Removing the existing {task.Mechanism} job '{task.Name}' (-Force).");
                        owner.Remove(task);
                    }

                    if (Resident)
                    {
                        // The recorder takes its lock file beside the database before anything creates the folder.
                        HistoryDatabase.EnsureFolder(plan.Recorder!.DatabasePath!);
                    }

                    scheduler.Install(plan);
                    plan.Registered = true;
                }
                catch (HistoryStoreException e)
                {
                    ThrowTerminatingError(HistoryCmdlet.ToErrorRecord(e));
                }
                catch (Exception e) when (NetUsageTaskSupport.IsSchedulerFailure(e))
                {
                    ThrowTerminatingError(NetUsageTaskSupport.Failure(e, plan));
                }
            }

            // Shown and returned under -WhatIf too, so a script can inspect the exact artefacts.
            WriteObject(plan);
        }

        /// <summary>
        /// The command for this PowerShell, this module and the database. The module is imported by name
        /// when it lives in a folder where the job's PowerShell, started by <paramref name="scheduler"/> in
        /// its own environment, finds modules (<paramref name="byNameFrom"/> is that folder): then an update
        /// (Update-PSResource) reaches the job. Otherwise by the full path of its manifest, which an update or
        /// a move leaves behind. <paramref name="folders"/> are the folders the job searches.
        /// </summary>
        private RecorderCommand RecorderFor(IRecordingScheduler scheduler, string? metricsFile, out IReadOnlyList<string> folders, out string? byNameFrom)
        {
            string processPath;
            using (Process self = Process.GetCurrentProcess())
            {
                processPath = self.MainModule?.FileName ?? "";
            }

            string psHome = SessionState.PSVariable.GetValue("PSHOME") as string ?? "";
            bool isCore = string.Equals(SessionState.PSVariable.GetValue("PSEdition") as string, "Core", StringComparison.OrdinalIgnoreCase);
            bool isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            string manifest = ManifestPath(out string moduleBase);
            // A resident recorder names its database: the cron lines test its lock file, beside it.
            string? database = Resident ? DatabasePath() ?? HistoryPaths.Resolve() : DatabasePath();
            RecorderCommand byPath = RecorderCommand.ForHost(processPath, psHome, isCore, isWindows, manifest, database, Resident ? Every : (TimeSpan?)null, metricsFile);

            folders = scheduler.ModuleFolders(byPath);
            byNameFrom = ModuleSearchPath.Holding(folders, moduleBase, ignoreCase: !RuntimeInformation.IsOSPlatform(OSPlatform.Linux));
            return byNameFrom != null ? byPath.WithModule(RecorderCommand.ModuleName) : byPath;
        }

        /// <summary>
        /// -MetricsPath as a full path, checked now (the job writes it later, where nobody sees an error): its
        /// folder exists, this user may make files there, and a file already there is a metrics file. Null
        /// without -MetricsPath.
        /// </summary>
        private string? CheckMetricsPath()
        {
            if (MetricsPath == null)
            {
                return null;
            }

            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(MetricsPath);
            try
            {
                MetricsFile.CheckWritable(file);
            }
            catch (MetricsFileException e)
            {
                ThrowTerminatingError(ExportNetUsageMetricCommand.ToErrorRecord(e));
            }

            if (MetricsFile.UnscrapedWarning(file) is string unscraped)
            {
                WriteWarning(unscraped);
            }

            return file;
        }

        private string ManifestPath(out string moduleBase)
        {
            moduleBase = MyInvocation.MyCommand.Module?.ModuleBase
                ?? System.IO.Path.GetDirectoryName(typeof(RegisterNetUsageTaskCommand).Assembly.Location)!;
            string manifest = System.IO.Path.Combine(moduleBase, "NetUsageTracker.psd1");
            return File.Exists(manifest) ? manifest : typeof(RegisterNetUsageTaskCommand).Assembly.Location;
        }

        /// <summary>-Path, else $env:NETUSAGETRACKER_DB as this session sees it (a scheduled job does not inherit it), else null: the recorder's default.</summary>
        private string? DatabasePath() => Path != null ? HistoryCmdlet.ResolvePath(this, Path) : HistoryPaths.FromEnvironment();
    }
}
