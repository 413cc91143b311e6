using System;
using NetUsageTracker.History;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class BillingPeriodTests
    {
        [Theory]
        [InlineData("2026-02-03", 7, "2026-01-07", "2026-02-07")]
        [InlineData("2026-02-07", 7, "2026-02-07", "2026-03-07")]
        [InlineData("2026-02-28", 28, "2026-02-28", "2026-03-28")]
        [InlineData("2026-03-27", 28, "2026-02-28", "2026-03-28")]
        [InlineData("2028-02-29", 28, "2028-02-28", "2028-03-28")]
        [InlineData("2028-02-27", 28, "2028-01-28", "2028-02-28")]
        [InlineData("2026-12-31", 1, "2026-12-01", "2027-01-01")]
        [InlineData("2027-01-05", 7, "2026-12-07", "2027-01-07")]
        public void MonthsStartOnTheBillingDay(string day, int billingDay, string start, string end)
        {
            (DateTime s, DateTime e) = BillingPeriod.Containing(DateTime.Parse(day).AddHours(13), QuotaPeriod.Month, billingDay);
            Assert.Equal(DateTime.Parse(start), s);
            Assert.Equal(DateTime.Parse(end), e);
        }

        [Fact]
        public void WeeksRunMondayToMonday()
        {
            (DateTime s, DateTime e) = BillingPeriod.Containing(new DateTime(2026, 11, 29, 23, 0, 0), QuotaPeriod.Week);
            Assert.Equal(new DateTime(2026, 11, 23), s);
            Assert.Equal(new DateTime(2026, 11, 30), e);
        }

        [Fact]
        public void ABillingDayOver28IsRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => BillingPeriod.Containing(DateTime.Today, QuotaPeriod.Month, 29));
        }

        [Fact]
        public void TheShortDaylightSavingDayIsOneDayOf23Hours()
        {
            var tz = HistoryTestDatabase.Berlin;
            var day = BillingPeriod.Containing(new DateTime(2026, 3, 29, 12, 0, 0), QuotaPeriod.Day);
            Assert.Equal(23, (HistoryPeriods.LocalToUtc(day.End, tz) - HistoryPeriods.LocalToUtc(day.Start, tz)).TotalHours);
            // 00:30 and 03:30 local (one hour apart in real time) fall on the same day but different hours.
            DateTime before = new DateTime(2026, 3, 29, 0, 30, 0, DateTimeKind.Utc).AddHours(-1);
            DateTime after = before.AddHours(2);
            Assert.Equal(HistoryPeriods.Key(HistoryResolution.Day, before, tz), HistoryPeriods.Key(HistoryResolution.Day, after, tz));
            Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), HistoryPeriods.Start(HistoryResolution.Hour, HistoryPeriods.Key(HistoryResolution.Hour, after, tz), tz));
        }

        [Fact]
        public void TheRepeatedHourAtTheAutumnChangeIsTwoHourPeriods()
        {
            var tz = HistoryTestDatabase.Berlin;
            // 02:30 CEST is 00:30 UTC; 02:30 CET is 01:30 UTC on 2026-10-25.
            long first = HistoryPeriods.Key(HistoryResolution.Hour, new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), tz);
            long second = HistoryPeriods.Key(HistoryResolution.Hour, new DateTime(2026, 10, 25, 1, 30, 0, DateTimeKind.Utc), tz);
            Assert.Equal(3600, second - first);
            Assert.Equal(HistoryPeriods.Start(HistoryResolution.Hour, first, tz), HistoryPeriods.Start(HistoryResolution.Hour, second, tz));
        }

        [Fact]
        public void BillingMonthsFromDailyHistoryAlignToTheBillingDay()
        {
            using var db = new HistoryTestDatabase();
            DateTime t = new DateTime(2026, 2, 1, 11, 0, 0, DateTimeKind.Utc);
            db.Record(t, ("eth0", 0, 0));
            db.Record(t.AddDays(5), ("eth0", 100, 0));   // Feb 6: January's period (Jan 7 - Feb 7)
            db.Record(t.AddDays(6), ("eth0", 130, 0));   // Feb 7: the new period
            db.Record(t.AddDays(30), ("eth0", 200, 0));  // Mar 3: still Feb 7 - Mar 7
            var months = db.Reader.Read(HistoryResolution.Month, null, null, _ => true, billingDay: 7);
            Assert.Equal(2, months.Count);
            Assert.Equal((new DateTime(2026, 1, 7), 100UL), (months[0].PeriodStart, months[0].BytesReceived));
            Assert.Equal((new DateTime(2026, 2, 7), new DateTime(2026, 3, 7), 100UL), (months[1].PeriodStart, months[1].PeriodEnd, months[1].BytesReceived));
        }
    }
}
