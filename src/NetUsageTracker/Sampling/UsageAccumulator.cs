using System;
using System.Collections.Generic;

namespace NetUsageTracker.Sampling
{
    /// <summary>One thing worth telling about a counter: a wrap, a reset, an interface coming or going.</summary>
    public sealed class CounterNotice
    {
        public CounterNotice(string interfaceName, string message)
        {
            InterfaceName = interfaceName;
            Message = message;
        }

        public string InterfaceName { get; }

        public string Message { get; }

        public override string ToString() => Message;
    }

    /// <summary>
    /// Adds up the traffic of a set of interfaces from a starting snapshot on, one snapshot at a time,
    /// with wraps and resets handled (never negative, never a phantom jump).
    /// </summary>
    public sealed class UsageAccumulator
    {
        private readonly Func<string, bool> _include;
        private readonly Dictionary<string, InterfaceCounters> _last = new Dictionary<string, InterfaceCounters>(InterfaceNaming.Comparer);
        private readonly List<string> _interfaces = new List<string>();
        // Interfaces in the previous snapshot and in the current one; swapped after each step so that
        // a step allocates nothing.
        private HashSet<string> _present = new HashSet<string>(InterfaceNaming.Comparer);
        private HashSet<string> _seenNow = new HashSet<string>(InterfaceNaming.Comparer);
        private long _lastTicks;
        private bool _started;

        public UsageAccumulator(Func<string, bool> includeInterface)
        {
            _include = includeInterface ?? throw new ArgumentNullException(nameof(includeInterface));
        }

        /// <summary>Bytes received by the selected interfaces since the start.</summary>
        public ulong BytesReceived { get; private set; }

        public ulong BytesSent { get; private set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        /// <summary>Bytes received during the last step.</summary>
        public ulong LastBytesReceived { get; private set; }

        public ulong LastBytesSent { get; private set; }

        /// <summary>Seconds covered by the last step (monotonic clock).</summary>
        public double LastSeconds { get; private set; }

        /// <summary>Every interface seen so far, in the order first seen.</summary>
        public IReadOnlyList<string> Interfaces => _interfaces;

        /// <summary>Sets the baseline: usage is counted from this snapshot on.</summary>
        public void Start(CounterSnapshot baseline)
        {
            _last.Clear();
            _interfaces.Clear();
            _present.Clear();
            BytesReceived = BytesSent = LastBytesReceived = LastBytesSent = 0;
            LastSeconds = 0;
            Remember(baseline);
            _lastTicks = baseline.MonotonicTicks;
            _started = true;
        }

        /// <summary>Adds the traffic between the previous snapshot and this one.</summary>
        /// <param name="notices">Receives what is worth telling (resets, wraps, interfaces that come or go).</param>
        public void Advance(CounterSnapshot current, IList<CounterNotice>? notices = null)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start must be called before Advance.");
            }

            ulong received = 0, sent = 0;
            _seenNow.Clear();
            for (int i = 0; i < current.Count; i++)
            {
                InterfaceCounters now = current[i];
                if (!_include(now.Name))
                {
                    continue;
                }

                _seenNow.Add(now.Name);
                if (_last.TryGetValue(now.Name, out InterfaceCounters before))
                {
                    received += Step(now.Name, "received", before.BytesReceived, now.BytesReceived, current.Width, notices);
                    sent += Step(now.Name, "sent", before.BytesSent, now.BytesSent, current.Width, notices);
                    if (!_present.Contains(now.Name))
                    {
                        notices?.Add(new CounterNotice(now.Name, $"Interface '{now.Name}' is back."));
                    }
                }
                else
                {
                    // A new interface is counted from its first sighting: what it moved before is not ours.
                    if (!_interfaces.Contains(now.Name))
                    {
                        _interfaces.Add(now.Name);
                    }

                    notices?.Add(new CounterNotice(now.Name, $"Interface '{now.Name}' appeared; counting its traffic from now on."));
                }

                _last[now.Name] = now;
            }

            foreach (string name in _present)
            {
                if (!_seenNow.Contains(name))
                {
                    notices?.Add(new CounterNotice(name, $"Interface '{name}' disappeared; its usage so far is kept."));
                }
            }

            (_present, _seenNow) = (_seenNow, _present);

            LastBytesReceived = received;
            LastBytesSent = sent;
            BytesReceived += received;
            BytesSent += sent;
            LastSeconds = (current.MonotonicTicks - _lastTicks) / (double)System.Diagnostics.Stopwatch.Frequency;
            _lastTicks = current.MonotonicTicks;
        }

        /// <summary>
        /// The selection changed (an interface moved onto or off a watched network) as of <paramref name="current"/>,
        /// the snapshot the last <see cref="Advance"/> counted up to: interfaces it now leaves out stop counting, and
        /// those it takes in count from this snapshot on, never what they moved while left out.
        /// </summary>
        public void Reselect(CounterSnapshot current, IList<CounterNotice>? notices = null)
        {
            for (int i = 0; i < current.Count; i++)
            {
                InterfaceCounters counters = current[i];
                bool counting = _last.ContainsKey(counters.Name);
                if (_include(counters.Name) && !counting)
                {
                    _last[counters.Name] = counters;
                    _present.Add(counters.Name);
                    if (!_interfaces.Contains(counters.Name))
                    {
                        _interfaces.Add(counters.Name);
                    }

                    notices?.Add(new CounterNotice(counters.Name, $"Interface '{counters.Name}' is selected now; counting its traffic from now on."));
                }
                else if (!_include(counters.Name) && counting)
                {
                    _last.Remove(counters.Name);
                    _present.Remove(counters.Name);
                    notices?.Add(new CounterNotice(counters.Name, $"Interface '{counters.Name}' is no longer selected; its usage so far is kept."));
                }
            }
        }

        private void Remember(CounterSnapshot snapshot)
        {
            for (int i = 0; i < snapshot.Count; i++)
            {
                InterfaceCounters counters = snapshot[i];
                if (_include(counters.Name))
                {
                    _last[counters.Name] = counters;
                    _present.Add(counters.Name);
                    _interfaces.Add(counters.Name);
                }
            }
        }

        private static ulong Step(string name, string direction, ulong before, ulong now, CounterWidth width, IList<CounterNotice>? notices)
        {
            ulong delta = CounterDelta.Compute(before, now, width, out CounterChange change);
            switch (change)
            {
                case CounterChange.Wrapped32:
                    notices?.Add(new CounterNotice(name, $"The {direction} byte counter of '{name}' wrapped at 2^32 ({before} -> {now}); counted {delta} bytes through the wrap."));
                    break;
                case CounterChange.Reset:
                    notices?.Add(new CounterNotice(name, $"The {direction} byte counter of '{name}' went down ({before} -> {now}): the interface was reset or re-created; counted {delta} bytes since the reset."));
                    break;
            }

            return delta;
        }
    }
}
