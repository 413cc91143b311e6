using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using NetUsageTracker.Platform;
using Xunit;

namespace NetUsageTracker.Tests.Platform
{
    public class WindowsCommandLineTests
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
    }
}
