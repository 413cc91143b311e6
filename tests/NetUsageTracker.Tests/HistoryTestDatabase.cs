using System;
using System.Collections.Generic;
using System.IO;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Tests
{
    /// <summary>
    /// A real SQLite history in a temporary folder, deleted afterwards, fed by hand by a simulated machine:
    /// readings are taken at a true instant; the machine's wall clock shows that instant plus
    /// <see cref="ClockStep"/> (the clock set forward or back), its uptime counts from <see cref="Boot"/>, and
    /// its kernel names the boot <see cref="BootId"/> (null: a system without a boot identity, as Windows).
    /// </summary>
    public sealed class HistoryTestDatabase : IDisposable
    {
        public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nut-history-" + Guid.NewGuid().ToString("N"));

        public HistoryTestDatabase(TimeZoneInfo? zone = null)
        {
            Directory.CreateDirectory(_folder);
            Zone = zone ?? Berlin;
            Database = HistoryDatabase.Open(FilePath, create: true);
            Recorder = new HistoryRecorder(Database, Zone);
            Reader = new HistoryReader(Database, Zone);
        }

        public string FilePath => Path.Combine(_folder, "usage.db");

        public TimeZoneInfo Zone { get; }

        public HistoryDatabase Database { get; private set; }

        public HistoryRecorder Recorder { get; private set; }

        public HistoryReader Reader { get; private set; }

        /// <summary>The true instant of the last boot.</summary>
        public DateTime Boot { get; set; } = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public string? BootId { get; set; } = "6a1f0c1e-0000-4000-8000-000000000001";

        /// <summary>How far the machine's wall clock is off the true time.</summary>
        public TimeSpan ClockStep { get; set; }

        public CounterWidth Width { get; set; } = CounterWidth.Bits64;

        public double? LinkBytesPerSecond { get; set; }

        public List<string> Notices { get; } = new List<string>();

        /// <summary>The networks the interfaces are on at the next readings (null: not known).</summary>
        public NetUsageTracker.Networks.NetworkSnapshot? Networks { get; set; }

        /// <summary>The readings the machine takes at the true instant <paramref name="trueUtc"/>.</summary>
        public CounterReadings Readings(DateTime trueUtc, params (string Name, ulong Rx, ulong Tx)[] readings)
        {
            var list = new List<CounterReading>();
            foreach ((string name, ulong rx, ulong tx) in readings)
            {
                list.Add(new CounterReading(name, rx, tx, InterfaceClass.Physical, Width));
            }

            return new CounterReadings(list, trueUtc + ClockStep, new BootState(BootId, Boot + ClockStep, trueUtc - Boot), Networks);
        }

        public IReadOnlyList<NetUsageRecord> Record(DateTime trueUtc, params (string Name, ulong Rx, ulong Tx)[] readings) =>
            Recorder.Record(Readings(trueUtc, readings), _ => LinkBytesPerSecond, Notices);

        public (ulong Rx, ulong Tx) Total(string name)
        {
            (ulong rx, ulong tx) = Reader.SumDays(new DateTime(2000, 1, 1), new DateTime(2100, 1, 1), n => n == name);
            return (rx, tx);
        }

        public void Dispose()
        {
            Database.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
