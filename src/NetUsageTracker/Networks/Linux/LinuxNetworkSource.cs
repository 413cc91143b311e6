using System;
using System.Collections.Generic;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// Linux: NetworkManager names the interfaces it has an active connection on; every other interface
    /// with a default route is on the network of its gateway (or its Wi-Fi SSID); the rest are their own.
    /// </summary>
    public sealed class LinuxNetworkSource : INetworkSource
    {
        private readonly object _gate = new object();
        private readonly NetworkManagerNetworks _networkManager;
        private readonly GatewayNetworks _gateways;
        private NetworkSnapshot _last = NetworkSnapshot.Empty;
        private bool _disposed;

        public LinuxNetworkSource()
            : this(new NetworkManagerNetworks(), new GatewayNetworks())
        {
        }

        internal LinuxNetworkSource(NetworkManagerNetworks networkManager, GatewayNetworks gateways)
        {
            _networkManager = networkManager;
            _gateways = gateways;
        }

        public string Name => "NetworkManager on the system bus, else the gateway's link-layer address";

        public string? LastFallbackReason { get; private set; }

        internal NetworkManagerNetworks NetworkManager => _networkManager;

        public NetworkSnapshot Read()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(LinuxNetworkSource));
                }

                IReadOnlyList<InterfaceNetwork> managed = _networkManager.Read();
                var networks = new List<InterfaceNetwork>(managed);
                _gateways.AddTo(networks, name => ManagedBy(managed, name));
                LastFallbackReason = _networkManager.Problem ?? _gateways.Problem;
                if (!SameAs(_last, networks))
                {
                    _last = new NetworkSnapshot(networks);
                }

                return _last;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _disposed = true;
                    _networkManager.Dispose();
                    _gateways.Dispose();
                }
            }
        }

        private static bool ManagedBy(IReadOnlyList<InterfaceNetwork> managed, string name)
        {
            foreach (InterfaceNetwork network in managed)
            {
                if (network.InterfaceName == name)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SameAs(NetworkSnapshot last, List<InterfaceNetwork> networks)
        {
            if (last.Known.Count != networks.Count)
            {
                return false;
            }

            foreach (InterfaceNetwork network in networks)
            {
                if (!last.Knows(network.InterfaceName) || !last.For(network.InterfaceName).Equals(network))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
