using System;
using System.IO;

namespace NetUsageTracker.Scheduling
{
    /// <summary>macOS: a launchd agent in ~/Library/LaunchAgents, loaded into the user's GUI domain.</summary>
    internal sealed class LaunchdScheduler : IRecordingScheduler
    {
        public string Mechanism => "Launchd";

        private static string PlistPath => Path.Combine(UserDirectories.Home(), "Library", "LaunchAgents", LaunchdPlist.Label + ".plist");

        /// <summary>The user's GUI domain, gui/&lt;uid&gt;, where agents of a logged-in user live.</summary>
        private static string Domain => "gui/" + SystemCommand.Run("id", new[] { "-u" }).Output.Trim();

        public bool IsAvailable() => true;

        public NetUsageTask Plan(RecordingSchedule schedule) => new NetUsageTask
        {
            Platform = "macOS",
            Mechanism = Mechanism,
            Name = LaunchdPlist.Label,
            Interval = schedule.Interval,
            Command = CommandLineQuoting.ShellCommandLine(schedule.Command.Argv(forWindowsTask: false)),
            Artefacts = { new NetUsageTaskArtefact("LaunchdPlist", PlistPath, LaunchdPlist.Build(schedule)) },
        };

        public void Install(NetUsageTask plan)
        {
            UserDirectories.WriteFileAtomically(PlistPath, plan.Artefacts[0].Content);

            // A job of the same label still loaded (from an earlier registration) would make bootstrap fail.
            SystemCommand.TryRun("launchctl", new[] { "bootout", Domain + "/" + LaunchdPlist.Label });
            CommandResult? bootstrap = SystemCommand.TryRun("launchctl", new[] { "bootstrap", Domain, PlistPath });
            if (bootstrap == null || bootstrap.ExitCode != 0)
            {
                // Before macOS 10.11 there is no bootstrap subcommand; load -w does the same job.
                SystemCommand.Run("launchctl", new[] { "load", "-w", PlistPath });
            }
        }

        public NetUsageTask? Find()
        {
            if (!File.Exists(PlistPath))
            {
                return null;
            }

            string plist = File.ReadAllText(PlistPath);
            (TimeSpan? interval, var arguments) = LaunchdPlist.Read(plist);
            var argv = new string[arguments.Count];
            arguments.CopyTo(argv, 0);
            return new NetUsageTask
            {
                Platform = "macOS",
                Mechanism = Mechanism,
                Name = LaunchdPlist.Label,
                Interval = interval ?? TimeSpan.Zero,
                Command = CommandLineQuoting.ShellCommandLine(argv),
                Registered = true,
                Artefacts = { new NetUsageTaskArtefact("LaunchdPlist", PlistPath, plist) },
            };
        }

        public void Remove(NetUsageTask installed)
        {
            SystemCommand.TryRun("launchctl", new[] { "bootout", Domain + "/" + LaunchdPlist.Label });
            File.Delete(PlistPath);
        }
    }
}
