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
        /// <summary>The ceiling when the speed is unknown (virtual, loopback, PPP): 100 Gbit/s, well above
        /// what such links carry, yet far below the 2^32 or 2^64 jumps a broken counter produces.</summary>
        public const double UnknownBytesPerSecond = 100e9 / 8;

        /// <summary>Bytes per second the link can carry; null when the system does not say.</summary>
        public static double? BytesPerSecond(string interfaceName)
        {
            long? bits = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? FromSysfs(interfaceName) : FromNetworkInformation(interfaceName);
            return bits / 8.0;
        }

        /// <summary>The most an interface could have moved in <paramref name="seconds"/>.</summary>
        public static double Ceiling(double? bytesPerSecond, double seconds) =>
            (bytesPerSecond ?? UnknownBytesPerSecond) * Math.Max(seconds, 1.0);

        private static long? FromSysfs(string name)
        {
            string path = Path.Combine("/sys/class/net", name, "speed");
            try
            {
                // Reading speed fails with EINVAL while the link is down; that is "unknown" too.
                string text = File.ReadAllText(path).Trim();
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long mbits)
                    ? ConnectionInfoProvider.SaneSpeed(mbits * 1_000_000L)
                    : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static long? FromNetworkInformation(string name)
        {
            NetworkInterface? nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
            return nic == null ? null : ConnectionInfoProvider.SaneSpeed(nic.Speed);
        }
    }
}
