using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using NetUsageTracker.Metrics;
using Xunit;

namespace NetUsageTracker.Tests.Metrics
{
    public class ExpositionTextTests
    {
        [Theory]
        [MemberData(nameof(AdversarialText.Data), MemberType = typeof(AdversarialText))]
        public void ALabelValueComesBackUnchangedFromOneLine(string value)
        {
            var family = new MetricFamily("x_bytes", MetricType.Gauge, "help", "interface", "plan");
            family.Add(1UL, value, "second");
            string text = ExpositionText.Write(new[] { family });

            string[] lines = text.Split('\n');
            // Header, HELP, TYPE, the sample, and the empty string after the last LF.
            Assert.Equal(5, lines.Length);
            Assert.Equal("", lines[4]);
            (string name, Dictionary<string, string> labels, string number) = ParseSample(lines[3]);
            Assert.Equal("x_bytes", name);
            Assert.Equal(value, labels["interface"]);
            Assert.Equal("second", labels["plan"]);
            Assert.Equal("1", number);
        }

        [Theory]
        [MemberData(nameof(AdversarialText.Data), MemberType = typeof(AdversarialText))]
        public void AHelpTextStaysOnItsLineAndComesBackUnchanged(string help)
        {
            var family = new MetricFamily("x_bytes", MetricType.Gauge, help);
            family.Add(2UL);
            string[] lines = ExpositionText.Write(new[] { family }).Split('\n');
            Assert.StartsWith("# HELP x_bytes ", lines[1]);
            Assert.Equal(help, Unescape(lines[1].Substring("# HELP x_bytes ".Length), inQuotes: false));
            Assert.Equal("# TYPE x_bytes gauge", lines[2]);
            Assert.Equal("x_bytes 2", lines[3]);
        }

        [Fact]
        public void EscapesExactlyBackslashNewlineAndQuoteAndLeavesOtherLettersAsTheyAre()
        {
            var family = new MetricFamily("x", MetricType.Counter, "a \\ b \" c\nd Ω");
            family.Add(1UL, new string[0]);
            var labelled = new MetricFamily("y", MetricType.Gauge, "h", "l");
            labelled.Add(1UL, "a\\b\"c\nd\r\tΩ\u4E2D\U0001F4F6");
            string text = ExpositionText.Write(new[] { family, labelled });
            Assert.Contains("# HELP x a \\\\ b \" c\\nd Ω\n", text);
            Assert.Contains("y{l=\"a\\\\b\\\"c\\nd\r\tΩ\u4E2D\U0001F4F6\"} 1\n", text);
        }

        [Fact]
        public void EveryFamilyHasHelpAndTypeAndAFamilyWithoutSamplesIsLeftOut()
        {
            var counter = new MetricFamily("a_total", MetricType.Counter, "counted", "k");
            counter.Add(5UL, "v");
            counter.Add(6UL, "w");
            var empty = new MetricFamily("b_bytes", MetricType.Gauge, "nothing");
            var gauge = new MetricFamily("c_ratio", MetricType.Gauge, "ratio");
            gauge.Add(0.5);
            string text = ExpositionText.Write(new[] { counter, empty, gauge });
            Assert.Equal(
                ExpositionText.Header + "\n" +
                "# HELP a_total counted\n# TYPE a_total counter\na_total{k=\"v\"} 5\na_total{k=\"w\"} 6\n" +
                "# HELP c_ratio ratio\n# TYPE c_ratio gauge\nc_ratio 0.5\n",
                text);
            Assert.DoesNotContain("b_bytes", text);
        }

        [Fact]
        public void NumbersAreWrittenTheSameInEveryCulture()
        {
            CultureInfo saved = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            try
            {
                Assert.Equal("18446744073709551615", ((MetricValue)ulong.MaxValue).ToString());
                Assert.Equal("0.123456789", ((MetricValue)0.123456789).ToString());
                Assert.Equal("1796588557.361", ((MetricValue)1796588557.361).ToString());
                Assert.Equal("NaN", ((MetricValue)double.NaN).ToString());
                Assert.Equal("+Inf", ((MetricValue)double.PositiveInfinity).ToString());
                Assert.Equal("-Inf", ((MetricValue)double.NegativeInfinity).ToString());
                Assert.Equal(0.1 + 0.2, double.Parse(((MetricValue)(0.1 + 0.2)).ToString(), CultureInfo.InvariantCulture));
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }

        [Theory]
        [InlineData("1abc")]
        [InlineData("a-b")]
        [InlineData("")]
        [InlineData("a b")]
        [InlineData("bytes_ü")]
        public void AnInvalidMetricNameIsRefused(string name)
        {
            Assert.Throws<ArgumentException>(() => new MetricFamily(name, MetricType.Gauge, "h"));
        }

        [Theory]
        [InlineData("a:b")]
        [InlineData("__reserved")]
        [InlineData("9")]
        public void AnInvalidLabelNameIsRefused(string label)
        {
            Assert.Throws<ArgumentException>(() => new MetricFamily("x", MetricType.Gauge, "h", label));
        }

        [Fact]
        public void ASampleMustGiveEveryLabelAValue()
        {
            var family = new MetricFamily("x", MetricType.Gauge, "h", "a", "b");
            Assert.Throws<ArgumentException>(() => family.Add(1UL, "only one"));
        }

        /// <summary>Reads one sample line as the text format defines it, independently of the writer.</summary>
        internal static (string Name, Dictionary<string, string> Labels, string Value) ParseSample(string line)
        {
            var labels = new Dictionary<string, string>();
            int i = 0;
            while (i < line.Length && line[i] != '{' && line[i] != ' ')
            {
                i++;
            }

            string name = line.Substring(0, i);
            if (line[i] == '{')
            {
                i++;
                while (line[i] != '}')
                {
                    int eq = line.IndexOf('=', i);
                    string label = line.Substring(i, eq - i);
                    Assert.Equal('"', line[eq + 1]);
                    var value = new StringBuilder();
                    int j = eq + 2;
                    for (; line[j] != '"'; j++)
                    {
                        if (line[j] == '\\')
                        {
                            j++;
                            value.Append(line[j] switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => throw new FormatException($"\\{line[j]} is no escape") });
                        }
                        else
                        {
                            value.Append(line[j]);
                        }
                    }

                    labels.Add(label, value.ToString());
                    i = j + 1;
                    if (line[i] == ',')
                    {
                        i++;
                    }
                }

                i++;
            }

            Assert.Equal(' ', line[i]);
            return (name, labels, line.Substring(i + 1));
        }

        private static string Unescape(string text, bool inQuotes)
        {
            var value = new StringBuilder();
            for (int j = 0; j < text.Length; j++)
            {
                if (text[j] == '\\')
                {
                    j++;
                    value.Append(text[j] switch { 'n' => '\n', '\\' => '\\', '"' when inQuotes => '"', _ => throw new FormatException($"\\{text[j]} is no escape") });
                }
                else
                {
                    value.Append(text[j]);
                }
            }

            return value.ToString();
        }

        [Fact]
        public void ParseSampleReadsWhatTheWriterWrites()
        {
            // The test's own reader must not agree by accident: a hand-written line with every escape.
            (string name, Dictionary<string, string> labels, string value) = ParseSample("m{a=\"x\\\\y\\\"z\\nw\",b=\"\"} 3");
            Assert.Equal("m", name);
            Assert.Equal("x\\y\"z\nw", labels["a"]);
            Assert.Equal("", labels["b"]);
            Assert.Equal("3", value);
            Assert.Equal(2, labels.Keys.Count());
        }
    }
}
