using System;
using System.Collections.Generic;

namespace NetUsageTracker.Limits
{
    /// <summary>
    /// Fires once per episode when the average rate over a window rises above a limit (a runaway
    /// download, not a burst). The episode ends, and the monitor re-arms, when the average falls below
    /// the limit by the hysteresis margin.
    /// </summary>
    public sealed class RateLimitMonitor
    {
        private readonly Queue<(double Seconds, ulong Bytes)> _samples = new Queue<(double, ulong)>();
        private (double Seconds, ulong Bytes) _base;
        private bool _hasBase;

        public RateLimitMonitor(double bytesPerSecond, TimeSpan window, double hysteresisPercent = 5.0)
        {
            if (!(bytesPerSecond > 0) || double.IsInfinity(bytesPerSecond))
            {
                throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), "The rate limit must be greater than zero.");
            }

            if (window <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(window), "The window must be longer than zero.");
            }

            Limit = bytesPerSecond;
            Window = window;
            HysteresisPercent = hysteresisPercent;
        }

        public double Limit { get; }

        public TimeSpan Window { get; }

        public double HysteresisPercent { get; }

        /// <summary>True from the step that fired until the average falls back under the limit.</summary>
        public bool InEpisode { get; private set; }

        /// <summary>The average over the last full window; null until the samples span a window.</summary>
        public double? Average { get; private set; }

        /// <summary>
        /// Feeds the cumulative byte count at a monotonic time (seconds since the watch began, 0 bytes at
        /// 0 s included); returns true when this step starts an episode.
        /// </summary>
        public bool Update(double seconds, ulong bytes)
        {
            _samples.Enqueue((seconds, bytes));
            // The base is the newest sample at least one window old, so the average spans the window.
            double cutoff = seconds - Window.TotalSeconds;
            while (_samples.Count > 0 && _samples.Peek().Seconds <= cutoff)
            {
                _base = _samples.Dequeue();
                _hasBase = true;
            }

            if (!_hasBase || seconds <= _base.Seconds)
            {
                Average = null;
                return false;
            }

            double average = (bytes - _base.Bytes) / (seconds - _base.Seconds);
            Average = average;
            if (!InEpisode && average > Limit)
            {
                InEpisode = true;
                return true;
            }

            if (InEpisode && average < Limit * (1 - HysteresisPercent / 100))
            {
                InEpisode = false;
            }

            return false;
        }
    }
}
