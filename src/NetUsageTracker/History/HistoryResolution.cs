using System;

namespace NetUsageTracker.History
{
    /// <summary>The roll-ups the history keeps.</summary>
    public enum HistoryResolution
    {
        FiveMinute,
        Hour,
        Day,
        Month,
        Year,
    }

    /// <summary>
    /// The key of a roll-up period. Five-minute and hourly periods are keyed by their start as UTC Unix
    /// seconds, aligned to the local clock (so a repeated hour at a daylight-saving change stays two hours);
    /// days, months and years by the local calendar (yyyymmdd, yyyymm, yyyy), so a 23-hour day is still one day.
    /// </summary>
    public static class HistoryPeriods
    {
        public static long Key(HistoryResolution resolution, DateTime utc, TimeZoneInfo zone)
        {
            DateTime local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
            switch (resolution)
            {
                case HistoryResolution.FiveMinute:
                case HistoryResolution.Hour:
                    long step = resolution == HistoryResolution.Hour ? TimeSpan.TicksPerHour : 5 * TimeSpan.TicksPerMinute;
                    TimeSpan offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
                    DateTime start = new DateTime(local.Ticks - (local.Ticks % step)) - offset;
                    return new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)).ToUnixTimeSeconds();
                case HistoryResolution.Day:
                    return DayKey(local);
                case HistoryResolution.Month:
                    return local.Year * 100L + local.Month;
                default:
                    return local.Year;
            }
        }

        public static long DayKey(DateTime localDate) => localDate.Year * 10000L + localDate.Month * 100L + localDate.Day;

        /// <summary>The local start of a period (an unspecified-kind local wall-clock time).</summary>
        public static DateTime Start(HistoryResolution resolution, long key, TimeZoneInfo zone)
        {
            switch (resolution)
            {
                case HistoryResolution.FiveMinute:
                case HistoryResolution.Hour:
                    return TimeZoneInfo.ConvertTimeFromUtc(DateTimeOffset.FromUnixTimeSeconds(key).UtcDateTime, zone);
                case HistoryResolution.Day:
                    return new DateTime((int)(key / 10000), (int)(key / 100 % 100), (int)(key % 100));
                case HistoryResolution.Month:
                    return new DateTime((int)(key / 100), (int)(key % 100), 1);
                default:
                    return new DateTime((int)key, 1, 1);
            }
        }

        /// <summary>The local end of a period (the start of the next).</summary>
        public static DateTime End(HistoryResolution resolution, long key, TimeZoneInfo zone)
        {
            DateTime start = Start(resolution, key, zone);
            switch (resolution)
            {
                case HistoryResolution.FiveMinute:
                case HistoryResolution.Hour:
                    long seconds = resolution == HistoryResolution.Hour ? 3600 : 300;
                    return TimeZoneInfo.ConvertTimeFromUtc(DateTimeOffset.FromUnixTimeSeconds(key + seconds).UtcDateTime, zone);
                case HistoryResolution.Day:
                    return start.AddDays(1);
                case HistoryResolution.Month:
                    return start.AddMonths(1);
                default:
                    return start.AddYears(1);
            }
        }

        /// <summary>A local wall-clock time as UTC; a time skipped by a daylight-saving change counts as the
        /// first valid instant after it (midnight does not exist on some zones' change days).</summary>
        public static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
        {
            DateTime wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(wall))
            {
                wall = wall.AddMinutes(15);
            }

            return TimeZoneInfo.ConvertTimeToUtc(wall, zone);
        }
    }
}
