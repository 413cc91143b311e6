using System;
using System.Globalization;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// How long each frame took from its sample to the screen, kept in a fixed ring (no allocation per
    /// frame) and summed up when the view closes.
    /// </summary>
    public sealed class FrameTimings
    {
        private readonly double[] _recent;
        private int _next;

        public FrameTimings(int capacity = 4096)
        {
            _recent = new double[capacity];
        }

        public int Count { get; private set; }

        /// <summary>The first frame's time: it includes compiling the drawing code.</summary>
        public double FirstMilliseconds { get; private set; }

        /// <summary>The slowest frame after the first.</summary>
        public double SlowestAfterFirstMilliseconds { get; private set; }

        public void Add(double milliseconds)
        {
            if (Count == 0)
            {
                FirstMilliseconds = milliseconds;
            }
            else
            {
                SlowestAfterFirstMilliseconds = Math.Max(SlowestAfterFirstMilliseconds, milliseconds);
                _recent[_next] = milliseconds;
                _next = (_next + 1) % _recent.Length;
            }

            Count++;
        }

        /// <summary>A percentile (0 to 1) of the frames after the first, over the last few thousand.</summary>
        public double Percentile(double fraction)
        {
            int n = Math.Min(Count - 1, _recent.Length);
            if (n <= 0)
            {
                return 0;
            }

            var sorted = new double[n];
            Array.Copy(_recent, sorted, n);
            Array.Sort(sorted);
            return sorted[(int)Math.Min(n - 1, Math.Floor(fraction * n))];
        }

        /// <summary>One line for the verbose stream (and the benchmark, which reads it).</summary>
        public string Describe() => Count == 0
            ? "No frame was drawn."
            : string.Format(CultureInfo.InvariantCulture,
                "Drew {0} frames; from sample to screen: median {1:0.###} ms, 99th percentile {2:0.###} ms, slowest {3:0.###} ms after the first, which took {4:0.###} ms.",
                Count, Percentile(0.5), Percentile(0.99), SlowestAfterFirstMilliseconds, FirstMilliseconds);
    }
}
