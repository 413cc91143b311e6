using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Scheduling
{
    /// <summary>
    /// The command a scheduled job runs: the PowerShell that registered it, importing this module (by name
    /// when the job's PowerShell finds it in its module path, else by its manifest path) and recording with
    /// Update-NetUsageHistory: one snapshot, or with <see cref="Every"/> a resident recorder.
    /// </summary>
    public sealed class RecorderCommand
    {
        /// <summary>The module's name, which the job imports by name when it can.</summary>
        public const string ModuleName = "NetUsageTracker";

        private const string ImportPrefix = "Import-Module -Name ";
        private const string RecordCommand = "; Update-NetUsageHistory";
        private const string PathPrefix = " -Path ";
        private const string MetricsPathPrefix = " -MetricsPath ";

        public RecorderCommand(string executable, IReadOnlyList<string> hostArguments, string module, string? databasePath, TimeSpan? every = null, string? metricsPath = null)
        {
            Executable = executable;
            HostArguments = hostArguments;
            Module = module;
            DatabasePath = databasePath;
            Every = every;
            MetricsPath = metricsPath;
        }

        /// <summary>pwsh, powershell.exe, or dotnet when PowerShell runs as a dotnet tool.</summary>
        public string Executable { get; }

        /// <summary>Arguments before PowerShell's own: the pwsh.dll path under dotnet, else none.</summary>
        public IReadOnlyList<string> HostArguments { get; }

        /// <summary><see cref="ModuleName"/>, or the full path of the module's manifest.</summary>
        public string Module { get; }

        /// <summary>Whether the job imports the module by name (found in its PowerShell's module path).</summary>
        public bool ImportsByName => Module == ModuleName;

        /// <summary>The database the job records into; null leaves Update-NetUsageHistory its default.</summary>
        public string? DatabasePath { get; }

        /// <summary>The resident recorder's interval (Update-NetUsageHistory -Every); null for one snapshot per run.</summary>
        public TimeSpan? Every { get; }

        /// <summary>The metrics file the job writes after each recording (Update-NetUsageHistory -MetricsPath); null for none.</summary>
        public string? MetricsPath { get; }

        /// <summary>The folder of the PowerShell the job runs ($PSHOME there).</summary>
        public string PowerShellHome => Path.GetDirectoryName(HostArguments.Count > 0 ? HostArguments[0] : Executable) ?? "";

        /// <summary>
        /// What the job's environment gets where the scheduler can set it (systemd, cron, launchd; Task
        /// Scheduler has no environment of its own for a task). PowerShell 7's telemetry sends a start-up
        /// record for every run and, in a process that stays, wakes it on a timer: an idle resident recorder
        /// used about thirty times the CPU of its recordings. A recorder sends nothing anywhere. A resident
        /// recorder (<see cref="Every"/>) gets <see cref="ResidentEnvironment"/>.
        /// </summary>
        public IReadOnlyList<KeyValuePair<string, string>> Environment =>
            IsWindowsPowerShell ? NoEnvironment : Every.HasValue ? ResidentEnvironment : RecorderEnvironment;

        /// <summary>The variables a PowerShell 7 job runs with.</summary>
        public static readonly IReadOnlyList<KeyValuePair<string, string>> RecorderEnvironment =
            new[] { new KeyValuePair<string, string>("POWERSHELL_TELEMETRY_OPTOUT", "1") };

        /// <summary>
        /// The variables a PowerShell 7 resident recorder runs with: <see cref="RecorderEnvironment"/> and two that
        /// suit a process that does the same few things for months. DOTNET_TieredCompilation=0: the runtime
        /// compiles each method optimised once, at its first call. By default it compiles a method quickly first
        /// and again after its 30th call, so code that runs once a recording would stay at its first tier for the
        /// first two and a half hours at five minutes, and then compile in bursts: recording every 30 s beside a
        /// thousand sockets, a resident used 2.4 times the CPU over minutes 1 to 10. Its start costs about a second
        /// more, once; a scheduled job, which starts every time, keeps the default. MALLOC_ARENA_MAX=1: glibc's
        /// allocator keeps one arena, as the recorder allocates from one thread: about 1 MB less held (other C
        /// libraries ignore it).
        /// </summary>
        public static readonly IReadOnlyList<KeyValuePair<string, string>> ResidentEnvironment =
            RecorderEnvironment.Concat(new[]
            {
                new KeyValuePair<string, string>("DOTNET_TieredCompilation", "0"),
                new KeyValuePair<string, string>("MALLOC_ARENA_MAX", "1"),
            }).ToArray();

        private static readonly IReadOnlyList<KeyValuePair<string, string>> NoEnvironment = new KeyValuePair<string, string>[0];

        /// <summary>This job's <see cref="Environment"/> as NAME=value words (a systemd Environment= value, an sh assignment).</summary>
        public IEnumerable<string> Assignments => Assign(Environment);

        /// <summary>Whether a shell word is one of <see cref="ResidentEnvironment"/>'s assignments (NAME=value), which
        /// include every job's.</summary>
        public static bool IsEnvironmentAssignment(string word) => Assign(ResidentEnvironment).Contains(word);

        private static IEnumerable<string> Assign(IEnumerable<KeyValuePair<string, string>> variables) =>
            variables.Select(v => v.Key + "=" + v.Value);

        /// <summary>Whether the job runs Windows PowerShell 5.1 (powershell.exe) rather than PowerShell 7.</summary>
        public bool IsWindowsPowerShell => string.Equals(Path.GetFileNameWithoutExtension(Executable), "powershell", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The command for the PowerShell that runs now. <paramref name="processPath"/> is this process's
        /// executable; a host that is not a PowerShell console (an editor, an application hosting
        /// PowerShell) gets the console PowerShell found in <paramref name="psHome"/>.
        /// </summary>
        public static RecorderCommand ForHost(string processPath, string psHome, bool isCoreEdition, bool isWindows, string module, string? databasePath, TimeSpan? every = null, string? metricsPath = null)
        {
            string name = Path.GetFileNameWithoutExtension(processPath).ToLowerInvariant();
            string exe = isWindows ? ".exe" : "";
            if (name == "pwsh" || name == "powershell")
            {
                return new RecorderCommand(processPath, Array.Empty<string>(), module, databasePath, every, metricsPath);
            }

            if (name == "dotnet")
            {
                return new RecorderCommand(processPath, new[] { Path.Combine(psHome, "pwsh.dll") }, module, databasePath, every, metricsPath);
            }

            string console = Path.Combine(psHome, (isCoreEdition ? "pwsh" : "powershell") + exe);
            return new RecorderCommand(console, Array.Empty<string>(), module, databasePath, every, metricsPath);
        }

        /// <summary>The same command importing <paramref name="module"/> instead.</summary>
        public RecorderCommand WithModule(string module) => new RecorderCommand(Executable, HostArguments, module, DatabasePath, Every, MetricsPath);

        /// <summary>Characters a Task Scheduler argument cannot carry literally (it expands %NAME%).</summary>
        public const string TaskSchedulerSpecials = "%";

        /// <summary>The script given to -Command; paths' characters in <paramref name="spelledOut"/> are written [char]N.</summary>
        public string Script(string spelledOut = "")
        {
            string script = ImportPrefix + (ImportsByName ? ModuleName : CommandLineQuoting.PowerShellLiteral(Module, spelledOut)) + RecordCommand;
            if (Every.HasValue)
            {
                script += " -Every " + Every.Value.ToString("c", CultureInfo.InvariantCulture);
            }

            if (DatabasePath != null)
            {
                script += PathPrefix + CommandLineQuoting.PowerShellLiteral(DatabasePath, spelledOut);
            }

            return MetricsPath == null ? script : script + MetricsPathPrefix + CommandLineQuoting.PowerShellLiteral(MetricsPath, spelledOut);
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

        /// <summary>The command of an installed job from its argv, or null when it is not one this class writes.</summary>
        public static RecorderCommand? Read(IReadOnlyList<string>? argv)
        {
            if (argv == null || argv.Count < 3 || argv[argv.Count - 2] != "-Command")
            {
                return null;
            }

            string[] hostArguments = string.Equals(Path.GetFileNameWithoutExtension(argv[0]), "dotnet", StringComparison.OrdinalIgnoreCase)
                ? new[] { argv[1] }
                : Array.Empty<string>();
            string script = argv[argv.Count - 1];
            if (!script.StartsWith(ImportPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            int position = ImportPrefix.Length;
            string? module;
            if (string.CompareOrdinal(script, position, ModuleName + ";", 0, ModuleName.Length + 1) == 0)
            {
                module = ModuleName;
                position += ModuleName.Length;
            }
            else if ((module = CommandLineWords.PowerShellLiteral(script, ref position)) == null)
            {
                return null;
            }

            if (string.CompareOrdinal(script, position, RecordCommand, 0, RecordCommand.Length) != 0)
            {
                return null;
            }

            position += RecordCommand.Length;
            TimeSpan? every = null;
            const string EveryPrefix = " -Every ";
            if (string.CompareOrdinal(script, position, EveryPrefix, 0, EveryPrefix.Length) == 0)
            {
                int start = position + EveryPrefix.Length;
                int end = script.IndexOf(' ', start);
                end = end < 0 ? script.Length : end;
                if (!TimeSpan.TryParseExact(script.Substring(start, end - start), "c", CultureInfo.InvariantCulture, out TimeSpan interval))
                {
                    return null;
                }

                every = interval;
                position = end;
            }

            string? database = null;
            if (string.CompareOrdinal(script, position, PathPrefix, 0, PathPrefix.Length) == 0)
            {
                position += PathPrefix.Length;
                database = CommandLineWords.PowerShellLiteral(script, ref position);
                if (database == null)
                {
                    return null;
                }
            }

            string? metrics = null;
            if (string.CompareOrdinal(script, position, MetricsPathPrefix, 0, MetricsPathPrefix.Length) == 0)
            {
                position += MetricsPathPrefix.Length;
                metrics = CommandLineWords.PowerShellLiteral(script, ref position);
                if (metrics == null)
                {
                    return null;
                }
            }

            return position == script.Length ? new RecorderCommand(argv[0], hostArguments, module, database, every, metrics) : null;
        }
    }
}
