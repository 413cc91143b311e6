namespace NetUsageTracker.Reports
{
    /// <summary>The report's charts: the recent spans per resolution, then the busiest days.</summary>
    public enum ChartKind
    {
        FiveMinute,
        Hour,
        Day,
        Month,

        /// <summary>The busiest days, busiest first: a ranking, not a time axis.</summary>
        TopDays,
    }

    /// <summary>The spans the report totals.</summary>
    public enum TotalSpan
    {
        Today,
        Yesterday,
        ThisMonth,
        LastMonth,
        AllTime,
    }

    /// <summary>The names the page writes for the charts and totals (data-chart, data-total, row headings).</summary>
    public static class ReportNames
    {
        /// <summary>five-minute, hour, day, month, top-days.</summary>
        public static string Id(ChartKind kind) => kind switch
        {
            ChartKind.FiveMinute => "five-minute",
            ChartKind.Hour => "hour",
            ChartKind.Day => "day",
            ChartKind.Month => "month",
            _ => "top-days",
        };

        /// <summary>Today, Yesterday, This month, Last month, All time.</summary>
        public static string Name(TotalSpan span) => span switch
        {
            TotalSpan.Today => "Today",
            TotalSpan.Yesterday => "Yesterday",
            TotalSpan.ThisMonth => "This month",
            TotalSpan.LastMonth => "Last month",
            _ => "All time",
        };
    }
}
