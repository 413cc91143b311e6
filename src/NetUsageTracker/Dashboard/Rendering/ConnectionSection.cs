using System.Collections.Generic;
using System.Globalization;
using static NetUsageTracker.Dashboard.Rendering.DashboardPainter;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>The connection's two rows: connected or not and through what, the Internet probe, the addresses.</summary>
    internal static class ConnectionSection
    {
        public static void Paint(ScreenBuffer screen, int y, DashboardStatus status)
        {
            screen.Write(0, y, "Connection", CellStyle.Heading);
            ConnectionSummary c = status.Connection;
            var items = new List<(string Label, string Value, CellStyle Style)>();
            items.Add(c.Connected
                ? ("● connected via ", c.InterfaceName ?? "", CellStyle.Good)
                : ("○ not connected", ": no interface that is up carries a default route", CellStyle.Bad));
            if (status.Network != null && status.Network.Origin != Networks.NetworkOrigin.Interface)
            {
                string metered = status.Network.Metered == true ? " (metered)" : "";
                items.Add(("network ", status.Network.NetworkName + metered, status.Network.Metered == true ? CellStyle.Warning : CellStyle.Plain));
            }
            if (status.TestsInternet)
            {
                items.Add(c.Probe == null
                    ? ("internet ", "testing…", CellStyle.Dim)
                    : c.Probe.Reachable
                        ? ("internet ", "reachable" + (c.Probe.LatencyMs.HasValue ? string.Format(CultureInfo.CurrentCulture, " ({0:0.#} ms)", c.Probe.LatencyMs.Value) : ""), CellStyle.Good)
                        : ("internet ", "not reachable", CellStyle.Bad));
            }

            AddList(items, "IPv4 ", c.IPv4Address);
            AddList(items, "gateway ", c.Gateway);
            AddList(items, "DNS ", c.DnsServer);
            AddList(items, "IPv6 ", c.IPv6Address);

            // Items flow over the two rows in order; one that does not fit starts the next row.
            int row = y, x = ValueColumn;
            foreach ((string label, string value, CellStyle style) in items)
            {
                int width = TextWidth.Columns(label) + TextWidth.Columns(value);
                if (x > ValueColumn && x + Separator.Length + width > screen.Width)
                {
                    if (row == y + 1)
                    {
                        break;
                    }

                    row++;
                    x = ValueColumn;
                }

                if (x > ValueColumn)
                {
                    x += Separator.Length;
                }

                CellStyle labelStyle = style == CellStyle.Plain ? CellStyle.Dim : style;
                x += screen.Write(x, row, label, labelStyle);
                x += screen.Write(x, row, value, style);
            }
        }

        private static void AddList(List<(string, string, CellStyle)> items, string label, string[] values)
        {
            if (values.Length > 0)
            {
                items.Add((label, string.Join(", ", values), CellStyle.Plain));
            }
        }
    }
}
