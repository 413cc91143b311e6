using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Networks;

namespace NetUsageTracker.History
{
    /// <summary>A network the history has seen: its id, the name it had when last seen, and when.</summary>
    public sealed class RecordedNetwork
    {
        public RecordedNetwork(string networkId, string networkName, NetworkOrigin origin, bool? metered, DateTime firstSeenUtc, DateTime lastSeenUtc)
        {
            NetworkId = networkId;
            NetworkName = networkName;
            Origin = origin;
            Metered = metered;
            FirstSeenUtc = firstSeenUtc;
            LastSeenUtc = lastSeenUtc;
        }

        public string NetworkId { get; }

        public string NetworkName { get; }

        public NetworkOrigin Origin { get; }

        public bool? Metered { get; }

        public DateTime FirstSeenUtc { get; }

        public DateTime LastSeenUtc { get; }

        /// <summary>Every network the history has seen, the most recently seen first.</summary>
        internal static List<RecordedNetwork> Load(HistoryDatabase database) => database.Run(() =>
        {
            var networks = new List<RecordedNetwork>();
            using SqliteStatement row = database.Command("SELECT id, name, origin, metered, first_seen, last_seen FROM network ORDER BY last_seen DESC, name;");
            while (row.Step())
            {
                networks.Add(new RecordedNetwork(row.GetString(0), row.GetString(1), (NetworkOrigin)row.GetInt32(2),
                    row.IsNull(3) ? (bool?)null : row.GetInt64(3) != 0,
                    HistoryRecorder.FromUnixMilliseconds(row.GetInt64(4)), HistoryRecorder.FromUnixMilliseconds(row.GetInt64(5))));
            }

            return networks;
        });

        public override string ToString() => $"{NetworkName} ({NetworkId})";
    }

    /// <summary>
    /// A set of networks by <see cref="InterfaceNetwork.NetworkId"/>, which the history's readers count the
    /// traffic of (<see cref="HistoryReader.SumDays"/>, <see cref="HistoryReader.Read"/>,
    /// <see cref="HistoryReader.Pending"/>, <see cref="QuotaCalculator.Compute"/>): traffic counts where the
    /// network that carried it is in the set. Ids compare without regard to case (GUID strings).
    /// </summary>
    public sealed class NetworkSelection
    {
        private readonly HashSet<string> _ids;
        private readonly Dictionary<string, string> _names;

        public NetworkSelection(IEnumerable<string> networkIds)
        {
            _ids = new HashSet<string>(networkIds, StringComparer.OrdinalIgnoreCase);
            _names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The networks of <paramref name="networks"/>, named as the history last saw them.</summary>
        public NetworkSelection(IEnumerable<RecordedNetwork> networks)
            : this(Array.Empty<string>())
        {
            foreach (RecordedNetwork network in networks)
            {
                _ids.Add(network.NetworkId);
                _names[network.NetworkId] = network.NetworkName;
            }
        }

        public IReadOnlyCollection<string> NetworkIds => _ids;

        public bool Contains(string networkId) => _ids.Contains(networkId);

        /// <summary>The names of the selected networks, comma separated, each once (their ids where the name is not known).</summary>
        public string Names => string.Join(",", _ids.Select(id => _names.TryGetValue(id, out string? name) ? name : id)
            .Distinct(StringComparer.CurrentCulture).OrderBy(n => n, StringComparer.CurrentCulture));

        internal string? NameOf(string networkId) => _names.TryGetValue(networkId, out string? name) ? name : null;
    }
}
