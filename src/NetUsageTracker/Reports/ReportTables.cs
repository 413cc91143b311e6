using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using static NetUsageTracker.Reports.ReportText;

namespace NetUsageTracker.Reports
{
    /// <summary>The report's tables: the fleet summary, a view's totals, and each chart's numbers.</summary>
    internal static class ReportTables
    {
        public static void FleetSummary(MarkupWriter w, IReadOnlyList<MachineReport> machines)
        {
            w.Start("section").Attr("class", "fleet").Attr("aria-label", "Machines");
            w.Element("h2", "Machines");
            w.Start("table").Attr("class", "fleet");
            w.Start("thead").Start("tr");
            foreach (string heading in new[] { "Machine", "Interfaces", "Used", "Limit", "Used %", "Forecast" })
            {
                w.Element("th", heading);
            }

            w.End().End().Start("tbody");
            int index = 0;
            var ordered = machines.Select(m => (Machine: m, Index: index++))
                .OrderByDescending(m => m.Machine.Quota?.PercentUsed ?? double.MinValue)
                .ThenBy(m => m.Machine.ComputerName, StringComparer.OrdinalIgnoreCase);
            foreach ((MachineReport machine, int number) in ordered)
            {
                NetUsageQuota? quota = machine.Quota;
                w.Start("tr").Attr("data-computer", machine.ComputerName);
                w.Start("th").Attr("scope", "row").Start("a").Attr("href", "#" + MachineId(number)).Text(machine.ComputerName).End().End();
                w.Element("td", machine.Views.Count > 0 ? string.Join(", ", machine.Views[0].InterfaceNames) : "none");
                if (quota == null)
                {
                    w.Start("td").Attr("colspan", "4").Attr("class", "muted").Text("no quota in the input").End();
                }
                else
                {
                    BytesCell(w, quota.Used, "Used");
                    BytesCell(w, (ulong)Math.Max(0, quota.Limit), "Limit");
                    w.Start("td").Attr("class", "pct " + BandClass(QuotaGauge.For(quota).Band)).Attr("data-field", "PercentUsed")
                        .Attr("data-value", quota.PercentUsed.ToString("R", Invariant)).Text(Percent(quota.PercentUsed)).End();
                    if (quota.Forecast.HasValue)
                    {
                        BytesCell(w, quota.Forecast.Value, "Forecast");
                    }
                    else
                    {
                        w.Start("td").Attr("class", "muted").Text("not yet").End();
                    }
                }

                w.End();
            }

            w.End().End().End();
        }

        public static void Totals(MarkupWriter w, UsageView view)
        {
            w.Start("table").Attr("class", "totals card");
            if (view.IncludesPending)
            {
                w.Start("caption").Attr("class", "note").Text("Today, this month and all time include the traffic since the last recording.").End();
            }

            w.Start("thead").Start("tr");
            w.Start("th").Attr("scope", "col").Text("").End();
            foreach (string heading in new[] { "Received", "Sent", "Total" })
            {
                w.Start("th").Attr("scope", "col").Text(heading).End();
            }

            w.End().End().Start("tbody");
            foreach (PeriodTotal total in view.Totals)
            {
                w.Start("tr").Attr("data-total", total.Name);
                w.Start("th").Attr("scope", "row").Text(total.Name).End();
                if (total.Known)
                {
                    BytesCell(w, total.Received, "Received");
                    BytesCell(w, total.Sent, "Sent");
                    BytesCell(w, total.Total, "Total");
                }
                else
                {
                    w.Start("td").Attr("colspan", "3").Attr("class", "muted").Text("not in the input").End();
                }

                w.End();
            }

            w.End().End();
        }

        /// <summary>A section per network: what each carried this month and in all the history keeps.</summary>
        public static void Networks(MarkupWriter w, IReadOnlyList<NetworkTotal> networks)
        {
            w.Start("section").Attr("class", "networks").Attr("aria-label", "Networks");
            w.Element("h3", "Networks");
            w.Start("table").Attr("class", "networks card");
            w.Start("thead").Start("tr");
            foreach (string heading in new[] { "Network", "This month", "Received", "Sent", "All time" })
            {
                w.Start("th").Attr("scope", "col").Text(heading).End();
            }

            w.End().End().Start("tbody");
            foreach (NetworkTotal network in networks)
            {
                w.Start("tr").Attr("data-network", network.NetworkId);
                w.Start("th").Attr("scope", "row").Attr("title", network.NetworkId).Text(network.NetworkName + (network.Metered == true ? " (metered)" : "")).End();
                BytesCell(w, network.MonthReceived + network.MonthSent, "MonthTotal");
                BytesCell(w, network.Received, "Received");
                BytesCell(w, network.Sent, "Sent");
                BytesCell(w, network.Total, "Total");
                w.End();
            }

            w.End().End().End();
        }

        public static void ChartTable(MarkupWriter w, BarChart chart)
        {
            w.Start("details").Attr("class", "data");
            w.Element("summary", "Table of these numbers");
            w.Start("table");
            w.Start("caption").Text(chart.Title + (chart.Kind == ChartKind.TopDays ? "" : "; periods without traffic are left out")).End();
            w.Start("thead").Start("tr");
            foreach (string heading in new[] { "Period", "Received (bytes)", "Sent (bytes)" })
            {
                w.Start("th").Attr("scope", "col").Text(heading).End();
            }

            w.End().End().Start("tbody");
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
                    w.Start("tr").Attr("class", "day").Start("th").Attr("colspan", "3").Text(group).End().End();
                }

                w.Start("tr").Element("th", slot.Name).Element("td", Count(slot.Received)).Element("td", Count(slot.Sent)).End();
            }

            w.End().End().End();
        }

        public static void BytesCell(MarkupWriter w, ulong bytes, string name) =>
            w.Start("td").Attr("data-field", name).Attr("data-bytes", bytes.ToString(Invariant)).Attr("title", Exact(bytes)).Text(ByteSize.Format(bytes)).End();
    }
}
