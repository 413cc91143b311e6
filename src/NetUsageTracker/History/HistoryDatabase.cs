using System;
using System.IO;
using NetUsageTracker.History.Sqlite;

namespace NetUsageTracker.History
{
    /// <summary>
    /// One open history file: the schema checked and migrated forward, WAL mode, a busy timeout, and
    /// every failure turned into a <see cref="HistoryStoreException"/> naming the file and the cause.
    /// </summary>
    public sealed class HistoryDatabase : IDisposable
    {
        /// <summary>The schema this module writes; a file with a higher version is refused, never rewritten.</summary>
        public const int SchemaVersion = 6;

        // SQLite's primary result codes that the history tells apart.
        private const int SqliteBusy = 5, SqliteLocked = 6, SqliteCorrupt = 11, SqliteNotADatabase = 26;

        /// <summary>How long a write waits for another recorder before giving up.</summary>
        public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

        // Migrations[i] takes a database from version i to version i + 1.
        private static readonly string[] Migrations =
        {
            @"CREATE TABLE usage (
                  resolution INTEGER NOT NULL,
                  period     INTEGER NOT NULL,
                  interface  TEXT    NOT NULL,
                  rx         INTEGER NOT NULL,
                  tx         INTEGER NOT NULL,
                  PRIMARY KEY (resolution, period, interface)) WITHOUT ROWID;
              CREATE TABLE interface_state (
                  interface      TEXT    NOT NULL PRIMARY KEY,
                  boot_time      INTEGER NOT NULL,
                  rx             INTEGER NOT NULL,
                  tx             INTEGER NOT NULL,
                  recorded       INTEGER NOT NULL,
                  first_recorded INTEGER NOT NULL) WITHOUT ROWID;
              CREATE TABLE settings (
                  name  TEXT NOT NULL PRIMARY KEY,
                  value TEXT NOT NULL) WITHOUT ROWID;",

            // 2: what tells a reboot from a clock step (the kernel's boot identity, the uptime of the reading),
            // the interface's class, and the fastest its link was seen at. Existing baselines keep working: their
            // uptime is their recorded time minus their boot time, and their class is learnt at the next recording.
            @"ALTER TABLE interface_state ADD COLUMN boot_id TEXT;
              ALTER TABLE interface_state ADD COLUMN uptime_ms INTEGER;
              ALTER TABLE interface_state ADD COLUMN class INTEGER NOT NULL DEFAULT 0;
              ALTER TABLE interface_state ADD COLUMN max_speed REAL;",

            // 3: which instance of the interface the baseline was read from (Linux ifindex, Windows LUID), so that
            // one deleted and made again under the same name counts from zero. Existing baselines learn it at the
            // next recording.
            "ALTER TABLE interface_state ADD COLUMN identity TEXT;",

            // 4: usage per network (NetworkUsageWriter). Each interface's traffic also lands in network_usage under
            // the network that carried it; the networks seen, with their last name; and the network of each baseline,
            // which the next step is counted to. Rows written before have no network: they stay in usage alone.
            @"CREATE TABLE network_usage (
                  resolution INTEGER NOT NULL,
                  period     INTEGER NOT NULL,
                  network    TEXT    NOT NULL,
                  interface  TEXT    NOT NULL,
                  rx         INTEGER NOT NULL,
                  tx         INTEGER NOT NULL,
                  PRIMARY KEY (resolution, period, network, interface)) WITHOUT ROWID;
              CREATE TABLE network (
                  id         TEXT    NOT NULL PRIMARY KEY,
                  name       TEXT    NOT NULL,
                  origin     INTEGER NOT NULL,
                  metered    INTEGER,
                  first_seen INTEGER NOT NULL,
                  last_seen  INTEGER NOT NULL) WITHOUT ROWID;
              ALTER TABLE interface_state ADD COLUMN network TEXT;",

            // 5: stored plans (Plans/PlanStore) and the alerts each plan has raised, one row per plan, period,
            // kind and threshold: the row is the "once" of an alert, across recorder processes and reboots.
            @"CREATE TABLE plan (
                  name        TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
                  scope       TEXT    NOT NULL,
                  targets     TEXT    NOT NULL,
                  limit_bytes INTEGER NOT NULL,
                  period      TEXT    NOT NULL,
                  billing_day INTEGER NOT NULL,
                  direction   TEXT    NOT NULL,
                  thresholds  TEXT    NOT NULL,
                  notify      INTEGER NOT NULL,
                  created     INTEGER NOT NULL) WITHOUT ROWID;
              CREATE TABLE plan_alert (
                  plan         TEXT    NOT NULL COLLATE NOCASE,
                  period_start TEXT    NOT NULL,
                  kind         TEXT    NOT NULL,
                  threshold    REAL    NOT NULL,
                  raised       INTEGER NOT NULL,
                  title        TEXT    NOT NULL,
                  message      TEXT    NOT NULL,
                  delivered    INTEGER NOT NULL DEFAULT 0,
                  shown        INTEGER NOT NULL DEFAULT 0,
                  PRIMARY KEY (plan, period_start, kind, threshold)) WITHOUT ROWID;",

            // 6: each interface's traffic per process name in every roll-up (the resident recorder's top processes,
            // the rest of them together, other users, and the remainder), so that the rows of a period add up to
            // the interface's own row of it. Kind is ProcessUsageKind: 0 process, 1 other users, 2 unattributed,
            // 3 the other processes.
            @"CREATE TABLE process_usage (
                  resolution INTEGER NOT NULL,
                  period     INTEGER NOT NULL,
                  interface  TEXT    NOT NULL,
                  kind       INTEGER NOT NULL,
                  process    TEXT    NOT NULL,
                  rx         INTEGER NOT NULL,
                  tx         INTEGER NOT NULL,
                  PRIMARY KEY (resolution, period, interface, kind, process)) WITHOUT ROWID;",
        };

        private bool _checked;

        private HistoryDatabase(string path, SqliteDatabase file)
        {
            Path = path;
            File = file;
        }

        public string Path { get; }

        /// <summary>The open SQLite file.</summary>
        public SqliteDatabase File { get; }

        /// <summary>Opens (and with <paramref name="create"/> creates) the history at <paramref name="path"/>.</summary>
        public static HistoryDatabase Open(string path, bool create, TimeSpan? busyTimeout = null)
        {
            string full = System.IO.Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                throw new HistoryStoreException(HistoryFailure.Unavailable, full,
                    $"The usage history '{full}' is a folder, not a database file. Give -Path a file name.");
            }

            bool creating = !System.IO.File.Exists(full);
            if (creating)
            {
                if (!create)
                {
                    throw new HistoryStoreException(HistoryFailure.NotFound, full,
                        $"There is no usage history at '{full}' yet. Run Update-NetUsageHistory (or Watch-NetUsage -Record) to start one.");
                }

                EnsureFolder(full);
            }

            if (System.IO.File.Exists(full) && !HistoryAccess.CanWrite(full))
            {
                return create ? throw HistoryAccess.ReadOnlyFile(full) : OpenForReading(full, busyTimeout ?? DefaultBusyTimeout);
            }

            // Each cmdlet call opens the file and closes it when it returns, so the user can move, copy or
            // delete it at once (Windows refuses that for an open file). Closing the last connection
            // checkpoints the WAL; a scheduled recorder pays that at its exit anyway.
            SqliteDatabase file;
            try
            {
                file = SqliteDatabase.Open(full, create, busyTimeout ?? DefaultBusyTimeout);
            }
            catch (SqliteError e)
            {
                if (creating)
                {
                    HistoryAccess.RemoveCreated(full, e);
                }

                throw Describe(full, e);
            }

            var database = new HistoryDatabase(full, file);
            try
            {
                // Read before anything writes: a foreign or newer file must stay byte for byte as it was.
                int version = database.ReadVersion();
                file.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
                if (version < SchemaVersion)
                {
                    database.Migrate();
                }
            }
            catch (Exception e)
            {
                file.Dispose();
                if (creating && (e as SqliteError ?? e.InnerException as SqliteError) is SqliteError cause)
                {
                    // A first recording that failed on a full disk leaves no empty history behind.
                    HistoryAccess.RemoveCreated(full, cause);
                }

                if (e is SqliteError error)
                {
                    if (!create && HistoryAccess.IsDiskFull(error))
                    {
                        // SQLite cannot make its -shm on a full disk, yet the history itself can still be read.
                        return OpenForReading(full, busyTimeout ?? DefaultBusyTimeout);
                    }

                    if (HistoryAccess.IsWriteRefusal(error))
                    {
                        // A folder this user may not write: readers read without SQLite's side files, writers say why.
                        return create ? throw HistoryAccess.ReadOnlyFolder(full, error) : OpenForReading(full, busyTimeout ?? DefaultBusyTimeout);
                    }

                    throw Describe(full, error);
                }

                throw;
            }

            return database;
        }

        /// <summary>Opens a history this user may only read: nothing migrated, nothing created beside it.</summary>
        private static HistoryDatabase OpenForReading(string full, TimeSpan busyTimeout)
        {
            SqliteDatabase file;
            try
            {
                file = HistoryAccess.OpenForReading(full, busyTimeout);
            }
            catch (SqliteError e)
            {
                throw Describe(full, e);
            }

            var database = new HistoryDatabase(full, file);
            try
            {
                if (database.ReadVersion() < SchemaVersion)
                {
                    throw new HistoryStoreException(HistoryFailure.Unavailable, full,
                        $"The usage history '{full}' is read-only for this user and was written by an older version of the module, so it cannot be " +
                        "brought up to date to be read. Give the user write permission on it (and its folder) once; the file was left as it was.");
                }
            }
            catch (Exception e)
            {
                file.Dispose();
                if (e is SqliteError error)
                {
                    throw Describe(full, error);
                }

                throw;
            }

            return database;
        }

        /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE: concurrent
        /// recorders queue instead of reading the same baseline twice).</summary>
        public T Write<T>(Func<T> work)
        {
            try
            {
                return File.InTransaction(() =>
                {
                    // Once per open file, under the write lock: a damaged file is refused before anything is written.
                    if (!_checked)
                    {
                        HistoryIntegrity.Check(this);
                        _checked = true;
                    }

                    return work();
                });
            }
            catch (SqliteError e)
            {
                throw Describe(Path, e);
            }
        }

        /// <summary>Runs <paramref name="work"/>, turning SQLite failures into <see cref="HistoryStoreException"/>.</summary>
        public T Run<T>(Func<T> work)
        {
            try
            {
                return work();
            }
            catch (SqliteError e)
            {
                throw Describe(Path, e);
            }
        }

        /// <summary>Prepares a statement on the history; dispose it when done.</summary>
        public SqliteStatement Command(string sql) => File.Prepare(sql);

        public void Dispose() => File.Dispose();

        internal static HistoryStoreException Describe(string path, SqliteError e)
        {
            string cause = e.Message.Trim('\'', ' ', '.');
            if (HistoryAccess.IsDiskFull(e))
            {
                return new HistoryStoreException(HistoryFailure.DiskFull, path,
                    $"The disk that holds the usage history '{path}' is full ({cause}): nothing was written, and the history is as it was. " +
                    "Free some space; the next recording counts the traffic missed meanwhile.", e);
            }

            return e.PrimaryCode switch
            {
                SqliteBusy or SqliteLocked => new HistoryStoreException(HistoryFailure.Locked, path,
                    $"The usage history '{path}' is locked by another process ({cause}); gave up after the busy timeout. Try again when the other recorder is done.", e),
                SqliteCorrupt or SqliteNotADatabase => new HistoryStoreException(HistoryFailure.Corrupt, path,
                    $"The usage history '{path}' is damaged or not a database ({cause}). It was left untouched; move it aside to start a new history.", e),
                _ => new HistoryStoreException(HistoryFailure.Unavailable, path,
                    $"The usage history '{path}' cannot be used ({cause}). It was left untouched.", e),
            };
        }

        private void Migrate() => Write(() =>
        {
            // Re-read under the write lock: another process may have migrated since the first look.
            int version = ReadVersion();
            for (; version < SchemaVersion; version++)
            {
                File.Execute(Migrations[version]);
            }

            File.Execute($"PRAGMA user_version = {SchemaVersion};");
            return version;
        });

        private int ReadVersion()
        {
            int version = (int)File.ScalarInt64("PRAGMA user_version;");
            if (version > SchemaVersion)
            {
                throw new HistoryStoreException(HistoryFailure.SchemaTooNew, Path,
                    $"The usage history '{Path}' has schema version {version}, newer than the {SchemaVersion} this module knows: " +
                    "a newer NetUsageTracker wrote it. Update the module; the file was not changed.");
            }

            return version;
        }

        /// <summary>Creates the folder of the history at <paramref name="path"/> when it is missing.</summary>
        internal static void EnsureFolder(string path)
        {
            try
            {
                string? folder = System.IO.Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder!);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new HistoryStoreException(HistoryFailure.Unavailable, path,
                    $"The folder of the usage history '{path}' cannot be created ({e.Message}).", e);
            }
        }
    }
}
