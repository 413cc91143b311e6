using System;
using System.Collections.Generic;
using System.IO;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The command a scheduled job runs: the PowerShell that registered it, loading this module by its
    /// manifest path and recording one snapshot with Update-NetUsageHistory.
    /// </summary>
    public sealed class RecorderCommand
    {
        public RecorderCommand(string executable, IReadOnlyList<string> hostArguments, string manifestPath, string? databasePath)
        {
            Executable = executable;
            HostArguments = hostArguments;
            ManifestPath = manifestPath;
            DatabasePath = databasePath;
        }

        /// <summary>pwsh, powershell.exe, or dotnet when PowerShell runs as a dotnet tool.</summary>
        public string Executable { get; }

        /// <summary>Arguments before PowerShell's own: the pwsh.dll path under dotnet, else none.</summary>
        public IReadOnlyList<string> HostArguments { get; }

        public string ManifestPath { get; }

        /// <summary>The database the job records into; null leaves Update-NetUsageHistory its default.</summary>
        public string? DatabasePath { get; }

        /// <summary>
        /// The command for the PowerShell that runs now. <paramref name="processPath"/> is this process's
        /// executable; a host that is not a PowerShell console (an editor, an application hosting
        /// PowerShell) gets the console PowerShell found in <paramref name="psHome"/>.
        /// </summary>
        public static RecorderCommand ForHost(string processPath, string psHome, bool isCoreEdition, bool isWindows, string manifestPath, string? databasePath)
        {
            string name = Path.GetFileNameWithoutExtension(processPath).ToLowerInvariant();
            string exe = isWindows ? ".exe" : "";
            if (name == "pwsh" || name == "powershell")
            {
                return new RecorderCommand(processPath, Array.Empty<string>(), manifestPath, databasePath);
            }

            if (name == "dotnet")
            {
                return new RecorderCommand(processPath, new[] { Path.Combine(psHome, "pwsh.dll") }, manifestPath, databasePath);
            }

            string console = Path.Combine(psHome, (isCoreEdition ? "pwsh" : "powershell") + exe);
            return new RecorderCommand(console, Array.Empty<string>(), manifestPath, databasePath);
        }

        /// <summary>Characters a Task Scheduler argument cannot carry literally (it expands %NAME%).</summary>
        public const string TaskSchedulerSpecials = "%";

        /// <summary>The script given to -Command; paths' characters in <paramref name="spelledOut"/> are written [char]N.</summary>
        public string Script(string spelledOut = "")
        {
            string script = "Import-Module -Name " + CommandLineQuoting.PowerShellLiteral(ManifestPath, spelledOut) + "; Update-NetUsageHistory";
            return DatabasePath == null
                ? script
                : script + " -Path " + CommandLineQuoting.PowerShellLiteral(DatabasePath, spelledOut);
        }

        /// <summary>
        /// Every argument after the executable, unquoted. Windows tasks add -ExecutionPolicy Bypass (the
        /// user's policy would otherwise refuse the module's format file, and a zip download's blocked
        /// files), -WindowStyle Hidden, and keep '%' out of the script; <paramref name="spelledOut"/> keeps
        /// other characters out.
        /// </summary>
        public string[] Arguments(bool forWindowsTask, string spelledOut = "")
        {
            var arguments = new List<string>(HostArguments) { "-NoProfile", "-NonInteractive" };
            if (forWindowsTask)
            {
                arguments.AddRange(new[] { "-ExecutionPolicy", "Bypass", "-WindowStyle", "Hidden" });
            }

            arguments.Add("-Command");
            arguments.Add(Script(forWindowsTask ? spelledOut + TaskSchedulerSpecials : spelledOut));
            return arguments.ToArray();
        }

        /// <summary>The executable and its arguments as one argv array (launchd's ProgramArguments).</summary>
        public string[] Argv(bool forWindowsTask, string spelledOut = "")
        {
            var argv = new List<string> { Executable };
            argv.AddRange(Arguments(forWindowsTask, spelledOut));
            return argv.ToArray();
        }
    }
}
