using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Sampling
{
    /// <summary>Which interfaces are loopback, asked cheaply (Linux: the interface's flags in /sys).</summary>
    public static class InterfaceKind
    {
        private const int IffLoopback = 0x8;
        private static readonly ConcurrentDictionary<string, bool> Cache = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        public static bool IsLoopback(string name) => Cache.GetOrAdd(name, Probe);

        private static bool Probe(string name)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                string flagsPath = Path.Combine("/sys/class/net", name, "flags");
                if (File.Exists(flagsPath))
                {
                    string text = File.ReadAllText(flagsPath).Trim();
                    if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                        && int.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int flags))
                    {
                        return (flags & IffLoopback) != 0;
                    }
                }

                return name == "lo";
            }

            return NetworkInterface.GetAllNetworkInterfaces()
                .Any(n => n.Name == name && n.NetworkInterfaceType == NetworkInterfaceType.Loopback);
        }
    }
}
