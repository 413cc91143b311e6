using System;

namespace NetUsageTracker.Networks
{
    /// <summary>Who said which network an interface is on.</summary>
    public enum NetworkOrigin
    {
        /// <summary>Nothing is known: the network is the interface itself.</summary>
        Interface,

        /// <summary>The link-layer address of the interface's default gateway (Linux, macOS).</summary>
        Gateway,

        /// <summary>The SSID of the Wi-Fi network the interface is associated with (nl80211 on Linux, macOS).</summary>
        Wireless,

        /// <summary>NetworkManager's active connection on the interface's device (Linux).</summary>
        NetworkManager,

        /// <summary>Windows' Network List Manager.</summary>
        NetworkListManager,
    }

    /// <summary>
    /// Which network one interface is on: what a person calls it, an id that stays the same across
    /// reboots and renames, and whether the system says it is metered. Immutable, compared by value.
    /// </summary>
    public sealed class InterfaceNetwork : IEquatable<InterfaceNetwork>
    {
        public InterfaceNetwork(string interfaceName, string networkName, string networkId, bool? metered, NetworkOrigin origin)
        {
            InterfaceName = interfaceName ?? throw new ArgumentNullException(nameof(interfaceName));
            NetworkName = networkName ?? throw new ArgumentNullException(nameof(networkName));
            NetworkId = networkId ?? throw new ArgumentNullException(nameof(networkId));
            Metered = metered;
            Origin = origin;
        }

        public string InterfaceName { get; }

        /// <summary>The Wi-Fi SSID, the connection profile's name, the gateway's address, or the interface's name.</summary>
        public string NetworkName { get; }

        /// <summary>A GUID string: the system's own (NetworkManager's connection UUID, Windows' network ID), or
        /// one derived from what identifies the network (see <see cref="NetworkIds"/>).</summary>
        public string NetworkId { get; }

        /// <summary>True or false as the system says; null where it does not.</summary>
        public bool? Metered { get; }

        public NetworkOrigin Origin { get; }

        /// <summary>The network of an interface about which nothing is known: the interface itself.</summary>
        public static InterfaceNetwork OfInterface(string interfaceName) =>
            new InterfaceNetwork(interfaceName, interfaceName, NetworkIds.FromInterface(interfaceName), null, NetworkOrigin.Interface);

        public bool Equals(InterfaceNetwork? other) =>
            other != null
            && InterfaceName == other.InterfaceName
            && NetworkName == other.NetworkName
            && NetworkId == other.NetworkId
            && Metered == other.Metered
            && Origin == other.Origin;

        public override bool Equals(object? obj) => Equals(obj as InterfaceNetwork);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(InterfaceName) ^ StringComparer.Ordinal.GetHashCode(NetworkId);

        public override string ToString() => $"{InterfaceName}: {NetworkName} ({Origin})";
    }
}
