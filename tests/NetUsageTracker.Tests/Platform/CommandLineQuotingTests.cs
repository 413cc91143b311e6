using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using NetUsageTracker.Platform;
using NetUsageTracker.Tests.Scheduling;
using Xunit;

namespace NetUsageTracker.Tests.Platform
{
    public class CommandLineQuotingTests
    {
        /// <summary>
        /// Splits a command line by the documented CommandLineToArgvW / C runtime rules: whitespace
        /// separates; 2n backslashes + quote = n backslashes and a quote toggle; 2n+1 backslashes + quote
        /// = n backslashes and a literal quote; other backslashes are literal; "" inside quotes is a quote.
        /// </summary>
        internal static List<string> ParseLikeWindows(string commandLine)
        {
            var args = new List<string>();
            int i = 0;
            while (true)
            {
                while (i < commandLine.Length && (commandLine[i] == ' ' || commandLine[i] == '\t'))
                {
                    i++;
                }

                if (i >= commandLine.Length)
                {
                    return args;
                }

                var current = new StringBuilder();
                bool inQuotes = false;
                for (; i < commandLine.Length; i++)
                {
                    char c = commandLine[i];
                    if (c == '\\')
                    {
                        int n = 0;
                        while (i < commandLine.Length && commandLine[i] == '\\')
                        {
                            n++;
                            i++;
                        }

                        if (i < commandLine.Length && commandLine[i] == '"')
                        {
                            current.Append('\\', n / 2);
                            if (n % 2 == 1)
                            {
                                current.Append('"');
                                continue;
                            }
                        }
                        else
                        {
                            current.Append('\\', n);
                        }

                        i--;
                        continue;
                    }

                    if (c == '"')
                    {
                        if (inQuotes && i + 1 < commandLine.Length && commandLine[i + 1] == '"')
                        {
                            current.Append('"');
                            i++;
                        }
                        else
                        {
                            inQuotes = !inQuotes;
                        }

                        continue;
                    }

                    if ((c == ' ' || c == '\t') && !inQuotes)
                    {
                        break;
                    }

                    current.Append(c);
                }

                args.Add(current.ToString());
            }
        }

        [Theory]
        [MemberData(nameof(AdversarialText.Data), MemberType = typeof(AdversarialText))]
        public void EveryArgumentSplitsBackExactlyByTheWindowsRules(string text)
        {
            var argv = new List<string> { text, "second", text + "\\", "\"" + text };

            List<string> parsed = ParseLikeWindows(CommandLineQuoting.WindowsCommandLine(argv));

            Assert.Equal(argv, parsed);
        }

        [Theory]
        [InlineData("a b", "\"a b\"")]
        [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
        [InlineData("C:\\dir\\", "\"C:\\dir\\\\\"")]
        [InlineData("a\\\\\"b", "\"a\\\\\\\\\\\"b\"")]
        [InlineData("", "\"\"")]
        public void QuotesAsTheRulesRequire(string argument, string expected)
        {
            Assert.Equal(expected, CommandLineQuoting.QuotedWindowsArgument(argument));
        }

        [Fact]
        public void TheRuntimeSplitsTheCommandLineIntoTheSameArgv()
        {
            // .NET on Unix turns ProcessStartInfo.Arguments into argv by these rules too: a real
            // process (printf, one NUL-terminated line per argument) shows what it received.
            List<string> argv = AdversarialText.Samples.ToList();
            var startInfo = new ProcessStartInfo("/usr/bin/printf", CommandLineQuoting.WindowsCommandLine(new[] { "%s\\0" }.Concat(argv)))
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
                StandardOutputEncoding = new UTF8Encoding(false),
            };

            using Process process = Process.Start(startInfo)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(0, process.ExitCode);
            Assert.Equal(argv, output.Split('\0').Take(argv.Count).ToList());
            Assert.Equal(argv.Count + 1, output.Split('\0').Length);
        }

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
