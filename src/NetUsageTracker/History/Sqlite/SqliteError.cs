using System;

namespace NetUsageTracker.History.Sqlite
{
    /// <summary>A failed SQLite call: its (extended) result code and SQLite's own message.</summary>
    public sealed class SqliteError : Exception
    {
        public SqliteError(int code, string message)
            : base(message)
        {
            Code = code;
        }

        /// <summary>The extended result code; the primary code is its low byte.</summary>
        public int Code { get; }

        public int PrimaryCode => Code & 0xFF;
    }
}
