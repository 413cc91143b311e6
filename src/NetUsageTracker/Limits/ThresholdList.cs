using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetUsageTracker.Limits
{
    /// <summary>
    /// Threshold percentages as a watch step lists them: a list of numbers for scripts (-contains 80, Count,
    /// [0]) that also reads right as text, so Export-Csv writes "80,100" rather than the array's type name.
    /// </summary>
    public sealed class ThresholdList : IReadOnlyList<double>
    {
        private readonly double[] _values;

        public ThresholdList(IEnumerable<double> values)
        {
            _values = values.ToArray();
        }

        public static ThresholdList Empty { get; } = new ThresholdList(Array.Empty<double>());

        public int Count => _values.Length;

        public double this[int index] => _values[index];

        public static implicit operator ThresholdList(double[] values) => new ThresholdList(values);

        public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)_values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

        /// <summary>The percentages comma separated, in the invariant culture: "80,100".</summary>
        public override string ToString() => string.Join(",", _values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
    }
}
