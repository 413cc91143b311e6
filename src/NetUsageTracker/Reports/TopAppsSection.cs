using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Processes;
using static NetUsageTracker.Reports.ReportText;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// The report's "Top apps this month": the processes that used the selected interfaces most this month,
    /// as the resident recorder kept them, then the other processes, other users and Unattributed, so the
    /// table adds up to the month's traffic. Left out where the history holds no per-process rows.
    /// </summary>
    internal static class TopAppsSection
    {
        /// <summary>How many processes the table names; the rest are summed into one row.</summary>
        public const int Shown = 10;

        public static void Write(MarkupWriter w, IReadOnlyList<NetProcessUsageHistory> month)
        {
            if (!month.Any(r => r.Kind == ProcessUsageKind.Process || r.Kind == ProcessUsageKind.OtherUser))
            {
                return;
            }

            w.Start("section").Attr("class", "view top-apps").Attr("aria-label", "Top apps this month");
            w.Element("h3", "Top apps this month");
            w.Start("table").Attr("class", "totals top-apps");
            w.Start("thead").Start("tr");
            foreach (string heading in new[] { "App", "Received", "Sent", "Total", "Share" })
            {
                w.Element("th", heading);
            }

            w.End().End().Start("tbody");
            foreach (NetProcessUsageHistory row in Rows(month))
            {
                w.Start("tr").Attr("data-kind", row.Kind.ToString());
                w.Start("th").Attr("scope", "row").Text(row.ProcessName).End();
                Cell(w, row.BytesReceived, "BytesReceived");
                Cell(w, row.BytesSent, "BytesSent");
                Cell(w, row.TotalBytes, "TotalBytes");
                w.Start("td").Attr("data-field", "Percent").Attr("data-value", row.Percent.ToString("R", Invariant)).Text(Percent(row.Percent)).End();
                w.End();
            }

            w.End().End();
            w.Element("p", "Per process as the resident recorder keeps it (Register-NetUsageTask -Resident). Unattributed: traffic of sockets that came and went between two of its reads, of protocols it cannot see, and of times it was not running.");
            w.End();
        }

        /// <summary>The top processes, then the rest of them together, other users, and Unattributed.</summary>
        internal static List<NetProcessUsageHistory> Rows(IReadOnlyList<NetProcessUsageHistory> month)
        {
            List<NetProcessUsageHistory> processes = month.Where(r => r.Kind == ProcessUsageKind.Process).OrderByDescending(r => r.TotalBytes).ToList();
            var rows = processes.Take(Shown).ToList();
            var others = new NetProcessUsageHistory { Kind = ProcessUsageKind.OtherProcesses, ProcessName = ProcessUsageNames.OtherProcesses };
            foreach (NetProcessUsageHistory row in processes.Skip(Shown).Concat(month.Where(r => r.Kind == ProcessUsageKind.OtherProcesses)))
            {
                others.BytesReceived += row.BytesReceived;
                others.BytesSent += row.BytesSent;
                others.Percent += row.Percent;
            }

            if (others.TotalBytes > 0)
            {
                rows.Add(others);
            }

            rows.AddRange(month.Where(r => r.Kind == ProcessUsageKind.OtherUser || r.Kind == ProcessUsageKind.Unattributed));
            return rows;
        }

        private static void Cell(MarkupWriter w, ulong bytes, string field) =>
            w.Start("td").Attr("data-field", field).Attr("data-value", bytes.ToString(Invariant)).Attr("title", Exact(bytes)).Text(ByteSize.Format(bytes)).End();
    }
}
