using System;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class HistoryRecorderTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void FirstReadingIsTheBaselineThenDeltasAddUp()
        {
            using var db = new HistoryTestDatabase();
            Assert.Equal(StepKind.First, db.Record(T0, ("eth0", 5000, 7000)).Single().Kind);
            db.Record(T0.AddMinutes(5), ("eth0", 6000, 7500));
            db.Record(T0.AddMinutes(10), ("eth0", 9000, 8000));
            Assert.Equal((4000UL, 1000UL), db.Total("eth0"));
        }

        [Fact]
        public void RebootCountsTheNewCountersFromZeroEvenWhenTheyExceedTheOldOnes()
        {
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("eth0", 1000, 1000));
            db.Record(T0.AddMinutes(5), ("eth0", 2000, 1500));
            db.Boot = T0.AddMinutes(7);
            db.BootId = "6a1f0c1e-0000-4000-8000-000000000002";
            NetUsageRecord step = db.Record(T0.AddMinutes(10), ("eth0", 5000, 300)).Single();
            Assert.Equal(StepKind.Reboot, step.Kind);
            Assert.Equal((1000UL + 5000, 500UL + 300), db.Total("eth0"));
            Assert.Contains(db.Notices, n => n.Contains("restarted"));
        }

        [Fact]
        public void ResetWithoutRebootCountsFromZero()
        {
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("ppp0", 10_000_000_000, 500));
            NetUsageRecord step = db.Record(T0.AddMinutes(1), ("ppp0", 200, 700)).Single();
            Assert.Equal(StepKind.Reset, step.Kind);
            Assert.Equal((200UL, 200UL), db.Total("ppp0"));
        }

        [Fact]
        public void A32BitWrapCountsThroughTheWrap()
        {
            using var db = new HistoryTestDatabase { Width = CounterWidth.Bits32 };
            db.Record(T0, ("wlan0", 4_294_967_000, 10));
            NetUsageRecord step = db.Record(T0.AddMinutes(1), ("wlan0", 500, 20)).Single();
            Assert.Equal(StepKind.Wrapped32, step.Kind);
            Assert.Equal((796UL, 10UL), db.Total("wlan0"));
        }

        [Fact]
        public void AJumpTheLinkCouldNotCarryIsDroppedAndCountingGoesOnFromThere()
        {
            using var db = new HistoryTestDatabase { LinkBytesPerSecond = 125_000 }; // 1 Mbit/s
            db.Record(T0, ("eth0", 1000, 1000));
            db.Record(T0.AddSeconds(60), ("eth0", 1000 + (1UL << 32), 2000));
            Assert.Contains(db.Notices, n => n.Contains("impossible jump") && n.Contains("received"));
            db.Record(T0.AddSeconds(120), ("eth0", 1000 + (1UL << 32) + 50_000, 3000));
            Assert.Equal((50_000UL, 2000UL), db.Total("eth0"));
        }

        [Fact]
        public void UnknownLinkSpeedStillDropsAJumpOfTerabytesInAMinute()
        {
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("tun0", 0, 0));
            db.Record(T0.AddSeconds(60), ("tun0", 1UL << 40, 100));
            Assert.Equal((0UL, 100UL), db.Total("tun0"));
        }

        [Fact]
        public void TwoConnectionsRecordingInTurnCountEveryByteOnce()
        {
            using var db = new HistoryTestDatabase();
            using HistoryDatabase other = HistoryDatabase.Open(db.FilePath, create: true);
            var second = new HistoryRecorder(other, db.Zone);
            ulong counter = 1000;
            db.Record(T0, ("eth0", counter, counter));
            for (int i = 1; i <= 20; i++)
            {
                counter += (ulong)(i * 100);
                CounterReadings reading = db.Readings(T0.AddSeconds(i), ("eth0", counter, counter));
                if (i % 2 == 0)
                {
                    second.Record(reading, _ => null);
                }
                else
                {
                    db.Recorder.Record(reading, _ => null);
                }
            }

            Assert.Equal((counter - 1000, counter - 1000), db.Total("eth0"));
        }

        [Fact]
        public void RollUpsAgreeAndRetentionPrunesFiveMinutePeriods()
        {
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("eth0", 0, 0));
            db.Record(T0.AddMinutes(5), ("eth0", 100, 10));
            db.Record(T0.AddDays(3), ("eth0", 300, 30));
            var all = Enumerable.Repeat<Func<string, bool>>(_ => true, 1).Single();
            Assert.Single(db.Reader.Read(HistoryResolution.FiveMinute, null, null, all));
            Assert.Equal(2, db.Reader.Read(HistoryResolution.Hour, null, null, all).Count);
            Assert.Equal(2, db.Reader.Read(HistoryResolution.Day, null, null, all).Count);
            NetUsageHistory month = db.Reader.Read(HistoryResolution.Month, null, null, all).Single();
            Assert.Equal((300UL, 30UL), (month.BytesReceived, month.BytesSent));
            Assert.Equal(300UL, db.Reader.Read(HistoryResolution.Year, null, null, all).Single().BytesReceived);
        }

        [Fact]
        public void PendingCountsTheTrafficSinceTheLastRecordingWithoutWritingIt()
        {
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("eth0", 1000, 1000), ("lo", 5, 5));
            CounterReadings readings = db.Readings(T0.AddMinutes(1), ("eth0", 1500, 1100), ("lo", 999, 999));
            (ulong rx, ulong tx) = db.Reader.Pending(readings, _ => null, n => n == "eth0");
            Assert.Equal((500UL, 100UL), (rx, tx));
            Assert.Equal((0UL, 0UL), db.Total("eth0"));
        }
    }
}
