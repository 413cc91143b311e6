using System;
using System.Collections.Generic;
using System.Globalization;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// The value axis of one chart: one binary unit for the whole axis, chosen from the largest value
    /// (so the labels read 0, 2, 4, 6 GB rather than 0 B, 2 GB...), and round ticks in that unit
    /// (steps of 1, 2, 2.5 or 5 times a power of ten) up to a top at or above the largest value.
    /// </summary>
    public sealed class ChartScale
    {
        private static readonly double[] NiceSteps = { 1, 2, 2.5, 5, 10 };

        private ChartScale(int power, double top, List<double> ticks)
        {
            UnitPower = power;
            UnitBytes = Math.Pow(1024, power);
            Unit = ByteSize.UnitName(power);
            Top = top;
            Ticks = ticks;
        }

        /// <summary>The unit is 1024^UnitPower bytes.</summary>
        public int UnitPower { get; }

        public double UnitBytes { get; }

        public string Unit { get; }

        /// <summary>The value at the top of the axis, in bytes; 0 for a chart with no traffic.</summary>
        public double Top { get; }

        /// <summary>The tick values in bytes, from 0 up to <see cref="Top"/>.</summary>
        public IReadOnlyList<double> Ticks { get; }

        /// <summary>A scale for values from 0 to <paramref name="maxBytes"/> with about <paramref name="targetTicks"/> steps.</summary>
        public static ChartScale For(double maxBytes, int targetTicks = 4)
        {
            if (!(maxBytes > 0))
            {
                return new ChartScale(0, 0, new List<double> { 0 });
            }

            int power = ByteSize.UnitPower(maxBytes);
            double unitBytes = Math.Pow(1024, power);
            double max = maxBytes / unitBytes;
            double step = NiceStep(max / Math.Max(1, targetTicks));
            if (power == 0)
            {
                // Bytes come whole: no tick at half a byte.
                step = Math.Max(1, Math.Ceiling(step));
            }

            int steps = (int)Math.Ceiling(max / step - 1e-9);
            var ticks = new List<double>(steps + 1);
            for (int i = 0; i <= steps; i++)
            {
                ticks.Add(i * step * unitBytes);
            }

            return new ChartScale(power, steps * step * unitBytes, ticks);
        }

        /// <summary>The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at least <paramref name="raw"/>.</summary>
        public static double NiceStep(double raw)
        {
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            foreach (double nice in NiceSteps)
            {
                double step = nice * magnitude;
                if (step >= raw * (1 - 1e-12))
                {
                    return step;
                }
            }

            return 10 * magnitude;
        }

        /// <summary>A tick label in the axis unit: "2.5 GB".</summary>
        public string Label(double bytes) =>
            (bytes / UnitBytes).ToString("0.##", CultureInfo.CurrentCulture) + " " + Unit;

        /// <summary>Where <paramref name="bytes"/> falls between 0 (the bottom) and 1 (the top).</summary>
        public double Fraction(double bytes) => Top > 0 ? bytes / Top : 0;
    }
}
