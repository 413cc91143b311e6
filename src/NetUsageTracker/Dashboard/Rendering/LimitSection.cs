using System.Globalization;
using NetUsageTracker.Limits;
using static NetUsageTracker.Dashboard.Rendering.DashboardPainter;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>What the limit counts: the usage row, the limit's gauge, and the banner of the latest alert.</summary>
    internal static class LimitSection
    {
        public static void PaintUsage(ScreenBuffer screen, int y, DashboardModel model, DashboardStatus status)
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

        public static void PaintLimit(ScreenBuffer screen, int y, DashboardStatus status)
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

        public static void PaintBanner(ScreenBuffer screen, int y, DashboardStatus status)
        {
            if (status.Banner != null)
            {
                CellStyle style = BandStyle(status.BannerBand);
                screen.Fill(0, y, screen.Width, ' ', style);
                screen.Write(0, y, "▲ " + status.BannerAt.ToString("T", CultureInfo.CurrentCulture) + "  " + status.Banner, style);
            }
        }
    }
}
