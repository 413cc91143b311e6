using System;
using System.Collections.Generic;
using System.IO;
using NetUsageTracker.History;

namespace NetUsageTracker.Tests
{
    /// <summary>A real SQLite history in a temporary folder, deleted afterwards; readings fed by hand.</summary>
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

        public DateTime Boot { get; set; } = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public double? LinkBytesPerSecond { get; set; }

        public List<string> Notices { get; } = new List<string>();

        public IReadOnlyList<NetUsageRecord> Record(DateTime utc, params (string Name, ulong Rx, ulong Tx)[] readings)
        {
            var list = new List<CounterReading>();
            foreach ((string name, ulong rx, ulong tx) in readings)
            {
                list.Add(new CounterReading(name, rx, tx));
            }

            return Recorder.Record(list, utc, Boot, _ => LinkBytesPerSecond, Notices);
        }

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
