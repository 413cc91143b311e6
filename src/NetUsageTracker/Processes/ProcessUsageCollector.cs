using System;
using System.Collections.Generic;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Processes
{
    /// <summary>
    /// What the resident recorder keeps between two recordings: each interface's traffic per process name
    /// (other users' sockets as one "Other users"), summed over the sampler's steps. A step every
    /// <see cref="SampleInterval"/> attributes a download that lasts longer than that; what closes between two
    /// steps is left to the recording's remainder. <see cref="Take"/> empties it, and the sampler forgets
    /// processes that have gone, so memory follows the open sockets and the names of one recording interval.
    /// </summary>
    public sealed class ProcessUsageCollector : IDisposable
    {
        /// <summary>How often the resident recorder reads the sockets between two recordings, at most.</summary>
        public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(10);

        /// <summary>The longest gap the CPU budget stretches the reads to.</summary>
        public static readonly TimeSpan LongestInterval = TimeSpan.FromMinutes(1);

        /// <summary>
        /// The share of one core the socket reads may take on average: 0.25 ms a second, some 22 CPU-seconds a
        /// day. A read of a few hundred sockets takes a millisecond or two, so they are read every 10 s; where
        /// thousands make a read cost more, the reads are spaced out to stay within it.
        /// </summary>
        public const double CpuBudget = 0.00025;

        /// <summary>
        /// Below this much traffic on all interfaces since the last read, a read between two recordings waits, up to
        /// <see cref="LongestInterval"/> after the last one. Sockets that stay open lose nothing by the wait (their
        /// counters run on, and the next read takes the whole step); only a socket that opens and closes within
        /// it leaves its bytes, less than this, to the remainder. A machine with a trickle of background traffic
        /// (keep-alives, a chat's presence) then reads its sockets once a minute rather than every 10 s, and a
        /// download is still read every 10 s.
        /// </summary>
        public const ulong QuietBytes = 256 * 1024;

        private readonly ProcessUsageSampler _sampler;
        private readonly Dictionary<ProcessTrafficKey, ProcessTrafficTotal> _pending = new Dictionary<ProcessTrafficKey, ProcessTrafficTotal>();
        private readonly Dictionary<TrafficOwner, string> _names = new Dictionary<TrafficOwner, string>();

        private readonly Func<TimeSpan> _clock;
        private TimeSpan? _lastRead;

        public ProcessUsageCollector(ProcessUsageSampler sampler)
            : this(sampler, null)
        {
        }

        /// <param name="clock">The time that spaces the reads between recordings (a running stopwatch by default; tests give their own).</param>
        internal ProcessUsageCollector(ProcessUsageSampler sampler, Func<TimeSpan>? clock)
        {
            _sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
            _sampler.TrackConnections = true;
            if (clock == null)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                clock = () => watch.Elapsed;
            }

            _clock = clock;
        }

        public IFlowSource Source => _sampler.Source;

        /// <summary>(interface, kind, name) rows waiting for the next recording.</summary>
        public int PendingCount => _pending.Count;

        /// <summary>When to read the sockets next: <see cref="SampleInterval"/>, or longer where the last read cost more than the budget allows.</summary>
        public TimeSpan NextInterval { get; private set; } = SampleInterval;

        /// <summary>Steps skipped because no interface had counted a byte since the last one.</summary>
        public long IdleSkips { get; private set; }

        /// <summary>Reads between recordings put off because the interfaces moved less than <see cref="QuietBytes"/>.</summary>
        public long QuietSkips { get; private set; }

        /// <summary>Reads the sockets and adds their traffic since the last step (skipped while no interface moves a
        /// byte: an idle machine costs one read of the counters); returns the step's notes. The read before a
        /// recording.</summary>
        public IReadOnlyList<string> Sample() => Sample(betweenRecordings: false);

        /// <summary>
        /// As <see cref="Sample()"/>; <paramref name="betweenRecordings"/> also puts the read off while the interfaces
        /// moved less than <see cref="QuietBytes"/> since the last one, for at most <see cref="LongestInterval"/>.
        /// </summary>
        public IReadOnlyList<string> Sample(bool betweenRecordings)
        {
            ulong moved = _sampler.BytesMoved();
            if (moved == 0)
            {
                IdleSkips++;
                return Array.Empty<string>();
            }

            TimeSpan now = _clock();
            if (betweenRecordings && moved < QuietBytes && _lastRead is TimeSpan last && now - last < LongestInterval)
            {
                QuietSkips++;
                return Array.Empty<string>();
            }

            _lastRead = now;

            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            ProcessUsageStep step = _sampler.Sample(_ => true);
            // The first read (the baseline) pays one-time costs (compiling, the first walk of /proc): not counted.
            NextInterval = step.IsBaseline ? SampleInterval : Spaced((System.Diagnostics.Stopwatch.GetTimestamp() - started) / (double)System.Diagnostics.Stopwatch.Frequency);
            if (step.IsBaseline)
            {
                return step.Notes;
            }

            _names.Clear();
            foreach (ProcessTraffic owner in step.Owners)
            {
                _names[owner.Owner] = ProcessUsageNames.Of(owner.Owner, owner.Identity);
            }

            foreach (ConnectionTraffic connection in step.Connections)
            {
                if (connection.BytesReceived == 0 && connection.BytesSent == 0)
                {
                    continue;
                }

                ProcessUsageKind kind = connection.Owner.Kind;
                string name = _names.TryGetValue(connection.Owner, out string? known) ? known : ProcessUsageNames.Of(connection.Owner, null);
                var key = new ProcessTrafficKey(connection.InterfaceName, kind, name);
                if (!_pending.TryGetValue(key, out ProcessTrafficTotal? total))
                {
                    total = new ProcessTrafficTotal(key);
                    _pending[key] = total;
                }

                total.BytesReceived += connection.BytesReceived;
                total.BytesSent += connection.BytesSent;
            }

            return step.Notes;
        }

        /// <summary>The gap after a read that took <paramref name="seconds"/> (wall time: an upper bound of its CPU).</summary>
        internal static TimeSpan Spaced(double seconds)
        {
            double gap = seconds / CpuBudget;
            return gap <= SampleInterval.TotalSeconds ? SampleInterval
                : gap >= LongestInterval.TotalSeconds ? LongestInterval
                : TimeSpan.FromSeconds(gap);
        }

        /// <summary>Everything gathered since the last call, and a fresh start.</summary>
        public List<ProcessTrafficTotal> Take()
        {
            var taken = new List<ProcessTrafficTotal>(_pending.Values);
            _pending.Clear();
            return taken;
        }

        public void Dispose() => _sampler.Dispose();
    }

    /// <summary>One interface's traffic of one process name (or of other users) in the history's terms.</summary>
    public readonly struct ProcessTrafficKey : IEquatable<ProcessTrafficKey>
    {
        public ProcessTrafficKey(string interfaceName, ProcessUsageKind kind, string name)
        {
            InterfaceName = interfaceName;
            Kind = kind;
            Name = name;
        }

        public string InterfaceName { get; }

        public ProcessUsageKind Kind { get; }

        public string Name { get; }

        public bool Equals(ProcessTrafficKey other) =>
            Kind == other.Kind && string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(InterfaceName, other.InterfaceName, InterfaceNaming.Comparison);

        public override bool Equals(object? obj) => obj is ProcessTrafficKey other && Equals(other);

        public override int GetHashCode() => ((int)Kind * 397) ^ StringComparer.Ordinal.GetHashCode(Name) ^ (InterfaceNaming.Comparer.GetHashCode(InterfaceName) * 31);
    }

    /// <summary>The bytes of one <see cref="ProcessTrafficKey"/>.</summary>
    public sealed class ProcessTrafficTotal
    {
        public ProcessTrafficTotal(ProcessTrafficKey key)
        {
            Key = key;
        }

        public ProcessTrafficKey Key { get; }

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;
    }
}
