using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace NetUsageTracker.Networks
{
    /// <summary>
    /// The networks of every interface a source knows about, at one instant. Immutable; a source hands out
    /// the same instance for as long as nothing changes, so "did a network change?" is a reference
    /// comparison, and <see cref="Equals(NetworkSnapshot)"/> compares by value.
    /// </summary>
    public sealed class NetworkSnapshot : IEquatable<NetworkSnapshot>
    {
        private readonly Dictionary<string, InterfaceNetwork> _known;

        // The networks of interfaces nothing is known about, made once per snapshot (an id is an HMAC); a
        // snapshot that lives long beside containers' short-lived veth names keeps only so many.
        private const int MaxOwnNetworks = 256;
        private readonly ConcurrentDictionary<string, InterfaceNetwork> _ownNetworks = new ConcurrentDictionary<string, InterfaceNetwork>(StringComparer.Ordinal);

        public NetworkSnapshot(IEnumerable<InterfaceNetwork> known)
        {
            _known = new Dictionary<string, InterfaceNetwork>(StringComparer.Ordinal);
            foreach (InterfaceNetwork network in known)
            {
                // The first source to name an interface wins (the caller orders them best first).
                if (!_known.ContainsKey(network.InterfaceName))
                {
                    _known.Add(network.InterfaceName, network);
                }
            }
        }

        public static NetworkSnapshot Empty { get; } = new NetworkSnapshot(Array.Empty<InterfaceNetwork>());

        /// <summary>The interfaces whose network a source knows, by interface name.</summary>
        public IReadOnlyCollection<InterfaceNetwork> Known => _known.Values;

        /// <summary>The network <paramref name="interfaceName"/> is on; the interface itself when nothing is known.</summary>
        public InterfaceNetwork For(string interfaceName)
        {
            if (_known.TryGetValue(interfaceName, out InterfaceNetwork? network) || _ownNetworks.TryGetValue(interfaceName, out network))
            {
                return network;
            }

            network = InterfaceNetwork.OfInterface(interfaceName);
            if (_ownNetworks.Count < MaxOwnNetworks)
            {
                _ownNetworks.TryAdd(interfaceName, network);
            }

            return network;
        }

        /// <summary>Whether a source knows the network of <paramref name="interfaceName"/>.</summary>
        public bool Knows(string interfaceName) => _known.ContainsKey(interfaceName);

        public bool Equals(NetworkSnapshot? other) =>
            other != null
            && (ReferenceEquals(this, other)
                || (_known.Count == other._known.Count
                    && _known.All(pair => other._known.TryGetValue(pair.Key, out InterfaceNetwork? theirs) && pair.Value.Equals(theirs))));

        public override bool Equals(object? obj) => Equals(obj as NetworkSnapshot);

        public override int GetHashCode() => _known.Count;

        public override string ToString() => string.Join("; ", _known.Values.Select(n => n.ToString()));
    }
}
