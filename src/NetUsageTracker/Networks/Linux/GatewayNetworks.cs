using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetUsageTracker.Connection;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// Linux without NetworkManager: the network of an interface with a default route is its gateway, known
    /// by the gateway's link-layer address in the neighbour table, or by the SSID where the link is
    /// wireless (nl80211). A read asks the kernel what the last read did not settle: a socket on rtnetlink's
    /// link, neighbour and route groups says whether anything changed since, and while nothing did, a wired
    /// interface's network is the one found last and the route tables are not read again. Otherwise (and for
    /// every wireless interface): the route tables (/proc/net/route, ipv6_route, through open handles, parsed
    /// again only when their text changed), one neighbour dump per gateway's interface, one nl80211 request
    /// per wireless one; interface indexes are kept until an answer says one is stale, and an unchanged
    /// network is handed back as the same object, so its id is derived once.
    /// </summary>
    internal sealed class GatewayNetworks : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

        private readonly Func<List<DefaultRoute>> _readRoutes;
        private readonly Func<string, bool> _isWireless;
        private readonly Dictionary<string, Seen> _seen = new Dictionary<string, Seen>(StringComparer.Ordinal);
        private readonly Dictionary<string, uint> _indexes = new Dictionary<string, uint>(StringComparer.Ordinal);
        private readonly ProcTextFile _ipv4Routes = new ProcTextFile(LinuxRouteTable.IPv4Path);
        private readonly ProcTextFile _ipv6Routes = new ProcTextFile(LinuxRouteTable.IPv6Path);
        private readonly bool _watchChanges;
        private List<DefaultRoute>? _routes;
        private List<DefaultRoute>? _lastRoutes;
        private NetlinkSocket? _changes;
        private bool _cannotWatch;
        private bool _unsure;
        private NetlinkSocket? _route;
        private NetlinkSocket? _generic;
        private ushort _nl80211;
        private bool _noNl80211;

        public GatewayNetworks(Func<List<DefaultRoute>>? readRoutes = null, Func<string, bool>? isWireless = null)
        {
            _readRoutes = readRoutes ?? ReadRoutes;
            // Routes handed in are a test's, which changes them without the kernel announcing anything.
            _watchChanges = readRoutes == null;
            _isWireless = isWireless ?? (name => Directory.Exists("/sys/class/net/" + name + "/wireless"));
        }

        /// <summary>Why the last read could not ask the kernel; null when it could.</summary>
        public string? Problem { get; private set; }

        /// <summary>Adds the network of each interface with a gateway that <paramref name="known"/> leaves out. Callers serialise.</summary>
        public void AddTo(List<InterfaceNetwork> networks, Func<string, bool> known)
        {
            Problem = null;
            bool changed = Changed();
            if (changed || _lastRoutes == null)
            {
                _lastRoutes = _readRoutes();
            }

            List<DefaultRoute> routes = _lastRoutes;
            // IPv4 gateways first: a router's IPv4 and IPv6 addresses usually share one link-layer address,
            // and the IPv4 one is what most people can recognise as a name.
            foreach (AddressFamily family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                foreach (DefaultRoute route in routes)
                {
                    if (route.Gateway == null || route.Gateway.AddressFamily != family || known(route.InterfaceName)
                        || networks.Exists(n => n.InterfaceName == route.InterfaceName))
                    {
                        continue;
                    }

                    InterfaceNetwork? network = Identify(route.InterfaceName, route.Gateway, changed);
                    if (network != null)
                    {
                        networks.Add(network);
                    }
                }
            }
        }

        public void Dispose()
        {
            _route?.Dispose();
            _generic?.Dispose();
            _changes?.Dispose();
            _ipv4Routes.Dispose();
            _ipv6Routes.Dispose();
        }

        /// <summary>The default routes, parsed again only when a table's text changed (AddTo does not change the list).</summary>
        private List<DefaultRoute> ReadRoutes()
        {
            bool ipv4Changed = _ipv4Routes.Refresh();
            bool ipv6Changed = _ipv6Routes.Refresh();
            if (_routes == null || ipv4Changed || ipv6Changed)
            {
                _routes = LinuxRouteTable.DefaultRoutes(_ipv4Routes.Text, _ipv6Routes.Text);
            }

            return _routes;
        }

        /// <summary>
        /// Whether a link, neighbour or route may have changed since the last read: true on the first read (which
        /// starts listening, so that nothing is missed between it and the next), after a read that could not
        /// ask the kernel, whenever the kernel announced something, and always where no socket can listen.
        /// </summary>
        private bool Changed()
        {
            bool unsure = _unsure;
            _unsure = false;
            if (_changes == null)
            {
                if (_watchChanges && !_cannotWatch)
                {
                    try
                    {
                        _changes = NetlinkSocket.Listen(NetlinkNative.NetlinkRoute,
                            NetlinkNative.GroupLink | NetlinkNative.GroupNeighbour | NetlinkNative.GroupIPv4Route | NetlinkNative.GroupIPv6Route);
                    }
                    catch (Exception e) when (e is NetlinkException || e is DllNotFoundException || e is EntryPointNotFoundException)
                    {
                        _cannotWatch = true;
                    }
                }

                return true;
            }

            bool announced = _changes.Drain();
            return announced || unsure;
        }

        private InterfaceNetwork? Identify(string name, IPAddress gateway, bool changed)
        {
            _seen.TryGetValue(name, out Seen? last);
            if (!changed && last != null && !last.Wireless && last.Network.Origin == NetworkOrigin.Gateway && last.Gateway.Equals(gateway))
            {
                return last.Network;
            }

            byte[]? ssid, linkLayer;
            bool wireless;
            try
            {
                bool known = _indexes.TryGetValue(name, out uint index);
                while (true)
                {
                    if (!known)
                    {
                        index = NetlinkNative.if_nametoindex(name);
                        _indexes[name] = index;
                        if (index == 0)
                        {
                            return null; // gone since the route table was read
                        }
                    }

                    wireless = _isWireless(name);
                    ssid = wireless ? Ssid(index) : null;
                    linkLayer = ssid == null ? LinkLayerAddress(index, gateway) : null;
                    // Nothing found through a kept index: the interface may have been made anew. Ask once more.
                    if (ssid != null || linkLayer != null || !known || NetlinkNative.if_nametoindex(name) == index)
                    {
                        break;
                    }

                    known = false;
                }
            }
            catch (Exception e) when (e is NetlinkException || e is TimeoutException || e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                Problem = $"the kernel's neighbour table could not be read ({e.Message})";
                _unsure = true;
                return null;
            }

            if (ssid == null && linkLayer == null)
            {
                // The gateway's entry aged out of the table for a moment: it is still the same gateway.
                return last != null && last.Gateway.Equals(gateway) && last.Network.Origin == NetworkOrigin.Gateway ? last.Network : null;
            }

            byte[] key = ssid ?? linkLayer!;
            NetworkOrigin origin = ssid != null ? NetworkOrigin.Wireless : NetworkOrigin.Gateway;
            if (last != null && last.Gateway.Equals(gateway) && last.Network.Origin == origin && last.Key.SequenceEqual(key))
            {
                return last.Network;
            }

            InterfaceNetwork network = ssid != null
                ? new InterfaceNetwork(name, SsidText(ssid), NetworkIds.FromSsid(ssid), null, NetworkOrigin.Wireless)
                : new InterfaceNetwork(name, ConnectionInfoProvider.WithoutScope(gateway), NetworkIds.FromGateway(linkLayer!), null, NetworkOrigin.Gateway);
            _seen[name] = new Seen(gateway, key, network, wireless);
            return network;
        }

        private byte[]? LinkLayerAddress(uint index, IPAddress gateway)
        {
            _route ??= NetlinkSocket.Open(NetlinkNative.NetlinkRoute, Timeout);
            byte[]? found = null;
            _route.Request(NeighbourTable.DumpRequest(index), dump: true, (buffer, start, length, type) =>
            {
                if (found == null && type == NeighbourTable.NewNeighbour)
                {
                    found = NeighbourTable.LinkLayerAddressIn(buffer, start, length, gateway, index);
                }
            });
            return found;
        }

        private byte[]? Ssid(uint index)
        {
            if (_noNl80211)
            {
                return null;
            }

            _generic ??= NetlinkSocket.Open(NetlinkNative.NetlinkGeneric, Timeout);
            try
            {
                if (_nl80211 == 0)
                {
                    _generic.Request(Nl80211.GetFamilyRequest("nl80211"), dump: false, (buffer, start, length, type) => _nl80211 = Nl80211.FamilyIdIn(buffer, start, length));
                }

                byte[]? ssid = null;
                _generic.Request(Nl80211.GetInterfaceRequest(_nl80211, index), dump: false, (buffer, start, length, type) => ssid = Nl80211.SsidIn(buffer, start, length));
                return ssid;
            }
            catch (NetlinkException e) when (e.Errno == NetlinkException.NoSuchEntry && _nl80211 == 0)
            {
                _noNl80211 = true; // no cfg80211 in this kernel: no wireless link to ask about
                return null;
            }
            catch (NetlinkException e) when (e.Errno == NetlinkException.NoSuchDevice || e.Errno == NetlinkException.NotSupported)
            {
                return null; // not a cfg80211 interface after all
            }
        }

        /// <summary>An SSID is up to 32 bytes, usually UTF-8; bytes that are not are shown as \xNN, as NetworkManager does.</summary>
        internal static string SsidText(byte[] ssid)
        {
            try
            {
                return new UTF8Encoding(false, true).GetString(ssid);
            }
            catch (DecoderFallbackException)
            {
                var text = new StringBuilder(ssid.Length * 2);
                foreach (byte b in ssid)
                {
                    text.Append(b >= 0x20 && b < 0x7F ? ((char)b).ToString() : "\\x" + b.ToString("x2"));
                }

                return text.ToString();
            }
        }

        private sealed class Seen
        {
            public Seen(IPAddress gateway, byte[] key, InterfaceNetwork network, bool wireless)
            {
                Gateway = gateway;
                Key = key;
                Network = network;
                Wireless = wireless;
            }

            public IPAddress Gateway { get; }

            public byte[] Key { get; }

            public InterfaceNetwork Network { get; }

            /// <summary>Whether the interface was wireless: its SSID is asked on every read, no announcement says it changed.</summary>
            public bool Wireless { get; }
        }
    }
}
