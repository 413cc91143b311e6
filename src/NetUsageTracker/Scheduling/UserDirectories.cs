using System;
using System.IO;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The current user's folders, read from the environment at each call (tests and sandboxes point
    /// HOME and XDG_CONFIG_HOME elsewhere).
    /// </summary>
    internal static class UserDirectories
    {
        public static string Home()
        {
            string? home = Environment.GetEnvironmentVariable("HOME");
            return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home!;
        }

        /// <summary>$XDG_CONFIG_HOME, or ~/.config when it is unset or not absolute (as the XDG spec says).</summary>
        public static string ConfigHome()
        {
            string? config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            return !string.IsNullOrEmpty(config) && Path.IsPathRooted(config) ? config! : Path.Combine(Home(), ".config");
        }

        /// <summary>Writes a file through a temporary neighbour and a rename, so it is never seen half-written.</summary>
        public static void WriteFileAtomically(string path, string content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, content);
            if (File.Exists(path))
            {
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
    }
}
