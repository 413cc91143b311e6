using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    public class BarChartTests
    {
        private const ulong MB = 1UL << 20;

        private static List<UsageSlot> Days(params (ulong Rx, ulong Tx)[] traffic)
        {
            var start = new DateTime(2026, 11, 1);
            var slots = new List<UsageSlot>();
            for (int i = 0; i < traffic.Length; i++)
            {
                UsageSlot slot = Timeline.DaySlot(start.AddDays(i), (i + 1).ToString());
                slot.Add(traffic[i].Rx, traffic[i].Tx);
                slots.Add(slot);
            }

            return slots;
        }

        [Fact]
        public void BarsStackSentOnReceivedWithHeightsInProportionToTheAxisTop()
        {
            BarChart chart = BarChart.Create(ChartKind.Day, "Days", Days((30 * MB, 10 * MB), (5 * MB, 5 * MB), (0, 0), (0, 20 * MB)));
            Assert.Equal(40.0 * MB, chart.Scale.Top); // the busiest day, 40 MB, is on a tick
            Assert.Equal(3, chart.Bars.Count);        // the day without traffic has no bar

            ChartBar first = chart.Bars[0];
            Assert.Equal(BarChart.PlotHeight * 0.75, first.ReceivedHeight, 9);
            Assert.Equal(BarChart.PlotHeight * 0.25, first.SentHeight, 9);
            Assert.Equal(BarChart.PlotBottom, first.Bottom);
            Assert.Equal(BarChart.PlotTop, first.SentY, 9);               // the tallest bar reaches the top
            Assert.Equal(first.ReceivedY - first.SentHeight, first.SentY, 9); // sent sits on received

            ChartBar second = chart.Bars[1];
            Assert.Equal(10.0 / 40, (second.ReceivedHeight + second.SentHeight) / (first.ReceivedHeight + first.SentHeight), 9);

            ChartBar onlySent = chart.Bars[2];
            Assert.Equal(3, onlySent.Index);
            Assert.Equal(0, onlySent.ReceivedHeight);
            Assert.Equal(BarChart.PlotHeight / 2, onlySent.SentHeight, 9);
        }

        [Fact]
        public void BarsSitInTheirSlotsAcrossThePlot()
        {
            BarChart chart = BarChart.Create(ChartKind.Day, "Days", Days((1, 0), (1, 0), (1, 0), (1, 0)));
            double slot = BarChart.PlotWidth / 4;
            Assert.Equal(slot, chart.SlotWidth, 9);
            double gap = BarChart.BarGap(slot);
            Assert.Equal(slot / 4, gap, 9); // wide slots: a quarter of space
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(BarChart.PlotLeft + i * slot + gap / 2, chart.Bars[i].X, 9);
                Assert.Equal(slot - gap, chart.Bars[i].Width, 9);
            }

            Assert.Equal(gap / 2 / slot, chart.BarInset, 9);
            Assert.Equal(0.75, chart.BarFraction, 9);
        }

        [Theory]
        [InlineData(20, 5)]
        [InlineData(5, 1)]
        [InlineData(1.1, 0)]
        public void NarrowSlotsGetLessGap(double slot, double gap) => Assert.Equal(gap, BarChart.BarGap(slot));

        [Fact]
        public void ValueMarksRunFromTheAxisUpWithTheirLabels()
        {
            BarChart chart = BarChart.Create(ChartKind.Day, "Days", Days((3 * MB, 0)));
            Assert.Equal(new[] { "0 MB", "1 MB", "2 MB", "3 MB" }, chart.ValueMarks.Select(m => m.Label));
            Assert.Equal(BarChart.PlotBottom, chart.ValueMarks[0].Position);
            Assert.Equal(BarChart.PlotTop, chart.ValueMarks[3].Position, 9);
        }

        [Fact]
        public void PeriodLabelsSitUnderTheMiddleOfTheirSlot()
        {
            BarChart chart = BarChart.Create(ChartKind.Day, "Days", Days((1, 1), (1, 1)));
            double slot = BarChart.PlotWidth / 2;
            Assert.Equal(new[] { BarChart.PlotLeft + slot / 2, BarChart.PlotLeft + slot * 1.5 }, chart.PeriodMarks.Select(m => m.Position));
            Assert.Equal(new[] { "1", "2" }, chart.PeriodMarks.Select(m => m.Label));
        }

        [Fact]
        public void AnEmptySeriesIsAnEmptyChartWithTotalsOfZero()
        {
            BarChart chart = BarChart.Create(ChartKind.Day, "Days", Days((0, 0), (0, 0)));
            Assert.True(chart.IsEmpty);
            Assert.Empty(chart.Bars);
            Assert.Null(chart.Peak);
            Assert.Equal(0UL, chart.TotalReceived + chart.TotalSent);
            Assert.Single(chart.ValueMarks);
        }

        [Fact]
        public void TotalsAndPeakAreTheSeriesOwn()
        {
            BarChart chart = BarChart.Create(ChartKind.Day, "Days", Days((1, 2), (30, 4), (5, 6)));
            Assert.Equal(36UL, chart.TotalReceived);
            Assert.Equal(12UL, chart.TotalSent);
            Assert.Equal(new DateTime(2026, 11, 2), chart.Peak!.Start);
        }
    }
}
