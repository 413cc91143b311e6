using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;

namespace NetUsageTracker.Connection
{
    /// <summary>A default route: which interface, through which gateway, at which metric.</summary>
    public sealed class DefaultRoute
    {
        public DefaultRoute(string interfaceName, IPAddress? gateway, long metric)
        {
            InterfaceName = interfaceName;
            Gateway = gateway;
            Metric = metric;
        }

        public string InterfaceName { get; }

        public IPAddress? Gateway { get; }

        public long Metric { get; }
    }

    /// <summary>Reads the default routes of Linux from /proc/net/route and /proc/net/ipv6_route.</summary>
    public static class LinuxRouteTable
    {
        public const string IPv4Path = "/proc/net/route";
        public const string IPv6Path = "/proc/net/ipv6_route";

        public static List<DefaultRoute> ReadDefaultRoutes(string ipv4Path = IPv4Path, string ipv6Path = IPv6Path) =>
            DefaultRoutes(File.Exists(ipv4Path) ? File.ReadAllText(ipv4Path) : null, File.Exists(ipv6Path) ? File.ReadAllText(ipv6Path) : null);

        /// <summary>The default routes of both tables' text (null where a table is missing), lowest metric first.</summary>
        public static List<DefaultRoute> DefaultRoutes(string? ipv4Text, string? ipv6Text)
        {
            var routes = new List<DefaultRoute>();
            if (ipv4Text != null)
            {
                routes.AddRange(ParseIPv4(ipv4Text));
            }

            if (ipv6Text != null)
            {
                routes.AddRange(ParseIPv6(ipv6Text));
            }

            routes.Sort((a, b) => a.Metric.CompareTo(b.Metric));
            return routes;
        }

        /// <summary>Lines of "Iface Destination Gateway Flags RefCnt Use Metric Mask ..." in hex, little-endian.</summary>
        public static IEnumerable<DefaultRoute> ParseIPv4(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 8 || f[0] == "Iface")
                {
                    continue;
                }

                const int RouteUp = 0x1;
                if (f[1] != "00000000" || f[7] != "00000000"
                    || !int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int flags)
                    || (flags & RouteUp) == 0
                    || !uint.TryParse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint gw)
                    || !long.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out long metric))
                {
                    continue;
                }

                // The kernel prints the address in host byte order (little-endian on every platform we run on).
                IPAddress? gateway = gw == 0 ? null : new IPAddress(BitConverter.GetBytes(gw));
                yield return new DefaultRoute(f[0], gateway, metric);
            }
        }

        /// <summary>Lines of "dest destlen src srclen nexthop metric refcnt use flags iface", hex.</summary>
        public static IEnumerable<DefaultRoute> ParseIPv6(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[0] != new string('0', 32) || f[1] != "00" || f[9] == "lo")
                {
                    continue;
                }

                if (!long.TryParse(f[5], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long metric))
                {
                    continue;
                }

                IPAddress? gateway = null;
                if (f[4].Length == 32 && f[4] != new string('0', 32))
                {
                    var bytes = new byte[16];
                    for (int i = 0; i < 16; i++)
                    {
                        bytes[i] = byte.Parse(f[4].Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    }

                    gateway = new IPAddress(bytes);
                }

                yield return new DefaultRoute(f[9], gateway, metric);
            }
        }
    }
}
