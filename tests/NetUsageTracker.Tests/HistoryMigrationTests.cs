using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>
    /// A history written by an earlier schema opens, keeps every byte, and records on. Each schema that
    /// shipped has a frozen fixture here (Fixtures/history-schema&lt;N&gt;.sql), so every later migration is
    /// tested from each of them.
    /// </summary>
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

        [Fact]
        public void ASchema2HistoryOpensWithEveryByteAndRecordsOn()
        {
            WriteFixture("history-schema2.sql");

            using (HistoryDatabase database = HistoryDatabase.Open(FilePath, create: false))
            {
                Assert.Equal(HistoryDatabase.SchemaVersion, Scalar(database, "PRAGMA user_version;"));
                var reader = new HistoryReader(database, HistoryTestDatabase.Berlin);
                Assert.Equal(new[] { ("eth0", InterfaceClass.Physical), ("lo", InterfaceClass.Loopback), ("wlan0", InterfaceClass.Physical) },
                    reader.Interfaces().Select(i => (i.Name, i.InterfaceClass)).OrderBy(i => i.Name));
                Assert.Equal((9_000_000UL, 400_000UL), Sum(reader, "eth0"));
                Assert.Equal(4096UL, reader.Read(HistoryResolution.FiveMinute, null, null, n => n == "eth0").Single().BytesReceived);
                Assert.Equal(1_000_000UL, reader.Read(HistoryResolution.Hour, null, null, n => n == "eth0").Single().BytesReceived);
                Assert.Equal(7_000_000UL, reader.Read(HistoryResolution.Day, null, null, n => n == "eth0").Single().BytesReceived);
                HistoryRetention retention = HistoryRetention.Load(database);
                Assert.Equal((72, 90, 4), (retention.FiveMinuteHours, retention.DayDays, retention.HourDays));

                // Five minutes on in the same boot (same boot_id, the uptime grown by as much): counted on.
                var recorder = new HistoryRecorder(database, HistoryTestDatabase.Berlin);
                DateTime now = new DateTime(2026, 3, 10, 12, 5, 0, DateTimeKind.Utc);
                NetUsageRecord step = recorder.Record(Readings(now, "boot-b", TimeSpan.FromMinutes(125), ("eth0", 90_000_000 + 4096, 4_000_000 + 512)), _ => null).Single();
                Assert.Equal(StepKind.Normal, step.Kind);
                Assert.Equal((9_000_000UL + 4096, 400_000UL + 512), Sum(reader, "eth0"));

                // Another boot: the counters restarted, so the reading itself is the traffic since.
                NetUsageRecord reboot = recorder.Record(Readings(now.AddMinutes(10), "boot-c", TimeSpan.FromMinutes(3), ("eth0", 2048, 1024)), _ => null).Single();
                Assert.Equal(StepKind.Reboot, reboot.Kind);
                Assert.Equal((9_000_000UL + 4096 + 2048, 400_000UL + 512 + 1024), Sum(reader, "eth0"));
            }
        }

        [Fact]
        public void TheSchema2FixtureHoldsOnlyTablesAndColumnsThisVersionCreates()
        {
            // Migrations only add: a fresh history has every table and column of the frozen one, with the same types.
            string fresh = Path.Combine(_folder, "fresh.db");
            HistoryDatabase.Open(fresh, create: true).Dispose();
            WriteFixture("history-schema2.sql");
            using SqliteDatabase frozen = SqliteDatabase.Open(FilePath, create: false, TimeSpan.FromSeconds(5));
            using SqliteDatabase current = SqliteDatabase.Open(fresh, create: false, TimeSpan.FromSeconds(5));
            Assert.Equal(2, frozen.ScalarInt64("PRAGMA user_version;"));
            foreach (string table in new[] { "usage", "interface_state", "settings" })
            {
                List<string> columns = Columns(current, table);
                Assert.All(Columns(frozen, table), column => Assert.Contains(column, columns));
            }
        }

        private static List<string> Columns(SqliteDatabase file, string table)
        {
            var columns = new List<string>();
            using SqliteStatement info = file.Prepare($"SELECT name || ' ' || type || ' ' || \"notnull\" FROM pragma_table_info('{table}');");
            while (info.Step())
            {
                columns.Add(info.GetString(0));
            }

            Assert.NotEmpty(columns);
            return columns;
        }

        private static CounterReadings Readings(DateTime utc, string bootId, TimeSpan uptime, params (string Name, ulong Rx, ulong Tx)[] readings) =>
            new CounterReadings(
                readings.Select(r => new CounterReading(r.Name, r.Rx, r.Tx, InterfaceClass.Physical)).ToList(),
                utc, new BootState(bootId, utc - uptime, uptime));

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
