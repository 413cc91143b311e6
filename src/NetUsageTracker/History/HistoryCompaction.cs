using NetUsageTracker.History.Sqlite;

namespace NetUsageTracker.History
{
    /// <summary>
    /// Gives the disk back when the retention removed most of a history (a large import of old logs, a shorter
    /// retention): SQLite keeps freed pages for reuse and never shrinks the file by itself. Steady recording frees
    /// a little at a time and reuses it, so the check (two header reads) seldom leads to a VACUUM.
    /// </summary>
    internal static class HistoryCompaction
    {
        /// <summary>Below this many pages (64 KB at 4 KB a page) a file is not worth rewriting.</summary>
        private const long MinimumPages = 16;

        /// <summary>Rewrites the file when more than half of it is free pages.</summary>
        public static void CompactIfMostlyFree(HistoryDatabase database)
        {
            try
            {
                long pages = database.File.ScalarInt64("PRAGMA page_count;");
                long free = database.File.ScalarInt64("PRAGMA freelist_count;");
                if (pages >= MinimumPages && free * 2 > pages)
                {
                    database.File.Execute("VACUUM;");
                }
            }
            catch (SqliteError)
            {
                // Only space is at stake: a VACUUM that cannot run now (no room for its copy, another reader)
                // leaves the file whole, and the next writer tries again.
            }
        }
    }
}
