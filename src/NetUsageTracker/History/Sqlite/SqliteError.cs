using System;

namespace NetUsageTracker.History.Sqlite
{
    /// <summary>A failed SQLite call: its (extended) result code and SQLite's own message.</summary>
    public sealed class SqliteError : Exception
    {
        public SqliteError(int code, string message, int systemErrno = 0)
            : base(message)
        {
            Code = code;
            SystemErrno = systemErrno;
        }

        /// <summary>The operating system's error number behind a failed I/O (ENOSPC, ERROR_DISK_FULL); 0 when none.</summary>
        public int SystemErrno { get; }

        /// <summary>The extended result code; the primary code is its low byte.</summary>
        public int Code { get; }

        public int PrimaryCode => Code & 0xFF;
    }
}
