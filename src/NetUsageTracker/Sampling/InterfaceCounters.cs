namespace NetUsageTracker.Sampling
{
    /// <summary>The 64-bit counters of one interface at one instant, as the kernel reports them.</summary>
    public struct InterfaceCounters
    {
        public string Name;

        /// <summary>Physical, virtual or loopback, as the source's system says.</summary>
        public InterfaceClass Class;

        /// <summary>The system's longer description of the adapter (Windows); null where there is none.</summary>
        public string? Description;

        /// <summary>A stable identity where the system has one (the interface LUID on Windows); null elsewhere.</summary>
        public string? Id;

        public ulong BytesReceived;
        public ulong PacketsReceived;
        public ulong ReceiveErrors;
        public ulong ReceiveDrops;
        public ulong BytesSent;
        public ulong PacketsSent;
        public ulong SendErrors;
        public ulong SendDrops;
    }
}
