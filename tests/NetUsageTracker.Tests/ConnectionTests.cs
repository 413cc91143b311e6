using System.Collections.Generic;
using System.Linq;
using System.Net;
using NetUsageTracker.Connection;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class ConnectionTests
    {
        private const string Route =
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
            "eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n" +
            "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n" +
            "wlan0\t00000000\t0112A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n" +
            "tun0\t00000000\t00000000\t0000\t0\t0\t50\t00000000\t0\t0\t0\n";

        private const string Route6 =
            "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 eth0\n" +
            "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0\n" +
            "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo\n";

        [Fact]
        public void ParsesIPv4DefaultRoutesWithGatewayAndMetric()
        {
            var routes = LinuxRouteTable.ParseIPv4(Route).ToList();

            Assert.Equal(new[] { "eth0", "wlan0" }, routes.Select(r => r.InterfaceName));
            Assert.Equal("192.0.2.1", routes[0].Gateway!.ToString());
            Assert.Equal(100, routes[0].Metric);
            Assert.Equal("192.168.18.1", routes[1].Gateway!.ToString());
        }

        [Fact]
        public void ParsesIPv6DefaultRoutesAndSkipsLoopbackRejects()
        {
            DefaultRoute route = Assert.Single(LinuxRouteTable.ParseIPv6(Route6));

            Assert.Equal("eth0", route.InterfaceName);
            Assert.Equal("fe80::1", route.Gateway!.ToString());
            Assert.Equal(0x400, route.Metric);
        }

        [Theory]
        [InlineData("127.0.0.1:80", "127.0.0.1", 80)]
        [InlineData("[::1]:443", "::1", 443)]
        [InlineData("example.org:8080", "example.org", 8080)]
        public void ParsesEndpoints(string text, string host, int port)
        {
            Assert.True(ReachabilityProbe.TryParseEndpoint(text, out string h, out int p));
            Assert.Equal(host, h);
            Assert.Equal(port, p);
        }

        [Theory]
        [InlineData("localhost")]
        [InlineData("::1:80")]
        [InlineData(":80")]
        [InlineData("host:")]
        [InlineData("host:0")]
        [InlineData("host:65536")]
        [InlineData("host:-1")]
        public void RejectsMalformedEndpoints(string text)
        {
            Assert.False(ReachabilityProbe.TryParseEndpoint(text, out _, out _));
        }

        [Theory]
        [InlineData(-1L, null)]
        [InlineData(0L, null)]
        [InlineData(4_294_967_295_000_000L, null)]
        [InlineData(1_000_000_000L, 1_000_000_000L)]
        public void UnknownLinkSpeedsAreNull(long reported, long? expected)
        {
            Assert.Equal(expected, ConnectionInfoProvider.SaneSpeed(reported));
        }

        private static KeyValuePair<string, IReadOnlyList<IPAddress>> Nic(string name, params string[] addresses) =>
            new KeyValuePair<string, IReadOnlyList<IPAddress>>(name, addresses.Select(IPAddress.Parse).ToList());

        [Fact]
        public void WithEthernetAndWiFiBothUpTheOnesTheSystemRoutesThroughIsTheDefaultRoute()
        {
            // Both on 192.168.1.0/24 with a gateway; the OS prefers Wi-Fi (its metric is lower) and picks its address.
            var nics = new[] { Nic("Ethernet", "192.168.1.10", "fe80::10"), Nic("Wi-Fi", "192.168.1.20", "2001:db8::20", "fe80::20") };

            Assert.Equal(new[] { "Wi-Fi" }, DefaultRouteProbe.InterfacesOwning(nics, IPAddress.Parse("192.168.1.20"), IPAddress.Parse("2001:db8::20")));
        }

        [Fact]
        public void AVpnWithAnOnLinkDefaultRouteIsTheDefaultRouteNotTheFirstInterfaceWithAGateway()
        {
            var nics = new[] { Nic("Ethernet", "192.168.1.10"), Nic("WireGuard", "10.8.0.2") };

            // The tunnel's default route is on-link (no gateway): the old guess took the Ethernet, which has one.
            Assert.Equal(new[] { "WireGuard" }, DefaultRouteProbe.InterfacesOwning(nics, IPAddress.Parse("10.8.0.2"), null));
        }

        [Fact]
        public void IPv4AndIPv6CanLeaveByDifferentInterfacesAndNoRouteMarksNone()
        {
            var nics = new[] { Nic("Ethernet", "192.168.1.10"), Nic("Cellular", "2001:db8:c::5") };

            Assert.Equal(new[] { "Ethernet", "Cellular" },
                DefaultRouteProbe.InterfacesOwning(nics, IPAddress.Parse("192.168.1.10"), IPAddress.Parse("2001:db8:c::5")));
            Assert.Empty(DefaultRouteProbe.InterfacesOwning(nics, null, null));
        }

        [Fact]
        public void TheDefaultRouteIsMarkedAndListedFirst()
        {
            var all = new List<NetConnectionInfo>
            {
                new NetConnectionInfo { InterfaceName = "Ethernet", Status = System.Net.NetworkInformation.OperationalStatus.Up, Gateway = new[] { "192.168.1.1" } },
                new NetConnectionInfo { InterfaceName = "Wi-Fi", Status = System.Net.NetworkInformation.OperationalStatus.Up, Gateway = new[] { "192.168.1.1" } },
            };

            ConnectionInfoProvider.MarkDefaultRoutes(all, new List<string> { "Wi-Fi" });
            List<NetConnectionInfo> ordered = ConnectionInfoProvider.Order(all, new List<DefaultRoute>());

            Assert.Equal(new[] { "Wi-Fi", "Ethernet" }, ordered.Select(i => i.InterfaceName));
            Assert.Equal(new[] { true, false }, ordered.Select(i => i.IsDefaultRoute));
        }

        [LinuxFact]
        public void OnThisMachineTheSystemsChoiceAgreesWithTheRouteTable()
        {
            // No packet is sent: connecting a UDP socket only asks the routing table.
            (IPAddress? v4, _) = DefaultRouteProbe.AskSystem();
            List<DefaultRoute> routes = LinuxRouteTable.ReadDefaultRoutes();
            var nics = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .Select(n => new KeyValuePair<string, IReadOnlyList<IPAddress>>(n.Name, n.GetIPProperties().UnicastAddresses.Select(a => a.Address).ToList()));
            List<string> chosen = DefaultRouteProbe.InterfacesOwning(nics, v4, null);

            if (routes.Count == 0)
            {
                Assert.Empty(chosen);
            }
            else
            {
                Assert.Equal(routes[0].InterfaceName, Assert.Single(chosen));
            }
        }
    }
}
