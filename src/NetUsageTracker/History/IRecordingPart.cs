using System;
using System.Collections.Generic;

namespace NetUsageTracker.History
{
    /// <summary>
    /// More rows a recording writes in its own transaction, from what it stored per interface (the resident
    /// recorder's per-process rows): they are in the history exactly when the interfaces' rows are.
    /// </summary>
    public interface IRecordingPart
    {
        /// <param name="utc">The recording's time: the periods its traffic goes to.</param>
        /// <param name="records">What the recording stored for each interface.</param>
        void Write(HistoryDatabase database, DateTime utc, TimeZoneInfo zone, IReadOnlyList<NetUsageRecord> records);
    }
}
