using System;
using System.Globalization;
using NetUsageTracker.History;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Reports
{
    /// <summary>How the report writes numbers, percentages, periods and levels, the same on every part of the page.</summary>
    internal static class ReportText
    {
        public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        public static string MachineId(int number) => "machine-" + number.ToString(Invariant);

        public static string Exact(ulong bytes) => Count(bytes) + " B";

        public static string Count(ulong value) => value.ToString("N0", CultureInfo.CurrentCulture);

        public static string Percent(double percent) => percent.ToString("0.##", CultureInfo.CurrentCulture) + " %";

        public static string PeriodName(QuotaPeriod period) => period switch
        {
            QuotaPeriod.Day => "day",
            QuotaPeriod.Week => "week",
            _ => "billing month",
        };

        public static string BandClass(GaugeBand band) => band switch
        {
            GaugeBand.Exceeded => "over",
            GaugeBand.Warning => "warn",
            _ => "ok",
        };

        public static string Offset(TimeSpan offset) =>
            (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hh\\:mm", Invariant);
    }
}
