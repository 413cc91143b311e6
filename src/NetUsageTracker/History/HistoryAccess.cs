using System;
using System.IO;
using NetUsageTracker.History.Sqlite;

namespace NetUsageTracker.History
{
    /// <summary>
    /// A history this user may read but not write (the file made read-only, or its folder): writers refuse before
    /// SQLite touches anything, readers open it read-only and immutable, so neither leaves a -shm or -wal file
    /// (created with the file's read-only mode) that would block a writer once the permissions are put back.
    /// </summary>
    internal static class HistoryAccess
    {
        // SQLite's primary codes for a file or folder it may not write or create files in.
        private const int SqliteReadOnly = 8, SqliteCantOpen = 14;

        /// <summary>False only when the system refuses to open the file for writing (permissions, the read-only
        /// attribute); a file another process holds is writable as far as this check goes (the lock tells then).</summary>
        public static bool CanWrite(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1))
                {
                    return true;
                }
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        /// <summary>Whether SQLite failed because it may not write the file or create its -wal and -shm files.</summary>
        public static bool IsWriteRefusal(SqliteError e) => e.PrimaryCode == SqliteReadOnly || e.PrimaryCode == SqliteCantOpen;

        /// <summary>Whether SQLite failed because the disk (or the user's quota) is full: SQLITE_FULL, or an I/O error
        /// whose system error says so (SQLite reports a -shm it cannot grow as an I/O error).</summary>
        public static bool IsDiskFull(SqliteError e)
        {
            // SQLITE_IOERR_SHMSIZE: the -shm could not be grown, which on a local disk means no space left (SQLite
            // keeps no errno for it).
            const int SqliteFull = 13, SqliteIoErrShmSize = 10 | (19 << 8);
            if (e.PrimaryCode == SqliteFull || e.Code == SqliteIoErrShmSize)
            {
                return true;
            }

            // ENOSPC (Linux, macOS), EDQUOT (Linux 122, macOS 69); Windows ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL.
            return System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
                ? e.SystemErrno == 39 || e.SystemErrno == 112
                : e.SystemErrno == 28 || e.SystemErrno == (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX) ? 69 : 122);
        }

        /// <summary>Removes a history file this call created, and its side files, when its creation failed on a full
        /// disk and they are still empty: a file with anything in it may be another recorder's, which started at the
        /// same moment, and is never removed.</summary>
        public static void RemoveCreated(string full, SqliteError failure)
        {
            if (!IsDiskFull(failure))
            {
                return;
            }

            foreach (string file in new[] { full, full + "-wal", full + "-journal" })
            {
                try
                {
                    var info = new FileInfo(file);
                    if (info.Exists && info.Length == 0)
                    {
                        info.Delete();
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                }
            }
        }

        /// <summary>Opens the history at <paramref name="full"/> to read only. Immutable (no locks, no -shm or -wal)
        /// unless a writer that stopped short left a WAL with changes in it, which only a WAL-aware open reads.</summary>
        public static SqliteDatabase OpenForReading(string full, TimeSpan busyTimeout)
        {
            var wal = new FileInfo(full + "-wal");
            return SqliteDatabase.OpenReadOnly(full, immutable: !(wal.Exists && wal.Length > 0), busyTimeout);
        }

        public static HistoryStoreException ReadOnlyFile(string full) => new HistoryStoreException(HistoryFailure.Unavailable, full,
            $"The usage history '{full}' is read-only: this user may not write it, so nothing was written and the file was left as it was. " +
            "Give the user write permission on it again (chmod u+w) to record; reading it works as it is.");

        public static HistoryStoreException ReadOnlyFolder(string full, SqliteError e) => new HistoryStoreException(HistoryFailure.Unavailable, full,
            $"The usage history '{full}' cannot be written: its folder is read-only for this user, and SQLite keeps its -wal and -shm files " +
            $"beside the history ({e.Message.Trim('\'', ' ', '.')}). Nothing was written. Give write permission on the folder again to record; reading works as it is.", e);
    }
}
