using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// Every interface's counters read at one instant. A snapshot is a reusable buffer: a counter
    /// source fills it in place, so steady-state sampling allocates nothing.
    /// </summary>
    public sealed class CounterSnapshot
    {
        private InterfaceCounters[] _interfaces;

        public CounterSnapshot(int capacity = 16)
        {
            _interfaces = new InterfaceCounters[Math.Max(1, capacity)];
        }

        /// <summary>Monotonic time of the read, in <see cref="Stopwatch"/> ticks.</summary>
        public long MonotonicTicks { get; private set; }

        /// <summary>Wall-clock time of the read (UTC).</summary>
        public DateTime UtcTime { get; private set; }

        public int Count { get; private set; }

        /// <summary>How wide the counters of the source that filled this snapshot are.</summary>
        public CounterWidth Width { get; private set; }

        public ref readonly InterfaceCounters this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return ref _interfaces[index];
            }
        }

        /// <summary>Seconds between two snapshots on the monotonic clock.</summary>
        public static double SecondsBetween(CounterSnapshot earlier, CounterSnapshot later) =>
            (later.MonotonicTicks - earlier.MonotonicTicks) / (double)Stopwatch.Frequency;

        /// <summary>The interface names of this snapshot, in the source's order (a new list).</summary>
        public List<string> InterfaceNames()
        {
            var names = new List<string>(Count);
            for (int i = 0; i < Count; i++)
            {
                names.Add(_interfaces[i].Name);
            }

            return names;
        }

        public int IndexOf(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (string.Equals(_interfaces[i].Name, name, InterfaceNaming.Comparison))
                {
                    return i;
                }
            }

            return -1;
        }

        public bool TryGet(string name, out InterfaceCounters counters)
        {
            int index = IndexOf(name);
            counters = index >= 0 ? _interfaces[index] : default;
            return index >= 0;
        }

        // Filling protocol for counter sources: BeginFill, then AddSlot per interface, then EndFill.
        internal void BeginFill()
        {
            Count = 0;
        }

        /// <summary>The next slot to fill; its previous contents (including the name) are kept so a
        /// source can reuse the name string when it did not change.</summary>
        internal ref InterfaceCounters NextSlot()
        {
            if (Count == _interfaces.Length)
            {
                Array.Resize(ref _interfaces, _interfaces.Length * 2);
            }

            return ref _interfaces[Count++];
        }

        internal ref InterfaceCounters PeekNextSlot()
        {
            if (Count == _interfaces.Length)
            {
                Array.Resize(ref _interfaces, _interfaces.Length * 2);
            }

            return ref _interfaces[Count];
        }

        internal void EndFill(long monotonicTicks, DateTime utcTime, CounterWidth width)
        {
            MonotonicTicks = monotonicTicks;
            UtcTime = utcTime;
            Width = width;
        }
    }
}
