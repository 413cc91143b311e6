using System;
using System.Collections.Generic;

namespace NetUsageTracker.Reports
{
    /// <summary>One bar: received at the bottom, sent stacked on top, in chart coordinates (y grows down).</summary>
    public sealed class ChartBar
    {
        internal ChartBar(UsageSlot slot, int index, double x, double width, double bottom, double receivedHeight, double sentHeight)
        {
            Slot = slot;
            Index = index;
            X = x;
            Width = width;
            Bottom = bottom;
            ReceivedHeight = receivedHeight;
            SentHeight = sentHeight;
        }

        public UsageSlot Slot { get; }

        /// <summary>The slot's place on the time axis, from 0.</summary>
        public int Index { get; }

        /// <summary>The bar's left edge.</summary>
        public double X { get; }

        public double Width { get; }

        /// <summary>The y of the axis the bar stands on.</summary>
        public double Bottom { get; }

        public double ReceivedHeight { get; }

        public double SentHeight { get; }

        public double ReceivedY => Bottom - ReceivedHeight;

        public double SentY => ReceivedY - SentHeight;
    }

    /// <summary>A label on an axis at a position (y for values, the slot's centre x for periods).</summary>
    public sealed class AxisMark
    {
        internal AxisMark(double position, string label)
        {
            Position = position;
            Label = label;
        }

        public double Position { get; }

        public string Label { get; }
    }

    /// <summary>
    /// A stacked bar chart of received and sent bytes per period, laid out as numbers in a fixed
    /// coordinate box (the SVG's viewBox) so that drawing it is only writing them down.
    /// </summary>
    public sealed class BarChart
    {
        public const double Width = 720;
        public const double Height = 210;
        public const double PlotLeft = 58;
        public const double PlotRight = Width - 10;
        public const double PlotTop = 10;
        public const double PlotBottom = Height - 34;

        // The slots the time axis is divided into: the slots, or more where a short list must not stretch.
        private readonly int _slotCount;

        private BarChart(ChartKind kind, string title, IReadOnlyList<UsageSlot> slots, ChartScale scale, List<ChartBar> bars,
            List<AxisMark> valueMarks, List<AxisMark> periodMarks, ulong received, ulong sent, UsageSlot? peak, int slotCount)
        {
            _slotCount = slotCount;
            Kind = kind;
            Title = title;
            Slots = slots;
            Scale = scale;
            Bars = bars;
            ValueMarks = valueMarks;
            PeriodMarks = periodMarks;
            TotalReceived = received;
            TotalSent = sent;
            Peak = peak;
        }

        public ChartKind Kind { get; }

        /// <summary>Names the kind of chart (five-minute, hour, day, month, top-days).</summary>
        public string Id => ReportNames.Id(Kind);

        public string Title { get; }

        /// <summary>Every period on the axis, in order, with or without traffic.</summary>
        public IReadOnlyList<UsageSlot> Slots { get; }

        public ChartScale Scale { get; }

        /// <summary>The periods with traffic, as bars.</summary>
        public IReadOnlyList<ChartBar> Bars { get; }

        /// <summary>The value axis ticks: y and label.</summary>
        public IReadOnlyList<AxisMark> ValueMarks { get; }

        /// <summary>The period labels: the slot's centre x and its label.</summary>
        public IReadOnlyList<AxisMark> PeriodMarks { get; }

        public ulong TotalReceived { get; }

        public ulong TotalSent { get; }

        /// <summary>The period with the most traffic; null when there is none.</summary>
        public UsageSlot? Peak { get; }

        public bool IsEmpty => Peak == null;

        /// <summary>The width of one period on the time axis.</summary>
        public double SlotWidth => _slotCount == 0 ? 0 : PlotWidth / _slotCount;

        /// <summary>The space left of a bar within its slot, as a fraction of the slot.</summary>
        public double BarInset => SlotWidth > 0 ? BarGap(SlotWidth) / 2 / SlotWidth : 0;

        /// <summary>A bar's width as a fraction of its slot.</summary>
        public double BarFraction => 1 - 2 * BarInset;

        public static double PlotWidth => PlotRight - PlotLeft;

        public static double PlotHeight => PlotBottom - PlotTop;

        /// <param name="minimumSlots">The axis is divided into at least this many slots, the rest left empty on
        /// the right: the top days of a history of one day are one bar of a top-ten chart's width, not one
        /// bar across the whole chart.</param>
        public static BarChart Create(ChartKind kind, string title, IReadOnlyList<UsageSlot> slots, int minimumSlots = 0)
        {
            ulong received = 0, sent = 0;
            UsageSlot? peak = null;
            foreach (UsageSlot slot in slots)
            {
                received += slot.Received;
                sent += slot.Sent;
                if (slot.Total > 0 && (peak == null || slot.Total > peak.Total))
                {
                    peak = slot;
                }
            }

            ChartScale scale = ChartScale.For(peak?.Total ?? 0);
            var valueMarks = new List<AxisMark>(scale.Ticks.Count);
            foreach (double tick in scale.Ticks)
            {
                valueMarks.Add(new AxisMark(PlotBottom - scale.Fraction(tick) * PlotHeight, scale.Label(tick)));
            }

            int slotCount = Math.Max(slots.Count, minimumSlots);
            double slotWidth = slotCount == 0 ? 0 : PlotWidth / slotCount;
            double gap = BarGap(slotWidth);
            var bars = new List<ChartBar>();
            var periodMarks = new List<AxisMark>();
            for (int i = 0; i < slots.Count; i++)
            {
                UsageSlot slot = slots[i];
                double left = PlotLeft + i * slotWidth;
                if (slot.AxisLabel != null)
                {
                    periodMarks.Add(new AxisMark(left + slotWidth / 2, slot.AxisLabel));
                }

                if (slot.Total > 0)
                {
                    bars.Add(new ChartBar(slot, i, left + gap / 2, slotWidth - gap, PlotBottom,
                        scale.Fraction(slot.Received) * PlotHeight, scale.Fraction(slot.Sent) * PlotHeight));
                }
            }

            return new BarChart(kind, title, slots, scale, bars, valueMarks, periodMarks, received, sent, peak, slotCount);
        }

        /// <summary>Space between bars: a quarter of a wide slot, a pixel of a narrow one, none where bars are thinner than that.</summary>
        public static double BarGap(double slotWidth) =>
            slotWidth >= 8 ? slotWidth / 4 : slotWidth >= 3 ? 1 : 0;
    }
}
