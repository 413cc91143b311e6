using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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
    /// step before it compiled, as on the cmdlet's own path. Only public engine API: the same probe
    /// runs against an older build of the module.
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

        /// <summary>Records once into <paramref name="databasePath"/>, step by step; answers
        /// "wall,cpu,methods,jit ms" per step, the steps separated by ';'.</summary>
        public static string Run(string databasePath)
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
                readings.Add(new CounterReading(counters.Name, counters.BytesReceived, counters.BytesSent, counters.Class, snapshot.Width));
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
