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
        internal const int ValueColumn = 11;

        internal const string Separator = "  ";

        public static void Paint(ScreenBuffer screen, DashboardModel model, DashboardStatus status)
        {
            screen.Clear();
            if (screen.Width < MinWidth || screen.Height < MinHeight)
            {
                PaintTooSmall(screen);
                return;
            }

            // The lower pane is the interface table, or the pane a key showed in its place.
            IDashboardPane? pane = Shown(status);
            int rest = screen.Height - FixedRows;
            int listed = pane?.Rows ?? InterfaceTable.Rows(model);
            int lowerRows = Math.Min(listed, Math.Max(1, (rest - 2) / 2));
            int graphRows = rest - lowerRows;

            int y = 0;
            PaintTitle(screen, y++, model, status);
            ConnectionSection.Paint(screen, y, status);
            y += 2;
            TrafficTrack track = model.SelectedTrack;
            y = GraphSection.Paint(screen, y, (graphRows + 1) / 2, "Download", model.GraphReceived, track.ReceivedRate, track.PeakReceivedRate, track.AverageReceivedRate, CellStyle.Received, model);
            y = GraphSection.Paint(screen, y, graphRows / 2, "Upload", model.GraphSent, track.SentRate, track.PeakSentRate, track.AverageSentRate, CellStyle.Sent, model);
            LimitSection.PaintUsage(screen, y++, model, status);
            LimitSection.PaintLimit(screen, y++, status);
            LimitSection.PaintBanner(screen, y++, status);
            if (pane != null)
            {
                pane.Paint(screen, y, lowerRows, model, status);
            }
            else
            {
                InterfaceTable.Paint(screen, y, lowerRows, model);
            }

            PaintPrompt(screen, screen.Height - 2, status);
            PaintKeys(screen, screen.Height - 1, model, status);
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

        private static IDashboardPane? Shown(DashboardStatus status)
        {
            foreach (IDashboardPane pane in status.Panes)
            {
                if (pane.Visible)
                {
                    return pane;
                }
            }

            return null;
        }

        private static void PaintKeys(ScreenBuffer screen, int y, DashboardModel model, DashboardStatus status)
        {
            var keys = new List<(string Key, string What)>
            {
                ("q", "quit"),
                ("space", model.Paused ? "resume" : "pause"),
                ("u", model.Unit == RateUnit.BytesPerSecond ? "bits/s" : "bytes/s"),
                ("r", "reset"),
                ("l", "limit"),
                ("←→", "interface"),
            };
            foreach (IDashboardPane pane in status.Panes)
            {
                keys.Add((pane.Key.ToString(), pane.Visible ? "hide " + pane.KeyLabel : pane.KeyLabel));
            }

            int x = 0;
            foreach ((string key, string what) in keys)
            {
                x += screen.Write(x, y, key, CellStyle.Heading);
                x += screen.Write(x, y, " " + what + Separator, CellStyle.Dim);
            }
        }

        internal static CellStyle BandStyle(GaugeBand band) => band switch
        {
            GaugeBand.Exceeded => CellStyle.Bad,
            GaugeBand.Warning => CellStyle.Warning,
            _ => CellStyle.Good,
        };

        internal static string DirectionWord(UsageDirection direction) => direction switch
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
