using System;
using System.Text.RegularExpressions;
using NetUsageTracker.History;
using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    public class ReportPageTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 25, 11, 0, 0, DateTimeKind.Utc);

        private static string Page(string interfaceName, string title, string computer = "pc")
        {
            var usage = new MachineUsage(computer, "pipeline input");
            foreach (HistoryResolution resolution in new[] { HistoryResolution.FiveMinute, HistoryResolution.Hour, HistoryResolution.Day, HistoryResolution.Month })
            {
                DateTime start = Timeline.Recent(resolution, 1, Now, HistoryTestDatabase.Berlin)[0].Start;
                usage.Add(new NetUsageHistory { Period = resolution, PeriodStart = start, PeriodEnd = start.AddMinutes(5), InterfaceName = interfaceName, BytesReceived = 1234567, BytesSent = 89 });
            }

            usage.Add(new NetUsageHistory { Period = HistoryResolution.Day, PeriodStart = new DateTime(2026, 11, 1), InterfaceName = "eth0", BytesReceived = 1 });
            usage.Add(new NetUsageQuota
            {
                InterfaceName = interfaceName + ",eth0", Used = 10, Limit = 100, PercentUsed = 10,
                PeriodStart = new DateTime(2026, 11, 1), PeriodEnd = new DateTime(2026, 12, 1),
            });
            return ReportPage.Write(ReportBuilder.Build(title, new[] { usage, new MachineUsage(computer + "2", "pipeline input") }, Now, HistoryTestDatabase.Berlin));
        }

        [Fact]
        public void TheQuotasPeriodEndsWhereGetNetUsageQuotaSaysItEnds()
        {
            // PeriodEnd is exclusive (the moment the next period begins) in every object: the report names the same
            // moment, not the day before it.
            string html = Page("wan0", "t");
            Assert.Matches("<h4>This [a-z ]+: 1 Nov 2026 00:00 \u2013 1 Dec 2026 00:00</h4>", html);
        }

        [Theory]
        [MemberData(nameof(AdversarialText.NonEmpty), MemberType = typeof(AdversarialText))]
        public void NamesAndTitlesAreTextWherever(string sample)
        {
            string html = Page(sample, sample, sample);
            string escapedText = MarkupWriter.EscapeText(sample, attribute: false);
            string escapedAttribute = MarkupWriter.EscapeText(sample, attribute: true);
            Assert.Contains("<title>" + escapedText + "</title>", html);
            Assert.Contains("<h1>" + escapedText + "</h1>", html);
            Assert.Contains("data-interfaces=\"" + escapedAttribute + ",eth0\"", html);
            Assert.Contains("data-computer=\"" + escapedAttribute + "\"", html);
            Assert.Contains("<h2>" + escapedText + "</h2>", html);
            // The only script-like text left is escaped: no element but the report's own.
            Assert.DoesNotMatch(new Regex("<script", RegexOptions.IgnoreCase), html);
        }

        [Fact]
        public void ThePageFetchesNothingAndHasEveryChartWithItsTable()
        {
            string html = Page("eth1", "Usage");
            Assert.DoesNotMatch(new Regex("https?://", RegexOptions.IgnoreCase), html);
            Assert.DoesNotMatch(new Regex("<(script|link|img|iframe)", RegexOptions.IgnoreCase), html);
            foreach (string chart in new[] { "five-minute", "hour", "day", "month", "top-days" })
            {
                Assert.Contains($"data-chart=\"{chart}\"", html);
            }

            Assert.Equal(15, Regex.Matches(html, "<details class=\"data\">").Count); // 5 charts in 3 views
            Assert.Contains("received 1,234,567 B, sent 89 B", html);
            Assert.Contains("prefers-color-scheme:dark", html);
            Assert.Contains("@media print", html);
            Assert.Contains("role=\"img\" aria-labelledby=", html);
            Assert.Contains("data-empty=\"true\"", html); // the second machine has nothing yet
        }
    }
}
