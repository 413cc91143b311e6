using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>
    /// The history counts what really moved on machines whose clocks are set, that sleep, reboot, reset
    /// adapters and change link rates: each case would have added or dropped traffic before.
    /// </summary>
    public class CountingRightTests
    {
        private const ulong MB = 1024 * 1024;
        private const ulong GB = 1024 * MB;
        private static readonly DateTime T0 = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

        public static TheoryData<string, bool> ClockSteps()
        {
            var data = new TheoryData<string, bool>();
            foreach (string step in new[] { "00:05:00", "-00:05:00", "03:00:00", "-03:00:00", "365.00:00:00", "-365.00:00:00" })
            {
                data.Add(step, true);  // Linux: the kernel's boot_id
                data.Add(step, false); // Windows: no boot identity, the uptime decides
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(ClockSteps))]
        public void AWallClockStepWithoutARebootAddsNothingAndLosesNothing(string step, bool bootId)
        {
            using var db = new HistoryTestDatabase();
            db.Boot = T0.AddHours(-2);
            db.BootId = bootId ? "boot-a" : null;
            db.Record(T0, ("eth0", 500 * MB, 20 * MB), ("lo", 1 * GB, 1 * GB));
            // NTP corrects a clock without a real-time clock, a VM resumes, someone sets the time: the wall
            // clock (and with it /proc/stat's btime) jumps; the uptime and the counters go on.
            db.ClockStep = TimeSpan.Parse(step, System.Globalization.CultureInfo.InvariantCulture);
            NetUsageRecord eth0 = db.Record(T0.AddMinutes(5), ("eth0", 550 * MB, 21 * MB), ("lo", 1 * GB + 50 * MB, 1 * GB + 50 * MB))
                .Single(r => r.InterfaceName == "eth0");

            Assert.Equal(StepKind.Normal, eth0.Kind);
            Assert.Equal((50 * MB, 1 * MB), db.Total("eth0"));
            Assert.Equal((50 * MB, 50 * MB), db.Total("lo"));
            Assert.DoesNotContain(db.Notices, n => n.Contains("restarted") || n.Contains("Dropped"));
        }

        [Fact]
        public void AMacOSSleepIsNotARebootEvenWhenTheBootTimeIsDerivedFromAClockThatStopsAsleep()
        {
            // Environment.TickCount64 stops while a Mac sleeps, so "now minus uptime" moves later by the night;
            // kern.boottime does not (BootClock uses it), but the rule holds for either: the uptime did not go back.
            using var db = new HistoryTestDatabase { BootId = null };
            db.Boot = T0.AddHours(-1);
            db.Record(T0, ("en0", 100 * MB, 10 * MB));
            DateTime morning = T0.AddHours(8);
            TimeSpan awake = TimeSpan.FromMinutes(2);
            var readings = new CounterReadings(
                new[] { new CounterReading("en0", 130 * MB, 11 * MB, InterfaceClass.Physical) },
                morning,
                new BootState(null, morning - (TimeSpan.FromHours(1) + awake), TimeSpan.FromHours(1) + awake));
            NetUsageRecord step = db.Recorder.Record(readings, _ => null, db.Notices).Single();

            Assert.Equal(StepKind.Normal, step.Kind);
            Assert.Equal((30 * MB, 1 * MB), db.Total("en0"));
        }

        [Fact]
        public void ARebootIsRecognisedWithoutABootIdentityByTheUptimeGoingBack()
        {
            using var db = new HistoryTestDatabase { BootId = null };
            db.Boot = T0.AddDays(-3);
            db.Record(T0, ("Ethernet", 9 * GB, 1 * GB));
            db.Boot = T0.AddMinutes(3);
            NetUsageRecord step = db.Record(T0.AddMinutes(10), ("Ethernet", 20 * MB, 2 * MB)).Single();

            Assert.Equal(StepKind.Reboot, step.Kind);
            Assert.Equal((20 * MB, 2 * MB), db.Total("Ethernet"));
        }

        [Fact]
        public void ARebootWhoseNewCountersExceedTheOldOnesCountsThemFromZero()
        {
            using var db = new HistoryTestDatabase { BootId = "boot-a" };
            db.Boot = T0.AddMinutes(-2);
            db.Record(T0, ("eth0", 5 * MB, 1 * MB));
            db.BootId = "boot-b";
            db.Boot = T0.AddMinutes(1);
            NetUsageRecord step = db.Record(T0.AddHours(2), ("eth0", 900 * MB, 40 * MB)).Single();

            Assert.Equal(StepKind.Reboot, step.Kind);
            Assert.Equal((900 * MB, 40 * MB), db.Total("eth0"));
        }

        [Fact]
        public void ADropOfA64BitCounterIsAResetCountedFromZeroNotAWrap()
        {
            using var db = new HistoryTestDatabase { Width = CounterWidth.Bits64 };
            db.Record(T0, ("Wi-Fi", 3_000_000_000, 1000));
            NetUsageRecord step = db.Record(T0.AddMinutes(5), ("Wi-Fi", 1_000_000_000, 2000)).Single();

            Assert.Equal(StepKind.Reset, step.Kind);
            Assert.Equal((1_000_000_000UL, 1000UL), db.Total("Wi-Fi"));
        }

        [Fact]
        public void ALargeDownloadFollowedByAFallInTheLinkRateIsKept()
        {
            // 866 Mbit/s at the first recording, 20 GB in the next five minutes (533 Mbit/s), then the
            // signal fades and the link reports 6 Mbit/s: the ceiling is the fastest the link was seen at.
            using var db = new HistoryTestDatabase { LinkBytesPerSecond = 866e6 / 8 };
            db.Record(T0, ("wlan0", 1 * GB, 10 * MB));
            db.LinkBytesPerSecond = 6e6 / 8;
            db.Record(T0.AddMinutes(5), ("wlan0", 21 * GB, 30 * MB));

            Assert.Equal((20 * GB, 20 * MB), db.Total("wlan0"));
            Assert.DoesNotContain(db.Notices, n => n.Contains("Dropped"));
        }

        [Fact]
        public void AnOlderReadingIsTheBootClocksOrderNotTheWallClocks()
        {
            // A watch's snapshot taken just before another recorder stored a newer one is skipped, even when
            // the wall clock was set back in between; a later reading after a backward step is counted.
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("eth0", 1000, 1000));
            db.Record(T0.AddSeconds(10), ("eth0", 5000, 5000));
            db.ClockStep = TimeSpan.FromHours(1);
            Assert.Equal(StepKind.Stale, db.Record(T0.AddSeconds(9), ("eth0", 4000, 4000)).Single().Kind);
            db.ClockStep = TimeSpan.FromHours(-1);
            Assert.Equal(StepKind.Normal, db.Record(T0.AddSeconds(20), ("eth0", 6000, 6000)).Single().Kind);
            Assert.Equal((5000UL, 5000UL), db.Total("eth0"));
        }

        [Fact]
        public void OnWindowsOneAdapterSpelledTwoWaysIsOneInterface()
        {
            using var db = new HistoryTestDatabase();
            var windows = new HistoryRecorder(db.Database, db.Zone, StringComparer.OrdinalIgnoreCase);
            windows.Record(db.Readings(T0, ("Wi-Fi", 1000, 100)), _ => null);
            NetUsageRecord step = windows.Record(db.Readings(T0.AddMinutes(5), ("wi-fi", 3000, 300)), _ => null).Single();

            Assert.Equal("Wi-Fi", step.InterfaceName);
            Assert.Equal((2000UL, 200UL), db.Total("Wi-Fi"));
            Assert.Equal(new[] { "Wi-Fi" }, db.Reader.Interfaces().Select(i => i.Name));
        }

        [Fact]
        public void TheHistoryKeepsEachInterfacesClass()
        {
            using var db = new HistoryTestDatabase();
            var readings = new CounterReadings(
                new[]
                {
                    new CounterReading("eth0", 1, 1, InterfaceClass.Physical),
                    new CounterReading("docker0", 1, 1, InterfaceClass.Virtual),
                    new CounterReading("lo", 1, 1, InterfaceClass.Loopback),
                },
                T0, new BootState("boot-a", T0.AddHours(-1), TimeSpan.FromHours(1)));
            db.Recorder.Record(readings, _ => null);

            Assert.Equal(
                new[] { ("docker0", InterfaceClass.Virtual), ("eth0", InterfaceClass.Physical), ("lo", InterfaceClass.Loopback) },
                db.Reader.Interfaces().Select(i => (i.Name, i.InterfaceClass)));
        }

        [Fact]
        public void ALinkWithoutASpeedIsAskedWithoutAnException()
        {
            // The kernel answers EINVAL for loopback's speed: every recording asks it, and an exception each time
            // costs more than the read. Only this thread's exceptions count (other tests run alongside).
            int thread = Environment.CurrentManagedThreadId;
            var thrown = new List<string>();
            EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, e) =>
            {
                if (Environment.CurrentManagedThreadId == thread)
                {
                    lock (thrown)
                    {
                        thrown.Add(e.Exception.GetType().Name + ": " + e.Exception.Message);
                    }
                }
            };
            AppDomain.CurrentDomain.FirstChanceException += count;
            try
            {
                Assert.Null(LinkSpeed.FromSysfs("/sys/class/net", "lo"));
                Assert.Null(LinkSpeed.FromSysfs("/sys/class/net", "no-such-interface0"));
            }
            finally
            {
                AppDomain.CurrentDomain.FirstChanceException -= count;
            }

            Assert.Empty(thrown);
        }

        [Theory]
        [InlineData("wlan0", true, "1000", null)]
        [InlineData("eth0", false, "1000", 1_000_000_000L)]
        [InlineData("eth1", false, "-1", null)]
        public void WirelessLinksReportNoFixedSpeed(string name, bool wireless, string speed, long? expected)
        {
            string sys = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nut-speed-" + Guid.NewGuid().ToString("N"));
            try
            {
                string folder = System.IO.Path.Combine(sys, name);
                System.IO.Directory.CreateDirectory(folder);
                System.IO.File.WriteAllText(System.IO.Path.Combine(folder, "speed"), speed + "\n");
                if (wireless)
                {
                    System.IO.Directory.CreateDirectory(System.IO.Path.Combine(folder, "wireless"));
                }

                Assert.Equal(expected, LinkSpeed.FromSysfs(sys, name));
            }
            finally
            {
                System.IO.Directory.Delete(sys, recursive: true);
            }
        }
    }
}
