namespace NetUsageTracker.Dashboard
{
    /// <summary>What the view's limit counts: the traffic since the view opened, or the period's from the history.</summary>
    public enum LimitPeriod
    {
        Session,
        Day,

        /// <summary>Monday to Monday, as ISO 8601 weeks.</summary>
        Week,

        /// <summary>A billing month starting on -BillingDay.</summary>
        Month,
    }
}
