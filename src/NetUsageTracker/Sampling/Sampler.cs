using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// The one sampler that every cmdlet of a runspace shares: a counter source chosen once, and
    /// snapshots taken from it. Thread-safe.
    /// </summary>
    public sealed class Sampler : IDisposable
    {
        private readonly object _gate = new object();
        private bool _disposed;

        public Sampler(ICounterSource source)
        {
            Source = source ?? throw new ArgumentNullException(nameof(source));
        }

        public ICounterSource Source { get; }

        public bool IsDisposed => _disposed;

        /// <summary>The best source for this system: /proc/net/dev on Linux, iphlpapi's interface table on
        /// Windows, NetworkInformation elsewhere and wherever those cannot be read.</summary>
        public static Sampler CreateDefault() => new Sampler(CreateDefaultSource());

        public static ICounterSource CreateDefaultSource()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && ProcNetDevCounterSource.IsAvailable())
            {
                return new ProcNetDevCounterSource();
            }

            return (ICounterSource?)Windows.IpHelperCounterSource.TryCreate() ?? new NetworkInformationCounterSource();
        }

        /// <summary>A new snapshot of every interface.</summary>
        public CounterSnapshot TakeSnapshot()
        {
            var snapshot = new CounterSnapshot();
            Read(snapshot);
            return snapshot;
        }

        /// <summary>Refills an existing snapshot (no allocation in steady state on Linux).</summary>
        public void Read(CounterSnapshot snapshot)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(Sampler));
                }

                Source.Read(snapshot);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _disposed = true;
                    Source.Dispose();
                }
            }
        }
    }
}
