using System;
using System.Collections.Generic;
using System.IO;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>The user's systemd manager as both systemd schedulers see it: whether it answers, its unit folder and its environment.</summary>
    internal static class SystemdUserManager
    {
        public static string UnitDirectory => Path.Combine(UserDirectories.ConfigHome(), "systemd", "user");

        /// <summary>A user manager answers (absent in containers, over plain ssh without lingering, under cron).</summary>
        public static bool IsAvailable() => ShowEnvironment() != null;

        /// <summary>
        /// The folders in which a unit's PowerShell finds modules: its environment is the manager's
        /// (systemctl --user show-environment), which has HOME but rarely XDG_DATA_HOME or PSModulePath.
        /// </summary>
        public static IReadOnlyList<string> ModuleFolders(RecorderCommand command)
        {
            IDictionary<string, string> environment = ShowEnvironment() ?? new Dictionary<string, string>();
            environment.TryGetValue("XDG_DATA_HOME", out string? dataHome);
            environment.TryGetValue("PSModulePath", out string? inherited);
            string home = environment.TryGetValue("HOME", out string? managerHome) ? managerHome : UserDirectories.Home();
            return ModuleSearchPath.Unix(home, dataHome, command.PowerShellHome, inherited);
        }

        /// <summary>Reloads the units, where a manager answers (a removal goes on without one).</summary>
        public static void TryReload() => SystemCommand.TryRun("systemctl", new[] { "--user", "daemon-reload" });

        /// <summary>The manager's environment, or null when no manager answers.</summary>
        private static IDictionary<string, string>? ShowEnvironment()
        {
            ProcessResult? result = SystemCommand.TryRun("systemctl", new[] { "--user", "show-environment" });
            if (result == null || result.ExitCode != 0)
            {
                return null;
            }

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in result.Output.Split('\n'))
            {
                int equals = line.IndexOf('=');
                if (equals > 0)
                {
                    environment[line.Substring(0, equals)] = line.Substring(equals + 1).TrimEnd('\r');
                }
            }

            return environment;
        }
    }
}
