using System;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker.Limits
{
    /// <summary>
    /// Fires each threshold (a percentage of a limit) once per crossing. A fired threshold re-arms only
    /// after usage falls below it by the hysteresis margin, so usage hovering at the line does not flap.
    /// </summary>
    public sealed class ThresholdMonitor
    {
        private readonly double[] _thresholds;
        private readonly bool[] _fired;

        public ThresholdMonitor(long limit, IEnumerable<double>? thresholdPercents = null, double hysteresisPercent = 1.0)
        {
            if (limit <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "The limit must be greater than zero.");
            }

            Limit = limit;
            _thresholds = (thresholdPercents ?? new[] { 100.0 }).Distinct().OrderBy(t => t).ToArray();
            if (_thresholds.Length == 0 || _thresholds.Any(t => t <= 0 || double.IsNaN(t) || double.IsInfinity(t)))
            {
                throw new ArgumentOutOfRangeException(nameof(thresholdPercents), "Thresholds must be positive percentages.");
            }

            _fired = new bool[_thresholds.Length];
            HysteresisPercent = hysteresisPercent;
        }

        public long Limit { get; }

        public double HysteresisPercent { get; }

        public IReadOnlyList<double> Thresholds => _thresholds;

        /// <summary>Thresholds that have fired and not re-armed, lowest first.</summary>
        public double[] Crossed => _thresholds.Where((t, i) => _fired[i]).ToArray();

        public double PercentOf(ulong used) => used * 100.0 / Limit;

        /// <summary>Feeds the usage now; returns the thresholds that fire at this step (often none).</summary>
        public IReadOnlyList<double> Update(ulong used)
        {
            double percent = PercentOf(used);
            List<double>? fired = null;
            for (int i = 0; i < _thresholds.Length; i++)
            {
                if (!_fired[i] && percent >= _thresholds[i])
                {
                    _fired[i] = true;
                    (fired ??= new List<double>()).Add(_thresholds[i]);
                }
                else if (_fired[i] && percent < _thresholds[i] - HysteresisPercent)
                {
                    _fired[i] = false;
                }
            }

            return (IReadOnlyList<double>?)fired ?? Array.Empty<double>();
        }
    }
}
