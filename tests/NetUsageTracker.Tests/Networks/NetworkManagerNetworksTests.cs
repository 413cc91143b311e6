using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NetUsageTracker.Networks;
using NetUsageTracker.Networks.Linux;
using Xunit;

namespace NetUsageTracker.Tests.Networks
{
    /// <summary>The NetworkManager source against a real D-Bus daemon and python3-dbusmock's NetworkManager.</summary>
    public class NetworkManagerNetworksTests
    {
        [LinuxFact]
        public void AnActiveWifiConnectionNamesItsInterfaceBySsidWithTheProfileUuidAndMetered()
        {
            using var nm = new MockNetworkManager();
            (string device, string active) = nm.AddActiveWifi("wifi0", "wlnut0", "Pixel 7 \u2708", metered: 1);
            string uuid = (string)nm.Property(active, "org.freedesktop.NetworkManager.Connection.Active", "Uuid");
            using var source = new NetworkManagerNetworks(nm.Variables);

            InterfaceNetwork network = Assert.Single(source.Read());

            Assert.Null(source.Problem);
            Assert.Equal("wlnut0", network.InterfaceName);
            Assert.Equal("Pixel 7 \u2708", network.NetworkName);
            Assert.Equal(uuid, network.NetworkId);
            Assert.True(Guid.TryParse(network.NetworkId, out _));
            Assert.True(network.Metered);
            Assert.Equal(NetworkOrigin.NetworkManager, network.Origin);
        }

        [LinuxFact]
        public void AsksAgainOnlyAfterNetworkManagerSignalsAChange()
        {
            using var nm = new MockNetworkManager();
            (string device, _) = nm.AddActiveWifi("wifi0", "wlnut0", "Home", metered: 4);
            using var source = new NetworkManagerNetworks(nm.Variables);
            IReadOnlyList<InterfaceNetwork> first = source.Read();
            Assert.False(Assert.Single(first).Metered);

            for (int i = 0; i < 20; i++)
            {
                Assert.Same(first, source.Read());
            }

            Assert.Equal(1, source.Refreshes);

            nm.SetMetered(device, 3);
            Assert.True(Eventually(() => Assert.Single(source.Read()).Metered == true), "the change of Metered came through");
            Assert.Equal(2, source.Refreshes);
        }

        [LinuxFact]
        public void MeteredFollowsNetworkManagersEnum()
        {
            Assert.Null(NetworkManagerNetworks.Metered(0));
            Assert.True(NetworkManagerNetworks.Metered(1));
            Assert.False(NetworkManagerNetworks.Metered(2));
            Assert.True(NetworkManagerNetworks.Metered(3));
            Assert.False(NetworkManagerNetworks.Metered(4));
            Assert.Null(NetworkManagerNetworks.Metered(5));
        }

        [LinuxFact]
        public void NetworkManagerStoppingLeavesNoNetworksAndSaysWhy()
        {
            using var nm = new MockNetworkManager();
            nm.AddActiveWifi("wifi0", "wlnut0", "Home", metered: 0);
            using var source = new NetworkManagerNetworks(nm.Variables);
            Assert.Null(Assert.Single(source.Read()).Metered);

            nm.Stop();

            Assert.True(Eventually(() => source.Read().Count == 0), "the networks went with NetworkManager");
            Assert.Contains("NetworkManager is not running", source.Problem);
        }

        [LinuxFact]
        public void WhenTheBusBreaksOffTheLastAnswerStands()
        {
            // A slow or restarting bus must not look like a change of network to a recorder.
            using var nm = new MockNetworkManager();
            nm.AddActiveWifi("wifi0", "wlnut0", "Home", metered: 1);
            using var source = new NetworkManagerNetworks(nm.Variables);
            InterfaceNetwork before = Assert.Single(source.Read());

            nm.Bus.Dispose();

            Assert.True(Eventually(() => source.Read().Count >= 0 && source.Problem != null), "the broken connection was noticed");
            Assert.Contains("its last answer stands", source.Problem);
            Assert.Same(before, Assert.Single(source.Read()));
        }

        [LinuxFact]
        public void ASystemBusThatCannotBeReachedGivesNoNetworksAndSaysWhy()
        {
            using var source = new NetworkManagerNetworks(name => name == "DBUS_SYSTEM_BUS_ADDRESS" ? "unix:path=/nonexistent/nut/system_bus_socket" : null);

            Assert.Empty(source.Read());
            Assert.Contains("/nonexistent/nut/system_bus_socket cannot be reached", source.Problem);
        }

        [LinuxFact]
        public void ABusWithoutNetworkManagerGivesNoNetworks()
        {
            using var bus = new PrivateBus(dir => $"unix:path={dir}/socket");
            using var source = new NetworkManagerNetworks(name => name == "DBUS_SYSTEM_BUS_ADDRESS" ? bus.Address : null);

            Assert.Empty(source.Read());
            Assert.Equal("NetworkManager is not running on the system bus", source.Problem);
        }

        private static bool Eventually(Func<bool> condition)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (condition())
                {
                    return true;
                }

                Thread.Sleep(20);
            }

            return condition();
        }
    }
}
