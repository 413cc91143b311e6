using System;
using System.Linq;
using NetUsageTracker.History;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>The repeated hour of an autumn clock change is two hours, and 02:15 CEST is not 02:15 CET (issue 20,
    /// point 3): the reader keeps periods apart by their stored (UTC) key, not their local start.</summary>
    public class AutumnHourTests
    {
        // 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
        private static readonly DateTime Cest0215 = new DateTime(2026, 10, 25, 0, 15, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData(HistoryResolution.FiveMinute)]
        [InlineData(HistoryResolution.Hour)]
        public void TheRepeatedPeriodsAreTwoRowsInTimeOrder(HistoryResolution by)
        {
            using var db = new HistoryTestDatabase(HistoryTestDatabase.Berlin);
            db.Boot = Cest0215.AddHours(-5);
            db.Record(Cest0215.AddMinutes(-1), ("eth0", 0, 0));
            db.Record(Cest0215.AddMinutes(1), ("eth0", 1000, 0));          // 02:16 CEST
            db.Record(Cest0215.AddMinutes(59), ("eth0", 1000, 0));
            db.Record(Cest0215.AddMinutes(61), ("eth0", 1000 + 5000, 0));   // 02:16 CET

            var rows = db.Reader.Read(by, null, null, n => n == "eth0").Where(r => r.BytesReceived > 0).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(rows[0].PeriodStart, rows[1].PeriodStart);
            Assert.Equal(new[] { 1000UL, 5000UL }, rows.Select(r => r.BytesReceived));
            Assert.Equal(TimeSpan.FromHours(1), rows[1].PeriodStartUtc - rows[0].PeriodStartUtc);
        }
    }
}
