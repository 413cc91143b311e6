using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// Lays the report out as one self-contained HTML page: the style inline, the charts as inline SVG,
    /// no script and nothing fetched, so it opens offline, in a mail attachment and on a phone.
    /// </summary>
    public sealed class ReportPage
    {
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
        private readonly MarkupWriter _w = new MarkupWriter(256 * 1024);
        private int _ids;

        private ReportPage()
        {
        }

        public static string Write(UsageReport report)
        {
            var page = new ReportPage();
            page.Document(report);
            return page._w.ToString();
        }

        private void Document(UsageReport report)
        {
            _w.Constant("<!DOCTYPE html>\n");
            _w.Start("html").Attr("lang", "en");
            _w.Start("head");
            _w.Start("meta").Attr("charset", "utf-8").EndVoid();
            _w.Start("meta").Attr("name", "viewport").Attr("content", "width=device-width, initial-scale=1").EndVoid();
            _w.Start("meta").Attr("name", "color-scheme").Attr("content", "light dark").EndVoid();
            _w.Start("meta").Attr("name", "generator").Attr("content", "NetUsageTracker Export-NetUsageReport").EndVoid();
            _w.Element("title", report.Title);
            _w.Start("style").Constant(ReportStyle.Css).End();
            _w.End();
            _w.Start("body").Start("main");

            _w.Start("header").Attr("class", "page");
            _w.Element("h1", report.Title);
            _w.Start("p").Attr("class", "meta")
                .Text($"Generated {report.GeneratedLocal.ToString("ddd d MMMM yyyy, HH:mm", Invariant)} (local time, UTC{Offset(report.UtcOffset)})");
            if (report.IsFleet)
            {
                _w.Text($" \u00b7 {report.Machines.Count} machines");
            }

            _w.End();
            Legend();
            _w.End();

            if (report.IsFleet)
            {
                FleetSummary(report.Machines);
            }

            for (int i = 0; i < report.Machines.Count; i++)
            {
                Machine(report.Machines[i], i, report.IsFleet);
            }

            _w.Start("footer").Attr("class", "page");
            _w.Element("p", "Made by Export-NetUsageReport (NetUsageTracker). Sizes are binary: 1 KB = 1024 bytes; the tables and the hover titles give exact bytes. " +
                "Received traffic is drawn at the bottom of each bar, sent traffic on top.");
            _w.End();
            _w.End().End().End();
        }

        private void Legend()
        {
            _w.Start("p").Attr("class", "legend");
            _w.Start("span").Attr("class", "key r").End().Text("Received ");
            _w.Start("span").Attr("class", "key s").End().Text("Sent");
            _w.End();
        }

        private void FleetSummary(IReadOnlyList<MachineReport> machines)
        {
            _w.Start("section").Attr("class", "fleet").Attr("aria-label", "Machines");
            _w.Element("h2", "Machines");
            _w.Start("table").Attr("class", "fleet");
            _w.Start("thead").Start("tr");
            foreach (string heading in new[] { "Machine", "Interfaces", "Used", "Limit", "Used %", "Forecast" })
            {
                _w.Element("th", heading);
            }

            _w.End().End().Start("tbody");
            int index = 0;
            var ordered = machines.Select(m => (Machine: m, Index: index++))
                .OrderByDescending(m => m.Machine.Quota?.PercentUsed ?? double.MinValue)
                .ThenBy(m => m.Machine.ComputerName, StringComparer.OrdinalIgnoreCase);
            foreach ((MachineReport machine, int number) in ordered)
            {
                NetUsageQuota? quota = machine.Quota;
                _w.Start("tr").Attr("data-computer", machine.ComputerName);
                _w.Start("th").Attr("scope", "row").Start("a").Attr("href", "#" + MachineId(number)).Text(machine.ComputerName).End().End();
                _w.Element("td", machine.Views.Count > 0 ? string.Join(", ", machine.Views[0].InterfaceNames) : "none");
                if (quota == null)
                {
                    _w.Start("td").Attr("colspan", "4").Attr("class", "muted").Text("no quota in the input").End();
                }
                else
                {
                    BytesCell(quota.Used, "Used");
                    BytesCell((ulong)Math.Max(0, quota.Limit), "Limit");
                    _w.Start("td").Attr("class", "pct " + LevelClass(QuotaGauge.For(quota).Level)).Attr("data-field", "PercentUsed")
                        .Attr("data-value", quota.PercentUsed.ToString("R", Invariant)).Text(Percent(quota.PercentUsed)).End();
                    if (quota.Forecast.HasValue)
                    {
                        BytesCell(quota.Forecast.Value, "Forecast");
                    }
                    else
                    {
                        _w.Start("td").Attr("class", "muted").Text("not yet").End();
                    }
                }

                _w.End();
            }

            _w.End().End().End();
        }

        private void Machine(MachineReport machine, int number, bool fleet)
        {
            _w.Start("section").Attr("class", "machine").Attr("id", MachineId(number)).Attr("data-computer", machine.ComputerName);
            if (fleet)
            {
                _w.Element("h2", machine.ComputerName);
            }

            _w.Start("p").Attr("class", "meta").Text($"From {machine.Source}");
            if (machine.Views.Count > 0)
            {
                _w.Text($" \u00b7 {(machine.Views[0].InterfaceNames.Count == 1 ? "interface" : "interfaces")} {string.Join(", ", machine.Views[0].InterfaceNames)}");
            }

            _w.End();
            if (!machine.HasData)
            {
                NothingYet();
            }
            else
            {
                for (int i = 0; i < machine.Views.Count; i++)
                {
                    View(machine.Views[i], alone: i > 0);
                }
            }

            _w.End();
        }

        private void NothingYet()
        {
            _w.Start("div").Attr("class", "card empty").Attr("data-empty", "true");
            _w.Element("h3", "Nothing recorded yet");
            _w.Element("p", "The usage history holds no traffic for these interfaces yet. Start recording, then export the report again:");
            _w.Start("ul");
            _w.Start("li").Start("code").Text("Register-NetUsageTask").End().Text(" records every 5 minutes in the background, with no PowerShell open.").End();
            _w.Start("li").Start("code").Text("Update-NetUsageHistory").End().Text(" records once; run it now and again later.").End();
            _w.Start("li").Start("code").Text("Import-Csv log.csv | Import-NetUsageHistory").End().Text(" adds earlier Get-NetUsage logs.").End();
            _w.End();
            _w.End();
        }

        private void View(UsageView view, bool alone)
        {
            string names = string.Join(",", view.InterfaceNames);
            if (alone)
            {
                _w.Start("details").Attr("class", "view").Attr("data-interfaces", names);
                _w.Start("summary").Start("h3").Text(view.Heading).End();
                PeriodTotal? month = view.Totals.FirstOrDefault(t => t.Name == "This month" && t.Known);
                if (month != null)
                {
                    _w.Start("span").Attr("class", "muted").Text($" {ByteSize.Format(month.Total)} this month").End();
                }

                _w.End();
            }
            else
            {
                _w.Start("section").Attr("class", "view").Attr("data-interfaces", names);
                _w.Element("h3", view.Heading);
            }

            _w.Start("div").Attr("class", "summary");
            QuotaCard(view);
            Totals(view);
            _w.End();
            foreach (BarChart chart in view.Charts)
            {
                Chart(chart);
            }

            foreach (MissingChart missing in view.Missing)
            {
                _w.Start("figure").Attr("class", "chart missing").Attr("data-chart", missing.Id);
                _w.Start("figcaption").Start("span").Attr("class", "t").Text(missing.Title).End().End();
                _w.Start("p").Attr("class", "muted")
                    .Text($"Not in the input: pipe Get-NetUsageHistory -By {missing.Resolution} records too to fill this chart.").End();
                _w.End();
            }

            _w.End();
        }

        private void QuotaCard(UsageView view)
        {
            QuotaGauge? gauge = view.Gauge;
            if (gauge == null)
            {
                _w.Start("div").Attr("class", "card quota none");
                _w.Element("h4", "Data cap");
                _w.Start("p").Attr("class", "muted").Text("No limit given: export with ").Start("code").Text("-Limit 50GB").End()
                    .Text(" (and -BillingDay) to see this billing period against your cap, its forecast and the daily budget left.").End();
                _w.End();
                return;
            }

            NetUsageQuota q = gauge.Quota;
            _w.Start("div").Attr("class", "card quota " + LevelClass(gauge.Level)).Attr("data-quota", q.InterfaceName);
            _w.Element("h4", $"This {PeriodName(q.Period)}: {q.PeriodStart.ToString("d MMM", Invariant)} \u2013 {(q.PeriodEnd > q.PeriodStart ? q.PeriodEnd.AddDays(-1) : q.PeriodEnd).ToString("d MMM yyyy", Invariant)}" +
                (q.Direction == UsageDirection.Total ? "" : $" ({q.Direction.ToString().ToLowerInvariant()} only)"));
            _w.Start("p").Attr("class", "big");
            Field("Used", q.Used, ByteSize.Format(q.Used));
            _w.Text(" of ");
            Field("Limit", (ulong)Math.Max(0, q.Limit), ByteSize.Format(q.Limit));
            _w.Start("span").Attr("class", "pct").Attr("data-field", "PercentUsed").Attr("data-value", q.PercentUsed.ToString("R", Invariant))
                .Text(Percent(q.PercentUsed)).End();
            _w.End();
            Gauge(gauge);

            _w.Start("dl");
            Term("Remaining");
            _w.Start("dd");
            Field("Remaining", q.Remaining, ByteSize.Format(q.Remaining));
            _w.End();
            Term("Daily budget left");
            _w.Start("dd");
            Field("DailyBudget", q.DailyBudget, ByteSize.Format(q.DailyBudget) + " a day");
            _w.End();
            Term("Forecast at the period\u2019s end");
            _w.Start("dd");
            if (q.Forecast.HasValue)
            {
                Field("Forecast", q.Forecast.Value, ByteSize.Format(q.Forecast.Value));
            }
            else
            {
                _w.Start("span").Attr("class", "muted").Text("not known yet").End();
            }

            _w.End();
            Term("Limit reached");
            _w.Start("dd").Attr("data-field", "ProjectedExceedTime")
                .Attr("data-value", q.ProjectedExceedTime?.ToString("yyyy-MM-ddTHH:mm:ss", Invariant))
                .Text(q.Exceeded ? "already" : q.ProjectedExceedTime.HasValue ? q.ProjectedExceedTime.Value.ToString("ddd d MMM yyyy, HH:mm", Invariant)
                    : q.Forecast.HasValue ? "not before the period ends" : "not known yet")
                .End();
            _w.End();
            _w.End();
        }

        private void Gauge(QuotaGauge gauge)
        {
            const double width = 600, top = 6, height = 18;
            NetUsageQuota q = gauge.Quota;
            string label = $"Used {ByteSize.Format(q.Used)} of {ByteSize.Format(q.Limit)} ({Percent(q.PercentUsed)})" +
                (q.Forecast.HasValue ? $"; forecast {ByteSize.Format(q.Forecast.Value)} at the period's end" : "");
            string id = NextId();
            _w.Start("svg").Attr("class", "gauge").Attr("viewBox", $"0 0 {width} 44").Attr("role", "img").Attr("aria-labelledby", id);
            _w.Start("title").Attr("id", id).Text(label).End();
            _w.Start("rect").Attr("class", "track").Attr("x", 0).Attr("y", top).Attr("width", width).Attr("height", height).Attr("rx", 4).End();
            _w.Start("rect").Attr("class", "used").Attr("x", 0).Attr("y", top).Attr("width", gauge.UsedFraction * width).Attr("height", height).Attr("rx", 4).End();
            double limitX = gauge.LimitFraction * width;
            _w.Start("line").Attr("class", "limit").Attr("x1", limitX).Attr("x2", limitX).Attr("y1", 2).Attr("y2", top + height + 4).End();
            _w.Start("text").Attr("class", "ax").Attr("x", Math.Min(limitX, width - 2)).Attr("y", 40).Attr("text-anchor", "end").Text("limit").End();
            if (gauge.ForecastFraction.HasValue)
            {
                double x = gauge.ForecastFraction.Value * width;
                _w.Start("line").Attr("class", "forecast").Attr("x1", x).Attr("x2", x).Attr("y1", top - 3).Attr("y2", top + height + 3).End();
                bool nearLimit = Math.Abs(x - limitX) < 60;
                if (!nearLimit)
                {
                    _w.Start("text").Attr("class", "ax").Attr("x", Math.Max(x, 40)).Attr("y", 40).Attr("text-anchor", "middle").Text("forecast").End();
                }
            }

            _w.End();
        }

        private void Totals(UsageView view)
        {
            _w.Start("table").Attr("class", "totals card");
            if (view.IncludesPending)
            {
                _w.Start("caption").Attr("class", "note").Text("Today, this month and all time include the traffic since the last recording.").End();
            }

            _w.Start("thead").Start("tr");
            _w.Start("th").Attr("scope", "col").Text("").End();
            foreach (string heading in new[] { "Received", "Sent", "Total" })
            {
                _w.Start("th").Attr("scope", "col").Text(heading).End();
            }

            _w.End().End().Start("tbody");
            foreach (PeriodTotal total in view.Totals)
            {
                _w.Start("tr").Attr("data-total", total.Name);
                _w.Start("th").Attr("scope", "row").Text(total.Name).End();
                if (total.Known)
                {
                    BytesCell(total.Received, "Received");
                    BytesCell(total.Sent, "Sent");
                    BytesCell(total.Total, "Total");
                }
                else
                {
                    _w.Start("td").Attr("colspan", "3").Attr("class", "muted").Text("not in the input").End();
                }

                _w.End();
            }

            _w.End().End();
        }

        private void Chart(BarChart chart)
        {
            string id = NextId();
            string summary = chart.IsEmpty
                ? "No traffic recorded in this span."
                : $"{ByteSize.Format(chart.TotalReceived)} received, {ByteSize.Format(chart.TotalSent)} sent; the most, {ByteSize.Format(chart.Peak!.Total)}, {(chart.Id == "top-days" ? "on" : "in")} {chart.Peak.FullName}.";
            _w.Start("figure").Attr("class", "chart").Attr("data-chart", chart.Id);
            _w.Start("figcaption");
            _w.Start("span").Attr("class", "t").Text(chart.Title).End();
            _w.Start("span").Attr("class", "muted").Text(" " + summary).End();
            _w.End();

            _w.Start("svg").Attr("viewBox", $"0 0 {MarkupWriter.Number(BarChart.Width)} {MarkupWriter.Number(BarChart.Height)}")
                .Attr("role", "img").Attr("aria-labelledby", id + "t " + id + "d").Attr("data-unit", chart.Scale.Unit);
            _w.Start("title").Attr("id", id + "t").Text(chart.Title).End();
            _w.Start("desc").Attr("id", id + "d").Text(summary).End();

            _w.Start("g").Attr("class", "grid");
            foreach (AxisMark mark in chart.ValueMarks)
            {
                _w.Start("line").Attr("x1", BarChart.PlotLeft).Attr("x2", BarChart.PlotRight).Attr("y1", mark.Position).Attr("y2", mark.Position).End();
                _w.Start("text").Attr("x", BarChart.PlotLeft - 6).Attr("y", mark.Position + 4).Attr("text-anchor", "end").Text(mark.Label).End();
            }

            _w.End();
            // Bars are drawn one slot wide and upwards from the axis, so each carries only its slot number
            // and heights: a year of five-minute bars per interface stays small. The first rectangle of a bar
            // is its received part, the second its sent part (the style sheet colours them by place).
            _w.Start("g").Attr("class", "bars")
                .Attr("transform", $"translate({MarkupWriter.Number(BarChart.PlotLeft)} {MarkupWriter.Number(BarChart.PlotBottom)}) scale({MarkupWriter.Number(chart.SlotWidth, 4)} -1)");
            string inset = MarkupWriter.Number(chart.BarInset, 3);
            string width = MarkupWriter.Number(chart.BarFraction, 3);
            foreach (ChartBar bar in chart.Bars)
            {
                _w.Start("g");
                _w.Element("title", $"{bar.Slot.FullName}: received {Exact(bar.Slot.Received)}, sent {Exact(bar.Slot.Sent)}");
                string x = inset == "0" ? bar.Index.ToString(Invariant) : MarkupWriter.Number(bar.Index + chart.BarInset, 3);
                _w.Start("rect").Attr("x", x).Attr("width", width).Attr("height", bar.ReceivedHeight).End();
                if (bar.SentHeight > 0)
                {
                    _w.Start("rect").Attr("x", x).Attr("y", bar.ReceivedHeight).Attr("width", width).Attr("height", bar.SentHeight).End();
                }

                _w.End();
            }

            _w.End();
            _w.Start("g").Attr("class", "xaxis");
            _w.Start("line").Attr("class", "base").Attr("x1", BarChart.PlotLeft).Attr("x2", BarChart.PlotRight)
                .Attr("y1", BarChart.PlotBottom).Attr("y2", BarChart.PlotBottom).End();
            foreach (AxisMark mark in chart.PeriodMarks)
            {
                string[] lines = mark.Label.Split('\n');
                _w.Start("text").Attr("x", mark.Position).Attr("y", BarChart.PlotBottom + 14).Attr("text-anchor", "middle").Text(lines[0]);
                for (int i = 1; i < lines.Length; i++)
                {
                    _w.Start("tspan").Attr("x", mark.Position).Attr("dy", 13).Text(lines[i]).End();
                }

                _w.End();
            }

            _w.End();
            if (chart.IsEmpty)
            {
                _w.Start("text").Attr("class", "none").Attr("x", (BarChart.PlotLeft + BarChart.PlotRight) / 2).Attr("y", (BarChart.PlotTop + BarChart.PlotBottom) / 2)
                    .Attr("text-anchor", "middle").Text("No traffic recorded in this span").End();
            }

            _w.End();
            ChartTable(chart);
            _w.End();
        }

        private void ChartTable(BarChart chart)
        {
            _w.Start("details").Attr("class", "data");
            _w.Element("summary", "Table of these numbers");
            _w.Start("table");
            _w.Start("caption").Text(chart.Title + (chart.Id == "top-days" ? "" : "; periods without traffic are left out")).End();
            _w.Start("thead").Start("tr");
            foreach (string heading in new[] { "Period", "Received (bytes)", "Sent (bytes)" })
            {
                _w.Start("th").Attr("scope", "col").Text(heading).End();
            }

            _w.End().End().Start("tbody");
            string? group = null;
            foreach (UsageSlot slot in chart.Slots)
            {
                if (slot.Total == 0)
                {
                    continue;
                }

                if (slot.Group != null && slot.Group != group)
                {
                    group = slot.Group;
                    _w.Start("tr").Attr("class", "day").Start("th").Attr("colspan", "3").Text(group).End().End();
                }

                _w.Start("tr").Element("th", slot.Name).Element("td", Count(slot.Received)).Element("td", Count(slot.Sent)).End();
            }

            _w.End().End().End();
        }

        private void Field(string name, ulong bytes, string text) =>
            _w.Start("span").Attr("data-field", name).Attr("data-bytes", bytes.ToString(Invariant)).Attr("title", Exact(bytes)).Text(text).End();

        private void BytesCell(ulong bytes, string name) =>
            _w.Start("td").Attr("data-field", name).Attr("data-bytes", bytes.ToString(Invariant)).Attr("title", Exact(bytes)).Text(ByteSize.Format(bytes)).End();

        private void Term(string text) => _w.Element("dt", text);

        private string NextId() => "c" + (_ids++).ToString(Invariant);

        private static string MachineId(int number) => "machine-" + number.ToString(Invariant);

        private static string Exact(ulong bytes) => Count(bytes) + " B";

        private static string Count(ulong value) => value.ToString("N0", CultureInfo.CurrentCulture);

        private static string Percent(double percent) => percent.ToString("0.##", CultureInfo.CurrentCulture) + " %";

        private static string PeriodName(QuotaPeriod period) => period switch
        {
            QuotaPeriod.Day => "day",
            QuotaPeriod.Week => "week",
            _ => "billing month",
        };

        private static string LevelClass(QuotaLevel level) => level switch
        {
            QuotaLevel.Exceeded => "over",
            QuotaLevel.Warning => "warn",
            _ => "ok",
        };

        private static string Offset(TimeSpan offset) =>
             (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hh\\:mm", Invariant);
    }
}
