using System;

namespace NetUsageTracker.History
{
    /// <summary>
    /// The span a limit counts over: a day, a week or a billing month of the history, or (for a live view or
    /// watch only) the session, the traffic since it began. The one period type of every -Period.
    /// </summary>
    public enum QuotaPeriod
    {
        Day,

        /// <summary>Monday to Monday, as ISO 8601 weeks.</summary>
        Week,

        /// <summary>A billing month starting on the billing day (1 to 28, so every month has it).</summary>
        Month,

        /// <summary>Since the live view or watch began, counted live: no span of the calendar. Last, so the
        /// values above keep their numbers in objects that older versions serialized.</summary>
        Session,
    }

    /// <summary>Period boundaries on the local calendar (midnight to midnight, whatever a day's length).</summary>
    public static class BillingPeriod
    {
        public const int MaxBillingDay = 28;

        /// <summary>The local start and end (exclusive) of the period that holds <paramref name="local"/>.</summary>
        public static (DateTime Start, DateTime End) Containing(DateTime local, QuotaPeriod period, int billingDay = 1)
        {
            if (billingDay < 1 || billingDay > MaxBillingDay)
            {
                throw new ArgumentOutOfRangeException(nameof(billingDay), billingDay, $"The billing day must be 1 to {MaxBillingDay}.");
            }

            if (period == QuotaPeriod.Session)
            {
                throw new ArgumentOutOfRangeException(nameof(period), period, "A session is no span of the calendar.");
            }

            DateTime day = local.Date;
            switch (period)
            {
                case QuotaPeriod.Day:
                    return (day, day.AddDays(1));
                case QuotaPeriod.Week:
                    int sinceMonday = ((int)day.DayOfWeek + 6) % 7;
                    DateTime monday = day.AddDays(-sinceMonday);
                    return (monday, monday.AddDays(7));
                default:
                    var start = new DateTime(day.Year, day.Month, billingDay);
                    if (day.Day < billingDay)
                    {
                        start = start.AddMonths(-1);
                    }

                    return (start, start.AddMonths(1));
            }
        }
    }
}
