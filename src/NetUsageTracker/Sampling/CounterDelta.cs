namespace NetUsageTracker.Sampling
{
    /// <summary>What happened to a counter between two reads.</summary>
    public enum CounterChange
    {
        /// <summary>The counter rose (or stayed): the delta is the difference.</summary>
        Normal,

        /// <summary>A 32-bit counter passed 2^32 and started again: the delta goes through the wrap.</summary>
        Wrapped32,

        /// <summary>The counter went down for another reason (interface re-created, driver reload, reboot):
        /// the traffic since the reset is the new value, counted from zero.</summary>
        Reset,
    }

    /// <summary>Delta maths that never goes negative and never invents a phantom 4 GB.</summary>
    public static class CounterDelta
    {
        private const ulong TwoTo32 = 1UL << 32;
        private const ulong TwoTo31 = 1UL << 31;

        /// <summary>The traffic between two reads of one counter of a source whose counters are <paramref name="width"/> wide.</summary>
        /// <remarks>
        /// A 64-bit counter never wraps in practice (2^64 bytes is 16 EiB), so when one goes down it was
        /// reset. A 32-bit counter that goes down is a wrap only when it looks like one: the old value was
        /// in the upper half of the range and the new value is in the lower half, so the gap through the
        /// wrap is under 2 GiB. Anything else is a reset, and counting from zero is the only delta that
        /// cannot be larger than the real traffic.
        /// </remarks>
        public static ulong Compute(ulong previous, ulong current, CounterWidth width, out CounterChange change)
        {
            if (current >= previous)
            {
                change = CounterChange.Normal;
                return current - previous;
            }

            if (width == CounterWidth.Bits32 && previous < TwoTo32 && previous >= TwoTo31 && current < TwoTo31)
            {
                change = CounterChange.Wrapped32;
                return TwoTo32 - previous + current;
            }

            change = CounterChange.Reset;
            return current;
        }

        /// <summary>Bytes per second; null when no time has passed (a rate cannot be known).</summary>
        public static double? Rate(ulong deltaBytes, double seconds) =>
            seconds > 0 ? deltaBytes / seconds : (double?)null;
    }
}
