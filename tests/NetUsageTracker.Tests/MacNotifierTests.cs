using System.Collections.Generic;
using System.Diagnostics;
using NetUsageTracker.Alerts;
using NetUsageTracker.Tests.Platform;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class MacNotifierTests
    {
        [Theory]
        [MemberData(nameof(AdversarialText.NonEmpty), MemberType = typeof(AdversarialText))]
        public void OsascriptReceivesTheConstantScriptThenTheTextAsArguments(string text)
        {
            var expected = new List<string>
            {
                "-e", "on run argv",
                "-e", "display notification (item 2 of argv) with title (item 1 of argv)",
                "-e", "end run",
                "--", text, "Message " + text,
            };

            ProcessStartInfo startInfo = MacNotifier.BuildStartInfo(text, "Message " + text);

            Assert.Equal("/usr/bin/osascript", startInfo.FileName);
            Assert.Equal(expected, MacNotifier.BuildArguments(text, "Message " + text));
            // What the process will see as argv after the runtime splits the command line.
            Assert.Equal(expected, CommandLineQuotingTests.ParseLikeWindows(startInfo.Arguments));
        }

        [Fact]
        public void TheScriptNeverContainsTheText()
        {
            List<string> arguments = MacNotifier.BuildArguments("\" & do shell script \"touch /tmp/x", "m");

            Assert.Equal(MacNotifier.ScriptLines, new[] { arguments[1], arguments[3], arguments[5] });
            Assert.Equal(new[] { "-e", "-e", "-e", "--" }, new[] { arguments[0], arguments[2], arguments[4], arguments[6] });
        }
    }
}
