using System;
using System.IO;
using NetUsageTracker.History;
using Xunit;

namespace NetUsageTracker.Tests
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
        public void TheBootTimeIsInThePastAndStable()
        {
            DateTime first = BootClock.BootTimeUtc();
            Assert.True(first < DateTime.UtcNow);
            Assert.True(BootClock.IsSameBoot(first, BootClock.BootTimeUtc()));
            Assert.False(BootClock.IsSameBoot(first, first.AddMinutes(5)));
        }

        [Fact]
        public void TheNativeLibraryOfThisPlatformIsFoundAndLoaded()
        {
            string rid = SqliteNativeLoader.CurrentRuntime();
            Assert.Contains(rid, SqliteNativeLoader.ShippedRuntimes);
            SqliteNativeLoader.EnsureLoaded();
            Assert.EndsWith(Path.Combine("runtimes", rid, "native", SqliteNativeLoader.FileName(rid)), SqliteNativeLoader.LoadedPath);
        }
    }
}
