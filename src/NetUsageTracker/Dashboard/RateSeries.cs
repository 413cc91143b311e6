using System;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// The last rates of one direction, newest last, in a ring of fixed capacity: adding a sample
    /// overwrites the oldest and allocates nothing.
    /// </summary>
    public sealed class RateSeries
    {
        private readonly double[] _values;
        private int _next;

        public RateSeries(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A series holds at least one sample.");
            }

            _values = new double[capacity];
        }

        public int Capacity => _values.Length;

        /// <summary>How many samples the series holds (at most <see cref="Capacity"/>).</summary>
        public int Count { get; private set; }

        /// <summary>A sample by age: 0 is the newest, Count - 1 the oldest kept.</summary>
        public double this[int age]
        {
            get
            {
                if ((uint)age >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(age));
                }

                int index = _next - 1 - age;
                return _values[index < 0 ? index + _values.Length : index];
            }
        }

        public void Add(double bytesPerSecond)
        {
            _values[_next] = bytesPerSecond;
            _next = (_next + 1) % _values.Length;
            if (Count < _values.Length)
            {
                Count++;
            }
        }

        /// <summary>The highest of the newest <paramref name="last"/> samples (0 when there are none).</summary>
        public double Peak(int last)
        {
            double peak = 0;
            int n = Math.Min(last, Count);
            for (int age = 0; age < n; age++)
            {
                peak = Math.Max(peak, this[age]);
            }

            return peak;
        }

        /// <summary>Makes <paramref name="target"/> an exact copy of this series (no allocation).</summary>
        public void CopyTo(RateSeries target)
        {
            if (target.Capacity != Capacity)
            {
                throw new ArgumentException("The target series must have the same capacity.", nameof(target));
            }

            Array.Copy(_values, target._values, _values.Length);
            target._next = _next;
            target.Count = Count;
        }
    }
}
