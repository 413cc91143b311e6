using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    public class TimelineTests
    {
        private static readonly TimeZoneInfo Berlin = HistoryTestDatabase.Berlin;

        [Fact]
        public void FortyEightHoursOfFiveMinutesEndWithThePeriodThatHoldsNow()
        {
            DateTime now = new DateTime(2026, 11, 25, 13, 7, 30, DateTimeKind.Utc); // 14:07:30 in Berlin
            List<UsageSlot> slots = Timeline.Recent(HistoryResolution.FiveMinute, 576, now, Berlin);
            Assert.Equal(576, slots.Count);
            Assert.Equal(new DateTime(2026, 11, 25, 14, 5, 0), slots[^1].Start);
            Assert.Equal(new DateTime(2026, 11, 23, 14, 10, 0), slots[0].Start);
            Assert.Equal("14:05-14:10", slots[^1].Name);
            Assert.Equal("Wed 2026-11-25 14:05-14:10", slots[^1].FullName);
            Assert.Equal("00:00\nWed 25", slots.Single(s => s.Start == new DateTime(2026, 11, 25)).AxisLabel);
            Assert.Equal(new[] { "18:00", "00:00\nTue 24", "06:00", "12:00", "18:00", "00:00\nWed 25", "06:00", "12:00" },
                slots.Where(s => s.AxisLabel != null).Select(s => s.AxisLabel));
        }

        [Fact]
        public void HoursAcrossTheEndOfSummerTimeAreTwentyFourDistinctPeriods()
        {
            // Berlin, 2026-10-25: 03:00 summer time becomes 02:00 again, so 02:00-03:00 happens twice.
            DateTime now = new DateTime(2026, 10, 25, 12, 30, 0, DateTimeKind.Utc);
            List<UsageSlot> slots = Timeline.Recent(HistoryResolution.Hour, 24, now, Berlin);
            Assert.Equal(24, slots.Count);
            Assert.Equal(new DateTime(2026, 10, 25, 13, 0, 0), slots[^1].Start);
            Assert.Equal(2, slots.Count(s => s.Start == new DateTime(2026, 10, 25, 2, 0, 0)));
        }

        [Fact]
        public void DaysAndMonthsFollowTheLocalCalendar()
        {
            DateTime now = new DateTime(2026, 3, 1, 0, 30, 0, DateTimeKind.Utc); // 01:30 on March 1 in Berlin
            List<UsageSlot> days = Timeline.Recent(HistoryResolution.Day, 30, now, Berlin);
            Assert.Equal(new DateTime(2026, 3, 1), days[^1].Start);
            Assert.Equal(new DateTime(2026, 1, 31), days[0].Start);
            Assert.Equal("1\nMar", days[^1].AxisLabel);
            Assert.Equal("31\nJan", days[0].AxisLabel);
            Assert.Equal("Sun 2026-03-01", days[^1].Name);

            List<UsageSlot> months = Timeline.Recent(HistoryResolution.Month, 12, now, Berlin);
            Assert.Equal(new DateTime(2025, 4, 1), months[0].Start);
            Assert.Equal(new DateTime(2026, 3, 1), months[^1].Start);
            Assert.Equal(new DateTime(2026, 4, 1), months[^1].End);
            Assert.Equal("Jan\n2026", months[9].AxisLabel);
            Assert.Equal("March 2026", months[^1].Name);
        }

        [Fact]
        public void RecordsAddUpInTheSlotThatStartsWhereTheyStart()
        {
            DateTime now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
            List<UsageSlot> days = Timeline.Recent(HistoryResolution.Day, 3, now, Berlin);
            Timeline.Fill(days, new[]
            {
                new NetUsageHistory { Period = HistoryResolution.Day, PeriodStart = new DateTime(2026, 11, 24), InterfaceName = "a", BytesReceived = 10, BytesSent = 1 },
                new NetUsageHistory { Period = HistoryResolution.Day, PeriodStart = new DateTime(2026, 11, 24), InterfaceName = "b", BytesReceived = 5, BytesSent = 2 },
                new NetUsageHistory { Period = HistoryResolution.Day, PeriodStart = new DateTime(2026, 11, 1), InterfaceName = "a", BytesReceived = 99, BytesSent = 99 },
            });
            Assert.Equal(new ulong[] { 0, 15, 0 }, days.Select(d => d.Received));
            Assert.Equal(new ulong[] { 0, 3, 0 }, days.Select(d => d.Sent));
        }
    }
}
