using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using NetUsageTracker.History;
using NetUsageTracker.RecorderProcess;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// Loaded into a fresh pwsh right after Import-Module NetUsageTracker (see <see cref="JobParts"/>):
    /// takes the engine's steps of a first Update-NetUsageHistory one at a time, in the cmdlet's order,
    /// and says what each cost that process: wall and CPU milliseconds, methods compiled and the time
    /// the JIT took (all threads, from <see cref="System.Runtime.JitInfo"/>). A step pays for what no
    /// step before it compiled, as on the cmdlet's own path. Only public engine API, so that the same
    /// probe runs against an older build of the module (a baseline): the one member whose signature
    /// changed between builds, <see cref="CounterReading"/>'s constructor, is bound by its parameters'
    /// names before the steps, and an engine that lacks anything else answers why it was skipped
    /// (<see cref="SkippedPrefix"/>) instead of failing the run.
    /// </summary>
    public static class RecordingProbe
    {
        /// <summary>The steps, in order; <see cref="Run"/> answers one figure set per step.</summary>
        public static readonly string[] Steps =
        {
            "the sampler: /proc/net/dev, first snapshot",
            "SQLite native library load",
            "open: schema check, pragmas",
            "BootClock (boot id, btime, uptime)",
            "LinkSpeed of each interface",
            "TimeZoneInfo.Local",
            "the transaction: baselines, roll-ups, prune",
            "close (WAL checkpoint)",
        };

        /// <summary>How <see cref="Run"/>'s answer starts when the loaded engine lacks what the probe calls.</summary>
        public const string SkippedPrefix = "skipped: ";

        /// <summary>Records once into <paramref name="databasePath"/>, step by step; answers
        /// "wall,cpu,methods,jit ms" per step, the steps separated by ';', or <see cref="SkippedPrefix"/>
        /// and the member the loaded engine lacks.</summary>
        public static string Run(string databasePath)
        {
            try
            {
                return RunSteps(databasePath, ReadingConstructor());
            }
            catch (Exception e) when (e is MissingMemberException || e is TypeLoadException)
            {
                // An engine older (or newer) than the one the probe was compiled against: the JIT
                // throws these when it binds a call to a member that is not there.
                return SkippedPrefix + e.Message.Replace(';', ',').Replace('\r', ' ').Replace('\n', ' ');
            }
        }

        /// <summary>The steps in a method of their own, never inlined: a member missing from the loaded
        /// engine fails its compilation, which <see cref="Run"/> catches.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static string RunSteps(string databasePath, Func<string, ulong, ulong, InterfaceClass, CounterWidth, CounterReading> reading)
        {
            Marks marks = new Marks().Start();
            Sampler sampler = Sampler.CreateDefault();
            CounterSnapshot snapshot = sampler.TakeSnapshot();
            marks.Next();

            SqliteNativeLoader.EnsureLoaded();
            marks.Next();

            HistoryDatabase database = HistoryDatabase.Open(databasePath, create: true);
            marks.Next();

            BootState boot = BootClock.At(snapshot.MonotonicTicks);
            marks.Next();

            var readings = new List<CounterReading>(snapshot.Count);
            for (int i = 0; i < snapshot.Count; i++)
            {
                InterfaceCounters counters = snapshot[i];
                LinkSpeed.BytesPerSecond(counters.Name);
                readings.Add(reading(counters.Name, counters.BytesReceived, counters.BytesSent, counters.Class, snapshot.Width));
            }

            marks.Next();

            TimeZoneInfo zone = TimeZoneInfo.Local;
            marks.Next();

            new HistoryRecorder(database, zone).Record(new CounterReadings(readings, snapshot.UtcTime, boot), LinkSpeed.BytesPerSecond, new List<string>());
            marks.Next();

            database.Dispose();
            sampler.Dispose();
            marks.Next();
            return marks.ToString();
        }

        /// <summary>
        /// <see cref="CounterReading"/>'s public constructor, whichever the loaded engine has (this build's
        /// takes an identity after the width, an older one stops at the width), compiled into a delegate
        /// before the steps so that every build's step runs the same code: the parameters are matched by
        /// name and the others left at their defaults.
        /// </summary>
        private static Func<string, ulong, ulong, InterfaceClass, CounterWidth, CounterReading> ReadingConstructor()
        {
            ParameterExpression[] given =
            {
                Expression.Parameter(typeof(string), "interfaceName"),
                Expression.Parameter(typeof(ulong), "bytesReceived"),
                Expression.Parameter(typeof(ulong), "bytesSent"),
                Expression.Parameter(typeof(InterfaceClass), "interfaceClass"),
                Expression.Parameter(typeof(CounterWidth), "width"),
            };

            Expression? Argument(ParameterInfo p)
            {
                ParameterExpression? match = given.FirstOrDefault(g => g.Name == p.Name && g.Type == p.ParameterType);
                if (match != null || !p.HasDefaultValue)
                {
                    return match;
                }

                // An enum's default comes back as its underlying integer.
                object? value = p.DefaultValue != null && p.ParameterType.IsEnum ? Enum.ToObject(p.ParameterType, p.DefaultValue) : p.DefaultValue;
                return Expression.Constant(value, p.ParameterType);
            }

            foreach (ConstructorInfo constructor in typeof(CounterReading).GetConstructors().OrderByDescending(c => c.GetParameters().Length))
            {
                Expression?[] arguments = constructor.GetParameters().Select(Argument).ToArray();
                string[] names = constructor.GetParameters().Select(p => p.Name!).ToArray();
                if (arguments.All(a => a != null) && given.All(g => names.Contains(g.Name)))
                {
                    return Expression.Lambda<Func<string, ulong, ulong, InterfaceClass, CounterWidth, CounterReading>>(Expression.New(constructor, arguments!), given).Compile();
                }
            }

            throw new MissingMethodException($"The loaded engine's CounterReading has no public constructor taking {string.Join(", ", given.Select(g => g.Name))} (and only defaults besides).");
        }

        private sealed class Marks
        {
            private readonly StringBuilder _text = new StringBuilder();
            private long _wall = Stopwatch.GetTimestamp();
            private TimeSpan _cpu = Environment.CpuUsage.TotalTime;
            private long _methods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
            private TimeSpan _jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: false);

            public void Next()
            {
                long wall = Stopwatch.GetTimestamp();
                TimeSpan cpu = Environment.CpuUsage.TotalTime;
                long methods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
                TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: false);
                _text.Append(_text.Length == 0 ? "" : ";").Append(string.Format(CultureInfo.InvariantCulture, "{0:0.###},{1:0.###},{2},{3:0.###}",
                    Stopwatch.GetElapsedTime(_wall, wall).TotalMilliseconds, (cpu - _cpu).TotalMilliseconds, methods - _methods, (jit - _jit).TotalMilliseconds));
                _wall = wall;
                _cpu = cpu;
                _methods = methods;
                _jit = jit;
            }

            /// <summary>Starts measuring: a first Next compiles what marking itself needs, and is dropped.</summary>
            public Marks Start()
            {
                Next();
                _text.Clear();
                Next();
                _text.Clear();
                return this;
            }

            public override string ToString() => _text.ToString();
        }
    }
}
