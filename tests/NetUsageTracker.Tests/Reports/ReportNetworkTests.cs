using System;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    /// <summary>The report's section per network: what each network carried this month and all time, the busiest first.</summary>
    public class ReportNetworkTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 25, 11, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void TheReportHasASectionPerNetworkWhereTheHistoryRecordedNetworks()
        {
            using var db = new HistoryTestDatabase();
            var home = new InterfaceNetwork("wlan0", "Home & <Garden>", "5d0b1f3e-0000-4000-8000-000000000001", false, NetworkOrigin.NetworkManager);
            var hotspot = new InterfaceNetwork("wlan0", "Pixel 7", "5d0b1f3e-0000-4000-8000-000000000002", true, NetworkOrigin.NetworkManager);
            db.Networks = new NetworkSnapshot(new[] { home });
            db.Record(Now.AddDays(-40), ("wlan0", 0, 0));
            db.Record(Now.AddDays(-39), ("wlan0", 5000, 0)); // October: home's
            db.Record(Now.AddHours(-2), ("wlan0", 6000, 0));
            db.Networks = new NetworkSnapshot(new[] { hotspot });
            db.Record(Now.AddHours(-1), ("wlan0", 9000, 1000)); // home's, recorded at the change; the two networks tie all time, so by name
            db.Record(Now, ("wlan0", 19_000, 1000));

            MachineUsage usage = HistoryReportSource.Load(db.Reader, "pc", db.FilePath, new[] { "wlan0" }, null, db.Readings(Now, ("wlan0", 19_000, 1000)), _ => null, db.Zone);
            MachineReport machine = ReportBuilder.Build("t", new[] { usage }, Now, db.Zone).Machines[0];
            Assert.Equal(new[] { ("Home & <Garden>", 5000UL, 10_000UL), ("Pixel 7", 10_000UL, 10_000UL) },
                machine.Networks.Select(n => (n.NetworkName, n.MonthReceived + n.MonthSent, n.Total)));

            string html = ReportPage.Write(ReportBuilder.Build("t", new[] { usage }, Now, db.Zone));
            Assert.Contains("<section class=\"networks\" aria-label=\"Networks\">", html);
            Assert.Contains($"data-network=\"{hotspot.NetworkId}\"", html);
            Assert.Contains("Pixel 7 (metered)", html);
            Assert.Contains("Home &amp; &lt;Garden&gt;", html);
        }

        [Fact]
        public void AHistoryWithoutNetworksHasNoNetworkSection()
        {
            using var db = new HistoryTestDatabase();
            db.Record(Now.AddHours(-1), ("eth0", 0, 0));
            db.Record(Now, ("eth0", 100, 0));
            MachineUsage usage = HistoryReportSource.Load(db.Reader, "pc", db.FilePath, new[] { "eth0" }, null, db.Readings(Now, ("eth0", 100, 0)), _ => null, db.Zone);
            Assert.Empty(usage.Networks);
            Assert.DoesNotContain("class=\"networks\"", ReportPage.Write(ReportBuilder.Build("t", new[] { usage }, Now, db.Zone)));
        }
    }
}
