using System.Net.NetworkInformation;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker
{
    /// <summary>Is an interface connected, and with which addresses, gateway and DNS servers.</summary>
    public sealed class NetConnectionInfo
    {
        public string ComputerName { get; set; } = "";

        public string InterfaceName { get; set; } = "";

        public string Description { get; set; } = "";

        public NetworkInterfaceType InterfaceType { get; set; }

        /// <summary>Physical, Virtual or Loopback: the physical link is what a provider meters.</summary>
        public InterfaceClass InterfaceClass { get; set; }

        public OperationalStatus Status { get; set; }

        /// <summary>Six bytes as AA:BB:CC:DD:EE:FF; empty when the interface has none (loopback, tunnels).</summary>
        public string MacAddress { get; set; } = "";

        public int? Mtu { get; set; }

        /// <summary>Link speed; null when the system does not know it (virtual interfaces, link down).</summary>
        public long? SpeedBitsPerSecond { get; set; }

        /// <summary>Addresses with their prefix length, such as 192.0.2.10/24.</summary>
        public string[] IPv4Address { get; set; } = new string[0];

        public string[] IPv6Address { get; set; } = new string[0];

        public string[] Gateway { get; set; } = new string[0];

        public string[] DnsServer { get; set; } = new string[0];

        /// <summary>The network the interface is on: the Wi-Fi SSID, the connection profile's name, the gateway's
        /// address, or the interface's own name where nothing is known.</summary>
        public string NetworkName { get; set; } = "";

        /// <summary>The network's id, a GUID string that stays the same across reboots and renames.</summary>
        public string NetworkId { get; set; } = "";

        /// <summary>Whether the system says the network is metered; null where it does not say.</summary>
        public bool? Metered { get; set; }

        /// <summary>Who said which network it is: NetworkManager, NetworkListManager, Gateway, Wireless, or Interface.</summary>
        public NetworkOrigin NetworkOrigin { get; set; }

        /// <summary>True for the interface that carries the default route (it is listed first).</summary>
        public bool IsDefaultRoute { get; set; }

        /// <summary>Which of the default routes this is (0 the preferred); -1 when it is none.</summary>
        internal int DefaultRouteRank { get; set; } = -1;

        /// <summary>With -TestInternet: whether a probe endpoint answered; null when not tested.</summary>
        public bool? InternetReachable { get; set; }

        /// <summary>With -TestInternet: the fastest probe's connect time in milliseconds.</summary>
        public double? ProbeLatencyMs { get; set; }

        /// <summary>Takes the network's name, id, metered and origin.</summary>
        public void SetNetwork(InterfaceNetwork network)
        {
            NetworkName = network.NetworkName;
            NetworkId = network.NetworkId;
            Metered = network.Metered;
            NetworkOrigin = network.Origin;
        }

        public override string ToString() => $"{InterfaceName} ({Status})";
    }
}
