using System;
using System.Collections.Generic;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using NetUsageTracker.Connection;
using NetUsageTracker.Dashboard;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class ConnectionSummaryTests
    {
        private static NetConnectionInfo Interface(string name, OperationalStatus status, bool defaultRoute, string ipv4 = "192.0.2.10/24") =>
            new NetConnectionInfo
            {
                InterfaceName = name,
                Status = status,
                IsDefaultRoute = defaultRoute,
                IPv4Address = new[] { ipv4 },
                IPv6Address = new[] { "2001:db8::10/64" },
                Gateway = new[] { "192.0.2.1" },
                DnsServer = new[] { "192.0.2.53" },
            };

        [Fact]
        public void TheDefaultRoutesInterfaceThatIsUpIsTheConnection()
        {
            ConnectionSummary summary = ConnectionSummary.From(new[]
            {
                Interface("eth0", OperationalStatus.Up, defaultRoute: true),
                Interface("wlan0", OperationalStatus.Up, defaultRoute: false, ipv4: "198.51.100.7/24"),
            }, null);

            Assert.True(summary.Connected);
            Assert.Equal("eth0", summary.InterfaceName);
            Assert.Equal(new[] { "192.0.2.10/24" }, summary.IPv4Address);
            Assert.Equal(new[] { "2001:db8::10/64" }, summary.IPv6Address);
            Assert.Equal(new[] { "192.0.2.1" }, summary.Gateway);
            Assert.Equal(new[] { "192.0.2.53" }, summary.DnsServer);
        }

        [Fact]
        public void WithoutADefaultRouteThatIsUpTheMachineIsNotConnected()
        {
            ConnectionSummary down = ConnectionSummary.From(new[] { Interface("eth0", OperationalStatus.Down, defaultRoute: true) }, null);
            ConnectionSummary none = ConnectionSummary.From(new[] { Interface("eth0", OperationalStatus.Up, defaultRoute: false) }, null);
            Assert.False(down.Connected);
            Assert.Null(down.InterfaceName);
            Assert.Empty(down.IPv4Address);
            Assert.False(none.Connected);
        }

        [Fact]
        public void SummariesCompareByWhatTheViewShows()
        {
            NetConnectionInfo[] one = { Interface("eth0", OperationalStatus.Up, defaultRoute: true) };
            NetConnectionInfo[] other = { Interface("eth0", OperationalStatus.Up, defaultRoute: true, ipv4: "192.0.2.99/24") };
            Assert.True(ConnectionSummary.From(one, null).SameAs(ConnectionSummary.From(one, null)));
            Assert.False(ConnectionSummary.From(one, null).SameAs(ConnectionSummary.From(other, null)));
            Assert.False(ConnectionSummary.From(one, null).SameAs(ConnectionSummary.From(one, new ProbeResult(true, 1, "x:1"))));
        }

        [Fact]
        public void TheMonitorReadsAgainOnlyWhenItIsTime()
        {
            int reads = 0;
            var current = new List<NetConnectionInfo> { Interface("eth0", OperationalStatus.Up, defaultRoute: true) };
            using var monitor = new ConnectionMonitor(() => { reads++; return current; }, TimeSpan.FromSeconds(5), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

            Assert.True(monitor.Refresh(TimeSpan.Zero));
            Assert.True(monitor.Current.Connected);
            int first = reads;
            Assert.False(monitor.Refresh(TimeSpan.FromSeconds(1)));

            // The cable is pulled: the next periodic read sees it.
            current[0] = Interface("eth0", OperationalStatus.Down, defaultRoute: true);
            Assert.True(monitor.Refresh(TimeSpan.FromSeconds(6)));
            Assert.False(monitor.Current.Connected);
            Assert.True(reads > first);
            Assert.False(monitor.Probing);
        }

        [Fact]
        public void TheProbeAnswersInTheBackground()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                string endpoint = "127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port;
                var interfaces = new List<NetConnectionInfo> { Interface("eth0", OperationalStatus.Up, defaultRoute: true) };
                using var monitor = new ConnectionMonitor(() => interfaces, TimeSpan.FromSeconds(5), new[] { endpoint }, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
                monitor.Refresh(TimeSpan.Zero);
                Assert.True(monitor.Probing);

                DateTime deadline = DateTime.UtcNow.AddSeconds(20);
                while (monitor.Current.Probe == null && DateTime.UtcNow < deadline)
                {
                    System.Threading.Thread.Sleep(10);
                    monitor.Refresh(TimeSpan.FromSeconds(1));
                }

                Assert.NotNull(monitor.Current.Probe);
                Assert.True(monitor.Current.Probe!.Reachable);
                Assert.Equal(endpoint, monitor.Current.Probe.ReachedEndpoint);
                Assert.False(monitor.Probing);
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
