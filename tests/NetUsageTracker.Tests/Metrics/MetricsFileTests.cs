using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using NetUsageTracker.Metrics;
using Xunit;

namespace NetUsageTracker.Tests.Metrics
{
    public sealed class MetricsFileTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nut-metrics-" + Guid.NewGuid().ToString("N"));

        public MetricsFileTests()
        {
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Target => Path.Combine(_folder, "netusagetracker.prom");

        private static string Text(string body) => ExpositionText.Header + "\n" + body + "\n";

        [Fact]
        public void WritesTheTextAsUtf8WithoutBomAndReplacesItsOwnFileLeavingNothingElse()
        {
            MetricsFile.Write(Target, Text("a{l=\"Ω\"} 1"), force: false);
            MetricsFile.Write(Target, Text("a{l=\"ß\"} 2"), force: false);
            byte[] bytes = File.ReadAllBytes(Target);
            Assert.Equal(Encoding.UTF8.GetBytes(Text("a{l=\"ß\"} 2")), bytes);
            Assert.Equal(new[] { Target }, Directory.GetFiles(_folder));
        }

        [Fact]
        public void AFileItDidNotWriteIsLeftAloneUnlessForced()
        {
            File.WriteAllText(Target, "SQLite format 3\0 my history");
            var e = Assert.Throws<MetricsFileException>(() => MetricsFile.Write(Target, Text("a 1"), force: false));
            Assert.Equal(MetricsFailure.NotMetricsFile, e.Failure);
            Assert.Equal("SQLite format 3\0 my history", File.ReadAllText(Target));
            Assert.Single(Directory.GetFiles(_folder));

            MetricsFile.Write(Target, Text("a 1"), force: true);
            Assert.Equal(Text("a 1"), File.ReadAllText(Target));
        }

        [Fact]
        public void AnEmptyFileMayBeReplaced()
        {
            File.WriteAllText(Target, "");
            MetricsFile.Write(Target, Text("a 1"), force: false);
            Assert.Equal(Text("a 1"), File.ReadAllText(Target));
        }

        [Fact]
        public void AMissingFolderAndAFolderAsTheTargetAreRefusedWithTheirCause()
        {
            string missing = Path.Combine(_folder, "no such folder", "x.prom");
            var notFound = Assert.Throws<MetricsFileException>(() => MetricsFile.Write(missing, Text("a 1"), force: false));
            Assert.Equal(MetricsFailure.FolderNotFound, notFound.Failure);
            Assert.Equal(Path.GetDirectoryName(missing), notFound.Path);

            var folder = Assert.Throws<MetricsFileException>(() => MetricsFile.Write(_folder, Text("a 1"), force: true));
            Assert.Equal(MetricsFailure.PathIsFolder, folder.Failure);
            Assert.Contains("netusagetracker.prom", folder.Message);
        }

        [Fact]
        public void AReaderNeverSeesHalfAFile()
        {
            // Two texts of different lengths, rewritten in turn while another thread keeps reading the file: every
            // read must be one of the two whole texts, as a collector's scrape must be.
            string first = Text(new string('a', 300_000));
            string second = Text(new string('b', 200_000));
            MetricsFile.Write(Target, first, force: false);
            var seen = new List<string>();
            using var stop = new CancellationTokenSource();
            var reader = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    string read = File.ReadAllText(Target);
                    if (read != first && read != second)
                    {
                        seen.Add($"a read of {read.Length} characters");
                    }
                }
            });
            reader.Start();
            for (int i = 0; i < 200; i++)
            {
                MetricsFile.Write(Target, i % 2 == 0 ? second : first, force: false);
            }

            stop.Cancel();
            reader.Join();
            Assert.Empty(seen);
            Assert.Single(Directory.GetFiles(_folder));
        }

        [Fact]
        public void TheSameWriteWithoutTheRenameWouldTearUnderTheSameReader()
        {
            // The test above can fail: writing in place, the way a plain Set-Content does, is caught by it.
            string first = Text(new string('a', 300_000));
            string second = Text(new string('b', 200_000));
            File.WriteAllText(Target, first);
            int torn = 0;
            using var stop = new CancellationTokenSource();
            var reader = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        string read = File.ReadAllText(Target);
                        if (read != first && read != second)
                        {
                            Interlocked.Increment(ref torn);
                        }
                    }
                    catch (IOException)
                    {
                        // A Windows writer's exclusive lock; not a tear.
                    }
                }
            });
            reader.Start();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; Volatile.Read(ref torn) == 0 && clock.Elapsed < TimeSpan.FromSeconds(10); i++)
            {
                try
                {
                    File.WriteAllText(Target, i % 2 == 0 ? second : first);
                }
                catch (IOException)
                {
                    // The reader's open handle on Windows.
                }
            }

            stop.Cancel();
            reader.Join();
            Assert.True(torn > 0, "writing in place never showed a reader half a file, so the atomic test proves nothing");
        }
    }
}
