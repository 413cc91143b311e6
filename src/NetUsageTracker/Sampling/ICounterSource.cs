using System;

namespace NetUsageTracker.Sampling
{
    /// <summary>Reads every interface's counters. One implementation per platform, chosen at start-up.</summary>
    public interface ICounterSource : IDisposable
    {
        /// <summary>A short name for diagnostics ("/proc/net/dev", "NetworkInformation").</summary>
        string Name { get; }

        /// <summary>How wide this source's byte counters are: a drop in a 64-bit counter is always a reset,
        /// never a wrap.</summary>
        CounterWidth Width { get; }

        /// <summary>Fills <paramref name="snapshot"/> with the current counters of every interface.</summary>
        void Read(CounterSnapshot snapshot);
    }
}
