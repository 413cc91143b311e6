using NetUsageTracker.Platform;
using NetUsageTracker.Tests.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Platform
{
    public class CommandLineQuotingTests
    {
        [Theory]
        [InlineData("plain", "'plain'")]
        [InlineData("it's", "'it''s'")]
        [InlineData("a\u2018b\u2019c\u201Ad\u201Be", "'a\u2018\u2018b\u2019\u2019c\u201A\u201Ad\u201B\u201Be'")]
        [InlineData("$HOME `n \"x\"", "'$HOME `n \"x\"'")]
        public void PowerShellLiteralDoublesEverySingleQuote(string value, string expected)
        {
            Assert.Equal(expected, CommandLineQuoting.PowerShellLiteral(value));
        }

        [Fact]
        public void PowerShellLiteralSpellsPercentAsACharWhenAsked()
        {
            Assert.Equal("'50% off'", CommandLineQuoting.PowerShellLiteral("50% off"));
            Assert.Equal("('50' + [char]37 + ' off' + [char]37 + '' + [char]37 + 'x''s')", CommandLineQuoting.PowerShellLiteral("50% off%%x's", "%"));
        }

        [Fact]
        public void PowerShellLiteralSpellsOutSeveralCharacters()
        {
            Assert.Equal("('a' + [char]10 + 'b' + [char]13 + '' + [char]37 + '')", CommandLineQuoting.PowerShellLiteral("a\nb\r%", "%\r\n"));
        }

        [Theory]
        [InlineData("simple", "simple")]
        [InlineData("with space", "\"with space\"")]
        [InlineData("", "\"\"")]
        [InlineData(@"C:\trailing\", @"C:\trailing\")]
        [InlineData(@"C:\Program Files\x\", "\"C:\\Program Files\\x\\\\\"")]
        [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
        [InlineData(@"back\\""quote", "\"back\\\\\\\\\\\"quote\"")]
        public void WindowsArgumentFollowsTheCRuntimeRules(string value, string expected)
        {
            Assert.Equal(expected, CommandLineQuoting.WindowsArgument(value));
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void WindowsCommandLineRoundTripsThroughARealArgumentParser(string path)
        {
            // .NET splits ProcessStartInfo.Arguments with the CommandLineToArgvW rules on every platform.
            string[] arguments = { path, "-Command", "x '" + path + "'", "last\\" };
            string[] received = AdversarialPaths.Run(AdversarialPaths.ArgvPrinter(), CommandLineQuoting.WindowsCommandLine(arguments));
            Assert.Equal(arguments, received);
        }

        [Theory]
        [MemberData(nameof(AdversarialPaths.UnixCases), MemberType = typeof(AdversarialPaths))]
        [MemberData(nameof(AdversarialPaths.WindowsCases), MemberType = typeof(AdversarialPaths))]
        public void ShellCommandLineRoundTripsThroughSh(string path)
        {
            string printer = AdversarialPaths.ArgvPrinter();
            string line = CommandLineQuoting.ShellCommandLine(printer, path, "-Command", "x '" + path + "'");
            string[] received = AdversarialPaths.Run("/bin/sh", CommandLineQuoting.WindowsCommandLine("-c", line));
            Assert.Equal(new[] { path, "-Command", "x '" + path + "'" }, received);
        }

        [Theory]
        [InlineData("/usr/bin/pwsh", "/usr/bin/pwsh")]
        [InlineData("a b", "'a b'")]
        [InlineData("it's", "'it'\\''s'")]
        [InlineData("", "''")]
        public void ShellWordQuotesOnlyWhenNeeded(string value, string expected)
        {
            Assert.Equal(expected, CommandLineQuoting.ShellWord(value));
        }

        [Fact]
        public void CronCommandEscapesEveryPercent()
        {
            Assert.Equal("printf '50\\% \\%\\%'", CommandLineQuoting.CronCommand("printf '50% %%'"));
        }

        [Theory]
        [InlineData("/usr/bin/pwsh", "\"/usr/bin/pwsh\"")]
        [InlineData("50% %h", "\"50%% %%h\"")]
        [InlineData("$HOME ${X} $$", "\"$$HOME $${X} $$$$\"")]
        [InlineData("say \"hi\" \\ done", "\"say \\\"hi\\\" \\\\ done\"")]
        [InlineData("it's", "\"it's\"")]
        [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
        public void SystemdArgumentEscapesQuotesSpecifiersAndVariables(string value, string expected)
        {
            Assert.Equal(expected, CommandLineQuoting.SystemdArgument(value));
        }
    }
}
