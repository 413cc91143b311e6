using System;
using System.IO;
using NetUsageTracker.History.Sqlite;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>The module's own binding to the shipped e_sqlite3, on real files.</summary>
    public sealed class SqliteBindingTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nut-sqlite-" + Guid.NewGuid().ToString("N"));

        public SqliteBindingTests()
        {
            Directory.CreateDirectory(_folder);
        }

        private string FilePath => Path.Combine(_folder, "t.db");

        [Fact]
        public void TheNativeLibraryOfThisPlatformIsFoundAndLoaded()
        {
            string rid = SqliteNativeLoader.CurrentRuntime();
            Assert.Contains(rid, SqliteNativeLoader.ShippedRuntimes);
            SqliteNativeLoader.EnsureLoaded();
            Assert.EndsWith(Path.Combine("runtimes", rid, "native", SqliteNativeLoader.FileName(rid)), SqliteNativeLoader.LoadedPath);
        }

        [Fact]
        public void ValuesRoundTripExactly()
        {
            using SqliteDatabase db = SqliteDatabase.Open(FilePath, create: true, TimeSpan.FromSeconds(1));
            db.Execute("CREATE TABLE t (name TEXT, big INTEGER, real REAL, absent TEXT);");
            using (SqliteStatement insert = db.Prepare("INSERT INTO t VALUES ($name, $big, $real, $absent);"))
            {
                insert.Bind("$name", "Wi-Fi \u00e4\u00df \u2603 \U0001F600 '\"; DROP TABLE t; --").Bind("$big", ulong.MaxValue).Bind("$real", 866e6 / 8).Bind("$absent", null).Execute();
                insert.Bind("$name", "").Bind("$big", long.MinValue).Bind("$real", 0.5).Bind("$absent", "x").Execute();
            }

            using SqliteStatement read = db.Prepare("SELECT name, big, real, absent FROM t ORDER BY rowid;");
            Assert.True(read.Step());
            Assert.Equal("Wi-Fi \u00e4\u00df \u2603 \U0001F600 '\"; DROP TABLE t; --", read.GetString(0));
            Assert.Equal(ulong.MaxValue, unchecked((ulong)read.GetInt64(1)));
            Assert.Equal(866e6 / 8, read.GetDouble(2));
            Assert.True(read.IsNull(3));
            Assert.True(read.Step());
            Assert.Equal("", read.GetString(0));
            Assert.Equal(long.MinValue, read.GetInt64(1));
            Assert.False(read.IsNull(3));
            Assert.False(read.Step());
        }

        [Fact]
        public void AFailedTransactionLeavesNothingBehind()
        {
            using SqliteDatabase db = SqliteDatabase.Open(FilePath, create: true, TimeSpan.FromSeconds(1));
            db.Execute("CREATE TABLE t (v INTEGER PRIMARY KEY);");
            Assert.Throws<SqliteError>(() => db.InTransaction(() =>
            {
                db.Execute("INSERT INTO t VALUES (1);");
                db.Execute("INSERT INTO t VALUES (1);"); // a constraint failure
                return 0;
            }));

            Assert.Equal(0, db.ScalarInt64("SELECT COUNT(*) FROM t;"));
            Assert.Equal(1, db.InTransaction(() =>
            {
                db.Execute("INSERT INTO t VALUES (2);");
                return 1;
            }));
            Assert.Equal(1, db.ScalarInt64("SELECT COUNT(*) FROM t;"));
        }

        [Fact]
        public void AFileThatIsNotADatabaseFailsWithSqlitesOwnCode()
        {
            File.WriteAllText(FilePath, new string('x', 4096));
            using SqliteDatabase db = SqliteDatabase.Open(FilePath, create: false, TimeSpan.FromSeconds(1));
            SqliteError error = Assert.Throws<SqliteError>(() => db.ScalarInt64("PRAGMA user_version;"));
            Assert.Equal(26, error.PrimaryCode); // SQLITE_NOTADB
            Assert.Contains("not a database", error.Message);
        }

        [Fact]
        public void AWriterWaitsForTheBusyTimeoutThenFailsAsBusy()
        {
            using SqliteDatabase holder = SqliteDatabase.Open(FilePath, create: true, TimeSpan.FromSeconds(1));
            holder.Execute("PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER);");
            holder.Execute("BEGIN IMMEDIATE;");
            using SqliteDatabase other = SqliteDatabase.Open(FilePath, create: false, TimeSpan.FromMilliseconds(300));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            SqliteError error = Assert.Throws<SqliteError>(() => other.InTransaction(() => 0));
            Assert.Equal(5, error.PrimaryCode); // SQLITE_BUSY
            Assert.True(clock.ElapsedMilliseconds >= 250, $"gave up after {clock.ElapsedMilliseconds} ms");
            holder.Execute("COMMIT;");
            Assert.Equal(7, other.InTransaction(() => 7));
        }

        [Fact]
        public void AMissingFileIsNotCreatedWithoutCreate()
        {
            SqliteError error = Assert.Throws<SqliteError>(() => SqliteDatabase.Open(FilePath, create: false, TimeSpan.FromSeconds(1)));
            Assert.Equal(14, error.PrimaryCode); // SQLITE_CANTOPEN
            Assert.False(File.Exists(FilePath));
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
