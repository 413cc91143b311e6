using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using NetUsageTracker.Connection;
using NetUsageTracker.Networks;
using NetUsageTracker.Networks.Linux;
using Xunit;

namespace NetUsageTracker.Tests.Networks
{
    /// <summary>Netlink messages as linux/netlink.h, rtnetlink.h, neighbour.h and nl80211.h lay them out, and the kernel's answers.</summary>
    public class NetlinkTests
    {
        [Fact]
        public void ANeighbourDumpRequestIsLaidOutAsTheKernelReadsIt()
        {
            byte[] request = NeighbourTable.DumpRequest(7);

            Assert.Equal(36, request.Length);
            Assert.Equal(36u, BitConverter.ToUInt32(request, 0));
            Assert.Equal((ushort)30, BitConverter.ToUInt16(request, 4)); // RTM_GETNEIGH
            Assert.Equal((ushort)0x301, BitConverter.ToUInt16(request, 6)); // NLM_F_REQUEST | NLM_F_DUMP
            Assert.Equal(0, request[16]); // AF_UNSPEC: both families
            Assert.Equal(7u, BitConverter.ToUInt32(request, 20)); // ndm_ifindex
            Assert.Equal((ushort)8, BitConverter.ToUInt16(request, 28)); // NDA_IFINDEX attribute
            Assert.Equal((ushort)8, BitConverter.ToUInt16(request, 30));
            Assert.Equal(7u, BitConverter.ToUInt32(request, 32));
        }

        [Theory]
        [InlineData(0x02, true)] // NUD_REACHABLE
        [InlineData(0x04, true)] // NUD_STALE: the last address seen is still the gateway's
        [InlineData(0x80, true)] // NUD_PERMANENT
        [InlineData(0x01, false)] // NUD_INCOMPLETE
        [InlineData(0x20, false)] // NUD_FAILED
        public void ANeighbourGivesItsLinkLayerAddressUnlessItsEntryIsUnusable(ushort state, bool usable)
        {
            byte[] message = Neighbour(ifindex: 3, state, IPAddress.Parse("192.0.2.1"), new byte[] { 2, 0xfc, 0, 0, 0, 5 });

            byte[]? found = NeighbourTable.LinkLayerAddressIn(message, 0, message.Length, IPAddress.Parse("192.0.2.1"), 3);

            Assert.Equal(usable ? new byte[] { 2, 0xfc, 0, 0, 0, 5 } : null, found);
        }

        [Fact]
        public void ANeighbourOfAnotherAddressOrInterfaceIsNotTheGateway()
        {
            byte[] v6 = Neighbour(3, 0x02, IPAddress.Parse("fe80::1"), new byte[] { 2, 0, 0, 0, 0, 9 });

            Assert.Null(NeighbourTable.LinkLayerAddressIn(v6, 0, v6.Length, IPAddress.Parse("192.0.2.1"), 3));
            Assert.Null(NeighbourTable.LinkLayerAddressIn(v6, 0, v6.Length, IPAddress.Parse("fe80::1"), 4));
            Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 9 }, NeighbourTable.LinkLayerAddressIn(v6, 0, v6.Length, IPAddress.Parse("fe80::1"), 3));
            byte[] noArp = Neighbour(3, 0x40, IPAddress.Parse("192.0.2.1"), Array.Empty<byte>());
            Assert.Null(NeighbourTable.LinkLayerAddressIn(noArp, 0, noArp.Length, IPAddress.Parse("192.0.2.1"), 3));
        }

        [Fact]
        public void Nl80211RequestsAndAnswersAreLaidOutAsGenericNetlinkSays()
        {
            byte[] family = Nl80211.GetFamilyRequest("nl80211");
            Assert.Equal((ushort)0x10, BitConverter.ToUInt16(family, 4)); // GENL_ID_CTRL
            Assert.Equal(3, family[16]); // CTRL_CMD_GETFAMILY
            Assert.Equal((ushort)12, BitConverter.ToUInt16(family, 20)); // 4 + "nl80211\0"
            Assert.Equal((ushort)2, BitConverter.ToUInt16(family, 22)); // CTRL_ATTR_FAMILY_NAME
            Assert.Equal("nl80211\0", Encoding.ASCII.GetString(family, 24, 8));
            Assert.Equal(32, family.Length);

            byte[] get = Nl80211.GetInterfaceRequest(0x1c, 5);
            Assert.Equal((ushort)0x1c, BitConverter.ToUInt16(get, 4));
            Assert.Equal(5, get[16]); // NL80211_CMD_GET_INTERFACE
            Assert.Equal((ushort)3, BitConverter.ToUInt16(get, 22)); // NL80211_ATTR_IFINDEX
            Assert.Equal(5u, BitConverter.ToUInt32(get, 24));

            // A NEW_INTERFACE answer: IFINDEX, IFNAME "wlan0", a nested attribute with its flag bit, then SSID.
            var answer = new List<byte>(new byte[16]) { 7, 1, 0, 0 };
            Attribute(answer, 3, BitConverter.GetBytes(5u));
            Attribute(answer, 4, Encoding.ASCII.GetBytes("wlan0\0"));
            Attribute(answer, 0x8000 | 99, new byte[8]);
            Attribute(answer, 52, Encoding.UTF8.GetBytes("Caf\u00e9"));
            byte[] bytes = answer.ToArray();
            Assert.Equal("Caf\u00e9", Encoding.UTF8.GetString(Nl80211.SsidIn(bytes, 0, bytes.Length)!));

            var controller = new List<byte>(new byte[16]) { 1, 2, 0, 0 };
            Attribute(controller, 2, Encoding.ASCII.GetBytes("nl80211\0"));
            Attribute(controller, 1, BitConverter.GetBytes((ushort)0x1c));
            byte[] controllerBytes = controller.ToArray();
            Assert.Equal((ushort)0x1c, Nl80211.FamilyIdIn(controllerBytes, 0, controllerBytes.Length));
        }

        [Theory]
        [InlineData(new byte[] { 0x50, 0x69, 0x78, 0x65, 0x6c, 0x20, 0x37 }, "Pixel 7")]
        [InlineData(new byte[] { 0x43, 0x61, 0x66, 0xc3, 0xa9 }, "Caf\u00e9")]
        [InlineData(new byte[] { 0x41, 0xff, 0x00, 0x42 }, "A\\xff\\x00B")]
        public void AnSsidIsShownAsUtf8ElseEscaped(byte[] ssid, string shown)
        {
            Assert.Equal(shown, GatewayNetworks.SsidText(ssid));
        }

        [LinuxFact]
        public void TheKernelsGenericNetlinkControllerAnswersForItself()
        {
            using NetlinkSocket socket = NetlinkSocket.Open(NetlinkNative.NetlinkGeneric, TimeSpan.FromSeconds(2));
            ushort id = 0;
            socket.Request(Nl80211.GetFamilyRequest("nlctrl"), dump: false, (buffer, start, length, type) => id = Nl80211.FamilyIdIn(buffer, start, length));
            Assert.Equal((ushort)0x10, id);

            NetlinkException e = Assert.Throws<NetlinkException>(() => socket.Request(Nl80211.GetFamilyRequest("nutnofamily"), dump: false, (_, _, _, _) => { }));
            Assert.Equal(NetlinkException.NoSuchEntry, e.Errno);
        }

        [Fact]
        public void TheListeningAddressCarriesTheGroups()
        {
            byte[] address = NetlinkNative.NetlinkAddress(NetlinkNative.GroupNeighbour | NetlinkNative.GroupIPv6Route);

            Assert.Equal(12, address.Length); // sizeof(struct sockaddr_nl)
            Assert.Equal((ushort)16, BitConverter.ToUInt16(address, 0)); // AF_NETLINK
            Assert.Equal(0u, BitConverter.ToUInt32(address, 4)); // nl_pid: the kernel picks
            Assert.Equal(0x404u, BitConverter.ToUInt32(address, 8)); // nl_groups
        }

        [LinuxFact]
        public void ASocketOfNoGroupsHasNothingAnnounced()
        {
            // Without groups nothing can arrive: Drain must come back at once with nothing, not wait or throw.
            using NetlinkSocket socket = NetlinkSocket.Listen(NetlinkNative.NetlinkRoute, 0);

            Assert.False(socket.Drain());
            Assert.False(socket.Drain());
        }

        [LinuxFact]
        public void ThisMachinesGatewayIsKnownByTheAddressIpNeighShows()
        {
            DefaultRoute? route = LinuxRouteTable.ReadDefaultRoutes().FirstOrDefault(r => r.Gateway != null && r.Gateway.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            if (route == null || System.IO.Directory.Exists($"/sys/class/net/{route.InterfaceName}/wireless"))
            {
                return; // nothing to compare with here: no wired IPv4 gateway
            }

            string? expected = IpNeighbour(route.InterfaceName, route.Gateway!);
            using var gateways = new GatewayNetworks();
            var networks = new List<InterfaceNetwork>();

            gateways.AddTo(networks, _ => false);

            InterfaceNetwork? network = networks.FirstOrDefault(n => n.InterfaceName == route.InterfaceName);
            if (expected == null)
            {
                Assert.Null(network);
                return;
            }

            Assert.NotNull(network);
            Assert.Equal(NetworkOrigin.Gateway, network!.Origin);
            Assert.Equal(route.Gateway!.ToString(), network.NetworkName);
            byte[] mac = expected.Split(':').Select(h => Convert.ToByte(h, 16)).ToArray();
            Assert.Equal(NetworkIds.FromGateway(mac), network.NetworkId);
            Assert.Null(network.Metered);
        }

        private static string? IpNeighbour(string interfaceName, IPAddress gateway)
        {
            var start = new ProcessStartInfo("ip", $"-j neigh show dev {interfaceName} to {gateway}") { RedirectStandardOutput = true, UseShellExecute = false };
            using Process ip = Process.Start(start)!;
            string json = ip.StandardOutput.ReadToEnd();
            ip.WaitForExit();
            foreach (JsonElement entry in JsonDocument.Parse(json).RootElement.EnumerateArray())
            {
                string[] states = entry.TryGetProperty("state", out JsonElement s) ? s.EnumerateArray().Select(x => x.GetString()!).ToArray() : Array.Empty<string>();
                if (entry.TryGetProperty("lladdr", out JsonElement lladdr) && !states.Contains("FAILED") && !states.Contains("INCOMPLETE"))
                {
                    return lladdr.GetString();
                }
            }

            return null;
        }

        private static byte[] Neighbour(int ifindex, ushort state, IPAddress destination, byte[] linkLayer)
        {
            var message = new List<byte>(new byte[16]);
            message.AddRange(new byte[] { (byte)(destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 2 : 10), 0, 0, 0 });
            message.AddRange(BitConverter.GetBytes(ifindex));
            message.AddRange(BitConverter.GetBytes(state));
            message.AddRange(new byte[] { 0, 1 });
            Attribute(message, 1, destination.GetAddressBytes());
            if (linkLayer.Length > 0)
            {
                Attribute(message, 2, linkLayer);
            }

            Attribute(message, 3, BitConverter.GetBytes(0u)); // NDA_CACHEINFO's place, another attribute
            byte[] bytes = message.ToArray();
            BitConverter.GetBytes((uint)bytes.Length).CopyTo(bytes, 0);
            BitConverter.GetBytes((ushort)28).CopyTo(bytes, 4);
            return bytes;
        }

        private static void Attribute(List<byte> message, int type, byte[] value)
        {
            message.AddRange(BitConverter.GetBytes((ushort)(4 + value.Length)));
            message.AddRange(BitConverter.GetBytes((ushort)type));
            message.AddRange(value);
            while (message.Count % 4 != 0)
            {
                message.Add(0);
            }
        }
    }
}
