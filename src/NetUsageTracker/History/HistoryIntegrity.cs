using System.Collections.Generic;
using NetUsageTracker.History.Sqlite;

namespace NetUsageTracker.History
{
    /// <summary>
    /// Whether a history is whole before anything writes to it: SQLite's quick_check walks every page of every
    /// table (what a damaged disk page breaks) without the index cross-checks of the full integrity_check, which
    /// cost several times more. A damaged file is refused, never written to, so it stays as it was for repair.
    /// </summary>
    internal static class HistoryIntegrity
    {
        /// <summary>Throws <see cref="HistoryStoreException"/> (Corrupt) when quick_check finds damage.</summary>
        public static void Check(HistoryDatabase database)
        {
            var problems = new List<string>();
            using (SqliteStatement check = database.File.Prepare("PRAGMA quick_check(3);"))
            {
                while (check.Step())
                {
                    string line = check.GetString(0);
                    if (line != "ok")
                    {
                        problems.Add(line);
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new HistoryStoreException(HistoryFailure.Corrupt, database.Path,
                    $"The usage history '{database.Path}' is damaged ({string.Join("; ", problems)}). Nothing was written to it; it was left as it was. " +
                    "Move it aside to start a new history, or recover what it holds with the sqlite3 tool's .recover command.");
            }
        }
    }
}
