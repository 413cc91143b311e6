using System;
using System.IO;
using NetUsageTracker.Networks.Linux;
using Xunit;

namespace NetUsageTracker.Tests.Networks
{
    /// <summary>A /proc file read through one handle says when its text changed, so that the route tables are parsed only then.</summary>
    public class ProcTextFileTests
    {
        [Fact]
        public void SaysWhetherTheTextChangedSinceTheLastRead()
        {
            string path = Path.Combine(Path.GetTempPath(), "nut-proctext-" + Guid.NewGuid().ToString("N"));
            try
            {
                File.WriteAllText(path, "Iface\tDestination\neth0\t00000000\n");
                using var file = new ProcTextFile(path);

                Assert.True(file.Refresh());
                Assert.Equal("Iface\tDestination\neth0\t00000000\n", file.Text);
                Assert.False(file.Refresh());
                Assert.False(file.Refresh());

                // Same length, one byte different; then longer than the first buffer; then shorter again.
                File.WriteAllText(path, "Iface\tDestination\neth1\t00000000\n");
                Assert.True(file.Refresh());
                Assert.Equal("Iface\tDestination\neth1\t00000000\n", file.Text);
                string longer = new string('x', 10000);
                File.WriteAllText(path, longer);
                Assert.True(file.Refresh());
                Assert.Equal(longer, file.Text);
                Assert.False(file.Refresh());
                File.WriteAllText(path, "eth2");
                Assert.True(file.Refresh());
                Assert.Equal("eth2", file.Text);
                Assert.False(file.Refresh());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void AMissingFileHasNoText()
        {
            using var file = new ProcTextFile(Path.Combine(Path.GetTempPath(), "nut-proctext-missing-" + Guid.NewGuid().ToString("N")));

            Assert.True(file.Refresh());
            Assert.Null(file.Text);
            Assert.False(file.Refresh());
            Assert.Null(file.Text);
        }
    }
}
