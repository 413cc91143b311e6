using System;

namespace NetUsageTracker.Networks
{
    /// <summary>
    /// Says which network each interface is on. One implementation per platform, chosen once at start-up
    /// (<see cref="NetworkSources.CreateDefault"/>), like the counter sources. Meant to be asked once per
    /// recording: <see cref="Read"/> is cheap when nothing has changed and returns the previous snapshot
    /// instance then. Thread-safe; a failure of the system's service is never thrown, the interfaces it
    /// would have named are then the networks of their own.
    /// </summary>
    public interface INetworkSource : IDisposable
    {
        /// <summary>A short name for diagnostics ("NetworkManager on the system bus, else the gateway").</summary>
        string Name { get; }

        /// <summary>The networks as they are now.</summary>
        NetworkSnapshot Read();

        /// <summary>Why the last read fell back to something less than the system's service (e.g. NetworkManager is
        /// not running); null when it did not.</summary>
        string? LastFallbackReason { get; }
    }
}
