using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The folders in which a scheduled job's PowerShell finds a module by name. PowerShell builds
    /// $env:PSModulePath when it starts: its own folders first (the user's, the machine's, $PSHOME's), then
    /// whatever PSModulePath its environment holds. A job's environment is the scheduler's, not this
    /// session's: cron and launchd give HOME and little else, a systemd user manager its own environment,
    /// Task Scheduler the user's and the machine's variables as the registry holds them.
    /// </summary>
    public static class ModuleSearchPath
    {
        /// <summary>
        /// PowerShell 7 on Linux and macOS: $XDG_DATA_HOME (else ~/.local/share)/powershell/Modules,
        /// /usr/local/share/powershell/Modules, $PSHOME/Modules, then <paramref name="inherited"/>.
        /// </summary>
        public static IReadOnlyList<string> Unix(string home, string? dataHome, string psHome, string? inherited)
        {
            string data = string.IsNullOrEmpty(dataHome) ? home + "/.local/share" : dataHome!;
            return Join(new[] { data + "/powershell/Modules", "/usr/local/share/powershell/Modules", psHome + "/Modules" }, inherited, ':');
        }

        /// <summary>
        /// Windows: for PowerShell 7, Documents\PowerShell\Modules, Program Files\PowerShell\Modules and
        /// $PSHOME\Modules; for Windows PowerShell the same under WindowsPowerShell, and $PSHOME\Modules; then
        /// <paramref name="inherited"/>.
        /// </summary>
        public static IReadOnlyList<string> Windows(bool windowsPowerShell, string documents, string programFiles, string psHome, string? inherited)
        {
            string product = windowsPowerShell ? "WindowsPowerShell" : "PowerShell";
            return Join(new[] { documents + "\\" + product + "\\Modules", programFiles + "\\" + product + "\\Modules", psHome + "\\Modules" }, inherited, ';');
        }

        /// <summary>
        /// The folder of <paramref name="folders"/> that holds the module whose base is
        /// <paramref name="moduleBase"/> (…\NetUsageTracker\&lt;version&gt; or …\NetUsageTracker), or null.
        /// </summary>
        public static string? Holding(IEnumerable<string> folders, string moduleBase, bool ignoreCase)
        {
            string folder = Trim(moduleBase);
            if (Version.TryParse(Leaf(folder), out _))
            {
                folder = Parent(folder);
            }

            if (!string.Equals(Leaf(folder), RecorderCommand.ModuleName, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return null;
            }

            string parent = Parent(folder);
            StringComparison comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return folders.FirstOrDefault(f => f.Length > 0 && string.Equals(Trim(f), parent, comparison));
        }

        /// <summary>The manifest that Import-Module -Name NetUsageTracker would load from these folders, or null.</summary>
        public static string? FindManifest(IEnumerable<string> folders)
        {
            const string Manifest = RecorderCommand.ModuleName + ".psd1";
            foreach (string folder in folders.Where(f => f.Length > 0))
            {
                string module = Path.Combine(folder, RecorderCommand.ModuleName);
                if (!Directory.Exists(module))
                {
                    continue;
                }

                // The highest version folder wins, as it does for Import-Module.
                string? versioned = Directory.GetDirectories(module)
                    .Select(d => (Folder: d, Version: Version.TryParse(Path.GetFileName(d), out Version? v) ? v : null))
                    .Where(d => d.Version != null && File.Exists(Path.Combine(d.Folder, Manifest)))
                    .OrderByDescending(d => d.Version)
                    .Select(d => Path.Combine(d.Folder, Manifest))
                    .FirstOrDefault();
                string flat = Path.Combine(module, Manifest);
                string? found = versioned ?? (File.Exists(flat) ? flat : null);
                if (found != null)
                {
                    return found;
                }
            }

            return null;
        }

        private static IReadOnlyList<string> Join(IEnumerable<string> own, string? inherited, char separator)
        {
            var folders = new List<string>(own);
            if (!string.IsNullOrEmpty(inherited))
            {
                folders.AddRange(inherited!.Split(separator).Where(f => f.Length > 0));
            }

            return folders;
        }

        private static string Trim(string path)
        {
            string trimmed = path.TrimEnd('/', '\\');
            return trimmed.Length == 0 ? path.Substring(0, Math.Min(1, path.Length)) : trimmed;
        }

        private static string Leaf(string path) => path.Substring(path.LastIndexOfAny(new[] { '/', '\\' }) + 1);

        private static string Parent(string path)
        {
            int separator = path.LastIndexOfAny(new[] { '/', '\\' });
            return separator <= 0 ? path.Substring(0, Math.Max(separator, 0) + 1) : path.Substring(0, separator);
        }
    }
}
