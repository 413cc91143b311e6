using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NetUsageTracker.History;
using NetUsageTracker.Processes;
using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    /// <summary>The report's "Top apps this month": ten processes, the rest together, other users and the remainder, adding up to the month.</summary>
    public class TopAppsSectionTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 25, 11, 0, 0, DateTimeKind.Utc);

        private static NetProcessUsageHistory Row(ProcessUsageKind kind, string name, ulong received, ulong total) => new NetProcessUsageHistory
        {
            Period = HistoryResolution.Month, PeriodStart = new DateTime(2026, 11, 1), PeriodEnd = new DateTime(2026, 12, 1),
            Kind = kind, ProcessName = name, InterfaceName = "eth0", BytesReceived = received, BytesSent = 7, Percent = (received + 7) * 100.0 / total,
        };

        private static string Page(IEnumerable<NetProcessUsageHistory> apps)
        {
            var usage = new MachineUsage("pc", "usage.db");
            usage.Add(new NetUsageHistory { Period = HistoryResolution.Month, PeriodStart = new DateTime(2026, 11, 1), PeriodEnd = new DateTime(2026, 12, 1), InterfaceName = "eth0", BytesReceived = 1000, BytesSent = 1 });
            usage.TopApps.AddRange(apps);
            return ReportPage.Write(ReportBuilder.Build("Usage", new[] { usage }, Now, HistoryTestDatabase.Berlin));
        }

        [Fact]
        public void TenProcessesThenTheRestTogetherThenOtherUsersAndUnattributedAddingUpToTheMonth()
        {
            const ulong total = 12 * 1007UL + 3 * 7;
            var apps = new List<NetProcessUsageHistory>();
            for (int i = 1; i <= 12; i++)
            {
                apps.Add(Row(ProcessUsageKind.Process, "app<" + i + ">", (ulong)(i * 1000) - 7, total));
            }

            apps.Add(Row(ProcessUsageKind.OtherProcesses, ProcessUsageNames.OtherProcesses, 500, total));
            apps.Add(Row(ProcessUsageKind.OtherUser, ProcessUsageNames.OtherUsers, 300, total));
            apps.Add(Row(ProcessUsageKind.Unattributed, ProcessUsageNames.Unattributed, 200, total));

            string html = Page(apps);

            Assert.Contains("<h3>Top apps this month</h3>", html);
            MatchCollection names = Regex.Matches(html, "<tr data-kind=\"(\\w+)\"><th scope=\"row\">([^<]*)</th>");
            Assert.Equal(13, names.Count);
            Assert.Equal("app&lt;12&gt;", names[0].Groups[2].Value);
            Assert.Equal(ProcessUsageNames.OtherProcesses, names[10].Groups[2].Value);
            Assert.Equal(ProcessUsageNames.OtherUsers, names[11].Groups[2].Value);
            Assert.Equal(ProcessUsageNames.Unattributed, names[12].Groups[2].Value);
            // The two smallest processes and the recorded other processes are one row.
            Assert.Contains($"data-field=\"TotalBytes\" data-value=\"{1000 + 2000 + 507}\"", html);
            ulong sum = Regex.Matches(html, "data-field=\"TotalBytes\" data-value=\"(\\d+)\"").Select(m => ulong.Parse(m.Groups[1].Value)).Aggregate(0UL, (s, v) => s + v);
            Assert.Equal(apps.Aggregate(0UL, (s, r) => s + r.TotalBytes), sum);
        }

        [Fact]
        public void WithoutPerProcessRowsThereIsNoSection()
        {
            Assert.DoesNotContain("Top apps", Page(Array.Empty<NetProcessUsageHistory>()));
            Assert.DoesNotContain("Top apps", Page(new[] { Row(ProcessUsageKind.Unattributed, ProcessUsageNames.Unattributed, 1000, 1001) }));
        }
    }
}
