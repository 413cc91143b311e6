using System;
using System.Collections.Generic;
using System.Globalization;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>
    /// Lays the view out on a screen buffer: title, connection, a graph per direction, usage, the limit
    /// gauge, the alert banner, the interfaces, the prompt line and the keys. Every section fits 80x24;
    /// a taller terminal gives the graphs more rows, a wider one more history and room for addresses.
    /// </summary>
    public static class DashboardPainter
    {
        public const int MinWidth = 50;
        public const int MinHeight = 16;

        /// <summary>Rows every layout has: title, 2 of connection, 2 graph headers, usage, limit, banner, interface header, prompt, keys.</summary>
        private const int FixedRows = 11;

        /// <summary>Where values start after a section's name ("Connection ").</summary>
        private const int ValueColumn = 11;

        /// <summary>The graph's scale labels and its axis line.</summary>
        private const int AxisWidth = 11;

        /// <summary>Width of each number column of the interface table.</summary>
        private const int NumberColumn = 12;

        /// <summary>The marker and name column of the interface table at 80 columns.</summary>
        private const int MinNameColumn = 20;

        private const string Separator = "  ";

        private static readonly char[] Eighths = { ' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█' };

        public static void Paint(ScreenBuffer screen, DashboardModel model, DashboardStatus status)
        {
            screen.Clear();
            if (screen.Width < MinWidth || screen.Height < MinHeight)
            {
                PaintTooSmall(screen);
                return;
            }

            int rest = screen.Height - FixedRows;
            int listed = model.Interfaces.Count > 1 ? model.Interfaces.Count + 1 : 1;
            int interfaceRows = Math.Min(listed, Math.Max(1, (rest - 2) / 2));
            int graphRows = rest - interfaceRows;

            int y = 0;
            PaintTitle(screen, y++, model, status);
            PaintConnection(screen, y, status);
            y += 2;
            TrafficTrack track = model.SelectedTrack;
            y = PaintGraph(screen, y, (graphRows + 1) / 2, "Download", model.GraphReceived, track.ReceivedRate, track.PeakReceivedRate, track.AverageReceivedRate, CellStyle.Received, model);
            y = PaintGraph(screen, y, graphRows / 2, "Upload", model.GraphSent, track.SentRate, track.PeakSentRate, track.AverageSentRate, CellStyle.Sent, model);
            PaintUsage(screen, y++, model, status);
            PaintLimit(screen, y++, status);
            PaintBanner(screen, y++, status);
            PaintInterfaces(screen, y, interfaceRows, model);
            PaintPrompt(screen, screen.Height - 2, status);
            PaintKeys(screen, screen.Height - 1, model);
        }

        private static void PaintTooSmall(ScreenBuffer screen)
        {
            string text = string.Format(CultureInfo.CurrentCulture, "Show-NetUsage needs {0}x{1}; this terminal is {2}x{3}.",
                MinWidth, MinHeight, screen.Width, screen.Height);
            screen.Write(0, 0, text, CellStyle.Warning);
            if (screen.Height > 1)
            {
                screen.Write(0, 1, "Enlarge it, or press q then y to leave.", CellStyle.Plain);
            }
        }

        private static void PaintTitle(ScreenBuffer screen, int y, DashboardModel model, DashboardStatus status)
        {
            screen.Fill(0, y, screen.Width, ' ', CellStyle.Title);
            string right = (model.Paused ? "graph paused  " : "") + status.SampledAt.ToString("T", CultureInfo.CurrentCulture) + " ";
            int rightStart = screen.WriteRight(screen.Width, y, right, CellStyle.Title);
            string left = " Show-NetUsage  " + status.InterfaceLabel + "  every "
                + status.IntervalSeconds.ToString("0.###", CultureInfo.CurrentCulture) + " s  for " + Duration(model.All.Seconds);
            screen.Write(0, y, left, CellStyle.Title, rightStart - 1);
        }

        private static void PaintConnection(ScreenBuffer screen, int y, DashboardStatus status)
        {
            screen.Write(0, y, "Connection", CellStyle.Heading);
            ConnectionSummary c = status.Connection;
            var items = new List<(string Label, string Value, CellStyle Style)>();
            items.Add(c.Connected
                ? ("● connected via ", c.InterfaceName ?? "", CellStyle.Good)
                : ("○ not connected", ": no interface that is up carries a default route", CellStyle.Bad));
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

        private static int PaintGraph(ScreenBuffer screen, int y, int rows, string name, RateSeries series,
            double rate, double peak, double average, CellStyle style, DashboardModel model)
        {
            RateUnit unit = model.Unit;
            screen.Write(0, y, name, style);
            int x = ValueColumn;
            x += screen.Write(x, y, RateFormat.Format(rate, unit), CellStyle.Heading);
            x += screen.Write(x, y, Separator + "peak ", CellStyle.Dim);
            x += screen.Write(x, y, RateFormat.Format(peak, unit), CellStyle.Plain);
            x += screen.Write(x, y, Separator + "average ", CellStyle.Dim);
            x += screen.Write(x, y, RateFormat.Format(average, unit), CellStyle.Plain);
            string selection = model.Selected >= 0 ? model.SelectedTrack.Name
                : model.Interfaces.Count == 1 ? model.Interfaces[0].Name : "all interfaces";
            if (x + 2 + TextWidth.Columns(selection) <= screen.Width)
            {
                screen.WriteRight(screen.Width, y, selection, CellStyle.Dim);
            }

            int columns = screen.Width - AxisWidth;
            double maximum = GraphScale.NiceMaximum(series.Peak(columns), unit);
            for (int r = 0; r < rows; r++)
            {
                int row = y + 1 + r;
                bool top = r == 0, bottom = r == rows - 1;
                if (top)
                {
                    screen.WriteRight(AxisWidth - 1, row, RateFormat.Format(maximum, unit), CellStyle.Dim);
                }
                else if (bottom)
                {
                    screen.WriteRight(AxisWidth - 1, row, "0", CellStyle.Dim);
                }

                screen.Put(AxisWidth - 1, row, top || bottom ? '┤' : '│', CellStyle.Dim);
            }

            // Newest on the right, one column per sample.
            for (int column = 0; column < columns; column++)
            {
                int age = columns - 1 - column;
                if (age >= series.Count)
                {
                    continue;
                }

                int levels = GraphScale.Levels(series[age], maximum, rows);
                for (int r = 0; r < rows && levels > r * GraphScale.LevelsPerRow; r++)
                {
                    int filled = Math.Min(GraphScale.LevelsPerRow, levels - r * GraphScale.LevelsPerRow);
                    screen.Put(AxisWidth + column, y + rows - r, Eighths[filled], style);
                }
            }

            return y + 1 + rows;
        }

        private static void PaintUsage(ScreenBuffer screen, int y, DashboardModel model, DashboardStatus status)
        {
            TrafficTrack all = model.All;
            screen.Write(0, y, "Usage", CellStyle.Heading);
            int x = ValueColumn;
            x += screen.Write(x, y, ByteSize.Format(all.TotalBytes), CellStyle.Heading);
            x += screen.Write(x, y, " since the view began  ", CellStyle.Dim);
            x += screen.Write(x, y, "down ", CellStyle.Dim);
            x += screen.Write(x, y, ByteSize.Format(all.BytesReceived), CellStyle.Received);
            x += screen.Write(x, y, Separator + "up ", CellStyle.Dim);
            x += screen.Write(x, y, ByteSize.Format(all.BytesSent), CellStyle.Sent);
            if (status.PeriodLabel != null)
            {
                x += screen.Write(x, y, Separator + status.PeriodLabel + " ", CellStyle.Dim);
                screen.Write(x, y, ByteSize.Format(status.Counted), CellStyle.Heading);
            }
        }

        private static void PaintLimit(ScreenBuffer screen, int y, DashboardStatus status)
        {
            screen.Write(0, y, "Limit", CellStyle.Heading);
            LimitGauge? maybe = status.Gauge;
            if (maybe == null)
            {
                screen.Write(ValueColumn, y, "none (press l to set one)", CellStyle.Dim);
                return;
            }

            LimitGauge gauge = maybe.Value;
            CellStyle band = BandStyle(gauge.Band);
            string percent = gauge.Percent.ToString("0.0", CultureInfo.CurrentCulture) + " %";
            string detail = Separator + ByteSize.Format(gauge.Used) + " of " + ByteSize.Format(gauge.Limit) + " " + DirectionWord(status.Direction);
            int textColumns = TextWidth.Columns(percent) + TextWidth.Columns(detail);
            int bar = screen.Width - ValueColumn - 3 - textColumns;
            int x = ValueColumn;
            if (bar >= 10)
            {
                int filled = gauge.FilledCells(bar);
                x += screen.Write(x, y, "[", CellStyle.Dim);
                screen.Fill(x, y, filled, '█', band);
                screen.Fill(x + filled, y, bar - filled, '░', CellStyle.Dim);
                x += bar;
                x += screen.Write(x, y, "] ", CellStyle.Dim);
            }

            x += screen.Write(x, y, percent, band);
            screen.Write(x, y, detail, CellStyle.Plain);
        }

        private static void PaintBanner(ScreenBuffer screen, int y, DashboardStatus status)
        {
            if (status.Banner != null)
            {
                CellStyle style = BandStyle(status.BannerBand);
                screen.Fill(0, y, screen.Width, ' ', style);
                screen.Write(0, y, "▲ " + status.BannerAt.ToString("T", CultureInfo.CurrentCulture) + "  " + status.Banner, style);
            }
        }

        private static void PaintInterfaces(ScreenBuffer screen, int y, int rows, DashboardModel model)
        {
            IReadOnlyList<TrafficTrack> interfaces = model.Interfaces;
            bool withAll = interfaces.Count > 1;
            int listed = withAll ? interfaces.Count + 1 : Math.Max(1, interfaces.Count);
            int selected = withAll ? model.Selected + 1 : 0;
            int first = Math.Max(0, Math.Min(selected - rows + 1, listed - rows));

            string heading = listed > rows
                ? string.Format(CultureInfo.CurrentCulture, "Interfaces ({0}-{1} of {2})", first + 1, first + rows, listed)
                : "Interfaces";
            screen.Write(0, y, heading, CellStyle.Heading);
            string[] columns = { "down/s", "up/s", "received", "sent", "total" };
            // The names take what they need (at least as much as at 80 columns), the numbers follow them.
            int longest = 0;
            foreach (TrafficTrack track in interfaces)
            {
                longest = Math.Max(longest, TextWidth.Columns(track.Name));
            }

            int numbers = Math.Min(screen.Width - columns.Length * NumberColumn, Math.Max(MinNameColumn, longest + 4));
            for (int c = 0; c < columns.Length; c++)
            {
                screen.WriteRight(numbers + (c + 1) * NumberColumn, y, columns[c], CellStyle.Dim);
            }

            if (interfaces.Count == 0)
            {
                screen.Write(2, y + 1, "no interface to show yet", CellStyle.Dim);
                return;
            }

            for (int i = 0; i < rows && first + i < listed; i++)
            {
                int index = first + i;
                TrafficTrack track = withAll ? (index == 0 ? model.All : interfaces[index - 1]) : interfaces[0];
                bool isSelected = index == selected;
                int row = y + 1 + i;
                CellStyle plain = isSelected ? CellStyle.Selected : CellStyle.Plain;
                if (isSelected)
                {
                    screen.Fill(0, row, screen.Width, ' ', CellStyle.Selected);
                }

                screen.Write(0, row, (isSelected ? "> " : "  ") + track.Name, plain, numbers - 1);
                string[] values =
                {
                    RateFormat.Format(track.ReceivedRate, model.Unit),
                    RateFormat.Format(track.SentRate, model.Unit),
                    ByteSize.Format(track.BytesReceived),
                    ByteSize.Format(track.BytesSent),
                    ByteSize.Format(track.TotalBytes),
                };
                for (int c = 0; c < values.Length; c++)
                {
                    CellStyle style = isSelected ? plain : c == 0 ? CellStyle.Received : c == 1 ? CellStyle.Sent : CellStyle.Plain;
                    screen.WriteRight(numbers + (c + 1) * NumberColumn, row, values[c], style);
                }
            }
        }

        private static void PaintPrompt(ScreenBuffer screen, int y, DashboardStatus status)
        {
            ViewInput input = status.Input;
            switch (input.Mode)
            {
                case ViewMode.ConfirmExit:
                    screen.Write(0, y, " Exit? (y/n) ", CellStyle.Prompt);
                    return;
                case ViewMode.EnterLimit:
                    int x = screen.Write(0, y, " New limit (such as 5GB; Enter sets it, Esc cancels): ", CellStyle.Prompt);
                    x += screen.Write(x, y, input.Typed, CellStyle.Heading);
                    screen.Put(x, y, '_', CellStyle.Heading);
                    return;
            }

            if (input.Error != null)
            {
                screen.Write(0, y, input.Error, CellStyle.Bad);
            }
            else if (status.Message != null)
            {
                screen.Write(0, y, status.Message, CellStyle.Warning);
            }
        }

        private static void PaintKeys(ScreenBuffer screen, int y, DashboardModel model)
        {
            (string Key, string What)[] keys =
            {
                ("q", "quit"),
                ("space", model.Paused ? "resume graph" : "pause graph"),
                ("u", model.Unit == RateUnit.BytesPerSecond ? "bits/s" : "bytes/s"),
                ("r", "reset counters"),
                ("l", "limit"),
                ("←→", "interface"),
            };
            int x = 0;
            foreach ((string key, string what) in keys)
            {
                x += screen.Write(x, y, key, CellStyle.Heading);
                x += screen.Write(x, y, " " + what + Separator, CellStyle.Dim);
            }
        }

        private static CellStyle BandStyle(GaugeBand band) => band switch
        {
            GaugeBand.Exceeded => CellStyle.Bad,
            GaugeBand.Warning => CellStyle.Warning,
            _ => CellStyle.Good,
        };

        private static string DirectionWord(UsageDirection direction) => direction switch
        {
            UsageDirection.Received => "received",
            UsageDirection.Sent => "sent",
            _ => "total",
        };

        private static string Duration(double seconds)
        {
            TimeSpan t = TimeSpan.FromSeconds(Math.Floor(seconds));
            return string.Format(CultureInfo.InvariantCulture, "{0:00}:{1:00}:{2:00}", (int)t.TotalHours, t.Minutes, t.Seconds);
        }
    }
}
