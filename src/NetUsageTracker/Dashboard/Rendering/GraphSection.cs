using System;
using static NetUsageTracker.Dashboard.Rendering.DashboardPainter;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>A graph of one direction's rates: the heading with the rate, peak and average, the scale, and a column per sample.</summary>
    internal static class GraphSection
    {
        /// <summary>The graph's scale labels and its axis line.</summary>
        private const int AxisWidth = 11;

        private static readonly char[] Eighths = { ' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█' };

        public static int Paint(ScreenBuffer screen, int y, int rows, string name, RateSeries series,
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
    }
}
