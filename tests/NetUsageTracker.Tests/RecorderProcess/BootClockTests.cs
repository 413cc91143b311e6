using System;
using System.IO;
using NetUsageTracker.History;
using NetUsageTracker.RecorderProcess;
using Xunit;

namespace NetUsageTracker.Tests.RecorderProcess
{
    public class BootClockTests
    {
        [Fact]
        public void ReadsBtimeFromProcStat()
        {
            string file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, "cpu  1 2 3 4\nintr 5\nctxt 99\nbtime 1764050000\nprocesses 42\n");
                Assert.True(BootClock.TryProcStat(file, out DateTime boot));
                Assert.Equal(new DateTime(2025, 11, 25, 5, 53, 20, DateTimeKind.Utc), boot);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void TheBootOfThisMachineIsInThePastAndTheSameOnASecondLook()
        {
            BootState first = BootClock.Current();
            BootState second = BootClock.Current();
            Assert.True(first.BootUtc < DateTime.UtcNow);
            Assert.True(first.Uptime > TimeSpan.Zero);
            Assert.NotEqual(BootOrder.Rebooted, BootClock.Compare(first, second));
            if (OperatingSystem.IsLinux())
            {
                Assert.Matches("^[0-9a-f-]{36}$", first.Id);
            }
        }

        [Fact]
        public void ReadsUptimeFromProcUptime()
        {
            string file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, "693.34 1112.51\n");
                Assert.True(BootClock.TryProcUptime(file, out TimeSpan uptime));
                Assert.Equal(TimeSpan.FromMilliseconds(693_340), uptime);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void ReadsMacOSBootTimeAndBootSession()
        {
            // kern.boottime as the kernel hands it over: a 64-bit struct timeval (seconds, microseconds, padding).
            var timeval = new byte[16];
            BitConverter.GetBytes(1764050000L).CopyTo(timeval, 0);
            BitConverter.GetBytes(250_000).CopyTo(timeval, 8);
            Assert.Equal(new DateTime(2025, 11, 25, 5, 53, 20, 250, DateTimeKind.Utc), BootClock.FromTimeval(timeval));

            var uuid = new byte[64];
            System.Text.Encoding.ASCII.GetBytes("A1B2C3D4-0000-4000-8000-00000000000F").CopyTo(uuid, 0);
            Assert.Equal("A1B2C3D4-0000-4000-8000-00000000000F", BootClock.FromCString(uuid));
            Assert.Null(BootClock.FromCString(new byte[64]));
        }
    }
}
