using System;

namespace NetUsageTracker.History
{
    /// <summary>
    /// Usage against a limit over the current period. The forecast extrapolates the rate of the last seven
    /// days (reaching back before the period's start), not a straight line from the period's first day,
    /// so it does not go wild an hour into a new month.
    /// </summary>
    public static class QuotaCalculator
    {
        /// <summary>How far back the recent rate looks.</summary>
        public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

        /// <summary>Less history than this gives no forecast: an hour's rate says little about a month.</summary>
        public static readonly TimeSpan MinimumForecastHistory = TimeSpan.FromHours(1);

        /// <param name="pending">Traffic since the last recording (added to the stored usage, today).</param>
        /// <param name="networks">Counts only what these networks carried (pass a <paramref name="pending"/> counted the same way); null: every network.</param>
        public static NetUsageQuota Compute(HistoryReader reader, Func<string, bool> include, string interfaceNames, long limit,
            QuotaPeriod period, int billingDay, UsageDirection direction, DateTime nowUtc, (ulong Received, ulong Sent) pending, TimeZoneInfo? zone = null,
            NetworkSelection? networks = null)
        {
            TimeZoneInfo tz = zone ?? TimeZoneInfo.Local;
            DateTime nowLocal = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, tz);
            (DateTime start, DateTime end) = BillingPeriod.Containing(nowLocal, period, billingDay);
            (ulong rx, ulong tx) = reader.SumDays(start, end, include, networks);
            rx += pending.Received;
            tx += pending.Sent;
            ulong used = Counted(rx, tx, direction);
            ulong cap = (ulong)Math.Max(0, limit);
            DateTime endUtc = HistoryPeriods.LocalToUtc(end, tz);

            var quota = new NetUsageQuota
            {
                InterfaceName = interfaceNames,
                NetworkName = networks?.Names,
                Direction = direction,
                Period = period,
                PeriodStart = start,
                PeriodEnd = end,
                BytesReceived = rx,
                BytesSent = tx,
                Used = used,
                Limit = limit,
                Remaining = used >= cap ? 0 : cap - used,
                PercentUsed = cap == 0 ? 100 : Math.Round(used * 100.0 / cap, 2),
                Exceeded = used >= cap,
            };

            double daysLeft = Math.Max((endUtc - nowUtc).TotalDays, 1.0);
            quota.DailyBudget = (ulong)Math.Floor(quota.Remaining / daysLeft);

            double? rate = RecentRate(reader, include, networks, direction, nowUtc, nowLocal, pending, tz);
            quota.RecentBytesPerSecond = rate;
            if (rate.HasValue)
            {
                double secondsLeft = Math.Max(0, (endUtc - nowUtc).TotalSeconds);
                quota.Forecast = used + (ulong)Math.Round(rate.Value * secondsLeft);
                if (!quota.Exceeded && rate.Value > 0)
                {
                    DateTime reach = nowUtc.AddSeconds(quota.Remaining / rate.Value);
                    quota.ProjectedExceedTime = reach < endUtc ? reach.ToLocalTime() : (DateTime?)null;
                }
            }

            return quota;
        }

        public static ulong Counted(ulong received, ulong sent, UsageDirection direction) => direction switch
        {
            UsageDirection.Received => received,
            UsageDirection.Sent => sent,
            _ => received + sent,
        };

        private static double? RecentRate(HistoryReader reader, Func<string, bool> include, NetworkSelection? networks, UsageDirection direction,
            DateTime nowUtc, DateTime nowLocal, (ulong Received, ulong Sent) pending, TimeZoneInfo zone)
        {
            DateTime? first = reader.FirstRecordedUtc(include, networks);
            if (!first.HasValue || nowUtc - first.Value < MinimumForecastHistory)
            {
                return null;
            }

            // Whole local days: the daily roll-up is what survives longest.
            DateTime windowStartLocal = nowLocal.Date.AddDays(-RecentWindow.TotalDays);
            DateTime windowStartUtc = HistoryPeriods.LocalToUtc(windowStartLocal, zone);
            if (first.Value > windowStartUtc)
            {
                windowStartUtc = first.Value;
            }

            (ulong rx, ulong tx) = reader.SumDays(windowStartLocal, nowLocal.Date.AddDays(1), include, networks);
            double seconds = (nowUtc - windowStartUtc).TotalSeconds;
            return Counted(rx + pending.Received, tx + pending.Sent, direction) / seconds;
        }
    }
}
