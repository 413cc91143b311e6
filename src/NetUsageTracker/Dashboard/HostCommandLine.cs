using System;

namespace NetUsageTracker.Dashboard
{
    /// <summary>What the PowerShell process's own command line says about the session.</summary>
    public static class HostCommandLine
    {
        /// <summary>
        /// True when pwsh or powershell.exe was started with -NonInteractive (or a prefix of it down to
        /// -noni, as PowerShell accepts, with -, -- or /). Arguments from -Command, -File, -EncodedCommand
        /// or a script path on belong to the script, not to PowerShell, and are not read.
        /// </summary>
        /// <param name="arguments">Environment.GetCommandLineArgs(): the program first, then its arguments.</param>
        public static bool IsNonInteractive(string[] arguments)
        {
            for (int i = 1; i < arguments.Length; i++)
            {
                string argument = arguments[i];
                if (argument.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
                {
                    return false; // a script to run: what follows is its own arguments
                }

                string name = SwitchName(argument);
                if (Matches(name, "noninteractive", 4))
                {
                    return true;
                }

                if (name == "c" || name == "f" || name == "e" || name == "ec"
                    || Matches(name, "command", 1) || Matches(name, "file", 1) || Matches(name, "encodedcommand", 2)
                    || Matches(name, "commandwithargs", 8) || name == "cwa")
                {
                    return false;
                }
            }

            return false;
        }

        private static string SwitchName(string argument)
        {
            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                return argument.Substring(2).ToLowerInvariant();
            }

            return argument.Length > 1 && (argument[0] == '-' || argument[0] == '/')
                ? argument.Substring(1).ToLowerInvariant()
                : "";
        }

        private static bool Matches(string name, string full, int shortest) =>
            name.Length >= shortest && full.StartsWith(name, StringComparison.Ordinal);
    }
}
