using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
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
            Assert.Contains(".AppendChild($xml.CreateTextNode($title))", script);
            Assert.Contains(".AppendChild($xml.CreateTextNode($message))", script);
            Assert.Contains(@"'{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe'", script);
            Assert.Contains("System.Windows.Forms.NotifyIcon", script);
            // No path by which text could become markup or code.
            foreach (string forbidden in new[] { "Invoke-Expression", "iex ", "InvokeScript", "ExpandString", "\"$title", "\"$message", "InnerXml", "OuterXml" })
            {
                Assert.DoesNotContain(forbidden, script, StringComparison.OrdinalIgnoreCase);
            }
        }

        // Windows PowerShell 5.1's WinRT toast API cannot run here, so the script that goes to Windows is checked.
        [Fact]
        public void TheWindowsToastScriptLoadsOnlyTheConstantTemplateAndNeverCallsSetAttribute()
        {
            string script = WindowsToastNotifier.Script;

            Assert.Single(Regex.Matches(script, "LoadXml"));
            Assert.Contains("$xml.LoadXml('" + WindowsToastNotifier.Template + "')", script);
            // AppendChild returns an IXmlNode under WinRT, which has no SetAttribute.
            Assert.DoesNotContain("SetAttribute", script, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("$texts = $xml.GetElementsByTagName('text')", script);
            Assert.Contains("$texts.Item(0).AppendChild($xml.CreateTextNode($title))", script);
            Assert.Contains("$texts.Item(1).AppendChild($xml.CreateTextNode($message))", script);
        }

        [Fact]
        public void TheTemplateIsAGenericToastWithTwoEmptyTextElements()
        {
            var document = new XmlDocument();
            document.LoadXml(WindowsToastNotifier.Template);

            Assert.Equal("toast", document.DocumentElement!.Name);
            var binding = (XmlElement)document.SelectSingleNode("/toast/visual/binding")!;
            Assert.Equal("ToastGeneric", binding.GetAttribute("template"));
            XmlNodeList texts = document.SelectNodes("/toast/visual/binding/text")!;
            Assert.Equal(2, texts.Count);
            Assert.All(texts.Cast<XmlElement>(), text => Assert.Equal("", text.InnerXml));
            // Single quotes would end the PowerShell string the script holds it in.
            Assert.DoesNotContain("'", WindowsToastNotifier.Template);
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
