using System;
using System.Globalization;
using NetUsageTracker.History.Sqlite;

namespace NetUsageTracker.History
{
    /// <summary>
    /// How long each roll-up is kept. The defaults are vnStat's: five-minute periods for 2 days, hours for
    /// 4 days, days for 62 days, months for 25 months, years for ever (0 keeps a roll-up for ever).
    /// Stored in the database, so every recorder of one history prunes alike.
    /// </summary>
    public sealed class HistoryRetention
    {
        public int FiveMinuteHours { get; set; } = 48;

        public int HourDays { get; set; } = 4;

        public int DayDays { get; set; } = 62;

        public int MonthMonths { get; set; } = 25;

        public int YearYears { get; set; }

        public static HistoryRetention Load(HistoryDatabase database)
        {
            var retention = new HistoryRetention();
            using SqliteStatement reader = database.Command("SELECT name, value FROM settings WHERE name LIKE 'retention.%';");
            while (reader.Step())
            {
                if (!int.TryParse(reader.GetString(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0)
                {
                    continue;
                }

                switch (reader.GetString(0))
                {
                    case "retention.FiveMinuteHours": retention.FiveMinuteHours = value; break;
                    case "retention.HourDays": retention.HourDays = value; break;
                    case "retention.DayDays": retention.DayDays = value; break;
                    case "retention.MonthMonths": retention.MonthMonths = value; break;
                    case "retention.YearYears": retention.YearYears = value; break;
                }
            }

            return retention;
        }

        public void Save(HistoryDatabase database) => database.Write(() =>
        {
            Set("FiveMinuteHours", FiveMinuteHours);
            Set("HourDays", HourDays);
            Set("DayDays", DayDays);
            Set("MonthMonths", MonthMonths);
            Set("YearYears", YearYears);
            return 0;

            void Set(string name, int value)
            {
                using SqliteStatement command = database.Command(
                    "INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value;");
                command.Bind("$name", "retention." + name).Bind("$value", value.ToString(CultureInfo.InvariantCulture)).Execute();
            }
        });

        /// <summary>The oldest key each roll-up keeps at <paramref name="nowUtc"/>; null keeps everything.</summary>
        public long? OldestKept(HistoryResolution resolution, DateTime nowUtc, TimeZoneInfo zone)
        {
            switch (resolution)
            {
                case HistoryResolution.FiveMinute:
                    return FiveMinuteHours == 0 ? null : HistoryPeriods.Key(resolution, nowUtc.AddHours(-FiveMinuteHours), zone);
                case HistoryResolution.Hour:
                    return HourDays == 0 ? null : HistoryPeriods.Key(resolution, nowUtc.AddDays(-HourDays), zone);
            }

            DateTime local = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone).Date;
            switch (resolution)
            {
                case HistoryResolution.Day:
                    return DayDays == 0 ? null : HistoryPeriods.DayKey(local.AddDays(-DayDays));
                case HistoryResolution.Month:
                    if (MonthMonths == 0)
                    {
                        return null;
                    }

                    DateTime month = local.AddMonths(-MonthMonths);
                    return (month.Year * 100L) + month.Month;
                default:
                    return YearYears == 0 ? null : local.Year - YearYears;
            }
        }
    }
}
