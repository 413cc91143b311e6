using System;
using System.IO;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>A history written by an earlier version opens, keeps every byte, and records on.</summary>
    public sealed class HistoryMigrationTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nut-migrate-" + Guid.NewGuid().ToString("N"));

        public HistoryMigrationTests()
        {
            Directory.CreateDirectory(_folder);
        }

        private string FilePath => Path.Combine(_folder, "usage.db");

        [Fact]
        public void ASchema1HistoryIsMigratedAndItsBaselinesStillCount()
        {
            WriteFixture("history-schema1.sql");

            using (HistoryDatabase database = HistoryDatabase.Open(FilePath, create: false))
            {
                Assert.Equal(HistoryDatabase.SchemaVersion, Scalar(database, "PRAGMA user_version;"));
                var reader = new HistoryReader(database, HistoryTestDatabase.Berlin);
                Assert.Equal(7_000_000L, (long)reader.Read(HistoryResolution.Year, null, null, n => n == "eth0").Single().BytesReceived);
                Assert.Equal(new[] { ("eth0", InterfaceClass.Unknown), ("lo", InterfaceClass.Loopback) }, reader.Interfaces().Select(i => (i.Name, i.InterfaceClass)));

                // Five minutes after the stored baseline, in the same boot (the baseline has no boot_id yet: its
                // uptime is its recorded time minus its boot time, two hours).
                DateTime now = new DateTime(2026, 3, 10, 12, 5, 0, DateTimeKind.Utc);
                var readings = new CounterReadings(
                    new[] { new CounterReading("eth0", 90_000_000 + 4096, 4_000_000 + 512, InterfaceClass.Physical) },
                    now, new BootState("boot-a", new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(125)));
                NetUsageRecord step = new HistoryRecorder(database, HistoryTestDatabase.Berlin).Record(readings, _ => null).Single();
                Assert.Equal(StepKind.Normal, step.Kind);
                Assert.Equal((7_000_000UL + 4096, 300_000UL + 512), Sum(reader, "eth0"));
                Assert.Equal(InterfaceClass.Physical, reader.Interfaces().Single(i => i.Name == "eth0").InterfaceClass);
            }

            // Opening again finds the current schema and changes nothing.
            using (HistoryDatabase again = HistoryDatabase.Open(FilePath, create: false))
            {
                Assert.Equal(HistoryDatabase.SchemaVersion, Scalar(again, "PRAGMA user_version;"));
            }
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static (ulong, ulong) Sum(HistoryReader reader, string name)
        {
            NetUsageHistory year = reader.Read(HistoryResolution.Year, null, null, n => n == name).Single();
            return (year.BytesReceived, year.BytesSent);
        }

        private static long Scalar(HistoryDatabase database, string sql) => database.File.ScalarInt64(sql);

        private void WriteFixture(string name)
        {
            string sql = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
            using SqliteDatabase file = SqliteDatabase.Open(FilePath, create: true, TimeSpan.FromSeconds(5));
            file.Execute(sql);
        }
    }
}
