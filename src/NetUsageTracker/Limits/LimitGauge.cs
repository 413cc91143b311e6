using System;
using System.Collections.Generic;

namespace NetUsageTracker.Limits
{
    /// <summary>
    /// The colour band of a gauge, the live view's and the report's alike: under the first threshold, between
    /// it and the limit, at or past the limit.
    /// </summary>
    public enum GaugeBand
    {
        Normal,
        Warning,
        Exceeded,
    }

    /// <summary>Usage against a limit as the view draws it: the percentage, the band and how much of a bar it fills.</summary>
    public readonly struct LimitGauge
    {
        /// <summary>Where a gauge turns to a warning when no thresholds are given: the one 80 % line of the module.</summary>
        public const double WarningPercent = 80;

        /// <summary>The thresholds a live limit uses when none are given: warn at 80 %, alert at the limit.</summary>
        public static readonly IReadOnlyList<double> DefaultThresholds = new[] { WarningPercent, 100.0 };

        private LimitGauge(ulong used, long limit, double percent, GaugeBand band)
        {
            Used = used;
            Limit = limit;
            Percent = percent;
            Band = band;
        }

        public ulong Used { get; }

        public long Limit { get; }

        /// <summary>Used as a percentage of Limit; past 100 when the limit is exceeded.</summary>
        public double Percent { get; }

        public GaugeBand Band { get; }

        /// <summary>
        /// The gauge for <paramref name="used"/> bytes of <paramref name="limit"/>: Exceeded from 100 %, Warning
        /// from the lowest threshold under 100 %, Normal below it.
        /// </summary>
        public static LimitGauge Of(ulong used, long limit, IReadOnlyList<double> thresholds)
        {
            if (limit <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be greater than zero.");
            }

            double percent = used * 100.0 / limit;
            return new LimitGauge(used, limit, percent, BandOf(percent, thresholds));
        }

        /// <summary>The band of <paramref name="percent"/> of a limit: Exceeded from 100 %, Warning from the lowest
        /// threshold under 100 %, Normal below it.</summary>
        public static GaugeBand BandOf(double percent, IReadOnlyList<double> thresholds)
        {
            if (percent >= 100)
            {
                return GaugeBand.Exceeded;
            }

            foreach (double threshold in thresholds)
            {
                if (threshold < 100 && percent >= threshold)
                {
                    return GaugeBand.Warning;
                }
            }

            return GaugeBand.Normal;
        }

        /// <summary>The cells of a <paramref name="width"/>-cell bar that are filled (all of them past the limit).</summary>
        public int FilledCells(int width)
        {
            if (width <= 0)
            {
                return 0;
            }

            double share = Math.Min(100, Percent) / 100 * width;
            int filled = (int)Math.Round(share, MidpointRounding.AwayFromZero);
            // Some usage always shows, and a bar looks full only when the limit is reached.
            if (Used > 0 && filled == 0)
            {
                filled = 1;
            }

            if (Percent < 100 && filled == width)
            {
                filled = width - 1;
            }

            return filled;
        }
    }
}
