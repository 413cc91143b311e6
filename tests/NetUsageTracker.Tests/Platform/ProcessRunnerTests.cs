using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using NetUsageTracker.Platform;
using Xunit;

namespace NetUsageTracker.Tests.Platform
{
    /// <summary>The one runner of the schedulers' commands and the notifiers' helpers, with real processes.</summary>
    public class ProcessRunnerTests
    {
        [Fact]
        public void StandardInputArrivesByteForByteAndIsClosed()
        {
            byte[] input = { 0x41, 0x00, 0xE9, 0xFF, 0x0A, 0x25 };
            ProcessResult result = ProcessRunner.Run(new ProcessStartInfo("/bin/sh", "-c \"od -An -tx1 -v\""), TimeSpan.FromSeconds(10), input);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("41 00 e9 ff 0a 25", result.Output.Trim());
        }

        [Fact]
        public void AProgramThatFillsBothPipesFinishes()
        {
            // A megabyte on each stream, far more than a pipe holds: read one after the other, it would block.
            const string Script = "head -c 1048576 /dev/zero | tr '\\\\0' e >&2; head -c 1048576 /dev/zero | tr '\\\\0' o; exit 4";
            ProcessResult result = ProcessRunner.Run(new ProcessStartInfo("/bin/sh", CommandLineQuoting.WindowsCommandLine("-c", Script)), TimeSpan.FromSeconds(20));

            Assert.Equal(4, result.ExitCode);
            Assert.Equal(1048576, result.Output.Length);
            Assert.Equal(1048576, result.Error.Length);
        }

        [Fact]
        public void AMissingProgramCannotStart()
        {
            Assert.ThrowsAny<Win32Exception>(() => ProcessRunner.Run(new ProcessStartInfo("/nonexistent/schtasks.exe", ""), TimeSpan.FromSeconds(10)));
        }

        [Fact]
        public void AProgramPastItsDeadlineIsEnded()
        {
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<ProcessTimeoutException>(() => ProcessRunner.Run(new ProcessStartInfo("/bin/sleep", "30"), TimeSpan.FromMilliseconds(300)));

            Assert.Equal("sleep did not finish within 0.3 s", e.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void FirstLinesIsOneLineOfAtMostThreeHundredCharacters()
        {
            Assert.Equal("no GUI session here", ProcessRunner.FirstLines("\nno GUI\r\nsession here\n"));
            string longer = ProcessRunner.FirstLines(new string('x', 400));
            Assert.Equal(new string('x', 300) + "...", longer);
        }

        [Fact]
        public void OutputIsReadInTheEncodingAsked()
        {
            var start = new ProcessStartInfo("/bin/sh", CommandLineQuoting.WindowsCommandLine("-c", "printf '\\303\\251'")) { StandardOutputEncoding = Encoding.GetEncoding(28591) };
            ProcessResult result = ProcessRunner.Run(start, TimeSpan.FromSeconds(10));

            Assert.Equal("\u00C3\u00A9", result.Output);
        }
    }
}
