using System;
using System.Collections.Generic;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// The traffic of one line of the view (all watched interfaces together, or one of them) since the
    /// session began: bytes, the last rates, the peak and average rates, and the series the graph draws.
    /// </summary>
    public sealed class TrafficTrack
    {
        private readonly UsageAccumulator _usage;
        private double _seconds;

        public TrafficTrack(string name, Func<string, bool> includeInterface, int capacity)
        {
            Name = name;
            _usage = new UsageAccumulator(includeInterface);
            Received = new RateSeries(capacity);
            Sent = new RateSeries(capacity);
        }

        public string Name { get; }

        /// <summary>Every interface this track has counted, in the order first seen.</summary>
        public IReadOnlyList<string> InterfaceNames => _usage.Interfaces;

        public ulong BytesReceived => _usage.BytesReceived;

        public ulong BytesSent => _usage.BytesSent;

        public ulong TotalBytes => _usage.TotalBytes;

        /// <summary>Rates over the last interval, in bytes per second.</summary>
        public double ReceivedRate { get; private set; }

        public double SentRate { get; private set; }

        public double PeakReceivedRate { get; private set; }

        public double PeakSentRate { get; private set; }

        /// <summary>Seconds counted since the session began (monotonic clock).</summary>
        public double Seconds => _seconds;

        public double AverageReceivedRate => _seconds > 0 ? BytesReceived / _seconds : 0;

        public double AverageSentRate => _seconds > 0 ? BytesSent / _seconds : 0;

        /// <summary>Every rate since the view opened; a session reset keeps them (they happened).</summary>
        public RateSeries Received { get; }

        public RateSeries Sent { get; }

        /// <summary>Starts the session at <paramref name="baseline"/>: bytes, peaks and averages from zero.</summary>
        public void Start(CounterSnapshot baseline)
        {
            _usage.Start(baseline);
            _seconds = 0;
            ReceivedRate = SentRate = PeakReceivedRate = PeakSentRate = 0;
        }

        public void Advance(CounterSnapshot current, IList<CounterNotice>? notices)
        {
            _usage.Advance(current, notices);
            double seconds = _usage.LastSeconds;
            _seconds += seconds;
            ReceivedRate = CounterDelta.Rate(_usage.LastBytesReceived, seconds) ?? 0;
            SentRate = CounterDelta.Rate(_usage.LastBytesSent, seconds) ?? 0;
            PeakReceivedRate = Math.Max(PeakReceivedRate, ReceivedRate);
            PeakSentRate = Math.Max(PeakSentRate, SentRate);
            Received.Add(ReceivedRate);
            Sent.Add(SentRate);
        }
    }
}
