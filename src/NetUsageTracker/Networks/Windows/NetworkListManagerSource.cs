using System;
using System.Collections.Generic;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using static NetUsageTracker.Networks.Windows.NetworkListManagerNative;

namespace NetUsageTracker.Networks.Windows
{
    /// <summary>One connection of the Network List Manager, as read: the adapter it runs over and its network.</summary>
    internal sealed class NetworkListConnection
    {
        public NetworkListConnection(Guid adapterId, Guid networkId, string networkName, uint? cost)
        {
            AdapterId = adapterId;
            NetworkId = networkId;
            NetworkName = networkName;
            Cost = cost;
        }

        public Guid AdapterId { get; }

        public Guid NetworkId { get; }

        public string NetworkName { get; }

        /// <summary>NLM_CONNECTION_COST flags; null where the connection has no cost interface.</summary>
        public uint? Cost { get; }
    }

    /// <summary>
    /// Windows: the Network List Manager names each connected adapter's network (the name Windows shows,
    /// e.g. the SSID or "Network 2"), gives its id (a GUID Windows keeps per network profile) and its cost,
    /// from which metered follows as Windows' own guidance says. A new manager object is made for each read
    /// and released after it: the object belongs to the apartment of the thread that made it.
    /// </summary>
    public sealed class NetworkListManagerSource : INetworkSource
    {
        private readonly object _gate = new object();
        private NetworkSnapshot _last = NetworkSnapshot.Empty;

        private NetworkListManagerSource()
        {
        }

        public string Name => "the Network List Manager";

        public string? LastFallbackReason { get; private set; }

        /// <summary>The source where the Network List Manager can be created; null elsewhere, with why.</summary>
        public static NetworkListManagerSource? TryCreate(out string? why)
        {
            why = null;
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return null;
            }

            var source = new NetworkListManagerSource();
            try
            {
                Release(Create());
                return source;
            }
            catch (Exception e) when (IsComFailure(e) || e is TypeLoadException || e is NotSupportedException)
            {
                why = $"the Network List Manager cannot be created ({e.Message})";
                return null;
            }
        }

        public NetworkSnapshot Read()
        {
            lock (_gate)
            {
                try
                {
                    List<InterfaceNetwork> networks = Map(ReadConnections(), AdapterNames());
                    LastFallbackReason = null;
                    var snapshot = new NetworkSnapshot(networks);
                    _last = snapshot.Equals(_last) ? _last : snapshot;
                }
                catch (Exception e) when (IsComFailure(e))
                {
                    LastFallbackReason = $"the Network List Manager could not be asked ({e.Message})";
                    _last = NetworkSnapshot.Empty;
                }

                return _last;
            }
        }

        public void Dispose()
        {
        }

        /// <summary>
        /// The network of each adapter a connection runs over, named as the interfaces are (by
        /// <paramref name="adapterNames"/>: adapter GUID to interface name); connections of adapters not
        /// listed are left out.
        /// </summary>
        internal static List<InterfaceNetwork> Map(IEnumerable<NetworkListConnection> connections, IReadOnlyDictionary<Guid, string> adapterNames)
        {
            var networks = new List<InterfaceNetwork>();
            foreach (NetworkListConnection connection in connections)
            {
                if (adapterNames.TryGetValue(connection.AdapterId, out string? interfaceName)
                    && !networks.Exists(n => n.InterfaceName == interfaceName))
                {
                    networks.Add(new InterfaceNetwork(
                        interfaceName,
                        connection.NetworkName.Length > 0 ? connection.NetworkName : interfaceName,
                        connection.NetworkId.ToString("D"),
                        connection.Cost.HasValue ? IsMetered(connection.Cost.Value) : null,
                        NetworkOrigin.NetworkListManager));
                }
            }

            return networks;
        }

        /// <summary>
        /// Metered as Windows' guidance for metered networks reads the cost: a fixed or variable cost, roaming
        /// or over the data limit is metered; unrestricted is not; no flag at all (unknown) says nothing.
        /// </summary>
        internal static bool? IsMetered(uint cost)
        {
            var flags = (ConnectionCost)cost;
            if ((flags & (ConnectionCost.Fixed | ConnectionCost.Variable | ConnectionCost.Roaming | ConnectionCost.OverDataLimit)) != 0)
            {
                return true;
            }

            return (flags & ConnectionCost.Unrestricted) != 0 ? false : null;
        }

        /// <summary>Adapter GUID to interface name, as NetworkInterface lists them (Id is the adapter's GUID on Windows).</summary>
        internal static Dictionary<Guid, string> AdapterNames(IEnumerable<KeyValuePair<string, string>> idsAndNames)
        {
            var names = new Dictionary<Guid, string>();
            foreach (KeyValuePair<string, string> adapter in idsAndNames)
            {
                if (Guid.TryParse(adapter.Key, out Guid id) && !names.ContainsKey(id))
                {
                    names.Add(id, adapter.Value);
                }
            }

            return names;
        }

        private static Dictionary<Guid, string> AdapterNames()
        {
            var adapters = new List<KeyValuePair<string, string>>();
            foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                adapters.Add(new KeyValuePair<string, string>(nic.Id, nic.Name));
            }

            return AdapterNames(adapters);
        }

        private static INetworkListManager Create()
        {
            Type type = Type.GetTypeFromCLSID(NetworkListManagerClass, true)!;
            return (INetworkListManager)Activator.CreateInstance(type)!;
        }

        private static List<NetworkListConnection> ReadConnections()
        {
            var connections = new List<NetworkListConnection>();
            INetworkListManager manager = Create();
            try
            {
                IEnumNetworkConnections all = manager.GetNetworkConnections();
                try
                {
                    while (all.Next(1, out INetworkConnection? connection, out uint fetched) == 0 && fetched == 1 && connection != null)
                    {
                        try
                        {
                            connections.Add(Describe(connection));
                        }
                        finally
                        {
                            Release(connection);
                        }
                    }
                }
                finally
                {
                    Release(all);
                }
            }
            finally
            {
                Release(manager);
            }

            return connections;
        }

        private static NetworkListConnection Describe(INetworkConnection connection)
        {
            INetwork network = connection.GetNetwork();
            try
            {
                return new NetworkListConnection(connection.GetAdapterId(), network.GetNetworkId(), NameOf(network), CostOf(connection));
            }
            finally
            {
                Release(network);
            }
        }

        /// <summary>The network's name; empty where the implementation has none (Wine's GetName is E_NOTIMPL).</summary>
        private static string NameOf(INetwork network)
        {
            try
            {
                return network.GetName() ?? "";
            }
            catch (Exception e) when (IsComFailure(e))
            {
                return "";
            }
        }

        private static uint? CostOf(INetworkConnection connection)
        {
            try
            {
                // QueryInterface: not every implementation has it.
                return connection is INetworkConnectionCost cost ? cost.GetCost() : (uint?)null;
            }
            catch (Exception e) when (IsComFailure(e))
            {
                return null;
            }
        }

        /// <summary>A failed HRESULT, as the runtime throws it: E_NOTIMPL becomes NotImplementedException, E_NOINTERFACE
        /// InvalidCastException, E_INVALIDARG ArgumentException, E_ACCESSDENIED UnauthorizedAccessException, most others COMException.</summary>
        private static bool IsComFailure(Exception e) =>
            e is COMException || e is NotImplementedException || e is InvalidCastException || e is ArgumentException || e is UnauthorizedAccessException;

        private static void Release(object? comObject)
        {
            if (comObject != null && Marshal.IsComObject(comObject))
            {
                Marshal.ReleaseComObject(comObject);
            }
        }
    }
}
