namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// What kind of link an interface is. The physical link is what a provider meters; virtual
    /// interfaces (tunnels, bridges, veth, VPN adapters) carry the same bytes a second time.
    /// </summary>
    public enum InterfaceClass
    {
        /// <summary>The system did not say (an interface known only from an imported log).</summary>
        Unknown,

        /// <summary>Hardware: Ethernet, Wi-Fi, cellular, USB, a virtual machine's own NIC (virtio).</summary>
        Physical,

        /// <summary>Software: tunnels, bridges, veth, ifb, VLANs, Hyper-V switches, VPN and filter adapters.</summary>
        Virtual,

        /// <summary>The loopback interface: traffic that never leaves the machine.</summary>
        Loopback,
    }

    /// <summary>How wide a counter source's byte counters are: only 32-bit counters can wrap in practice.</summary>
    public enum CounterWidth
    {
        Bits64,
        Bits32,
    }
}
