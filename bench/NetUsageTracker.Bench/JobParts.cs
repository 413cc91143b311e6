using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// Where a scheduled job's time goes, measured inside fresh pwsh processes: each variant imports a
    /// module one way and then takes the job's steps, marking wall and CPU time and the methods the JIT
    /// compiled (all threads) between steps, with the start-up profile's replay turned off so that each
    /// step compiles what it needs itself. The variants tell the parts of an import apart (the
    /// manifest, RequiredAssemblies, the format file, the types file) by leaving one out, next to the
    /// one-cmdlet module imported the same ways; the probe variant splits the first
    /// Update-NetUsageHistory into the engine's steps (<see cref="RecordingProbe"/>).
    /// </summary>
    internal sealed class JobParts
    {
        /// <summary>A mark: elapsed wall ms, process CPU ms, methods compiled, JIT ms; a function so
        /// that each mark runs the same compiled code (the first two calls, before the steps, compile it).</summary>
        private const string Prologue =
            "$jitInfo = [System.Runtime.JitInfo]; $clock = [Diagnostics.Stopwatch]::StartNew(); $marks = [Collections.Generic.List[string]]::new(); "
            + "function Mark { $marks.Add(('{0},{1},{2},{3}' -f $clock.Elapsed.TotalMilliseconds, [Environment]::CpuUsage.TotalTime.TotalMilliseconds, "
            + "$jitInfo::GetCompiledMethodCount($false), $jitInfo::GetCompilationTime($false).TotalMilliseconds)) }; Mark; $marks.Clear(); Mark";

        private const string Epilogue = "; 'marks ' + ($marks -join ';')";

        private readonly PwshLauncher _pwsh;
        private readonly List<Variant> _variants = new List<Variant>();
        private readonly string _database;
        private readonly string _probeDatabase;

        /// <param name="baselineManifest">Another build's manifest (main's, say), measured alongside for a before and after; null for none.</param>
        public JobParts(PwshLauncher pwsh, string databaseDirectory, string? baselineManifest)
        {
            _pwsh = pwsh;
            _database = Path.Combine(databaseDirectory, "parts.db");
            _probeDatabase = Path.Combine(databaseDirectory, "probe.db");
            string built = Path.GetDirectoryName(pwsh.ModuleManifest)!;
            string variants = Path.Combine(pwsh.Scratch, "job-variants");
            string Minimal(string import) => $"Import-Module -Name '{import}'; Mark; $null = Get-BenchMinimal; Mark; $null = Get-BenchMinimal; Mark";

            string manifest = Path.Combine(built, "NetUsageTracker.psd1");
            Full = Add("NetUsageTracker, its manifest (as the job imports it)", Nut(manifest));
            NoFormat = Add("  ... the manifest without FormatsToProcess", Nut(Copy(built, variants, "no-format", "FormatsToProcess")));
            NoTypes = Add("  ... the manifest without TypesToProcess", Nut(Copy(built, variants, "no-types", "TypesToProcess")));
            NoFiles = Add("  ... without both", Nut(Copy(built, variants, "no-files", "FormatsToProcess", "TypesToProcess")));
            NoRequired = Add("  ... without both and RequiredAssemblies", Nut(Copy(built, variants, "no-required", "FormatsToProcess", "TypesToProcess", "RequiredAssemblies")));
            Dll = Add("NetUsageTracker.dll itself (no manifest)", Nut(Path.Combine(built, "NetUsageTracker.dll")));
            MinimalManifest = Add("the one-cmdlet module, its manifest", Minimal(Path.Combine(pwsh.MinimalModuleDirectory, PwshLauncher.MinimalModuleName + ".psd1")));
            MinimalDll = Add("the one-cmdlet module's dll", Minimal(Path.Combine(pwsh.MinimalModuleDirectory, PwshLauncher.MinimalModuleName + ".dll")));
            Probe = AddProbe("probe", manifest);
            if (baselineManifest != null)
            {
                // A history of its own: the baseline may know an older schema, and refuses a file this build upgraded.
                string baselineDatabase = Path.Combine(databaseDirectory, "parts-baseline.db");
                BaselineFull = Add("the baseline build, its manifest", Nut(baselineManifest));
                BaselineFull.Database = baselineDatabase;
                BaselineProbe = AddProbe("probe of the baseline build", baselineManifest, Path.Combine(databaseDirectory, "probe-baseline.db"));
                BaselineProbe.Database = baselineDatabase;
            }
        }

        public Variant Full { get; }

        public Variant NoFormat { get; }

        public Variant NoTypes { get; }

        public Variant NoFiles { get; }

        public Variant NoRequired { get; }

        public Variant Dll { get; }

        public Variant MinimalManifest { get; }

        public Variant MinimalDll { get; }

        /// <summary>The first Update-NetUsageHistory split into the engine's steps (<see cref="Variant.ProbeSteps"/>),
        /// then the call after them (<see cref="Variant.AfterProbe"/>): the cmdlet around the engine.</summary>
        public Variant Probe { get; }

        public Variant? BaselineFull { get; }

        /// <summary>Null also when the baseline's engine lacks what the probe calls (said on the console).</summary>
        public Variant? BaselineProbe { get; private set; }

        /// <summary>How many variants (fresh pwsh starts a round).</summary>
        public int Count => _variants.Count;

        /// <summary>Every variant once to warm the disk cache, then the rounds in rotating order.</summary>
        public void Measure(int rounds)
        {
            foreach (Variant variant in _variants.ToList())
            {
                variant.CacheHome = _pwsh.NewCacheHome("job-parts-" + _variants.IndexOf(variant));
                Run(variant, record: false);
            }

            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < _variants.Count; i++)
                {
                    Run(_variants[(i + r) % _variants.Count], record: true);
                }
            }
        }

        private void Run(Variant variant, bool record)
        {
            ProcessStartInfo start = _pwsh.Command(Prologue + "; " + variant.Script + Epilogue, variant.CacheHome);
            // Without the start-up profile's replay on another thread, each step compiles what it needs
            // itself, on the pipeline thread, and its figures are its own.
            start.Environment["DOTNET_MultiCoreJitMinNumCpus"] = "64";
            start.Environment["NETUSAGETRACKER_DB"] = variant.Database ?? _database;
            string output = PwshLauncher.RunSilently(start);
            if (variant.ProbeSteps != null && Line(output, "probe ").StartsWith(RecordingProbe.SkippedPrefix, StringComparison.Ordinal))
            {
                string why = Line(output, "probe ").Substring(RecordingProbe.SkippedPrefix.Length);
                if (variant != BaselineProbe)
                {
                    throw new InvalidOperationException($"The probe could not run against the module it was built with: {why}");
                }

                // An engine older or newer than the probe's: its other rows stand, without its engine steps.
                Console.WriteLine($"  the probe of the baseline build is skipped (its engine steps are left out): {why}");
                _variants.Remove(variant);
                BaselineProbe = null;
                return;
            }

            if (!record)
            {
                return;
            }

            double[][] marks = Figures(Line(output, "marks "), ';');
            for (int s = 1; s < marks.Length; s++)
            {
                variant.Steps[s - 1].Add(marks[s - 1], marks[s]);
            }

            if (variant.ProbeSteps != null)
            {
                double[][] steps = Figures(Line(output, "probe "), ';');
                double[] zero = new double[4];
                for (int s = 0; s < steps.Length; s++)
                {
                    variant.ProbeSteps[s].Add(zero, steps[s]);
                }
            }
        }

        /// <summary>Import, then the first and second call, into $env:NETUSAGETRACKER_DB as the job records.</summary>
        private static string Nut(string import) =>
            $"Import-Module -Name '{import}'; Mark; Update-NetUsageHistory; Mark; Update-NetUsageHistory; Mark";

        /// <summary>Import, the probe's steps, then the call after them.</summary>
        private Variant AddProbe(string name, string manifest, string? probeDatabase = null)
        {
            string probeDll = typeof(RecordingProbe).Assembly.Location;
            Variant probe = Add(name, $"Import-Module -Name '{manifest}'; Mark; $null = [Reflection.Assembly]::LoadFrom('{probeDll}'); "
                + $"$probe = [NetUsageTracker.Bench.RecordingProbe]::Run('{probeDatabase ?? _probeDatabase}'); Mark; Update-NetUsageHistory; Mark; 'probe ' + $probe");
            probe.ProbeSteps = RecordingProbe.Steps.Select(_ => new StepFigures()).ToArray();
            return probe;
        }

        private Variant Add(string name, string script)
        {
            var variant = new Variant(name, script);
            _variants.Add(variant);
            return variant;
        }

        /// <summary>A copy of the built module whose manifest lacks the lines that set <paramref name="keys"/>.</summary>
        private static string Copy(string built, string root, string name, params string[] keys)
        {
            string target = Path.Combine(root, name, "NetUsageTracker");
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            foreach (string file in Directory.GetFiles(built, "*", SearchOption.AllDirectories))
            {
                string copy = Path.Combine(target, Path.GetRelativePath(built, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            string manifest = Path.Combine(target, "NetUsageTracker.psd1");
            string[] lines = File.ReadAllLines(manifest);
            foreach (string key in keys)
            {
                if (!lines.Any(l => Regex.IsMatch(l, $@"^\s*{key}\s*=")))
                {
                    throw new InvalidOperationException($"The manifest has no {key} line to leave out.");
                }
            }

            File.WriteAllLines(manifest, lines.Where(l => !keys.Any(k => Regex.IsMatch(l, $@"^\s*{k}\s*="))));
            return manifest;
        }

        private static string Line(string output, string prefix) =>
            output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Substring(prefix.Length)
            ?? throw new InvalidOperationException($"The job's parts printed no '{prefix.Trim()}' line:\n{output}");

        private static double[][] Figures(string line, char separator) =>
            line.Split(separator).Select(m => m.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

        /// <summary>One way of importing, and the steps after it.</summary>
        internal sealed class Variant
        {
            public Variant(string name, string script)
            {
                Name = name;
                Script = script;
                int steps = Regex.Matches(script, @"\bMark\b").Count;
                Steps = Enumerable.Range(0, steps).Select(_ => new StepFigures()).ToArray();
            }

            public string Name { get; }

            public string Script { get; }

            public string? CacheHome { get; set; }

            /// <summary>The history it records into; null: the one the variants share.</summary>
            public string? Database { get; set; }

            /// <summary>Import (with the scan for cmdlets), first call (with the command's lookup and its
            /// parameters' metadata), second call; a probe: import, the probe, the call after it.</summary>
            public StepFigures[] Steps { get; }

            public StepFigures Import => Steps[0];

            public StepFigures FirstCall => Steps[1];

            public StepFigures SecondCall => Steps[2];

            /// <summary>A probe's engine steps (<see cref="RecordingProbe.Steps"/>); null for the other variants.</summary>
            public StepFigures[]? ProbeSteps { get; set; }

            /// <summary>A probe's Update-NetUsageHistory after the engine's steps: the cmdlet around the engine.</summary>
            public StepFigures AfterProbe => Steps[2];
        }
    }

    /// <summary>One step's cost over the rounds: wall and CPU milliseconds, methods compiled, JIT milliseconds.</summary>
    internal sealed class StepFigures
    {
        public Series Wall { get; } = new Series();

        public Series Cpu { get; } = new Series();

        public Series Methods { get; } = new Series();

        public Series Jit { get; } = new Series();

        public void Add(double[] before, double[] after)
        {
            Wall.Add(after[0] - before[0]);
            Cpu.Add(after[1] - before[1]);
            Methods.Add(after[2] - before[2]);
            Jit.Add(after[3] - before[3]);
        }
    }
}
