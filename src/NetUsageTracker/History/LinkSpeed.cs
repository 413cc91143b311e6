using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using NetUsageTracker.Connection;

namespace NetUsageTracker.History
{
    /// <summary>How fast an interface's link is, to tell real traffic from an impossible counter jump.</summary>
    public static class LinkSpeed
    {
        /// <summary>The ceiling when the speed is unknown (virtual, loopback, PPP, wireless): 100 Gbit/s, well
        /// above what such links carry, yet far below the 2^32 or 2^64 jumps a broken counter produces.</summary>
        public const double UnknownBytesPerSecond = 100e9 / 8;

        /// <summary>
        /// Bytes per second a wired link negotiated; null when the system does not say, and for wireless and
        /// cellular links, whose rate follows the signal: a download at 866 Mbit/s followed by a fall to
        /// 6 Mbit/s must not be judged by the 6.
        /// </summary>
        public static double? BytesPerSecond(string interfaceName)
        {
            long? bits = RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
                ? FromSysfs("/sys/class/net", interfaceName)
                : FromNetworkInformation(NetworkInterface.GetAllNetworkInterfaces(), interfaceName);
            return bits / 8.0;
        }

        /// <summary>
        /// <see cref="BytesPerSecond"/> for the interfaces of one recording. Off Linux the system's adapter list
        /// is read once, at the first name asked for, rather than once for every interface.
        /// </summary>
        public static Func<string, double?> ForOneRecording()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return BytesPerSecond;
            }

            NetworkInterface[]? adapters = null;
            return name => FromNetworkInformation(adapters ??= NetworkInterface.GetAllNetworkInterfaces(), name) / 8.0;
        }

        /// <summary>The speed an interface is judged by: the fastest its link has been seen at, so a link
        /// that renegotiated down after a large transfer keeps the ceiling it carried that transfer at.</summary>
        public static double? Highest(double? now, double? highestSeen) =>
            now.HasValue && highestSeen.HasValue ? Math.Max(now.Value, highestSeen.Value) : now ?? highestSeen;

        /// <summary>The most an interface could have moved in <paramref name="seconds"/>.</summary>
        public static double Ceiling(double? bytesPerSecond, double seconds) =>
            (bytesPerSecond ?? UnknownBytesPerSecond) * Math.Max(seconds, 1.0);

        /// <summary>The negotiated speed in bits per second from a sysfs tree (a fixture in tests).</summary>
        internal static long? FromSysfs(string sysClassNet, string name)
        {
            string folder = Path.Combine(sysClassNet, name);
            // Wi-Fi interfaces have a wireless/ or phy80211 entry; their speed file is not a fixed rate.
            if (Directory.Exists(Path.Combine(folder, "wireless")) || Directory.Exists(Path.Combine(folder, "phy80211")))
            {
                return null;
            }

            // Reading speed fails with EINVAL for loopback and virtual links and while a link is down; that is
            // "unknown" too, and asked of every interface at every recording: read without an exception.
            string? text = Platform.SysfsText.TryRead(Path.Combine(folder, "speed"));
            return long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long mbits)
                ? ConnectionInfoProvider.SaneSpeed(mbits * 1_000_000L)
                : null;
        }

        private static long? FromNetworkInformation(NetworkInterface[] adapters, string name)
        {
            NetworkInterface? nic = adapters.FirstOrDefault(n => string.Equals(n.Name, name, Sampling.InterfaceNaming.Comparison));
            if (nic == null || IsWireless(nic.NetworkInterfaceType))
            {
                return null;
            }

            return ConnectionInfoProvider.SaneSpeed(nic.Speed);
        }

        private static bool IsWireless(NetworkInterfaceType type) =>
            type == NetworkInterfaceType.Wireless80211 || type == NetworkInterfaceType.Wwanpp || type == NetworkInterfaceType.Wwanpp2;
    }
}
