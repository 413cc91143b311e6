using System.Linq;
using NetUsageTracker.Platform;
using NetUsageTracker.Tests.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Platform
{
    /// <summary>Every quoting of CommandLineQuoting reads back into the words it was given, and nothing else is guessed at.</summary>
    public class CommandLineWordsTests
    {
        private static string[] Words(string path) => new[] { path, "-Command", "x '" + path + "'", "last\\", "" };

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void ShellWordsReadBack(string path)
        {
            string[] words = Words(path);
            Assert.Equal(words, CommandLineWords.Shell(CommandLineQuoting.ShellCommandLine(words)));
            string shell = CommandLineQuoting.ShellCommandLine(words);
            Assert.Equal(shell, CommandLineWords.FromCronCommand(CommandLineQuoting.CronCommand(shell)));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void SystemdWordsReadBack(string path)
        {
            string[] words = Words(path);
            string execStart = string.Join(" ", words.Select((w, i) => CommandLineQuoting.SystemdArgument(w, isExecutable: i == 0)));
            Assert.Equal(words, CommandLineWords.Systemd(execStart));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void WindowsArgumentsReadBackAsTheCRuntimeReadsThem(string path)
        {
            string[] words = Words(path);
            string line = CommandLineQuoting.WindowsCommandLine(words);
            Assert.Equal(words, CommandLineWords.Windows(line));
            // The same split as a real argument parser (.NET's, on this platform).
            Assert.Equal(words.Take(4), AdversarialPaths.Run(AdversarialPaths.ArgvPrinter(), CommandLineQuoting.WindowsCommandLine(words.Take(4).ToArray())));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void PowerShellLiteralsReadBack(string path)
        {
            foreach (string spelledOut in new[] { "", "%", "\r\n%" })
            {
                string text = "x " + CommandLineQuoting.PowerShellLiteral(path, spelledOut) + "; y";
                int position = 2;
                Assert.Equal(path, CommandLineWords.PowerShellLiteral(text, ref position));
                Assert.Equal("; y", text.Substring(position));
            }
        }

        [Theory]
        [InlineData("pwsh -Command $HOME")]
        [InlineData("pwsh \"double\"")]
        [InlineData("pwsh `id`")]
        [InlineData("pwsh 'unterminated")]
        [InlineData("trailing\\")]
        public void ShellTextItDidNotWriteIsRefused(string text)
        {
            Assert.Null(CommandLineWords.Shell(text));
        }

        [Theory]
        [InlineData("/usr/bin/pwsh \"-Command\"")]
        [InlineData("\"unterminated")]
        [InlineData("\"bad \\x escape\"")]
        public void SystemdTextItDidNotWriteIsRefused(string text)
        {
            Assert.Null(CommandLineWords.Systemd(text));
        }

        [Theory]
        [InlineData("NetUsageTracker")]
        [InlineData("'unterminated")]
        [InlineData("('a' + [char]x + 'b')")]
        [InlineData("('a' - 'b')")]
        [InlineData("\"double\"")]
        public void PowerShellTextItDidNotWriteIsNoLiteral(string text)
        {
            int position = 0;
            Assert.Null(CommandLineWords.PowerShellLiteral(text, ref position));
            Assert.Equal(0, position);
        }
    }
}
