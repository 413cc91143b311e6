using System;
using System.Diagnostics;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// One thing timed in rounds: each round runs it a calibrated number of times and records the
    /// nanoseconds per call. The body returns the nanoseconds it took for n calls, so a peer in another
    /// process (psutil) can time itself.
    /// </summary>
    internal sealed class TimedOperation
    {
        private readonly Func<int, double> _nanosecondsFor;

        public TimedOperation(string name, Func<int, double> nanosecondsFor)
        {
            Name = name;
            _nanosecondsFor = nanosecondsFor;
        }

        public string Name { get; }

        public int Iterations { get; private set; } = 1;

        public Series NanosecondsPerCall { get; } = new Series();

        /// <summary>Times a body that runs in this process.</summary>
        public static TimedOperation InProcess(string name, Action body) => new TimedOperation(name, n =>
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                body();
            }

            return Stopwatch.GetElapsedTime(start).Ticks * 100.0;
        });

        /// <summary>Warms the code up (JIT tiers, caches) and picks the calls per round so that a round
        /// lasts about <paramref name="round"/>.</summary>
        public void Calibrate(TimeSpan warmUp, TimeSpan round)
        {
            int n = 1;
            double spent = 0;
            double ns;
            while (true)
            {
                ns = _nanosecondsFor(n);
                spent += ns;
                if (spent >= warmUp.Ticks * 100.0 && ns >= round.Ticks * 100.0 / 4)
                {
                    break;
                }

                if (ns < round.Ticks * 100.0 / 4)
                {
                    n *= 2;
                }
            }

            Iterations = Math.Max(1, (int)(n * (round.Ticks * 100.0) / ns));
        }

        public void RunRound() => NanosecondsPerCall.Add(_nanosecondsFor(Iterations) / Iterations);
    }
}
