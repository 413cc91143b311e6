using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using NetUsageTracker.Connection;
using NetUsageTracker.Platform;
using NetUsageTracker.Scheduling;

namespace NetUsageTracker.Networks.MacOS
{
    /// <summary>
    /// macOS, kept small: the interface of the default route (`route -n get default`) is on the Wi-Fi
    /// network whose SSID `ipconfig getsummary` gives (macOS 15 redacts it unless verbose mode is on), else
    /// on the network of its gateway's link-layer address (`arp -n`). macOS does not say whether a network
    /// is metered (Low Data Mode is Network.framework's alone), so Metered is null.
    /// </summary>
    public sealed class MacNetworkSource : INetworkSource
    {
        private readonly object _gate = new object();
        private NetworkSnapshot _last = NetworkSnapshot.Empty;

        public string Name => "the SSID (ipconfig), else the gateway's link-layer address (route, arp)";

        public string? LastFallbackReason { get; private set; }

        public NetworkSnapshot Read()
        {
            lock (_gate)
            {
                var networks = new List<InterfaceNetwork>();
                try
                {
                    InterfaceNetwork? network = Identify();
                    if (network != null)
                    {
                        networks.Add(network);
                    }

                    LastFallbackReason = null;
                }
                catch (SchedulerException e)
                {
                    LastFallbackReason = e.Message;
                }

                var snapshot = new NetworkSnapshot(networks);
                _last = snapshot.Equals(_last) ? _last : snapshot;
                return _last;
            }
        }

        public void Dispose()
        {
        }

        /// <summary>The gateway and interface of `route -n get default`; false when there is no default route.</summary>
        internal static bool TryParseDefaultRoute(string output, out IPAddress? gateway, out string interfaceName)
        {
            gateway = null;
            interfaceName = "";
            foreach (KeyValuePair<string, string> field in Fields(output, ':'))
            {
                if (field.Key == "gateway" && IPAddress.TryParse(field.Value, out IPAddress? address))
                {
                    gateway = address;
                }
                else if (field.Key == "interface")
                {
                    interfaceName = field.Value;
                }
            }

            return gateway != null && interfaceName.Length > 0;
        }

        /// <summary>The link-layer address of `arp -n ADDRESS` ("? (192.0.2.1) at 0:11:22:3:44:55 on en0 ifscope [ethernet]"),
        /// whose octets macOS prints without leading zeros; null for "(incomplete)" or no entry.</summary>
        internal static byte[]? ParseArpAddress(string output)
        {
            foreach (string line in output.Split('\n'))
            {
                string[] words = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                int at = Array.IndexOf(words, "at");
                if (at < 0 || at + 1 >= words.Length)
                {
                    continue;
                }

                string[] octets = words[at + 1].Split(':');
                var bytes = new byte[octets.Length];
                bool valid = octets.Length == 6;
                for (int i = 0; valid && i < octets.Length; i++)
                {
                    valid = byte.TryParse(octets[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i]) && octets[i].Length <= 2;
                }

                if (valid && Array.Exists(bytes, b => b != 0))
                {
                    return bytes;
                }
            }

            return null;
        }

        /// <summary>The SSID line of `ipconfig getsummary IF` ("  SSID : name"); null when absent or redacted.</summary>
        internal static string? ParseSummarySsid(string output)
        {
            foreach (KeyValuePair<string, string> field in Fields(output, ':'))
            {
                if (field.Key == "SSID" && field.Value.Length > 0 && field.Value != "<redacted>")
                {
                    return field.Value;
                }
            }

            return null;
        }

        /// <summary>"key SEPARATOR value" lines, both trimmed; a value may contain the separator.</summary>
        private static IEnumerable<KeyValuePair<string, string>> Fields(string output, char separator)
        {
            foreach (string line in output.Split('\n'))
            {
                int at = line.IndexOf(separator);
                if (at > 0)
                {
                    yield return new KeyValuePair<string, string>(line.Substring(0, at).Trim(), line.Substring(at + 1).Trim());
                }
            }
        }

        private static InterfaceNetwork? Identify()
        {
            ProcessResult? route = SystemCommand.TryRun("route", new[] { "-n", "get", "default" });
            if (route == null || route.ExitCode != 0 || !TryParseDefaultRoute(route.Output, out IPAddress? gateway, out string interfaceName))
            {
                return null;
            }

            ProcessResult? summary = SystemCommand.TryRun("ipconfig", new[] { "getsummary", interfaceName });
            string? ssid = summary != null && summary.ExitCode == 0 ? ParseSummarySsid(summary.Output) : null;
            if (ssid != null)
            {
                return new InterfaceNetwork(interfaceName, ssid, NetworkIds.FromSsid(System.Text.Encoding.UTF8.GetBytes(ssid)), null, NetworkOrigin.Wireless);
            }

            ProcessResult? arp = SystemCommand.TryRun("arp", new[] { "-n", gateway!.ToString() });
            byte[]? linkLayer = arp != null && arp.ExitCode == 0 ? ParseArpAddress(arp.Output) : null;
            return linkLayer == null
                ? null
                : new InterfaceNetwork(interfaceName, ConnectionInfoProvider.WithoutScope(gateway), NetworkIds.FromGateway(linkLayer), null, NetworkOrigin.Gateway);
        }
    }
}
