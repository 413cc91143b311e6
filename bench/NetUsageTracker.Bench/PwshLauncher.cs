using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// Starts the pwsh that runs the benchmark, with the built module and two yardstick modules on
    /// PSModulePath: an empty manifest module and a one-cmdlet binary module (bench/MinimalModule).
    /// </summary>
    internal sealed class PwshLauncher
    {
        public const string EmptyModuleName = "NetUsageTrackerBenchEmpty";
        public const string MinimalModuleName = "NetUsageTrackerBenchMinimal";

        public PwshLauncher(string executable, IReadOnlyList<string> leadingArguments, string moduleRoot, string scratchDirectory)
        {
            Executable = executable;
            LeadingArguments = leadingArguments;
            // Absolute: a job's command line names the manifest by its full path, as Register-NetUsageTask does.
            ModuleRoot = Path.GetFullPath(moduleRoot);
            Scratch = Path.GetFullPath(scratchDirectory);
            // A module with nothing in it: importing it costs what PowerShell's Import-Module costs.
            string benchRoot = Path.Combine(Scratch, "modules");
            string emptyDir = Path.Combine(benchRoot, EmptyModuleName);
            Directory.CreateDirectory(emptyDir);
            File.WriteAllText(Path.Combine(emptyDir, EmptyModuleName + ".psd1"),
                "@{ ModuleVersion = '1.0.0'; GUID = '0d6f8a53-5f0e-4f43-9d0e-7f1f9c1b2a10' }\n");

            // A binary module with one cmdlet, an explicit export list and no format file: what
            // PowerShell costs to import any binary module, before the module does anything.
            MinimalModuleDirectory = Path.Combine(benchRoot, MinimalModuleName);
            Directory.CreateDirectory(MinimalModuleDirectory);
            string minimalDll = MinimalModuleName + ".dll";
            File.Copy(Path.Combine(AppContext.BaseDirectory, minimalDll), Path.Combine(MinimalModuleDirectory, minimalDll), overwrite: true);
            File.WriteAllText(Path.Combine(MinimalModuleDirectory, MinimalModuleName + ".psd1"),
                "@{ ModuleVersion = '1.0.0'; GUID = '0d6f8a53-5f0e-4f43-9d0e-7f1f9c1b2a11'; RootModule = '" + minimalDll + "';"
                + " CmdletsToExport = @('Get-BenchMinimal'); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }\n");
            ModulePath = ModuleRoot + Path.PathSeparator + benchRoot + Path.PathSeparator + (Environment.GetEnvironmentVariable("PSModulePath") ?? "");
        }

        /// <summary>pwsh, or dotnet when PowerShell runs as a dotnet tool.</summary>
        public string Executable { get; }

        /// <summary>Arguments before PowerShell's own: pwsh.dll under dotnet.</summary>
        public IReadOnlyList<string> LeadingArguments { get; }

        /// <summary>The folder that holds NetUsageTracker/&lt;version&gt;/.</summary>
        public string ModuleRoot { get; }

        public string Scratch { get; }

        /// <summary>The PSModulePath of every pwsh started here.</summary>
        public string ModulePath { get; }

        public string MinimalModuleDirectory { get; }

        /// <summary>The built module's manifest.</summary>
        public string ModuleManifest => ManifestIn(ModuleRoot);

        /// <summary>The manifest of the build in <paramref name="root"/> (the folder holding NetUsageTracker/&lt;version&gt;/).</summary>
        public static string ManifestIn(string root) =>
            Directory.GetFiles(Path.Combine(Path.GetFullPath(root), "NetUsageTracker"), "NetUsageTracker.psd1", SearchOption.AllDirectories).Single();

        /// <summary>The folder PowerShell itself lives in (where pwsh.dll is).</summary>
        public string PsHome => Path.GetDirectoryName(LeadingArguments.Count > 0 ? LeadingArguments[0] : Executable) ?? "";

        /// <summary>`pwsh -NoProfile -NonInteractive -Command <paramref name="command"/>`.</summary>
        public ProcessStartInfo Command(string command, string? cacheHome = null) =>
            Arguments(new[] { "-NoProfile", "-NonInteractive", "-Command", command }, cacheHome);

        /// <summary>pwsh with <paramref name="pwshArguments"/> after the leading arguments.</summary>
        public ProcessStartInfo Arguments(IEnumerable<string> pwshArguments, string? cacheHome = null) =>
            Argv(LeadingArguments.Prepend(Executable).Concat(pwshArguments), cacheHome);

        /// <summary>A command line as an argv array (the first is the program), with this launcher's environment.</summary>
        public ProcessStartInfo Argv(IEnumerable<string> argv, string? cacheHome = null)
        {
            string[] all = argv.ToArray();
            var start = new ProcessStartInfo(all[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string argument in all.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PSModulePath"] = ModulePath;
            if (cacheHome != null)
            {
                start.Environment["XDG_CACHE_HOME"] = cacheHome;
            }

            return start;
        }

        /// <summary>Starts a process (with nothing on its standard input when that is redirected).</summary>
        public static Process Start(ProcessStartInfo start)
        {
            Process process = Process.Start(start)!;
            if (start.RedirectStandardInput)
            {
                process.StandardInput.Close();
            }

            return process;
        }

        /// <summary>Runs a process to its end and answers its standard output; throws when it fails, or when
        /// it wrote any error (pwsh -Command goes on after a failed Import-Module and may still end with 0).</summary>
        public static string RunSilently(ProcessStartInfo start)
        {
            string output = RunToEnd(start, out string errors);
            if (errors.Trim().Length > 0)
            {
                throw new InvalidOperationException($"'{string.Join(" ", start.ArgumentList)}' wrote errors: {errors}");
            }

            return output;
        }

        /// <summary>Runs a process to its end; its standard output, or an exception with its errors when it fails.</summary>
        public static string RunToEnd(ProcessStartInfo start, out string errors)
        {
            using Process process = Start(start);
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            errors = stderr.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{string.Join(" ", start.ArgumentList)}' failed with exit code {process.ExitCode}: {errors}");
            }

            return output;
        }

        /// <summary>
        /// A fresh XDG_CACHE_HOME holding a copy of the user's module analysis cache, if any. pwsh replays
        /// a start-up profile (.NET multi-core JIT) that its previous run wrote there: a series that runs
        /// one command again and again needs a cache of its own, as a scheduled job has.
        /// </summary>
        public string NewCacheHome(string name)
        {
            string home = Path.Combine(Scratch, "cache", name);
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }

            string target = Path.Combine(home, "powershell");
            Directory.CreateDirectory(target);
            string userCache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            string source = Path.Combine(userCache, "powershell");
            if (Directory.Exists(source))
            {
                foreach (string file in Directory.GetFiles(source, "ModuleAnalysisCache*"))
                {
                    File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
                }
            }

            return home;
        }
    }
}
