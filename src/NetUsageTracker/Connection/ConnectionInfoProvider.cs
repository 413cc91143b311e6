using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Connection
{
    /// <summary>Builds <see cref="NetConnectionInfo"/> objects from the system's interfaces and routes.</summary>
    public static class ConnectionInfoProvider
    {
        /// <summary>Every interface, the one carrying the default route first, then the others up before down.</summary>
        /// <param name="classOf">The class of an interface by name, as the counter source says.</param>
        public static List<NetConnectionInfo> GetAll(Func<string, InterfaceClass> classOf) => GetAll(classOf, NetworkInterface.GetAllNetworkInterfaces);

        /// <param name="classOf">The class of an interface by name, as the counter source says.</param>
        /// <param name="listInterfaces">Lists the interfaces (NetworkInterface.GetAllNetworkInterfaces outside tests).</param>
        internal static List<NetConnectionInfo> GetAll(Func<string, InterfaceClass> classOf, Func<NetworkInterface[]> listInterfaces)
        {
            string computer = Environment.MachineName;
            // Linux: the route table names the interface and gateway of each default route, with metrics.
            List<DefaultRoute> defaults = RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
                ? LinuxRouteTable.ReadDefaultRoutes()
                : new List<DefaultRoute>();

            var result = new List<NetConnectionInfo>();
            var addresses = new List<KeyValuePair<string, IReadOnlyList<IPAddress>>>();
            foreach (NetworkInterface nic in ListInterfaces(listInterfaces))
            {
                result.Add(Describe(nic, computer, defaults, classOf, addresses));
            }

            if (defaults.Count == 0)
            {
                // Elsewhere, and on a Linux without /proc/net/route: the system's own choice of source address.
                (IPAddress? v4, IPAddress? v6) = DefaultRouteProbe.AskSystem();
                MarkDefaultRoutes(result, DefaultRouteProbe.InterfacesOwning(addresses, v4, v6));
            }

            return Order(result, defaults);
        }

        /// <summary>
        /// The interfaces, asked up to three times: .NET's Linux list reads the interfaces, then their
        /// addresses, and throws ArgumentException ("An invalid IP address was specified") when one goes away
        /// in between, as a container's veth does when it stops.
        /// </summary>
        private static NetworkInterface[] ListInterfaces(Func<NetworkInterface[]> listInterfaces)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return listInterfaces();
                }
                catch (ArgumentException) when (attempt < 3)
                {
                    // Ask again: the set of interfaces has settled a moment later.
                }
            }
        }

        /// <summary>Marks the interfaces the system routes the internet through; the first of them is listed first.</summary>
        internal static void MarkDefaultRoutes(List<NetConnectionInfo> interfaces, List<string> routed)
        {
            foreach (NetConnectionInfo info in interfaces)
            {
                int rank = routed.IndexOf(info.InterfaceName);
                info.IsDefaultRoute = rank >= 0;
                info.DefaultRouteRank = rank;
            }
        }

        internal static List<NetConnectionInfo> Order(List<NetConnectionInfo> interfaces, List<DefaultRoute> defaults)
        {
            int Rank(NetConnectionInfo i)
            {
                int route = defaults.FindIndex(r => r.InterfaceName == i.InterfaceName);
                if (route >= 0)
                {
                    return route;
                }

                return i.IsDefaultRoute ? defaults.Count + Math.Max(0, i.DefaultRouteRank) : defaults.Count + 100 + (i.Status == OperationalStatus.Up ? 1 : 2);
            }

            return interfaces
                .OrderBy(Rank)
                .ThenBy(i => i.InterfaceType == NetworkInterfaceType.Loopback ? 1 : 0)
                .ThenBy(i => i.InterfaceName, StringComparer.Ordinal)
                .ToList();
        }

        private static NetConnectionInfo Describe(NetworkInterface nic, string computer, List<DefaultRoute> defaults,
            Func<string, InterfaceClass> classOf, List<KeyValuePair<string, IReadOnlyList<IPAddress>>> addresses)
        {
            InterfaceClass cls = nic.NetworkInterfaceType == NetworkInterfaceType.Loopback ? InterfaceClass.Loopback : classOf(nic.Name);
            var info = new NetConnectionInfo
            {
                ComputerName = computer,
                InterfaceName = nic.Name,
                Description = nic.Description,
                InterfaceType = nic.NetworkInterfaceType,
                InterfaceClass = cls != InterfaceClass.Unknown ? cls : InterfaceClassifier.FromNetworkInformation(nic.Name, nic.NetworkInterfaceType, nic.Description),
                Status = nic.OperationalStatus,
                MacAddress = FormatMac(nic.GetPhysicalAddress()),
                SpeedBitsPerSecond = SaneSpeed(Try(() => nic.Speed)),
            };

            IPInterfaceProperties? properties = Try(() => nic.GetIPProperties());
            if (properties != null)
            {
                var v4 = new List<string>();
                var v6 = new List<string>();
                var owned = new List<IPAddress>();
                foreach (UnicastIPAddressInformation unicast in properties.UnicastAddresses)
                {
                    owned.Add(unicast.Address);
                    string text = WithoutScope(unicast.Address) + "/" + PrefixLength(unicast);
                    (unicast.Address.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : v4).Add(text);
                }

                addresses.Add(new KeyValuePair<string, IReadOnlyList<IPAddress>>(nic.Name, owned));
                info.IPv4Address = v4.ToArray();
                info.IPv6Address = v6.ToArray();
                // Linux hands every interface the resolvers of /etc/resolv.conf; they only mean something
                // for an interface that has an address to send the queries from.
                info.DnsServer = v4.Count + v6.Count == 0
                    ? new string[0]
                    : Try(() => properties.DnsAddresses.Select(WithoutScope).Distinct().ToArray()) ?? new string[0];
                info.Mtu = Try(() => (int?)properties.GetIPv4Properties()?.Mtu) ?? Try(() => (int?)properties.GetIPv6Properties()?.Mtu);
                info.Gateway = Try(() => properties.GatewayAddresses
                    .Select(g => g.Address)
                    .Where(a => !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any))
                    .Select(WithoutScope).Distinct().ToArray()) ?? new string[0];
            }

            List<DefaultRoute> mine = defaults.Where(r => r.InterfaceName == nic.Name).ToList();
            if (mine.Count > 0)
            {
                info.IsDefaultRoute = true;
                info.Gateway = info.Gateway
                    .Concat(mine.Where(r => r.Gateway != null).Select(r => WithoutScope(r.Gateway!)))
                    .Distinct().ToArray();
            }

            return info;
        }

        /// <summary>Linux reports an unknown speed as -1 Mb/s, which .NET turns into 2^32-1 Mb/s: both mean unknown.</summary>
        internal static long? SaneSpeed(long bitsPerSecond)
        {
            const long UnknownFromSysfs = uint.MaxValue * 1_000_000L;
            return bitsPerSecond > 0 && bitsPerSecond != UnknownFromSysfs ? bitsPerSecond : (long?)null;
        }

        internal static string FormatMac(PhysicalAddress? address)
        {
            byte[] bytes = address?.GetAddressBytes() ?? new byte[0];
            return bytes.All(b => b == 0) ? "" : string.Join(":", bytes.Select(b => b.ToString("X2")));
        }

        private static int PrefixLength(UnicastIPAddressInformation unicast)
        {
            int? length = Try(() => (int?)unicast.PrefixLength);
            if (length.HasValue && length.Value > 0)
            {
                return length.Value;
            }

            // Some platforms give only the mask.
            IPAddress? mask = Try(() => unicast.IPv4Mask);
            return mask == null ? 0 : mask.GetAddressBytes().Sum(b => Convert.ToString(b, 2).Count(c => c == '1'));
        }

        internal static string WithoutScope(IPAddress address)
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
            {
                return new IPAddress(address.GetAddressBytes()).ToString();
            }

            return address.ToString();
        }

        private static T? Try<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (Exception e) when (e is PlatformNotSupportedException || e is NetworkInformationException || e is NotImplementedException)
            {
                return default;
            }
        }
    }
}
