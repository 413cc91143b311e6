using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class QuotaCalculatorTests
    {
        private const ulong GB = 1UL << 30;

        /// <summary>A steady 1 GB a day recorded hourly from <paramref name="from"/> to <paramref name="to"/>.</summary>
        private static void SteadyGigabyteADay(HistoryTestDatabase db, DateTime from, DateTime to)
        {
            ulong counter = 0;
            for (DateTime t = from; t <= to; t = t.AddHours(1))
            {
                db.Record(t, ("eth0", counter, 0));
                counter += GB / 24;
            }
        }

        [Fact]
        public void EarlyInTheMonthTheForecastUsesTheRecentRateNotTheFirstHour()
        {
            using var db = new HistoryTestDatabase();
            DateTime now = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc); // 02:00 in Berlin, April 1
            SteadyGigabyteADay(db, now.AddDays(-10), now);
            NetUsageQuota quota = QuotaCalculator.Compute(db.Reader, _ => true, "eth0", 50L * (long)GB, QuotaPeriod.Month, 1,
                UsageDirection.Total, now, (0, 0), db.Zone);
            Assert.True(quota.Used < GB / 6, $"used {quota.Used}");
            // 30 days at about 1 GB a day: a straight line from the first two hours would say about the same only by luck;
            // the forecast must be within a gigabyte of 30.
            Assert.InRange(quota.Forecast!.Value / (double)GB, 29.0, 31.0);
            Assert.Null(quota.ProjectedExceedTime);
            Assert.False(quota.Exceeded);
        }

        [Fact]
        public void TheLimitIsProjectedWhenTheRateReachesItBeforeThePeriodEnds()
        {
            using var db = new HistoryTestDatabase();
            DateTime now = new DateTime(2026, 4, 15, 10, 0, 0, DateTimeKind.Utc);
            SteadyGigabyteADay(db, now.AddDays(-20), now);
            NetUsageQuota quota = QuotaCalculator.Compute(db.Reader, _ => true, "eth0", 20L * (long)GB, QuotaPeriod.Month, 1,
                UsageDirection.Total, now, (0, 0), db.Zone);
            Assert.InRange(quota.Used / (double)GB, 14.2, 14.6);
            Assert.NotNull(quota.ProjectedExceedTime);
            Assert.InRange((quota.ProjectedExceedTime!.Value.ToUniversalTime() - now).TotalDays, 5.3, 5.9);
            Assert.InRange(quota.DailyBudget / (double)GB, 0.3, 0.4);
        }

        [Fact]
        public void DirectionAndPendingTrafficCount()
        {
            using var db = new HistoryTestDatabase();
            DateTime now = new DateTime(2026, 4, 15, 10, 0, 0, DateTimeKind.Utc);
            db.Record(now.AddHours(-2), ("eth0", 0, 0));
            db.Record(now.AddHours(-1), ("eth0", 1000, 3000));
            NetUsageQuota sent = QuotaCalculator.Compute(db.Reader, _ => true, "eth0", 4000, QuotaPeriod.Day, 1,
                UsageDirection.Sent, now, (100, 1000), db.Zone);
            Assert.Equal(4000UL, sent.Used);
            Assert.True(sent.Exceeded);
            Assert.Equal(0UL, sent.Remaining);
            Assert.Equal(100.0, sent.PercentUsed);
        }

        [Fact]
        public void AnImportedLogWithoutAnyRecordingHasAForecast()
        {
            // Ten days of hourly Get-NetUsage lines at 1 GB a day, imported into a history nothing recorded into yet:
            // the forecast must come from the imported traffic, not wait for the first recording's first hour.
            using var db = new HistoryTestDatabase();
            DateTime from = new DateTime(2026, 3, 20, 10, 30, 0, DateTimeKind.Utc);
            DateTime now = from.AddDays(10);
            var lines = new List<LoggedReading>();
            ulong counter = 0;
            for (DateTime t = from; t <= now; t = t.AddHours(1))
            {
                lines.Add(new LoggedReading(t, new CounterReading("eth0", counter, 0)));
                counter += GB / 24;
            }

            new HistoryImporter(db.Database, db.Zone).Import(lines, now);
            DateTime? first = db.Reader.FirstRecordedUtc(_ => true);
            Assert.NotNull(first);
            Assert.InRange(first!.Value, from.AddDays(-1), from.AddHours(1));
            NetUsageQuota quota = QuotaCalculator.Compute(db.Reader, _ => true, "eth0", 50L * (long)GB, QuotaPeriod.Month, 1,
                UsageDirection.Total, now, (0, 0), db.Zone);
            Assert.NotNull(quota.RecentBytesPerSecond);
            // About 10 GB so far and 1 GB a day for the month's last 1.5 days.
            Assert.InRange(quota.Forecast!.Value / (double)GB, 11.0, 12.2);
        }

        [Fact]
        public void AYoungHistoryBeginsAtItsFirstRecordingNotAtMidnightOrOnTheHour()
        {
            using var db = new HistoryTestDatabase();
            DateTime first = new DateTime(2026, 4, 15, 14, 37, 12, DateTimeKind.Utc);
            for (int i = 0; i <= 36; i++)
            {
                db.Record(first.AddMinutes(5 * i), ("eth0", (ulong)i * 1_000_000, 0));
            }

            Assert.Equal(first, db.Reader.FirstRecordedUtc(_ => true));
            Assert.Null(db.Reader.FirstRecordedUtc(name => name == "wlan0"));
        }

        [Fact]
        public void ATrafficOnlyHistoryBeginsAtItsOldestFiveMinutesNotAtItsOldestDay()
        {
            // The baselines gone (a history whose interface_state was emptied, or an import): the hour and the
            // day that hold the oldest five minutes start earlier than the traffic and must not move the start.
            using var db = new HistoryTestDatabase();
            DateTime from = new DateTime(2026, 4, 15, 14, 37, 0, DateTimeKind.Utc);
            var lines = Enumerable.Range(0, 7).Select(i => new LoggedReading(from.AddMinutes(5 * i), new CounterReading("eth0", (ulong)i * 1000, 0))).ToList();
            new HistoryImporter(db.Database, db.Zone).Import(lines, from.AddHours(1));
            Assert.Equal(new DateTime(2026, 4, 15, 14, 40, 0, DateTimeKind.Utc), db.Reader.FirstRecordedUtc(_ => true));
        }
    }
}
