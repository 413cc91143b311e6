using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace NetUsageTracker.Connection
{
    /// <summary>
    /// Asks the system which interface carries the default route, the portable way: the local address the
    /// OS picks for a UDP socket connected to a public address is the address of the interface its routing
    /// table would send that traffic through (connecting a UDP socket sends no packet). This follows
    /// metrics, VPNs with an on-link default route and policy routing, as the OS itself does.
    /// </summary>
    public static class DefaultRouteProbe
    {
        // Any global unicast address outside the local links answers; nothing is ever sent to it.
        private static readonly IPAddress PublicIPv4 = IPAddress.Parse("8.8.8.8");
        private static readonly IPAddress PublicIPv6 = IPAddress.Parse("2001:4860:4860::8888");

        /// <summary>The local addresses the system would send IPv4 and IPv6 traffic to the internet from (null where
        /// it has no route).</summary>
        public static (IPAddress? IPv4, IPAddress? IPv6) AskSystem() => (LocalAddressFor(PublicIPv4), LocalAddressFor(PublicIPv6));

        /// <summary>The interfaces that own <paramref name="chosenIPv4"/> or <paramref name="chosenIPv6"/>, IPv4's first.</summary>
        public static List<string> InterfacesOwning(IEnumerable<KeyValuePair<string, IReadOnlyList<IPAddress>>> interfaceAddresses,
            IPAddress? chosenIPv4, IPAddress? chosenIPv6)
        {
            var result = new List<string>();
            foreach (IPAddress? chosen in new[] { chosenIPv4, chosenIPv6 })
            {
                if (chosen == null)
                {
                    continue;
                }

                foreach (KeyValuePair<string, IReadOnlyList<IPAddress>> entry in interfaceAddresses)
                {
                    if (!result.Contains(entry.Key) && Owns(entry.Value, chosen))
                    {
                        result.Add(entry.Key);
                        break;
                    }
                }
            }

            return result;
        }

        private static bool Owns(IReadOnlyList<IPAddress> addresses, IPAddress chosen)
        {
            byte[] wanted = chosen.GetAddressBytes();
            foreach (IPAddress address in addresses)
            {
                // Compared without the IPv6 scope: the socket reports it, the interface list may not.
                if (address.AddressFamily == chosen.AddressFamily && address.GetAddressBytes().SequenceEqual(wanted))
                {
                    return true;
                }
            }

            return false;
        }

        private static IPAddress? LocalAddressFor(IPAddress remote)
        {
            try
            {
                using var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                socket.Connect(new IPEndPoint(remote, 53));
                var local = (IPEndPoint?)socket.LocalEndPoint;
                return local == null || local.Address.Equals(IPAddress.Any) || local.Address.Equals(IPAddress.IPv6Any) ? null : local.Address;
            }
            catch (Exception e) when (e is SocketException || e is NotSupportedException || e is PlatformNotSupportedException)
            {
                // No route for this family (ENETUNREACH), or no such family on this system: no default route.
                return null;
            }
        }
    }
}
