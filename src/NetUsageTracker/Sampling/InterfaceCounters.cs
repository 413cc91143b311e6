namespace NetUsageTracker.Sampling
{
    /// <summary>The 64-bit counters of one interface at one instant, as the kernel reports them.</summary>
    public struct InterfaceCounters
    {
        public string Name;
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
