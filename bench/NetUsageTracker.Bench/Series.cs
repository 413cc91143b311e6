using System;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker.Bench
{
    /// <summary>The values one measurement took over its rounds, summarised by the median and the spread.</summary>
    internal sealed class Series
    {
        private readonly List<double> _values = new List<double>();

        public IReadOnlyList<double> Values => _values;

        public void Add(double value) => _values.Add(value);

        public void Clear() => _values.Clear();

        public double Median => Percentile(0.5);

        /// <summary>The interquartile range relative to the median: robust against the odd round in which
        /// another process took the CPU, which min..max is not.</summary>
        public double RelativeSpread => Median == 0 ? 0 : (Percentile(0.75) - Percentile(0.25)) / Median;

        public double Percentile(double p)
        {
            if (_values.Count == 0)
            {
                throw new InvalidOperationException("No values were measured.");
            }

            double[] sorted = _values.OrderBy(v => v).ToArray();
            double position = p * (sorted.Length - 1);
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, sorted.Length - 1);
            return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
        }
    }
}
