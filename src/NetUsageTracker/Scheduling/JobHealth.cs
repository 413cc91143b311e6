using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// Whether a job can still run what it was registered with: its PowerShell, and its module where the
    /// job will look for it. A job breaks silently when either goes (PowerShell updated into another
    /// folder, the module uninstalled or moved), so Get-NetUsageTask says so.
    /// </summary>
    internal static class JobHealth
    {
        /// <summary>Fills the task's Module, ModuleImport, Healthy and Reason from its command.</summary>
        /// <param name="folders">The folders where the job's PowerShell finds modules, when the caller has
        /// them already (asking systemd for them starts a process); else the scheduler is asked.</param>
        public static void Check(NetUsageTask task, IRecordingScheduler scheduler, IReadOnlyList<string>? folders = null)
        {
            RecorderCommand? command = task.Recorder;
            if (command == null)
            {
                Fail(task, $"The job's command is not one that Register-NetUsageTask writes, so what it runs cannot be checked: {task.Command}");
                return;
            }

            task.Module = command.Module;
            task.ModuleImport = command.ImportsByName ? "ByName" : "ByPath";
            string? missing = new[] { command.Executable }.Concat(command.HostArguments).FirstOrDefault(p => !File.Exists(p));
            if (missing != null)
            {
                Fail(task, $"The job's PowerShell '{missing}' no longer exists (PowerShell was updated, moved or removed). Run Register-NetUsageTask -Force from the PowerShell you use now, or Unregister-NetUsageTask.");
            }
            else if (command.ImportsByName)
            {
                folders ??= scheduler.ModuleFolders(command);
                if (ModuleSearchPath.FindManifest(folders) == null)
                {
                    Fail(task, $"The job imports {RecorderCommand.ModuleName} by name, but none of the folders its PowerShell searches holds the module ({string.Join(", ", folders)}): it was uninstalled or moved. Install it again (Install-PSResource {RecorderCommand.ModuleName}), or run Unregister-NetUsageTask.");
                }
            }
            else if (!File.Exists(command.Module))
            {
                Fail(task, $"The job imports the module from '{command.Module}', which no longer exists (the module was moved, updated or removed). Run Register-NetUsageTask -Force from the module you use now, or Unregister-NetUsageTask.");
            }
        }

        private static void Fail(NetUsageTask task, string reason)
        {
            task.Healthy = false;
            task.Reason = reason;
        }
    }
}
