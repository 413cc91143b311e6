using System;
using System.Collections.Generic;
using System.Diagnostics;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Alerts
{
    /// <summary>
    /// macOS: osascript runs a constant AppleScript whose run handler takes the title and message as
    /// arguments (argv), so no text is ever part of the script.
    /// </summary>
    public sealed class MacNotifier : INotifier
    {
        internal const string OsascriptPath = "/usr/bin/osascript";

        internal static readonly string[] ScriptLines =
        {
            "on run argv",
            "display notification (item 2 of argv) with title (item 1 of argv)",
            "end run",
        };

        public string Name => "macOS notifications (osascript)";

        public void Show(string title, string message, TimeSpan timeout) =>
            Notifier.RunHelper(BuildStartInfo(title, message), timeout);

        /// <summary>The argv osascript receives: the script lines, "--", then the text.</summary>
        internal static List<string> BuildArguments(string title, string message)
        {
            var arguments = new List<string>();
            foreach (string line in ScriptLines)
            {
                arguments.Add("-e");
                arguments.Add(line);
            }

            // After "--" a title that starts with '-' is an argument, not an option.
            arguments.Add("--");
            arguments.Add(NotificationText.Clean(title));
            arguments.Add(NotificationText.Clean(message));
            return arguments;
        }

        internal static ProcessStartInfo BuildStartInfo(string title, string message) => new ProcessStartInfo
        {
            FileName = OsascriptPath,
            Arguments = CommandLineQuoting.WindowsCommandLine(BuildArguments(title, message)),
        };
    }
}
