using System;
using System.Collections.Generic;
using System.Globalization;
using NetUsageTracker.Limits;
using NetUsageTracker.Processes;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>The apps pane: the busiest processes, one a row, and the remainder always on the last row shown.</summary>
    internal static class AppsTable
    {
        private const int PidColumn = 8;
        private const int NumberColumn = 12;

        public static void Paint(ScreenBuffer screen, int y, int rows, AppsPane pane, RateUnit unit)
        {
            IReadOnlyList<AppRow> all = pane.Shown;
            string[] columns = { "down/s", "up/s", "received", "sent" };
            int numbers = screen.Width - PidColumn - columns.Length * NumberColumn;
            int owners = all.Count - 1;
            int shownOwners = Math.Max(0, Math.Min(owners, rows - 1));
            string heading = owners > shownOwners
                ? string.Format(CultureInfo.CurrentCulture, "Apps, top {0} of {1}", shownOwners, owners)
                : "Apps by rate";
            screen.Write(0, y, heading, CellStyle.Heading, numbers - 1);
            screen.WriteRight(numbers + PidColumn, y, "pid", CellStyle.Dim);
            for (int c = 0; c < columns.Length; c++)
            {
                screen.WriteRight(numbers + PidColumn + (c + 1) * NumberColumn, y, columns[c], CellStyle.Dim);
            }

            if (pane.Unavailable != null)
            {
                screen.Write(2, y + 1, pane.Unavailable, CellStyle.Warning);
                return;
            }

            if (all.Count == 0)
            {
                screen.Write(2, y + 1, "measuring the processes' sockets…", CellStyle.Dim);
                return;
            }

            for (int i = 0; i < shownOwners; i++)
            {
                PaintRow(screen, y + 1 + i, numbers, all[i], unit, CellStyle.Plain);
            }

            PaintRow(screen, y + 1 + shownOwners, numbers, all[all.Count - 1], unit, CellStyle.Dim);
        }

        private static void PaintRow(ScreenBuffer screen, int row, int numbers, AppRow app, RateUnit unit, CellStyle plain)
        {
            screen.Write(2, row, app.Name, plain, numbers - 3);
            if (app.ProcessId.HasValue)
            {
                screen.WriteRight(numbers + PidColumn, row, app.ProcessId.Value.ToString(CultureInfo.CurrentCulture), CellStyle.Dim);
            }

            string[] values =
            {
                RateFormat.Format(app.ReceivedRate, unit),
                RateFormat.Format(app.SentRate, unit),
                ByteSize.Format(app.BytesReceived),
                ByteSize.Format(app.BytesSent),
            };
            for (int c = 0; c < values.Length; c++)
            {
                CellStyle style = c == 0 ? CellStyle.Received : c == 1 ? CellStyle.Sent : plain;
                screen.WriteRight(numbers + PidColumn + (c + 1) * NumberColumn, row, values[c], style);
            }
        }
    }
}
