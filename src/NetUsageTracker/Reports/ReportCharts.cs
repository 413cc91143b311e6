using System;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using static NetUsageTracker.Reports.ReportText;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// The report's inline SVG: the quota gauge and the bar charts, each with a title and description for
    /// screen readers under an id of its own on the page.
    /// </summary>
    internal sealed class ReportCharts
    {
        private readonly MarkupWriter _w;
        private int _ids;

        public ReportCharts(MarkupWriter writer)
        {
            _w = writer;
        }

        public void Gauge(QuotaGauge gauge)
        {
            const double width = 600, top = 6, height = 18;
            NetUsageQuota q = gauge.Quota;
            string label = $"Used {ByteSize.Format(q.Used)} of {ByteSize.Format(q.Limit)} ({Percent(q.PercentUsed)})" +
                (q.Forecast.HasValue ? $"; forecast {ByteSize.Format(q.Forecast.Value)} at the period's end" : "");
            string id = NextId();
            _w.Start("svg").Attr("class", "gauge").Attr("viewBox", $"0 0 {width} 44").Attr("role", "img").Attr("aria-labelledby", id);
            _w.Start("title").Attr("id", id).Text(label).End();
            _w.Start("rect").Attr("class", "track").Attr("x", 0).Attr("y", top).Attr("width", width).Attr("height", height).Attr("rx", 4).End();
            _w.Start("rect").Attr("class", "used").Attr("x", 0).Attr("y", top).Attr("width", gauge.UsedFraction * width).Attr("height", height).Attr("rx", 4).End();
            double limitX = gauge.LimitFraction * width;
            _w.Start("line").Attr("class", "limit").Attr("x1", limitX).Attr("x2", limitX).Attr("y1", 2).Attr("y2", top + height + 4).End();
            _w.Start("text").Attr("class", "ax").Attr("x", Math.Min(limitX, width - 2)).Attr("y", 40).Attr("text-anchor", "end").Text("limit").End();
            if (gauge.ForecastFraction.HasValue)
            {
                double x = gauge.ForecastFraction.Value * width;
                _w.Start("line").Attr("class", "forecast").Attr("x1", x).Attr("x2", x).Attr("y1", top - 3).Attr("y2", top + height + 3).End();
                bool nearLimit = Math.Abs(x - limitX) < 60;
                if (!nearLimit)
                {
                    _w.Start("text").Attr("class", "ax").Attr("x", Math.Max(x, 40)).Attr("y", 40).Attr("text-anchor", "middle").Text("forecast").End();
                }
            }

            _w.End();
        }

        /// <param name="pending">Whether the view's totals include traffic since the last recording, which no
        /// chart shows yet: an empty chart then says so rather than "no traffic" beside a table with some.</param>
        public void Chart(BarChart chart, bool pending = false)
        {
            string id = NextId();
            string summary = chart.IsEmpty
                ? pending ? "Nothing recorded in this span yet: the traffic since the last recording is in the totals and joins the charts once recorded." : "No traffic recorded in this span."
                : $"{ByteSize.Format(chart.TotalReceived)} received, {ByteSize.Format(chart.TotalSent)} sent; the most, {ByteSize.Format(chart.Peak!.Total)}, {(chart.Kind == ChartKind.TopDays ? "on" : "in")} {chart.Peak.FullName}.";
            _w.Start("figure").Attr("class", "chart").Attr("data-chart", chart.Id);
            _w.Start("figcaption");
            _w.Start("span").Attr("class", "t").Text(chart.Title).End();
            _w.Start("span").Attr("class", "muted").Text(" " + summary).End();
            _w.End();

            _w.Start("svg").Attr("viewBox", $"0 0 {MarkupWriter.Number(BarChart.Width)} {MarkupWriter.Number(BarChart.Height)}")
                .Attr("role", "img").Attr("aria-labelledby", id + "t " + id + "d").Attr("data-unit", chart.Scale.Unit);
            _w.Start("title").Attr("id", id + "t").Text(chart.Title).End();
            _w.Start("desc").Attr("id", id + "d").Text(summary).End();

            _w.Start("g").Attr("class", "grid");
            foreach (AxisMark mark in chart.ValueMarks)
            {
                _w.Start("line").Attr("x1", BarChart.PlotLeft).Attr("x2", BarChart.PlotRight).Attr("y1", mark.Position).Attr("y2", mark.Position).End();
                _w.Start("text").Attr("x", BarChart.PlotLeft - 6).Attr("y", mark.Position + 4).Attr("text-anchor", "end").Text(mark.Label).End();
            }

            _w.End();
            // Bars are drawn one slot wide and upwards from the axis, so each carries only its slot number
            // and heights: a year of five-minute bars per interface stays small. The first rectangle of a bar
            // is its received part, the second its sent part (the style sheet colours them by place).
            _w.Start("g").Attr("class", "bars")
                .Attr("transform", $"translate({MarkupWriter.Number(BarChart.PlotLeft)} {MarkupWriter.Number(BarChart.PlotBottom)}) scale({MarkupWriter.Number(chart.SlotWidth, 4)} -1)");
            string inset = MarkupWriter.Number(chart.BarInset, 3);
            string width = MarkupWriter.Number(chart.BarFraction, 3);
            foreach (ChartBar bar in chart.Bars)
            {
                _w.Start("g");
                _w.Element("title", $"{bar.Slot.FullName}: received {Exact(bar.Slot.Received)}, sent {Exact(bar.Slot.Sent)}");
                string x = inset == "0" ? bar.Index.ToString(Invariant) : MarkupWriter.Number(bar.Index + chart.BarInset, 3);
                _w.Start("rect").Attr("x", x).Attr("width", width).Attr("height", bar.ReceivedHeight).End();
                if (bar.SentHeight > 0)
                {
                    _w.Start("rect").Attr("x", x).Attr("y", bar.ReceivedHeight).Attr("width", width).Attr("height", bar.SentHeight).End();
                }

                _w.End();
            }

            _w.End();
            _w.Start("g").Attr("class", "xaxis");
            _w.Start("line").Attr("class", "base").Attr("x1", BarChart.PlotLeft).Attr("x2", BarChart.PlotRight)
                .Attr("y1", BarChart.PlotBottom).Attr("y2", BarChart.PlotBottom).End();
            foreach (AxisMark mark in chart.PeriodMarks)
            {
                string[] lines = mark.Label.Split('\n');
                _w.Start("text").Attr("x", mark.Position).Attr("y", BarChart.PlotBottom + 14).Attr("text-anchor", "middle").Text(lines[0]);
                for (int i = 1; i < lines.Length; i++)
                {
                    _w.Start("tspan").Attr("x", mark.Position).Attr("dy", 13).Text(lines[i]).End();
                }

                _w.End();
            }

            _w.End();
            if (chart.IsEmpty)
            {
                _w.Start("text").Attr("class", "none").Attr("x", (BarChart.PlotLeft + BarChart.PlotRight) / 2).Attr("y", (BarChart.PlotTop + BarChart.PlotBottom) / 2)
                    .Attr("text-anchor", "middle").Text(pending ? "Nothing recorded in this span yet" : "No traffic recorded in this span").End();
            }

            _w.End();
            ReportTables.ChartTable(_w, chart);
            _w.End();
        }

        private string NextId() => "c" + (_ids++).ToString(Invariant);
    }
}
