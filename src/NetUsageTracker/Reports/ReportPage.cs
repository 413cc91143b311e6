using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using static NetUsageTracker.Reports.ReportText;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// Lays the report out as one self-contained HTML page: the style inline, the charts as inline SVG
    /// (<see cref="ReportCharts"/>), the numbers also as tables (<see cref="ReportTables"/>), no script and
    /// nothing fetched, so it opens offline, in a mail attachment and on a phone.
    /// </summary>
    public sealed class ReportPage
    {
        private readonly MarkupWriter _w = new MarkupWriter(256 * 1024);
        private readonly ReportCharts _charts;

        // Whether the machine being written has stored plans: their gauges replace the "no limit given" card.
        private bool _plansShown;

        private ReportPage()
        {
            _charts = new ReportCharts(_w);
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
                ReportTables.FleetSummary(_w, report.Machines);
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
            _plansShown = machine.PlanGauges.Count > 0;
            foreach (QuotaGauge plan in machine.PlanGauges)
            {
                QuotaCard(plan);
            }

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

                if (machine.Networks.Count > 0)
                {
                    ReportTables.Networks(_w, machine.Networks);
                }
                TopAppsSection.Write(_w, machine.TopApps);
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
                PeriodTotal? month = view.Totals.FirstOrDefault(t => t.Span == TotalSpan.ThisMonth && t.Known);
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
            ReportTables.Totals(_w, view);
            _w.End();
            foreach (BarChart chart in view.Charts)
            {
                _charts.Chart(chart, view.IncludesPending);
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
            if (gauge == null && _plansShown)
            {
                return;
            }

            if (gauge == null)
            {
                _w.Start("div").Attr("class", "card quota none");
                _w.Element("h4", "Data cap");
                _w.Start("p").Attr("class", "muted").Text("No limit given: export with ").Start("code").Text("-Limit 50GB").End()
                    .Text(" (and -BillingDay) to see this billing period against your cap, its forecast and the daily budget left.").End();
                _w.End();
                return;
            }

            QuotaCard(gauge);
        }

        /// <summary>A quota's card: a view's (-Limit), or a stored plan's, headed with its name.</summary>
        private void QuotaCard(QuotaGauge gauge)
        {
            NetUsageQuota q = gauge.Quota;
            _w.Start("div").Attr("class", "card quota " + BandClass(gauge.Band)).Attr("data-quota", q.InterfaceName);
            if (q.Plan.Length > 0)
            {
                _w.Attr("data-plan", q.Plan);
            }

            // The period from its start to its end as every object gives it: PeriodEnd is the moment the next period
            // begins (exclusive), named with its time so it does not read as a last day.
            _w.Element("h4", (q.Plan.Length > 0 ? $"{q.Plan} \u00b7 " : "") + $"This {PeriodName(q.Period)}: {q.PeriodStart.ToString("d MMM yyyy HH:mm", Invariant)} \u2013 {q.PeriodEnd.ToString("d MMM yyyy HH:mm", Invariant)}" +
                (q.Direction == UsageDirection.Total ? "" : $" ({q.Direction.ToString().ToLowerInvariant()} only)"));
            _w.Start("p").Attr("class", "big");
            Field("Used", q.Used, ByteSize.Format(q.Used));
            _w.Text(" of ");
            Field("Limit", (ulong)Math.Max(0, q.Limit), ByteSize.Format(q.Limit));
            _w.Start("span").Attr("class", "pct").Attr("data-field", "PercentUsed").Attr("data-value", q.PercentUsed.ToString("R", Invariant))
                .Text(Percent(q.PercentUsed)).End();
            _w.End();
            _charts.Gauge(gauge);

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

        private void Field(string name, ulong bytes, string text) =>
            _w.Start("span").Attr("data-field", name).Attr("data-bytes", bytes.ToString(Invariant)).Attr("title", Exact(bytes)).Text(text).End();

        private void Term(string text) => _w.Element("dt", text);
    }
}
