using System.Collections.Generic;

namespace NetUsageTracker.Bench
{
    /// <summary>One line of the result table (and one object of the JSON).</summary>
    internal sealed class BenchRow
    {
        public BenchRow(string name, string unit, double median, double? spread, IReadOnlyList<double> values)
        {
            Name = name;
            Unit = unit;
            Median = median;
            Spread = spread;
            Values = values;
        }

        public static BenchRow From(string name, string unit, Series series) =>
            new BenchRow(name, unit, series.Median, series.RelativeSpread, series.Values);

        public string Name { get; }

        public string Unit { get; }

        public double Median { get; }

        /// <summary>Interquartile range over the median (0.05 = 5 %); null for a single measurement.</summary>
        public double? Spread { get; }

        /// <summary>Every round's value (or every window's, for the watch), in the order measured.</summary>
        public IReadOnlyList<double> Values { get; }

        /// <summary>Median time over the floor's median time; null for rows that are not a time per snapshot.</summary>
        public double? RatioToFloor { get; set; }

        public string Target { get; set; } = "";

        /// <summary>Null when the row has no target (a reference figure).</summary>
        public bool? Pass { get; set; }

        /// <summary>The figure the target is judged on, when it is not the median itself (e.g. "41x").</summary>
        public string Judged { get; set; } = "";
    }
}
