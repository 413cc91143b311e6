using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    public class ReportBuilderTests
    {
        private const ulong MB = 1UL << 20;
        private static readonly DateTime Now = new DateTime(2026, 11, 25, 11, 0, 0, DateTimeKind.Utc); // noon in Berlin

        /// <summary>A history of two interfaces recorded hourly for 40 days: eth0 1 MB an hour, wlan0 a busy day.</summary>
        private static HistoryTestDatabase History()
        {
            var db = new HistoryTestDatabase();
            ulong eth = 0, wlan = 0;
            for (DateTime t = Now.AddDays(-40); t <= Now; t = t.AddHours(1))
            {
                db.Record(t, ("eth0", eth, eth / 4), ("wlan0", wlan, 0));
                eth += MB;
                wlan += TimeZoneInfo.ConvertTimeFromUtc(t, db.Zone).Date == new DateTime(2026, 11, 20) ? 100 * MB : MB / 2;
            }

            return db;
        }

        private static MachineUsage Load(HistoryTestDatabase db, QuotaRequest? quota) =>
            HistoryReportSource.Load(db.Reader, "pc", db.FilePath, new[] { "eth0", "wlan0" }, quota, db.Readings(Now), _ => null, db.Zone);

        [Fact]
        public void TheQuotaIsGetNetUsageQuotaOwnComputation()
        {
            using HistoryTestDatabase db = History();
            var request = new QuotaRequest(50L << 30, QuotaPeriod.Month, 7, UsageDirection.Received);
            MachineUsage usage = Load(db, request);
            NetUsageQuota expected = QuotaCalculator.Compute(db.Reader, n => n == "eth0" || n == "wlan0", "eth0,wlan0", request.Limit,
                QuotaPeriod.Month, 7, UsageDirection.Received, Now, (0, 0), db.Zone);
            UsageReport report = ReportBuilder.Build("t", new[] { usage }, Now, db.Zone);
            NetUsageQuota shown = report.Machines[0].Views[0].Quota!;
            Assert.Equal(expected.Used, shown.Used);
            Assert.Equal(expected.Forecast, shown.Forecast);
            Assert.Equal(expected.DailyBudget, shown.DailyBudget);
            Assert.Equal(expected.PeriodStart, shown.PeriodStart);
            Assert.Equal("eth0", report.Machines[0].Views[1].Quota!.InterfaceName);
        }

        [Fact]
        public void ViewsAreTheInterfacesTogetherThenEachAlone()
        {
            using HistoryTestDatabase db = History();
            MachineReport machine = ReportBuilder.Build("t", new[] { Load(db, null) }, Now, db.Zone).Machines[0];
            Assert.Equal(new[] { "eth0 + wlan0 together", "eth0", "wlan0" }, machine.Views.Select(v => v.Heading));
            Assert.Null(machine.Quota);
            UsageView together = machine.Views[0];
            Assert.Equal(new[] { "five-minute", "hour", "day", "month", "top-days" }, together.Charts.Select(c => c.Id));
            Assert.Empty(together.Missing);

            // Today: 12 hourly recordings of eth0 (00:00 to 11:00 UTC land from 01:00 to noon) plus wlan0's half.
            PeriodTotal today = together.Totals.Single(t => t.Name == "Today");
            (ulong rx, ulong tx) = db.Reader.SumDays(new DateTime(2026, 11, 25), new DateTime(2026, 11, 26), _ => true);
            Assert.Equal(rx, today.Received);
            Assert.Equal(tx, today.Sent);
            PeriodTotal allTime = together.Totals.Single(t => t.Name == "All time");
            Assert.Equal(db.Total("eth0").Rx + db.Total("wlan0").Rx, allTime.Received);

            BarChart day = together.Charts.Single(c => c.Id == "day");
            Assert.Equal(30, day.Slots.Count);
            Assert.Equal(new DateTime(2026, 11, 20), day.Peak!.Start);
            Assert.Equal(new DateTime(2026, 11, 20), together.Charts.Single(c => c.Id == "top-days").Slots[0].Start);
            Assert.Equal(576, together.Charts[0].Slots.Count);
        }

        [Fact]
        public void OneTopDayIsOneBarOfATopTenChartNotTheWholeWidth()
        {
            using var db = new HistoryTestDatabase();
            db.Record(Now.AddHours(-2), ("eth0", 0, 0));
            db.Record(Now.AddHours(-1), ("eth0", 5 * MB, MB));
            MachineUsage usage = HistoryReportSource.Load(db.Reader, "pc", db.FilePath, new[] { "eth0" }, null, db.Readings(Now), _ => null, db.Zone);
            BarChart top = ReportBuilder.Build("t", new[] { usage }, Now, db.Zone).Machines[0].Views[0].Charts.Single(c => c.Id == "top-days");
            Assert.Single(top.Slots);
            Assert.Equal(BarChart.PlotWidth / ReportBuilder.TopDayCount, top.SlotWidth, 6);
        }

        [Fact]
        public void AnEmptyChartBesideTrafficNotYetRecordedSaysSoNotNoTraffic()
        {
            using var db = new HistoryTestDatabase();
            db.Record(Now.AddMinutes(-1), ("eth0", 1000, 1000));
            // 520 bytes since the only (first) recording: in the totals, in no chart yet.
            MachineUsage usage = HistoryReportSource.Load(db.Reader, "pc", db.FilePath, new[] { "eth0" }, null, db.Readings(Now, ("eth0", 1400, 1120)), _ => null, db.Zone);
            UsageReport report = ReportBuilder.Build("t", new[] { usage }, Now, db.Zone);
            Assert.Equal(520UL, report.Machines[0].Views[0].Totals.Single(t => t.Name == "Today").Total);
            string html = ReportPage.Write(report);
            Assert.DoesNotContain("No traffic recorded in this span", html);
            Assert.Contains("Nothing recorded in this span yet: the traffic since the last recording is in the totals", html);
        }

        [Fact]
        public void TopDaysAreTheBusiestFirst()
        {
            var records = new[] { (1, 5UL), (2, 50UL), (3, 7UL), (4, 0UL), (5, 50UL) }
                .Select(d => new NetUsageHistory { Period = HistoryResolution.Day, PeriodStart = new DateTime(2026, 11, d.Item1), InterfaceName = "a", BytesReceived = d.Item2 });
            List<UsageSlot> top = ReportBuilder.TopDays(records, 3);
            Assert.Equal(new[] { 5, 2, 3 }, top.Select(s => s.Start.Day));
        }

        [Fact]
        public void PendingTrafficCountsInTheTotalsUpToNow()
        {
            using HistoryTestDatabase db = History();
            MachineUsage usage = Load(db, null);
            UsageView before = ReportBuilder.Build("t", new[] { usage }, Now, db.Zone).Machines[0].Views[0];
            usage.Pending["eth0"] = (7, 3);
            UsageView after = ReportBuilder.Build("t", new[] { usage }, Now, db.Zone).Machines[0].Views[0];
            Assert.False(before.IncludesPending);
            Assert.True(after.IncludesPending);
            foreach (string name in new[] { "Today", "This month", "All time" })
            {
                Assert.Equal(before.Totals.Single(t => t.Name == name).Received + 7, after.Totals.Single(t => t.Name == name).Received);
                Assert.Equal(before.Totals.Single(t => t.Name == name).Sent + 3, after.Totals.Single(t => t.Name == name).Sent);
            }

            Assert.Equal(before.Totals.Single(t => t.Name == "Yesterday").Total, after.Totals.Single(t => t.Name == "Yesterday").Total);
        }

        [Fact]
        public void PipedInputWithoutARollUpSaysSoInsteadOfDrawingZeros()
        {
            var usage = new MachineUsage("far", "pipeline input");
            usage.Add(new NetUsageHistory { Period = HistoryResolution.Day, PeriodStart = new DateTime(2026, 11, 24), PeriodEnd = new DateTime(2026, 11, 25), InterfaceName = "eth0", BytesReceived = 5 * MB });
            usage.Add(new NetUsageQuota { InterfaceName = "eth0", Used = 5 * MB, Limit = 10 * (long)MB, PercentUsed = 50 });
            UsageReport report = ReportBuilder.Build("t", new[] { usage, new MachineUsage("near", "pipeline input") }, Now, HistoryTestDatabase.Berlin);
            Assert.True(report.IsFleet);
            UsageView view = report.Machines[0].Views.Single();
            Assert.Equal(new[] { "day", "top-days" }, view.Charts.Select(c => c.Id));
            Assert.Equal(new[] { "five-minute", "hour", "month" }, view.Missing.Select(m => m.Id));
            Assert.False(view.Totals.Single(t => t.Name == "This month").Known);
            Assert.Equal(5 * MB, view.Totals.Single(t => t.Name == "Yesterday").Received);
            Assert.Equal(50, report.Machines[0].Quota!.PercentUsed);
            Assert.False(report.Machines[1].HasData);
        }

        [Theory]
        [InlineData(50, 60UL, GaugeBand.Normal)]
        [InlineData(85, 90UL, GaugeBand.Warning)]
        [InlineData(50, 120UL, GaugeBand.Warning)]
        [InlineData(100, 150UL, GaugeBand.Exceeded)]
        public void TheGaugeWarnsFromEightyPercentOrAForecastOverTheLimit(double percent, ulong forecast, GaugeBand level)
        {
            var quota = new NetUsageQuota { Used = (ulong)percent, Limit = 100, PercentUsed = percent, Exceeded = percent >= 100, Forecast = forecast };
            QuotaGauge gauge = QuotaGauge.For(quota);
            Assert.Equal(level, gauge.Band);
            double end = Math.Max(100, forecast);
            Assert.Equal(percent / end, gauge.UsedFraction, 9);
            Assert.Equal(100 / end, gauge.LimitFraction, 9);
            Assert.Equal(forecast / end, gauge.ForecastFraction!.Value, 9);
        }
    }
}
