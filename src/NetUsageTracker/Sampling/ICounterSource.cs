using System;

namespace NetUsageTracker.Sampling
{
    /// <summary>Reads every interface's counters. One implementation per platform, chosen at start-up.</summary>
    public interface ICounterSource : IDisposable
    {
        /// <summary>A short name for diagnostics ("/proc/net/dev", "NetworkInformation").</summary>
        string Name { get; }

        /// <summary>Fills <paramref name="snapshot"/> with the current counters of every interface.</summary>
        void Read(CounterSnapshot snapshot);
    }
}
