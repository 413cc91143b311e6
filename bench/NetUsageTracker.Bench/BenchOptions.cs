using System;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker.Bench
{
    /// <summary>The command line: where pwsh and the built module are, and how long to measure.</summary>
    internal sealed class BenchOptions
    {
        public const string Usage =
            "NetUsageTracker.Bench --module-root <dir holding NetUsageTracker/> --out <dir> --pwsh <exe> [--pwsh-arg <arg>]... [--python <exe>]... [--quick] [--baseline-module-root <dir>] [--only snapshot|start|watch|soak|recording|processes]... [--resident-long] [--resident-tiered]\n"
            + "Also read from " + ArgumentsVariable + " (space-separated, after the command line's): build.ps1 passes only its own options.";

        /// <summary>More arguments from the environment, for the options build.ps1 has no parameter for.</summary>
        public const string ArgumentsVariable = "NETUSAGETRACKER_BENCH_ARGS";

        public static readonly string[] Sections = { "snapshot", "start", "watch", "soak", "recording", "processes" };

        public string ModuleRoot { get; private set; } = "";

        /// <summary>Another build's module root (main's, say): the Recording section measures it alongside.</summary>
        public string? BaselineModuleRoot { get; private set; }

        public string OutputDirectory { get; private set; } = "";

        public string PwshExecutable { get; private set; } = "";

        public List<string> PwshArguments { get; } = new List<string>();

        /// <summary>Pythons to try for psutil, in order: Debian's python3-psutil belongs to /usr/bin/python3.</summary>
        public string[] Pythons { get; private set; } = { "/usr/bin/python3", "python3" };

        /// <summary>The parts to run (all by default): a single part is quicker to repeat while tuning it.</summary>
        public HashSet<string> Only { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public bool Runs(string section) => Only.Count == 0 || Only.Contains(section);

        public int Rounds { get; private set; } = 21;

        public TimeSpan WarmUp { get; private set; } = TimeSpan.FromSeconds(1);

        public TimeSpan Round { get; private set; } = TimeSpan.FromMilliseconds(40);

        public int StartRounds { get; private set; } = 30;

        public TimeSpan WatchWarmUp { get; private set; } = TimeSpan.FromSeconds(120);

        public TimeSpan WatchDuration { get; private set; } = TimeSpan.FromSeconds(60);

        /// <summary>Enough for the working set to reach its plateau: on the 2-core VM it climbs by 15 MB in the
        /// first 25,000 samples (the collector's young generation), then by one-time steps of a few MB (the first
        /// older-generation collections) until about 350,000.</summary>
        public int SoakWarmUpSamples { get; private set; } = 400_000;

        public int SoakSamples { get; private set; } = 800_000;

        /// <summary>The measured samples come in this many chunks, one point of the slope each.</summary>
        public int SoakChunks { get; private set; } = 16;

        /// <summary>Under a millisecond: the watch's wait rounds down to no wait, so this is its fastest pace.</summary>
        public double SoakInterval { get; private set; } = 0.0001;

        /// <summary>Fresh pwsh starts per variant of the job's parts (nine variants).</summary>
        public int PartRounds { get; private set; } = 8;

        /// <summary>Whole-process runs of each job command line (seven series).</summary>
        public int JobRounds { get; private set; } = 16;

        /// <summary>Rounds of the network rows of the Recording section (each: 50 network reads, two recordings).</summary>
        public int NetworkRounds { get; private set; } = 60;

        /// <summary>The resident recorder's interval while measured: short, so that a few minutes hold
        /// enough recordings to count; the five-minute figure is scaled from it.</summary>
        /// <summary>Rounds of a recording and the metrics file written after it (after 20 warm ones).</summary>
        public int MetricsRounds { get; private set; } = 200;

        public TimeSpan ResidentInterval { get; private set; } = TimeSpan.FromSeconds(1);

        /// <summary>From the resident's start to its measured window: some 60 calls take the JIT to its last tier.</summary>
        public TimeSpan ResidentWarmUp { get; private set; } = TimeSpan.FromSeconds(90);

        /// <summary>The shortest measured window of the resident, the idle pwsh and vnstatd.</summary>
        public TimeSpan ResidentWindow { get; private set; } = TimeSpan.FromSeconds(120);

        /// <summary>The Processes section's resident recorder (every 5 minutes, sockets every 10 s): from its start to
        /// the measured window.</summary>
        public TimeSpan ProcessWarmUp { get; private set; } = TimeSpan.FromSeconds(60);

        /// <summary>The Processes section's measured window: whole five-minute recording intervals, so that it stands for a day.</summary>
        public TimeSpan ProcessWindow { get; private set; } = TimeSpan.FromSeconds(300);

        /// <summary>The Processes section follows its resident's CPU in sub-windows this long from its start, so that
        /// one sees where the recordings and the runtime's compiling fall.</summary>
        public TimeSpan ProcessSubWindow { get; private set; } = TimeSpan.FromSeconds(30);

        /// <summary>A second resident with the runtime's default tiered compilation beside the first in the Processes
        /// section (a comparison; no longer the product's setting).</summary>
        public bool ResidentTiered { get; private set; }

        public static BenchOptions Parse(string[] args)
        {
            string? more = Environment.GetEnvironmentVariable(ArgumentsVariable);
            if (!string.IsNullOrWhiteSpace(more))
            {
                args = args.Concat(more.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
            }

            var options = new BenchOptions();
            var pythons = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--module-root": options.ModuleRoot = Value(); break;
                    case "--baseline-module-root": options.BaselineModuleRoot = Value(); break;
                    case "--out": options.OutputDirectory = Value(); break;
                    case "--pwsh": options.PwshExecutable = Value(); break;
                    case "--pwsh-arg": options.PwshArguments.Add(Value()); break;
                    case "--python": pythons.Add(Value()); break;
                    case "--only":
                        string section = Value();
                        if (Array.IndexOf(Sections, section.ToLowerInvariant()) < 0)
                        {
                            throw new ArgumentException($"--only takes one of: {string.Join(", ", Sections)}.");
                        }

                        options.Only.Add(section);
                        break;
                    case "--resident-long":
                        // Long enough for a tiered resident's (--resident-tiered) socket-read code to reach the runtime's
                        // last tier (some 60 reads at one every 10 s), then three recording intervals: about 25 minutes.
                        options.ProcessWarmUp = TimeSpan.FromSeconds(600);
                        options.ProcessWindow = TimeSpan.FromSeconds(900);
                        options.ProcessSubWindow = TimeSpan.FromSeconds(60);
                        break;
                    case "--resident-tiered": options.ResidentTiered = true; break;
                    case "--quick":
                        // For checking the benchmark itself: the figures are too rough to quote.
                        options.Rounds = 5;
                        options.WarmUp = TimeSpan.FromMilliseconds(100);
                        options.Round = TimeSpan.FromMilliseconds(10);
                        options.StartRounds = 3;
                        options.WatchWarmUp = TimeSpan.FromSeconds(3);
                        options.WatchDuration = TimeSpan.FromSeconds(6);
                        options.SoakWarmUpSamples = 1_000;
                        options.SoakSamples = 4_000;
                        options.SoakChunks = 4;
                        options.PartRounds = 1;
                        options.JobRounds = 2;
                        options.NetworkRounds = 6;
                        options.ResidentWarmUp = TimeSpan.FromSeconds(10);
                        options.ResidentWindow = TimeSpan.FromSeconds(15);
                        options.ProcessWarmUp = TimeSpan.FromSeconds(10);
                        options.ProcessWindow = TimeSpan.FromSeconds(15);
                        options.ProcessSubWindow = TimeSpan.FromSeconds(5);
                        options.MetricsRounds = 20;
                        break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
                }
            }

            if (options.ModuleRoot.Length == 0 || options.OutputDirectory.Length == 0 || options.PwshExecutable.Length == 0)
            {
                throw new ArgumentException("--module-root, --out and --pwsh are required.");
            }

            if (pythons.Count > 0)
            {
                options.Pythons = pythons.ToArray();
            }

            return options;
        }
    }
}
