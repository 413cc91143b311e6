using System;
using System.Collections.Generic;
using System.Globalization;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>The interface table: all of them together and each one, the selected row marked; it scrolls to keep the selection shown.</summary>
    internal static class InterfaceTable
    {
        /// <summary>Width of each number column of the interface table.</summary>
        private const int NumberColumn = 12;

        /// <summary>The marker and name column of the interface table at 80 columns.</summary>
        private const int MinNameColumn = 20;

        /// <summary>The rows it would fill: all interfaces together, then each, when there are several.</summary>
        public static int Rows(DashboardModel model) => model.Interfaces.Count > 1 ? model.Interfaces.Count + 1 : 1;

        public static void Paint(ScreenBuffer screen, int y, int rows, DashboardModel model)
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
    }
}
