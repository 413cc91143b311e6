using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Sockets;
using NetUsageTracker.DBus;

namespace NetUsageTracker.Networks.Linux
{
    /// <summary>
    /// NetworkManager over the system D-Bus: each active connection's profile name and UUID, the SSID of
    /// its access point for Wi-Fi, and its device's Metered property. The answer is kept and asked again
    /// only after NetworkManager signals a change that matters (match rules on its PropertiesChanged and on
    /// its name's owner), so a read costs one look at the socket while nothing changes. Callers serialise.
    /// </summary>
    internal sealed class NetworkManagerNetworks : IDisposable
    {
        public const string Service = "org.freedesktop.NetworkManager";
        private const string ManagerPath = "/org/freedesktop/NetworkManager";
        private const string ActiveInterface = "org.freedesktop.NetworkManager.Connection.Active";
        private const string DeviceInterface = "org.freedesktop.NetworkManager.Device";
        private const string AccessPointInterface = "org.freedesktop.NetworkManager.AccessPoint";
        private const string WirelessType = "802-11-wireless";
        private const uint DeactivatedState = 4;

        /// <summary>How long one conversation with the bus may take; a slow bus must not stall a recording.</summary>
        private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

        /// <summary>How long to wait before trying a bus that could not be reached, or broke off, again.</summary>
        private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

        /// <summary>The properties whose change can change a network; others (signal strength, counters) are ignored.</summary>
        private static readonly HashSet<string> Relevant = new HashSet<string>(StringComparer.Ordinal)
        {
            "ActiveConnections", "ActiveConnection", "Devices", "Interface", "IpInterface", "Metered",
            "Id", "Uuid", "State", "SpecificObject", "ActiveAccessPoint", "Ssid", "Vpn", "Type",
        };

        private readonly Func<string, string?> _getVariable;
        private readonly Stopwatch _sinceFailure = new Stopwatch();
        private DBusConnection? _bus;
        private bool _dirty = true;
        private bool _running;
        private List<InterfaceNetwork> _networks = new List<InterfaceNetwork>();

        public NetworkManagerNetworks(Func<string, string?>? getVariable = null)
        {
            _getVariable = getVariable ?? Environment.GetEnvironmentVariable;
        }

        /// <summary>Why NetworkManager said nothing on the last read; null when it answered.</summary>
        public string? Problem { get; private set; }

        /// <summary>How many times the networks were asked of NetworkManager (tests, diagnostics).</summary>
        public int Refreshes { get; private set; }

        /// <summary>The networks NetworkManager knows now; empty when it does not run or cannot be reached.</summary>
        public IReadOnlyList<InterfaceNetwork> Read()
        {
            if (_bus == null && !Connect())
            {
                return _networks;
            }

            try
            {
                _bus!.ReceivePending(CallTimeout);
                if (_dirty)
                {
                    // Cleared first: a signal that arrives while asking marks the answer stale again.
                    _dirty = false;
                    _bus.StartDeadline(CallTimeout);
                    _running = _bus.NameHasOwner(Service);
                    _networks = _running ? Ask(_bus) : new List<InterfaceNetwork>();
                    Refreshes++;
                }

                Problem = _running ? null : "NetworkManager is not running on the system bus";
            }
            catch (Exception e) when (e is SocketException || e is DBusProtocolException || e is DBusErrorException || e is TimeoutException || e is InvalidCastException)
            {
                // The last answer stands until the bus answers again: a slow moment must not look like a
                // change of network. NetworkManager stopping is told by its name losing its owner instead.
                Fail($"NetworkManager could not be asked ({e.Message}); its last answer stands");
                _dirty = true;
            }

            return _networks;
        }

        public void Dispose() => _bus?.Dispose();

        /// <summary>NM_METERED: 0 unknown, 1 yes, 2 no, 3 guess-yes, 4 guess-no.</summary>
        internal static bool? Metered(uint value) => value switch
        {
            1 or 3 => true,
            2 or 4 => false,
            _ => null,
        };

        private bool Connect()
        {
            if (_sinceFailure.IsRunning && _sinceFailure.Elapsed < RetryInterval)
            {
                return false;
            }

            List<UnixSocketEndPoint> endpoints = DBusAddress.SystemBus(_getVariable);
            try
            {
                _bus = DBusConnection.Open(endpoints, CallTimeout);
                _bus.SignalReceived = OnSignal;
                _bus.AddMatch($"type='signal',sender='{Service}',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'");
                _bus.AddMatch($"type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='{Service}'");
                _sinceFailure.Reset();
                _dirty = true;
                return true;
            }
            catch (Exception e) when (e is SocketException || e is DBusProtocolException || e is DBusErrorException || e is TimeoutException)
            {
                Fail($"the system bus at {string.Join(", ", endpoints)} cannot be reached ({e.Message})");
                _networks = new List<InterfaceNetwork>();
                return false;
            }
        }

        private void Fail(string problem)
        {
            _bus?.Dispose();
            _bus = null;
            _sinceFailure.Restart();
            Problem = problem;
        }

        private void OnSignal(DBusMessage signal)
        {
            if (signal.Member == "NameOwnerChanged")
            {
                _dirty = true;
                return;
            }

            if (signal.Member != "PropertiesChanged" || signal.Signature != "sa{sv}as")
            {
                return;
            }

            object[] args;
            try
            {
                args = signal.Body().ReadValues(signal.Signature);
            }
            catch (DBusProtocolException)
            {
                _dirty = true; // unreadable: ask rather than miss a change
                return;
            }

            foreach (string changed in ((Dictionary<string, object>)args[1]).Keys)
            {
                if (Relevant.Contains(changed))
                {
                    _dirty = true;
                    return;
                }
            }

            foreach (object invalidated in (object[])args[2])
            {
                if (Relevant.Contains((string)invalidated))
                {
                    _dirty = true;
                    return;
                }
            }
        }

        private static List<InterfaceNetwork> Ask(DBusConnection bus)
        {
            var networks = new List<InterfaceNetwork>();
            var active = (object[])bus.GetProperty(Service, ManagerPath, Service, "ActiveConnections");
            foreach (string path in active)
            {
                Dictionary<string, object> connection;
                try
                {
                    connection = bus.GetAllProperties(Service, path, ActiveInterface);
                }
                catch (DBusErrorException)
                {
                    continue; // deactivated and gone since the list was read
                }

                // A VPN of a plugin lists the device it runs over: that device's network is not the VPN.
                if (Value(connection, "Vpn", false) || Value(connection, "State", 0u) == DeactivatedState)
                {
                    continue;
                }

                string id = Value(connection, "Id", "");
                string uuid = Value(connection, "Uuid", "");
                if (uuid.Length == 0)
                {
                    continue;
                }

                string name = id;
                if (Value(connection, "Type", "") == WirelessType)
                {
                    string ssid = Ssid(bus, Value(connection, "SpecificObject", "/"));
                    name = ssid.Length > 0 ? ssid : id;
                }

                foreach (string device in Value(connection, "Devices", Array.Empty<object>()))
                {
                    AddDevice(bus, device, name, uuid, networks);
                }
            }

            return networks;
        }

        private static void AddDevice(DBusConnection bus, string device, string name, string uuid, List<InterfaceNetwork> networks)
        {
            Dictionary<string, object> properties;
            try
            {
                properties = bus.GetAllProperties(Service, device, DeviceInterface);
            }
            catch (DBusErrorException)
            {
                return;
            }

            bool? metered = Metered(Value(properties, "Metered", 0u));
            // The IP interface is the one that carries the traffic (ppp0 over a modem's ttyUSB0).
            foreach (string interfaceName in new[] { Value(properties, "IpInterface", ""), Value(properties, "Interface", "") })
            {
                if (interfaceName.Length > 0 && !networks.Exists(n => n.InterfaceName == interfaceName))
                {
                    networks.Add(new InterfaceNetwork(interfaceName, name.Length > 0 ? name : interfaceName, uuid, metered, NetworkOrigin.NetworkManager));
                }
            }
        }

        private static string Ssid(DBusConnection bus, string accessPoint)
        {
            if (accessPoint == "/" || accessPoint.Length == 0)
            {
                return "";
            }

            try
            {
                return bus.GetProperty(Service, accessPoint, AccessPointInterface, "Ssid") is byte[] ssid ? GatewayNetworks.SsidText(ssid) : "";
            }
            catch (DBusErrorException)
            {
                return ""; // the access point vanished from the scan list
            }
        }

        private static T Value<T>(Dictionary<string, object> properties, string name, T missing) =>
            properties.TryGetValue(name, out object? value) && value is T typed ? typed : missing;
    }
}
