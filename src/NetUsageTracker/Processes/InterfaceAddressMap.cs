using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Processes
{
    /// <summary>
    /// Which interface carries a flow, from its addresses: a flow to one of this machine's own addresses
    /// goes over loopback (Linux routes it there, whatever the address); any other flow goes over the
    /// interface that holds its local address. Policy routing can send a flow out of another interface;
    /// the sampler's clamp keeps the rows honest then. The map is read again when an address it does
    /// not know shows up, at most every two seconds.
    /// </summary>
    public sealed class InterfaceAddressMap
    {
        private static readonly TimeSpan RefreshPause = TimeSpan.FromSeconds(2);

        private readonly Func<IEnumerable<(string Name, bool IsLoopback, IEnumerable<System.Net.IPAddress> Addresses)>> _read;
        private readonly Dictionary<FlowAddress, string> _byAddress = new Dictionary<FlowAddress, string>();
        private readonly Dictionary<string, int> _linkHeaders = new Dictionary<string, int>(Sampling.InterfaceNaming.Comparer);
        private long _lastRefresh = long.MinValue;

        /// <param name="read">The interfaces and their addresses (the system's by default; a fixture in tests).</param>
        public InterfaceAddressMap(Func<IEnumerable<(string Name, bool IsLoopback, IEnumerable<System.Net.IPAddress> Addresses)>>? read = null)
        {
            _read = read ?? SystemInterfaces;
        }

        /// <summary>The loopback interface's name ("lo" on Linux), or null where there is none.</summary>
        public string? LoopbackName { get; private set; }

        /// <summary>The interface a flow between these two ends goes over, or null when none is known.</summary>
        public string? InterfaceOf(in FlowAddress local, in FlowAddress remote)
        {
            if (_lastRefresh == long.MinValue)
            {
                Refresh();
            }

            if (remote.IsLoopback || local.IsLoopback)
            {
                return LoopbackName;
            }

            if (Find(remote) != null)
            {
                return LoopbackName; // to this machine's own address
            }

            return Find(local);
        }

        /// <summary>Whether <paramref name="address"/> is one of this machine's (loopback included).</summary>
        public bool IsLocal(FlowAddress address)
        {
            if (_lastRefresh == long.MinValue)
            {
                Refresh();
            }

            return address.IsLoopback || Find(address) != null;
        }

        private string? Find(in FlowAddress address)
        {
            FlowAddress key = address.WithoutPort();
            if (_byAddress.TryGetValue(key, out string? name))
            {
                return name;
            }

            if (!key.IsUnspecified && Stopwatch.GetTimestamp() - _lastRefresh > RefreshPause.TotalSeconds * Stopwatch.Frequency)
            {
                Refresh();
                _byAddress.TryGetValue(key, out name);
            }

            return name;
        }

        /// <summary>Bytes of link-layer header /proc/net/dev (or the system's counters) count per packet:
        /// 14 for Ethernet, Wi-Fi as the stack sees it and veth; none for Linux's loopback (it counts each
        /// packet after taking its Ethernet header off again) and for tunnels (tun, WireGuard, PPP), whose
        /// packets begin with the IP header.</summary>
        public int LinkHeaderBytes(string interfaceName)
        {
            if (!_linkHeaders.TryGetValue(interfaceName, out int bytes))
            {
                bytes = ReadLinkHeaderBytes(interfaceName);
                _linkHeaders[interfaceName] = bytes;
            }

            return bytes;
        }

        internal static int LinkHeaderOfArpType(int type) => type switch
        {
            1 => 14,      // ARPHRD_ETHER
            801 => 14,    // ARPHRD_IEEE80211: the stack sees 802.3 frames
            _ => 0,       // ARPHRD_NONE (tun, WireGuard), PPP, tunnels: the packet starts with IP
        };

        private static int ReadLinkHeaderBytes(string name)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                try
                {
                    string text = File.ReadAllText($"/sys/class/net/{name}/type").Trim();
                    return LinkHeaderOfArpType(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException)
                {
                    return 14;
                }
            }

            return name.StartsWith("utun", StringComparison.Ordinal) || name.StartsWith("ppp", StringComparison.OrdinalIgnoreCase) ? 0 : 14;
        }

        private void Refresh()
        {
            _lastRefresh = Stopwatch.GetTimestamp();
            _byAddress.Clear();
            foreach ((string name, bool isLoopback, IEnumerable<System.Net.IPAddress> addresses) in _read())
            {
                if (isLoopback)
                {
                    LoopbackName ??= name;
                }

                foreach (System.Net.IPAddress address in addresses)
                {
                    _byAddress[FlowAddress.FromIPAddress(address, 0)] = isLoopback && LoopbackName != null ? LoopbackName : name;
                }
            }
        }

        private static IEnumerable<(string, bool, IEnumerable<System.Net.IPAddress>)> SystemInterfaces()
        {
            NetworkInterface[] interfaces;
            try
            {
                interfaces = NetworkInterface.GetAllNetworkInterfaces();
            }
            catch (NetworkInformationException)
            {
                yield break;
            }

            foreach (NetworkInterface adapter in interfaces)
            {
                var addresses = new List<System.Net.IPAddress>();
                try
                {
                    foreach (UnicastIPAddressInformation unicast in adapter.GetIPProperties().UnicastAddresses)
                    {
                        addresses.Add(unicast.Address);
                    }
                }
                catch (NetworkInformationException)
                {
                }

                yield return (adapter.Name, adapter.NetworkInterfaceType == NetworkInterfaceType.Loopback, addresses);
            }
        }
    }
}
