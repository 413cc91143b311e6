using System.Linq;
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
    }
}
