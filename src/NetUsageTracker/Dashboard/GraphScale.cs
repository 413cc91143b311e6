using System;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// The vertical scale of a rate graph: a round maximum just above the highest visible rate (1, 2 or 5
    /// times a power of ten of the unit: 500 KB/s, 1 MB/s, 2 MB/s), and column heights in eighths of a row.
    /// </summary>
    public static class GraphScale
    {
        /// <summary>Each cell of a column holds eight levels (the block glyphs ▁ to █).</summary>
        public const int LevelsPerRow = 8;

        private static readonly double[] Mantissas = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };

        /// <summary>
        /// The smallest round rate, in bytes per second, at or above <paramref name="peakBytesPerSecond"/>;
        /// a quiet graph keeps 1 KB/s (or 1 kbit/s) so that a trickle does not fill it.
        /// </summary>
        public static double NiceMaximum(double peakBytesPerSecond, RateUnit unit)
        {
            double step = RateFormat.UnitStep(unit);
            double peak = RateFormat.InUnit(Math.Max(0, peakBytesPerSecond), unit);
            double unitSize = step; // the smallest maximum is one KB/s or one kbit/s
            for (int power = 1; power < 8; power++, unitSize *= step)
            {
                foreach (double mantissa in Mantissas)
                {
                    double candidate = mantissa * unitSize;
                    if (candidate >= peak)
                    {
                        return FromUnit(candidate, unit);
                    }
                }
            }

            return FromUnit(peak, unit);
        }

        /// <summary>
        /// How many eighths of a row a column of <paramref name="rows"/> rows fills for a rate: a rate
        /// above zero shows at least one eighth, and a rate above the maximum fills the column.
        /// </summary>
        public static int Levels(double bytesPerSecond, double maximum, int rows)
        {
            int full = rows * LevelsPerRow;
            if (!(bytesPerSecond > 0) || !(maximum > 0) || rows <= 0)
            {
                return 0;
            }

            double levels = Math.Round(bytesPerSecond / maximum * full, MidpointRounding.AwayFromZero);
            return (int)Math.Max(1, Math.Min(full, levels));
        }

        private static double FromUnit(double value, RateUnit unit) =>
            unit == RateUnit.BitsPerSecond ? value / 8 : value;
    }
}
