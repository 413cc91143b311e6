using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.NetworkInformation;
using NetUsageTracker.Connection;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// The view's connection line: whether the machine is connected (an interface that is up carries the
    /// default route), that interface's addresses, gateway and DNS servers, and the reachability probe's answer.
    /// </summary>
    public sealed class ConnectionSummary
    {
        private static readonly string[] None = new string[0];

        public static readonly ConnectionSummary Unknown = new ConnectionSummary(false, null, None, None, None, None, null);

        public ConnectionSummary(bool connected, string? interfaceName, string[] ipv4, string[] ipv6, string[] gateway, string[] dns, ProbeResult? probe)
        {
            Connected = connected;
            InterfaceName = interfaceName;
            IPv4Address = ipv4;
            IPv6Address = ipv6;
            Gateway = gateway;
            DnsServer = dns;
            Probe = probe;
        }

        public bool Connected { get; }

        /// <summary>The interface of the default route; null when there is none.</summary>
        public string? InterfaceName { get; }

        public string[] IPv4Address { get; }

        public string[] IPv6Address { get; }

        public string[] Gateway { get; }

        public string[] DnsServer { get; }

        /// <summary>The last reachability probe (-TestInternet); null when none has answered yet or none was asked for.</summary>
        public ProbeResult? Probe { get; }

        /// <summary>Sums up the interfaces <see cref="ConnectionInfoProvider.GetAll"/> lists, default route first.</summary>
        public static ConnectionSummary From(IReadOnlyList<NetConnectionInfo> interfaces, ProbeResult? probe)
        {
            NetConnectionInfo? route = interfaces.FirstOrDefault(i => i.IsDefaultRoute && i.Status == OperationalStatus.Up);
            return route == null
                ? new ConnectionSummary(false, null, None, None, None, None, probe)
                : new ConnectionSummary(true, route.InterfaceName, route.IPv4Address, route.IPv6Address, route.Gateway, route.DnsServer, probe);
        }

        public ConnectionSummary WithProbe(ProbeResult? probe) =>
            new ConnectionSummary(Connected, InterfaceName, IPv4Address, IPv6Address, Gateway, DnsServer, probe);

        /// <summary>True when the view would show the same thing for both.</summary>
        public bool SameAs(ConnectionSummary other) =>
            Connected == other.Connected
            && InterfaceName == other.InterfaceName
            && IPv4Address.SequenceEqual(other.IPv4Address)
            && IPv6Address.SequenceEqual(other.IPv6Address)
            && Gateway.SequenceEqual(other.Gateway)
            && DnsServer.SequenceEqual(other.DnsServer)
            && SameProbe(Probe, other.Probe);

        private static bool SameProbe(ProbeResult? a, ProbeResult? b) =>
            a == null || b == null
                ? a == b
                : a.Reachable == b.Reachable && a.ReachedEndpoint == b.ReachedEndpoint && Nullable.Equals(a.LatencyMs, b.LatencyMs);
    }
}
