using System;
using System.Diagnostics;
using System.Text;
using NetUsageTracker.Alerts;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class WindowsToastNotifierTests
    {
        private const string ExpectedPrefix = "-NoProfile -NonInteractive -WindowStyle Hidden -EncodedCommand ";

        [Theory]
        [MemberData(nameof(AdversarialText.NonEmpty), MemberType = typeof(AdversarialText))]
        public void TheTextTravelsOnlyInTheEnvironment(string text)
        {
            ProcessStartInfo startInfo = WindowsToastNotifier.BuildStartInfo("Title " + text, text, @"C:\Windows");

            Assert.Equal(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", startInfo.FileName);
            // The command line is the same constant whatever the text: nothing to inject into.
            Assert.Equal(ExpectedPrefix + WindowsToastNotifier.EncodedScript, startInfo.Arguments);
            Assert.Equal("Title " + text, startInfo.Environment[WindowsToastNotifier.TitleVariable]);
            Assert.Equal(text, startInfo.Environment[WindowsToastNotifier.MessageVariable]);
        }

        [Fact]
        public void TheEncodedCommandIsTheConstantScriptInUtf16()
        {
            string encoded = WindowsToastNotifier.BuildStartInfo("t", "m", @"C:\Windows\").Arguments.Substring(ExpectedPrefix.Length);

            Assert.Equal(WindowsToastNotifier.Script, Encoding.Unicode.GetString(Convert.FromBase64String(encoded)));
        }

        [Fact]
        public void TheScriptPutsTextIntoTheXmlOnlyAsTextNodes()
        {
            string script = WindowsToastNotifier.Script;

            Assert.Contains("[Environment]::GetEnvironmentVariable('" + WindowsToastNotifier.TitleVariable + "')", script);
            Assert.Contains("[Environment]::GetEnvironmentVariable('" + WindowsToastNotifier.MessageVariable + "')", script);
            Assert.Contains(".AppendChild($xml.CreateTextNode($text))", script);
            Assert.Contains(@"'{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe'", script);
            Assert.Contains("System.Windows.Forms.NotifyIcon", script);
            // No path by which text could become markup or code.
            foreach (string forbidden in new[] { "LoadXml", "Invoke-Expression", "iex ", "InvokeScript", "ExpandString", "\"$title", "\"$message" })
            {
                Assert.DoesNotContain(forbidden, script, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void NulCharactersAreDroppedBecauseAnEnvironmentBlockCannotHoldThem()
        {
            ProcessStartInfo startInfo = WindowsToastNotifier.BuildStartInfo("a\0b", "c\0d", @"C:\Windows");

            Assert.Equal("ab", startInfo.Environment[WindowsToastNotifier.TitleVariable]);
            Assert.Equal("cd", startInfo.Environment[WindowsToastNotifier.MessageVariable]);
        }
    }
}
