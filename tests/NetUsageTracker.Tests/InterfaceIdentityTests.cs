using System;
using System.IO;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>An interface deleted and made again under its old name is a new counter (issue 20, point 1): the
    /// identity the OS gives (Linux ifindex, Windows LUID) is stored with the baseline and compared.</summary>
    public class InterfaceIdentityTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void ANewInstanceWhoseCounterPassedTheOldReadingIsCountedFromZero()
        {
            var baseline = new CounterBaseline(1_000_000, 2_000, T0, null, identity: "ifindex:7");
            var reading = new CounterReading("usb0", 5_000_000, 9_000, InterfaceClass.Physical, identity: "ifindex:9");
            UsageStep step = UsageStep.Compute(baseline, reading, T0.AddMinutes(5), null, null);
            Assert.Equal(StepKind.Reset, step.Kind);
            Assert.Equal(5_000_000UL, step.BytesReceived);
            Assert.Equal(9_000UL, step.BytesSent);
            Assert.Contains("re-created", step.Notice);
        }

        [Theory]
        [InlineData("ifindex:7", "ifindex:7")]
        [InlineData(null, "ifindex:9")] // a baseline stored before identities were: learnt at this recording
        [InlineData("ifindex:7", null)] // a source that cannot say
        public void TheSameOrAnUnknownInstanceCountsTheDifference(string? stored, string? read)
        {
            var baseline = new CounterBaseline(1_000_000, 2_000, T0, null, stored);
            var reading = new CounterReading("usb0", 5_000_000, 9_000, InterfaceClass.Physical, identity: read);
            UsageStep step = UsageStep.Compute(baseline, reading, T0.AddMinutes(5), null, null);
            Assert.Equal(StepKind.Normal, step.Kind);
            Assert.Equal(4_000_000UL, step.BytesReceived);
        }

        [Fact]
        public void TheHistoryStoresTheIdentityWithTheBaselineAndComparesItAtTheNextRecording()
        {
            using var db = new HistoryTestDatabase();
            db.Boot = T0.AddHours(-1);
            Record(db, T0, 1_000_000, "{luid-1}");
            Record(db, T0.AddMinutes(5), 2_000_000, "{luid-1}");
            NetUsageRecord recreated = Record(db, T0.AddMinutes(10), 6_000_000, "{luid-2}");
            Assert.Equal(StepKind.Reset, recreated.Kind);
            Assert.Equal((1_000_000UL + 6_000_000UL, 0UL), db.Total("Ethernet"));
        }

        [Fact]
        public void LinuxReadsTheIfindexFromSysfs()
        {
            string root = Path.Combine(Path.GetTempPath(), "nut-sysfs-" + Guid.NewGuid().ToString("N"));
            try
            {
                Directory.CreateDirectory(Path.Combine(root, "eth0"));
                File.WriteAllText(Path.Combine(root, "eth0", "ifindex"), "12\n");
                Assert.Equal("ifindex:12", InterfaceIdentity.FromSysfs(root, "eth0"));
                Assert.Null(InterfaceIdentity.FromSysfs(root, "gone0"));
                Assert.Null(InterfaceIdentity.FromSysfs(root, ".."));
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        private static NetUsageRecord Record(HistoryTestDatabase db, DateTime utc, ulong rx, string identity)
        {
            var readings = new CounterReadings(
                new[] { new CounterReading("Ethernet", rx, 0, InterfaceClass.Physical, identity: identity) },
                utc, new BootState(db.BootId, db.Boot, utc - db.Boot));
            return db.Recorder.Record(readings, _ => null, db.Notices).Single();
        }
    }
}
