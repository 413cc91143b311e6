using System;
using System.Globalization;
using System.IO;
using System.Net.NetworkInformation;
using System.Threading;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// Tells physical interfaces from virtual ones by what the system says. Linux: an interface backed by
    /// a device (<c>/sys/class/net/&lt;if&gt;/device</c>: PCI, USB, virtio, SDIO) is physical; one without
    /// (veth, bridge, tun, ifb, VLAN, WireGuard) is virtual; the loopback flag marks loopback. Where the
    /// system says nothing, the name family decides (<see cref="FromName"/>).
    /// </summary>
    public static class InterfaceClassifier
    {
        private const int IffLoopback = 0x8;

        /// <summary>Prefixes of interface names that are virtual on every system that uses them: container
        /// and VM bridges, tunnels and VPNs (Linux, macOS's utun/awdl/llw/bridge, Windows' vEthernet).</summary>
        private static readonly string[] VirtualPrefixes =
        {
            "veth", "docker", "br-", "virbr", "vnet", "tun", "tap", "wg", "ifb", "dummy", "vxlan", "gre", "ipip", "sit", "ip6tnl",
            "ppp", "tailscale", "cni", "flannel", "cali", "lxc", "lxd", "podman", "vboxnet", "vmnet", "nordlynx",
            "utun", "ipsec", "gif", "stf", "awdl", "llw", "bridge", "anpi", "ap", "vEthernet", "vpn",
        };

        /// <summary>Words in the description of Windows' software adapters.</summary>
        private static readonly string[] VirtualDescriptions =
        {
            "Virtual", "Hyper-V", "VPN", "TAP-", "Wintun", "WireGuard", "Filter", "WFP", "Miniport", "Wi-Fi Direct",
            "Teredo", "ISATAP", "6to4", "Pseudo", "Loopback", "VMware", "VirtualBox", "Npcap",
        };

        /// <summary>How many names <see cref="Linux"/> remembers before it starts over: a host that starts
        /// containers keeps making new veth names, and a resident recorder runs for months.</summary>
        internal const int LinuxCacheLimit = 256;

        private static readonly object LinuxCacheGate = new object();

        // Copy-on-write, read without a lock: a handful of names, looked up once per interface and snapshot.
        private static NamedClass[] _linuxCache = new NamedClass[0];

        /// <summary>How many names the Linux cache holds (for tests of its bound).</summary>
        internal static int LinuxCacheCount => Volatile.Read(ref _linuxCache).Length;

        /// <summary>Linux: the class of <paramref name="name"/> from sysfs, asked once per name.</summary>
        public static InterfaceClass Linux(string name)
        {
            NamedClass[] cache = Volatile.Read(ref _linuxCache);
            for (int i = 0; i < cache.Length; i++)
            {
                if (string.Equals(cache[i].Name, name, StringComparison.Ordinal))
                {
                    return cache[i].Class;
                }
            }

            InterfaceClass found = FromSysfs("/sys/class/net", name);
            lock (LinuxCacheGate)
            {
                NamedClass[] current = _linuxCache;
                int kept = current.Length < LinuxCacheLimit ? current.Length : 0;
                var grown = new NamedClass[kept + 1];
                Array.Copy(current, grown, kept);
                grown[kept] = new NamedClass(name, found);
                Volatile.Write(ref _linuxCache, grown);
            }

            return found;
        }

        /// <summary>The class from a sysfs tree rooted at <paramref name="sysClassNet"/> (a fixture in tests).</summary>
        internal static InterfaceClass FromSysfs(string sysClassNet, string name)
        {
            string folder = Path.Combine(sysClassNet, name);
            if (!Directory.Exists(folder))
            {
                return FromName(name);
            }

            if (TryReadFlags(Path.Combine(folder, "flags"), out int flags) && (flags & IffLoopback) != 0)
            {
                return InterfaceClass.Loopback;
            }

            // A symlink to the bus device; Directory.Exists follows it (a dangling link is no device).
            return Directory.Exists(Path.Combine(folder, "device")) ? InterfaceClass.Physical : InterfaceClass.Virtual;
        }

        /// <summary>
        /// The class that a name alone implies: loopback names, then the virtual families, else Unknown
        /// (an en0 or eth0 may be either; only the system can say).
        /// </summary>
        public static InterfaceClass FromName(string name)
        {
            if (name == "lo" || name.StartsWith("lo", StringComparison.Ordinal) && IsDigits(name, 2)
                || name.StartsWith("Loopback", StringComparison.OrdinalIgnoreCase))
            {
                return InterfaceClass.Loopback;
            }

            foreach (string prefix in VirtualPrefixes)
            {
                // A short prefix must end the family part ("tun0", "ap1"), so "apple0" or "tunnel" stay unknown.
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && (prefix.Length >= 4 || name.Length == prefix.Length || !char.IsLetter(name[prefix.Length])))
                {
                    return InterfaceClass.Virtual;
                }
            }

            return InterfaceClass.Unknown;
        }

        /// <summary>
        /// Where only System.Net.NetworkInformation speaks (macOS, and Windows without iphlpapi's table):
        /// the name family first, then the adapter's description (Windows names its virtual adapters so),
        /// then the interface type.
        /// </summary>
        public static InterfaceClass FromNetworkInformation(string name, NetworkInterfaceType type, string? description)
        {
            if (type == NetworkInterfaceType.Loopback)
            {
                return InterfaceClass.Loopback;
            }

            InterfaceClass byName = FromName(name);
            if (byName != InterfaceClass.Unknown)
            {
                return byName;
            }

            if (type == NetworkInterfaceType.Tunnel || type == NetworkInterfaceType.Ppp)
            {
                return InterfaceClass.Virtual;
            }

            foreach (string word in VirtualDescriptions)
            {
                if (description != null && description.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return InterfaceClass.Virtual;
                }
            }

            return type == NetworkInterfaceType.Unknown ? InterfaceClass.Unknown : InterfaceClass.Physical;
        }

        private static bool IsDigits(string text, int start)
        {
            for (int i = start; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TryReadFlags(string path, out int flags)
        {
            flags = 0;
            try
            {
                string text = File.ReadAllText(path).Trim();
                return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out flags);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private sealed class NamedClass
        {
            public NamedClass(string name, InterfaceClass cls)
            {
                Name = name;
                Class = cls;
            }

            public string Name { get; }

            public InterfaceClass Class { get; }
        }
    }
}
