using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NetUsageTracker.History
{
    /// <summary>Where the history lives: one file per user in the platform's data folder.</summary>
    public static class HistoryPaths
    {
        /// <summary>The environment variable that names another database file.</summary>
        public const string EnvironmentVariable = "NETUSAGETRACKER_DB";

        private const string Folder = "NetUsageTracker";
        private const string FileName = "usage.db";

        /// <summary>$NETUSAGETRACKER_DB when set, else the platform default.</summary>
        public static string Resolve() => FromEnvironment() ?? Default();

        /// <summary>The full path $NETUSAGETRACKER_DB names; null when it is unset or blank.</summary>
        public static string? FromEnvironment()
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(fromEnvironment) ? null : Path.GetFullPath(fromEnvironment!);
        }

        /// <summary>
        /// %LOCALAPPDATA%\NetUsageTracker\usage.db on Windows, ~/Library/Application Support/NetUsageTracker/usage.db
        /// on macOS, $XDG_DATA_HOME/NetUsageTracker/usage.db (or ~/.local/share/...) elsewhere.
        /// </summary>
        public static string Default()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), Folder, FileName);
            }

            string home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return Path.Combine(home, "Library", "Application Support", Folder, FileName);
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
            string dataHome = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg! : Path.Combine(home, ".local", "share");
            return Path.Combine(dataHome, Folder, FileName);
        }
    }
}
