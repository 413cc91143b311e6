using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetUsageTracker.Metrics
{
    /// <summary>The two metric types this module writes.</summary>
    public enum MetricType
    {
        /// <summary>Only goes up, except when its source restarts (a reboot, a driver reload).</summary>
        Counter,

        /// <summary>Goes up and down.</summary>
        Gauge,
    }

    /// <summary>One sample's value: a byte count stays an exact integer in the text, a ratio or a time a double.</summary>
    public readonly struct MetricValue
    {
        private readonly ulong _integer;
        private readonly double _real;
        private readonly bool _isInteger;

        private MetricValue(ulong integer, double real, bool isInteger)
        {
            _integer = integer;
            _real = real;
            _isInteger = isInteger;
        }

        public double AsDouble => _isInteger ? _integer : _real;

        public static implicit operator MetricValue(ulong value) => new MetricValue(value, 0, true);

        public static implicit operator MetricValue(double value) => new MetricValue(0, value, false);

        /// <summary>As the text format writes it: digits, or Go's float syntax (NaN, +Inf, -Inf, 1.5E-05).</summary>
        public void AppendTo(StringBuilder text)
        {
            if (_isInteger)
            {
                text.Append(_integer.ToString(CultureInfo.InvariantCulture));
            }
            else if (double.IsNaN(_real))
            {
                text.Append("NaN");
            }
            else if (double.IsInfinity(_real))
            {
                text.Append(_real > 0 ? "+Inf" : "-Inf");
            }
            else
            {
                text.Append(_real.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            AppendTo(text);
            return text.ToString();
        }
    }

    /// <summary>One sample: its label values, in the order of the family's label names, and its value.</summary>
    public readonly struct MetricSample
    {
        public MetricSample(string[] labelValues, MetricValue value)
        {
            LabelValues = labelValues;
            Value = value;
        }

        public IReadOnlyList<string> LabelValues { get; }

        public MetricValue Value { get; }
    }

    /// <summary>
    /// A metric family: a name, a type, a help text, fixed label names, and samples that each give every
    /// label a value, so that no two samples of a family differ in which labels they carry.
    /// </summary>
    public sealed class MetricFamily
    {
        private readonly List<MetricSample> _samples = new List<MetricSample>();

        public MetricFamily(string name, MetricType type, string help, params string[] labelNames)
        {
            if (!IsValidName(name, colons: true))
            {
                throw new ArgumentException($"'{name}' is not a valid metric name.", nameof(name));
            }

            foreach (string label in labelNames)
            {
                if (!IsValidName(label, colons: false) || label.StartsWith("__", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{label}' is not a valid label name.", nameof(labelNames));
                }
            }

            Name = name;
            Type = type;
            Help = help;
            LabelNames = labelNames;
        }

        public string Name { get; }

        public MetricType Type { get; }

        public string Help { get; }

        public IReadOnlyList<string> LabelNames { get; }

        public IReadOnlyList<MetricSample> Samples => _samples;

        public void Add(MetricValue value, params string[] labelValues)
        {
            if (labelValues.Length != LabelNames.Count)
            {
                throw new ArgumentException($"{Name} has {LabelNames.Count} labels; {labelValues.Length} values were given.", nameof(labelValues));
            }

            _samples.Add(new MetricSample(labelValues, value));
        }

        // [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; label names without the colon.
        private static bool IsValidName(string name, bool colons)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colons && c == ':') || (i > 0 && c >= '0' && c <= '9');
                if (!valid)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
