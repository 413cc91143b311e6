using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>macOS: a launchd agent in ~/Library/LaunchAgents, loaded into the user's GUI domain.</summary>
    internal sealed class LaunchdScheduler : RecordingScheduler
    {
        public LaunchdScheduler(bool resident)
            : base("macOS", "Launchd", resident)
        {
        }

        private string Label => Resident ? LaunchdPlist.ResidentLabel : LaunchdPlist.Label;

        private string PlistPath => Path.Combine(UserDirectories.Home(), "Library", "LaunchAgents", Label + ".plist");

        /// <summary>The user's GUI domain, gui/&lt;uid&gt;, where agents of a logged-in user live.</summary>
        private static string Domain => "gui/" + SystemCommand.Run("id", new[] { "-u" }).Output.Trim();

        public override bool IsAvailable() => true;

        /// <summary>An agent's environment has HOME and no XDG_DATA_HOME or PSModulePath.</summary>
        public override IReadOnlyList<string> ModuleFolders(RecorderCommand command) => ModuleSearchPath.Unix(UserDirectories.Home(), null, command.PowerShellHome, null);

        public override NetUsageTask Plan(RecordingSchedule schedule) =>
            Planned(Label, schedule, schedule.Interval, CommandLineQuoting.ShellCommandLine(schedule.Command.Argv(forWindowsTask: false)),
                new NetUsageTaskArtefact("LaunchdPlist", PlistPath, LaunchdPlist.Build(schedule)));

        public override void Install(NetUsageTask plan)
        {
            UserDirectories.WriteFileAtomically(PlistPath, plan.Artefacts[0].Content);

            // A job of the same label still loaded (from an earlier registration) would make bootstrap fail.
            SystemCommand.TryRun("launchctl", new[] { "bootout", Domain + "/" + Label });
            ProcessResult? bootstrap = SystemCommand.TryRun("launchctl", new[] { "bootstrap", Domain, PlistPath });
            if (bootstrap == null || bootstrap.ExitCode != 0)
            {
                // Before macOS 10.11 there is no bootstrap subcommand; load -w does the same job.
                SystemCommand.Run("launchctl", new[] { "load", "-w", PlistPath });
            }
        }

        public override NetUsageTask? Find()
        {
            if (!File.Exists(PlistPath))
            {
                return null;
            }

            string plist = File.ReadAllText(PlistPath);
            (TimeSpan? interval, var arguments) = LaunchdPlist.Read(plist);
            var argv = new string[arguments.Count];
            arguments.CopyTo(argv, 0);
            NetUsageTask task = Installed(Label, interval, CommandLineQuoting.ShellCommandLine(argv), RecorderCommand.Read(argv),
                new NetUsageTaskArtefact("LaunchdPlist", PlistPath, plist));
            if (Resident)
            {
                ProcessResult? list = SystemCommand.TryRun("launchctl", new[] { "list", Label });
                task.ProcessId = list == null || list.ExitCode != 0 ? null : ParseListPid(list.Output);
                task.Running = list == null ? (bool?)null : task.ProcessId != null;
            }

            return task;
        }

        public override void Remove(NetUsageTask installed)
        {
            // bootout stops a running job with SIGTERM (a resident recorder records once more) and unloads it.
            SystemCommand.TryRun("launchctl", new[] { "bootout", Domain + "/" + Label });
            File.Delete(PlistPath);
        }

        /// <summary>The "PID" = 123; entry that `launchctl list LABEL` prints while the job runs, or null.</summary>
        internal static int? ParseListPid(string list)
        {
            Match pid = Regex.Match(list, "^\\s*\"PID\"\\s*=\\s*(\\d+);", RegexOptions.Multiline);
            return pid.Success ? int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        }
    }
}
