using System;

namespace NetUsageTracker.History
{
    /// <summary>Why the history could not be used.</summary>
    public enum HistoryFailure
    {
        /// <summary>There is no history file yet.</summary>
        NotFound,

        /// <summary>The file cannot be opened or read (a folder, no permission, an I/O error).</summary>
        Unavailable,

        /// <summary>The file is not an SQLite database, or it is damaged.</summary>
        Corrupt,

        /// <summary>Another process holds the database longer than the busy timeout.</summary>
        Locked,

        /// <summary>The file was written by a newer module with a schema this one does not know.</summary>
        SchemaTooNew,

        /// <summary>The disk (or the user's quota) is full: nothing could be written.</summary>
        DiskFull,
    }

    /// <summary>A history failure that names the file and the cause; the file is left as it was.</summary>
    public sealed class HistoryStoreException : Exception
    {
        public HistoryStoreException(HistoryFailure failure, string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            Path = path;
        }

        public HistoryFailure Failure { get; }

        public string Path { get; }
    }
}
