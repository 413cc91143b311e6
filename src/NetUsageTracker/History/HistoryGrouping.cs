namespace NetUsageTracker.History
{
    /// <summary>What Get-NetUsageHistory gives a row to in each period.</summary>
    public enum HistoryGrouping
    {
        /// <summary>Each interface (NetUsageHistory).</summary>
        Interface,

        /// <summary>Each process name the resident recorder kept, then other users, the other processes and Unattributed (NetProcessUsageHistory).</summary>
        Process,
    }
}
