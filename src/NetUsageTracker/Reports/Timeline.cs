using System;
using System.Collections.Generic;
using System.Globalization;
using NetUsageTracker.History;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// The periods a chart shows: the last <c>count</c> periods of one roll-up up to and including the one
    /// that holds the anchor, on the local calendar, each with its name and axis label (a line break marks
    /// a second line); and the traffic of history records summed into them.
    /// </summary>
    public static class Timeline
    {
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        public static List<UsageSlot> Recent(HistoryResolution resolution, int count, DateTime anchorUtc, TimeZoneInfo zone)
        {
            var slots = new List<UsageSlot>(count);
            switch (resolution)
            {
                case HistoryResolution.FiveMinute:
                case HistoryResolution.Hour:
                    // Keys are UTC seconds aligned to the local clock, so stepping back by whole periods keeps them aligned.
                    long step = resolution == HistoryResolution.Hour ? 3600 : 300;
                    long last = HistoryPeriods.Key(resolution, anchorUtc, zone);
                    for (long key = last - (count - 1) * step; key <= last; key += step)
                    {
                        DateTime start = HistoryPeriods.Start(resolution, key, zone);
                        DateTime end = HistoryPeriods.End(resolution, key, zone);
                        slots.Add(new UsageSlot(start, end, $"{start.ToString("HH:mm", Invariant)}-{end.ToString("HH:mm", Invariant)}",
                            ClockLabel(start, resolution == HistoryResolution.Hour ? 3 : 6), start.ToString("ddd yyyy-MM-dd", Invariant)));
                    }

                    break;
                case HistoryResolution.Day:
                    DateTime today = TimeZoneInfo.ConvertTimeFromUtc(anchorUtc, zone).Date;
                    for (DateTime day = today.AddDays(1 - count); day <= today; day = day.AddDays(1))
                    {
                        slots.Add(DaySlot(day, day.Day == 1 || slots.Count == 0 ? day.ToString("d\nMMM", Invariant) : day.Day.ToString(Invariant)));
                    }

                    break;
                case HistoryResolution.Month:
                    DateTime local = TimeZoneInfo.ConvertTimeFromUtc(anchorUtc, zone);
                    var month = new DateTime(local.Year, local.Month, 1);
                    for (DateTime m = month.AddMonths(1 - count); m <= month; m = m.AddMonths(1))
                    {
                        slots.Add(new UsageSlot(m, m.AddMonths(1), m.ToString("MMMM yyyy", Invariant),
                            m.Month == 1 || slots.Count == 0 ? m.ToString("MMM\nyyyy", Invariant) : m.ToString("MMM", Invariant)));
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Charts show five-minute, hourly, daily or monthly periods.");
            }

            return slots;
        }

        /// <summary>A day's slot, named and labelled as on the daily chart.</summary>
        public static UsageSlot DaySlot(DateTime day, string axisLabel) =>
            new UsageSlot(day, day.AddDays(1), day.ToString("ddd yyyy-MM-dd", Invariant), axisLabel);

        /// <summary>Adds each record of the slots' roll-up to the slot that starts where it starts.</summary>
        public static void Fill(IReadOnlyList<UsageSlot> slots, IEnumerable<NetUsageHistory> records)
        {
            var byStart = new Dictionary<DateTime, UsageSlot>(slots.Count);
            foreach (UsageSlot slot in slots)
            {
                // A repeated hour at the end of daylight-saving time starts at the same wall-clock time twice;
                // the history's reader already sums both into the first.
                if (!byStart.ContainsKey(slot.Start))
                {
                    byStart.Add(slot.Start, slot);
                }
            }

            foreach (NetUsageHistory record in records)
            {
                if (byStart.TryGetValue(record.PeriodStart, out UsageSlot? slot))
                {
                    slot.Add(record.BytesReceived, record.BytesSent);
                }
            }
        }

        /// <summary>"06:00" every <paramref name="everyHours"/> hours, with the day under midnight, nothing between.</summary>
        private static string? ClockLabel(DateTime start, int everyHours)
        {
            if (start.Minute != 0 || start.Hour % everyHours != 0)
            {
                return null;
            }

            return start.Hour == 0 ? start.ToString("HH:mm\nddd d", Invariant) : start.ToString("HH:mm", Invariant);
        }
    }
}
