using System;
using System.Linq;
using NetUsageTracker.History;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>A recording whose wall clock is ahead of what the boot clock counted must not prune the past nor
    /// put its traffic in the future (issue 20, point 2); a clock put right is followed at once.</summary>
    public class ClockAheadTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void OneRecordingAYearAheadPrunesNothingAndLandsWhereTheBootClockSays()
        {
            using var db = new HistoryTestDatabase();
            db.Boot = T0.AddHours(-1);
            db.Record(T0, ("eth0", 100, 10));
            db.Record(T0.AddMinutes(5), ("eth0", 300, 20));
            db.ClockStep = TimeSpan.FromDays(365);
            NetUsageRecord ahead = db.Record(T0.AddMinutes(10), ("eth0", 700, 40)).Single();
            Assert.Contains(db.Notices, n => n.Contains("the clock is ahead"));
            Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(T0.AddMinutes(10), TimeZoneInfo.Local), ahead.Timestamp);
            var fiveMinutes = db.Reader.Read(HistoryResolution.FiveMinute, null, null, _ => true);
            Assert.Equal(600UL, (ulong)fiveMinutes.Sum(p => (long)p.BytesReceived));
            Assert.All(fiveMinutes, p => Assert.True(p.PeriodStart.Year == 2026));

            // The clock put right: believed at once, the traffic lands at its time.
            db.ClockStep = TimeSpan.Zero;
            db.Notices.Clear();
            NetUsageRecord back = db.Record(T0.AddMinutes(15), ("eth0", 800, 50)).Single();
            Assert.Equal(StepKind.Normal, back.Kind);
            Assert.DoesNotContain(db.Notices, n => n.Contains("ahead"));
            Assert.Equal((700UL, 40UL), db.Total("eth0"));
        }

        [Theory]
        [InlineData(4)]   // NTP's small steps are believed
        [InlineData(-60)] // a clock set back is believed (its traffic is placed at its time)
        public void ASmallStepOrAStepBackIsBelieved(int minutes)
        {
            using var db = new HistoryTestDatabase();
            db.Boot = T0.AddHours(-1);
            db.Record(T0, ("eth0", 100, 10));
            db.ClockStep = TimeSpan.FromMinutes(minutes);
            NetUsageRecord step = db.Record(T0.AddMinutes(5), ("eth0", 300, 20)).Single();
            Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(T0.AddMinutes(5 + minutes), TimeZoneInfo.Local), step.Timestamp);
            Assert.DoesNotContain(db.Notices, n => n.Contains("ahead"));
        }
    }
}
