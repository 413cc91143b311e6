using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Networks;
using NetUsageTracker.Networks.MacOS;
using NetUsageTracker.Networks.Windows;
using Xunit;

namespace NetUsageTracker.Tests.Networks
{
    /// <summary>
    /// The pure parts of the Windows and macOS sources, on the documented values and outputs. Only Windows
    /// shows the Network List Manager's real names, ids and costs, and only macOS its tools' real output.
    /// </summary>
    public class PlatformNetworkSourcesTests
    {
        [Theory]
        [InlineData(0x0u, null)] // NLM_CONNECTION_COST_UNKNOWN
        [InlineData(0x1u, false)] // UNRESTRICTED
        [InlineData(0x2u, true)] // FIXED
        [InlineData(0x4u, true)] // VARIABLE
        [InlineData(0x1u | 0x20000u, false)] // UNRESTRICTED | CONGESTED
        [InlineData(0x1u | 0x40000u, true)] // UNRESTRICTED | ROAMING
        [InlineData(0x2u | 0x80000u, true)] // FIXED | APPROACHINGDATALIMIT
        [InlineData(0x10000u, true)] // OVERDATALIMIT
        public void TheConnectionCostSaysMeteredAsWindowsGuidanceReadsIt(uint cost, bool? metered)
        {
            Assert.Equal(metered, NetworkListManagerSource.IsMetered(cost));
        }

        [Fact]
        public void EachConnectionNamesTheNetworkOfItsAdapterByTheInterfaceName()
        {
            Guid wifiAdapter = Guid.Parse("{3F2A9C11-0B6E-4C0F-9E0C-0D1C2B3A4F50}");
            Guid ethernetAdapter = Guid.Parse("{7D1E2F30-4A5B-4C6D-8E9F-A0B1C2D3E4F5}");
            Guid hotspot = Guid.Parse("5c2b3f1e-8a4d-4e6f-9b0c-1d2e3f405162");
            Dictionary<Guid, string> adapters = NetworkListManagerSource.AdapterNames(new[]
            {
                // NetworkInterface.Id is the adapter's GUID in braces, upper case, on Windows.
                new KeyValuePair<string, string>("{3F2A9C11-0B6E-4C0F-9E0C-0D1C2B3A4F50}", "Wi-Fi"),
                new KeyValuePair<string, string>("{7d1e2f30-4a5b-4c6d-8e9f-a0b1c2d3e4f5}", "Ethernet"),
                new KeyValuePair<string, string>("1", "Loopback Pseudo-Interface 1"),
            });
            var connections = new[]
            {
                new NetworkListConnection(wifiAdapter, hotspot, "Pixel 7", 0x2),
                new NetworkListConnection(ethernetAdapter, Guid.Parse("00000000-0000-0000-0000-0000000000aa"), "", null),
                new NetworkListConnection(Guid.NewGuid(), Guid.NewGuid(), "an adapter that is gone", 0x1),
            };

            List<InterfaceNetwork> networks = NetworkListManagerSource.Map(connections, adapters);

            Assert.Equal(2, adapters.Count);
            Assert.Equal(new[] { "Wi-Fi", "Ethernet" }, networks.Select(n => n.InterfaceName));
            Assert.Equal(("Pixel 7", "5c2b3f1e-8a4d-4e6f-9b0c-1d2e3f405162", (bool?)true, NetworkOrigin.NetworkListManager),
                (networks[0].NetworkName, networks[0].NetworkId, networks[0].Metered, networks[0].Origin));
            Assert.Equal(("Ethernet", (bool?)null), (networks[1].NetworkName, networks[1].Metered));
        }

        [Fact]
        public void MacRouteGetDefaultGivesTheGatewayAndInterface()
        {
            const string output = "   route to: default\ndestination: default\n       mask: default\n    gateway: 192.168.1.1\n  interface: en0\n      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING,GLOBAL>\n recvpipe  sendpipe  ssthresh  rtt,msec    rttvar  hopcount      mtu     expire\n       0         0         0         0         0         0      1500         0 \n";

            Assert.True(MacNetworkSource.TryParseDefaultRoute(output, out var gateway, out string name));
            Assert.Equal(("192.168.1.1", "en0"), (gateway!.ToString(), name));
            Assert.False(MacNetworkSource.TryParseDefaultRoute("route: writing to routing socket: not in table\n", out _, out _));
        }

        [Theory]
        [InlineData("? (192.168.1.1) at 0:11:22:3:44:55 on en0 ifscope [ethernet]\n", new byte[] { 0, 0x11, 0x22, 3, 0x44, 0x55 })]
        [InlineData("? (192.168.1.1) at a4:91:b1:c2:d3:e4 on en0 ifscope permanent [ethernet]", new byte[] { 0xa4, 0x91, 0xb1, 0xc2, 0xd3, 0xe4 })]
        [InlineData("? (192.168.1.1) at (incomplete) on en0 ifscope [ethernet]", null)]
        [InlineData("192.168.1.1 (192.168.1.1) -- no entry", null)]
        public void MacArpGivesTheLinkLayerAddressWithoutLeadingZeros(string output, byte[]? expected)
        {
            Assert.Equal(expected, MacNetworkSource.ParseArpAddress(output));
        }

        [Theory]
        [InlineData("<dictionary> {\n  BSSID : 02:00:00:00:00:01\n  InterfaceType : WiFi\n  SSID : Caf\u00e9 : 5G\n}", "Caf\u00e9 : 5G")]
        [InlineData("<dictionary> {\n  InterfaceType : WiFi\n  SSID : <redacted>\n}", null)]
        [InlineData("<dictionary> {\n  InterfaceType : Ethernet\n}", null)]
        public void MacIpconfigSummaryGivesTheSsidUnlessRedacted(string output, string? ssid)
        {
            Assert.Equal(ssid, MacNetworkSource.ParseSummarySsid(output));
        }
    }
}
