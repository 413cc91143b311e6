using System;
using System.Linq;
using System.Text;
using NetUsageTracker.Networks;
using Xunit;

namespace NetUsageTracker.Tests.Networks
{
    public class NetworkIdsTests
    {
        private static readonly byte[] Mac = { 0x02, 0xfc, 0x00, 0x00, 0x00, 0x05 };

        [Fact]
        public void AGatewayIdIsAStableVersion8UuidThatDoesNotShowTheAddress()
        {
            string id = NetworkIds.FromGateway(Mac);

            Assert.Equal(id, NetworkIds.FromGateway((byte[])Mac.Clone()));
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
            Assert.DoesNotContain("02fc", id.Replace("-", ""));
            Assert.NotEqual(id, NetworkIds.FromGateway(new byte[] { 0x02, 0xfc, 0x00, 0x00, 0x00, 0x06 }));
        }

        [Fact]
        public void KindsAndKeysKeepIdsApart()
        {
            byte[] key = Encoding.ASCII.GetBytes("k");
            Assert.NotEqual(NetworkIds.Derive(key, "gateway", Mac), NetworkIds.Derive(key, "ssid", Mac));
            Assert.NotEqual(NetworkIds.Derive(key, "gateway", Mac), NetworkIds.Derive(Encoding.ASCII.GetBytes("other machine"), "gateway", Mac));
            Assert.Equal(NetworkIds.FromSsid(Encoding.UTF8.GetBytes("Pixel 7")), NetworkIds.FromSsid(Encoding.UTF8.GetBytes("Pixel 7")));
            Assert.Equal(NetworkIds.FromInterface("eth0"), InterfaceNetwork.OfInterface("eth0").NetworkId);
        }

        [Fact]
        public void TheKeyIsTheMachineIdWhereThereIsOne()
        {
            byte[] withId = NetworkIds.MachineKey(path => path == "/etc/machine-id", _ => "3d1219c7c4c5404aaa1f6d2a48adfda4\n");
            byte[] fromDBus = NetworkIds.MachineKey(path => path == "/var/lib/dbus/machine-id", _ => "3d1219c7c4c5404aaa1f6d2a48adfda4");
            byte[] none = NetworkIds.MachineKey(_ => false, _ => throw new InvalidOperationException());

            Assert.Equal(withId, fromDBus);
            Assert.Contains("3d1219c7c4c5404aaa1f6d2a48adfda4", Encoding.ASCII.GetString(withId));
            Assert.False(withId.SequenceEqual(none));
            Assert.Equal(none, NetworkIds.MachineKey(path => true, _ => "  "));
        }

        [Fact]
        public void ASnapshotGivesTheInterfaceItselfWhereNothingIsKnown()
        {
            var wifi = new InterfaceNetwork("wlan0", "Pixel 7", Guid.NewGuid().ToString(), true, NetworkOrigin.NetworkManager);
            var snapshot = new NetworkSnapshot(new[] { wifi, new InterfaceNetwork("wlan0", "later", "x", null, NetworkOrigin.Gateway) });

            Assert.Same(wifi, snapshot.For("wlan0"));
            InterfaceNetwork wired = snapshot.For("eth0");
            Assert.Same(wired, snapshot.For("eth0"));
            Assert.Equal(("eth0", "eth0", NetworkOrigin.Interface), (wired.NetworkName, wired.InterfaceName, wired.Origin));
            Assert.Null(wired.Metered);
            Assert.False(snapshot.Knows("eth0"));
            Assert.Equal(snapshot, new NetworkSnapshot(new[] { new InterfaceNetwork("wlan0", "Pixel 7", wifi.NetworkId, true, NetworkOrigin.NetworkManager) }));
            Assert.NotEqual(snapshot, new NetworkSnapshot(new[] { new InterfaceNetwork("wlan0", "Pixel 7", wifi.NetworkId, false, NetworkOrigin.NetworkManager) }));
        }
    }
}
