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

        // The span of keys a reader can turn into dates with room for the period's end and a zone's offset: a
        // row outside it (year 9999 imported by an older module, a hand-edited file) is passed over, not a crash.
        private static readonly long FirstReadableSeconds = new DateTimeOffset(2, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        private static readonly long LastReadableSeconds = new DateTimeOffset(9998, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        /// <summary>Whether <paramref name="key"/> names a period that starts and ends within the calendar's range.</summary>
        public static bool IsReadable(HistoryResolution resolution, long key)
        {
            switch (resolution)
            {
                case HistoryResolution.FiveMinute:
                case HistoryResolution.Hour:
                    return key >= FirstReadableSeconds && key <= LastReadableSeconds;
                case HistoryResolution.Day:
                    long year = key / 10000, month = key / 100 % 100, day = key % 100;
                    return year >= 2 && year <= 9998 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth((int)year, (int)month);
                case HistoryResolution.Month:
                    return key / 100 >= 2 && key / 100 <= 9998 && key % 100 >= 1 && key % 100 <= 12;
                default:
                    return key >= 2 && key <= 9998;
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

        /// <summary>The instant a period starts: exact for five-minute and hourly periods (their keys are UTC),
        /// the local start <paramref name="localStart"/> as UTC for the calendar's periods.</summary>
        public static DateTime StartUtc(HistoryResolution resolution, long key, TimeZoneInfo zone, DateTime localStart) =>
            resolution == HistoryResolution.FiveMinute || resolution == HistoryResolution.Hour
                ? DateTimeOffset.FromUnixTimeSeconds(key).UtcDateTime
                : LocalToUtc(localStart, zone);

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
