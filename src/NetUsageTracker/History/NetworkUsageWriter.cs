using System;
using System.Collections.Generic;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Networks;

namespace NetUsageTracker.History
{
    /// <summary>
    /// The per-network half of a recording: each interface's step goes into network_usage under the network
    /// that carried it (<see cref="NetworkAttribution"/>), the networks seen are kept with their last name, and
    /// the baseline remembers the network it was taken on. Runs inside the recorder's transaction; does nothing
    /// for readings that know no networks.
    /// </summary>
    internal sealed class NetworkUsageWriter : IDisposable
    {
        private readonly HistoryDatabase _database;
        private readonly TimeZoneInfo _zone;
        private readonly NetworkSnapshot? _networks;
        private readonly DateTime _utc;
        private readonly Dictionary<string, NetworkBaseline> _baselines;
        private readonly HashSet<string> _remembered = new HashSet<string>(StringComparer.Ordinal);
        private SqliteStatement? _add, _remember, _baseline;

        public NetworkUsageWriter(HistoryDatabase database, TimeZoneInfo zone, NetworkSnapshot? networks, DateTime utc, StringComparer names)
        {
            _database = database;
            _zone = zone;
            _networks = networks;
            _utc = utc;
            _baselines = networks == null ? new Dictionary<string, NetworkBaseline>() : NetworkBaseline.Load(database, names);
        }

        /// <summary>
        /// Stores one interface's step under its network and makes the current network the baseline's; returns
        /// the network the step was counted to (null when the readings know no networks).
        /// </summary>
        /// <param name="storedName">The interface as the history names it.</param>
        /// <param name="readName">The interface as the counter source named it (the network source's spelling).</param>
        public CountedNetwork? Add(string storedName, string readName, UsageStep step, IList<string>? notices)
        {
            if (_networks == null)
            {
                return null;
            }

            InterfaceNetwork current = _networks.For(readName);
            Remember(current);
            _baselines.TryGetValue(storedName, out NetworkBaseline? baseline);
            CountedNetwork counted = NetworkAttribution.CountedTo(baseline, step.Kind, current);
            string? notice = NetworkAttribution.Notice(storedName, baseline, step, current, counted);
            if (notice != null)
            {
                notices?.Add(notice);
            }

            if (step.BytesReceived != 0 || step.BytesSent != 0)
            {
                _add ??= _database.Command(
                    @"INSERT INTO network_usage (resolution, period, network, interface, rx, tx) VALUES ($resolution, $period, $network, $name, $rx, $tx)
                      ON CONFLICT (resolution, period, network, interface) DO UPDATE SET rx = rx + excluded.rx, tx = tx + excluded.tx;");
                _add.Bind("$network", counted.Id).Bind("$name", storedName).Bind("$rx", step.BytesReceived).Bind("$tx", step.BytesSent);
                foreach (HistoryResolution resolution in HistoryRecorder.Resolutions)
                {
                    _add.Bind("$resolution", (int)resolution).Bind("$period", HistoryPeriods.Key(resolution, _utc, _zone)).Execute();
                }
            }

            if (baseline == null || baseline.Id != current.NetworkId)
            {
                _baseline ??= _database.Command("UPDATE interface_state SET network = $network WHERE interface = $name;");
                _baseline.Bind("$network", current.NetworkId).Bind("$name", storedName).Execute();
            }

            return counted;
        }

        /// <summary>Removes what the retention no longer keeps, as the per-interface roll-ups are pruned.</summary>
        public void Prune(HistoryRetention retention)
        {
            if (_networks == null)
            {
                return;
            }

            using SqliteStatement prune = _database.Command("DELETE FROM network_usage WHERE resolution = $resolution AND period < $oldest;");
            foreach (HistoryResolution r in HistoryRecorder.Resolutions)
            {
                long? key = retention.OldestKept(r, _utc, _zone);
                if (key.HasValue)
                {
                    prune.Bind("$resolution", (int)r).Bind("$oldest", key.Value).Execute();
                }
            }
        }

        public void Dispose()
        {
            _add?.Dispose();
            _remember?.Dispose();
            _baseline?.Dispose();
        }

        private void Remember(InterfaceNetwork network)
        {
            if (!_remembered.Add(network.NetworkId))
            {
                return;
            }

            long now = HistoryRecorder.ToUnixMilliseconds(_utc);
            _remember ??= _database.Command(
                @"INSERT INTO network (id, name, origin, metered, first_seen, last_seen) VALUES ($id, $name, $origin, $metered, $now, $now)
                  ON CONFLICT (id) DO UPDATE SET name = excluded.name, origin = excluded.origin, metered = excluded.metered,
                      last_seen = MAX(last_seen, excluded.last_seen);");
            _remember.Bind("$id", network.NetworkId)
                .Bind("$name", network.NetworkName)
                .Bind("$origin", (int)network.Origin)
                .Bind("$metered", network.Metered.HasValue ? (network.Metered.Value ? 1 : 0) : (object?)null)
                .Bind("$now", now)
                .Execute();
        }
    }

    /// <summary>The network a baseline was taken on, as the history stored it.</summary>
    internal sealed class NetworkBaseline
    {
        public NetworkBaseline(string id, string name)
        {
            Id = id;
            Name = name;
        }

        public string Id { get; }

        public string Name { get; }

        /// <summary>The baseline network of every interface that has one, by the history's interface name.</summary>
        public static Dictionary<string, NetworkBaseline> Load(HistoryDatabase database, StringComparer names)
        {
            var baselines = new Dictionary<string, NetworkBaseline>(names);
            using SqliteStatement row = database.Command(
                @"SELECT s.interface, s.network, COALESCE(n.name, s.network) FROM interface_state s
                  LEFT JOIN network n ON n.id = s.network WHERE s.network IS NOT NULL;");
            while (row.Step())
            {
                string name = row.GetString(0);
                if (!baselines.ContainsKey(name))
                {
                    baselines.Add(name, new NetworkBaseline(row.GetString(1), row.GetString(2)));
                }
            }

            return baselines;
        }
    }

    /// <summary>The network a step was counted to.</summary>
    public readonly struct CountedNetwork
    {
        public CountedNetwork(string id, string name)
        {
            Id = id;
            Name = name;
        }

        public string Id { get; }

        public string Name { get; }
    }

    /// <summary>
    /// Which network a step's traffic is counted to. A recorder that notices a change of network records at the
    /// change, so the traffic up to it is the previous network's: a step is counted to the network its baseline
    /// was taken on. A recorder that cannot notice (a scheduled job) does the same and says so, rather than split
    /// by guessing. After a restart the counters count from the boot, in the network of now; a baseline from
    /// before the history knew networks is counted to the network of now as well.
    /// </summary>
    internal static class NetworkAttribution
    {
        public static CountedNetwork CountedTo(NetworkBaseline? baseline, StepKind kind, InterfaceNetwork current) =>
            baseline == null || kind == StepKind.Reboot
                ? new CountedNetwork(current.NetworkId, current.NetworkName)
                : new CountedNetwork(baseline.Id, baseline.Name);

        /// <summary>What to say on the verbose stream when the network changed since the baseline; null when it did not.</summary>
        public static string? Notice(string interfaceName, NetworkBaseline? baseline, UsageStep step, InterfaceNetwork current, CountedNetwork counted)
        {
            if (baseline == null || baseline.Id == current.NetworkId || step.Kind == StepKind.First || step.Kind == StepKind.Stale)
            {
                return null;
            }

            string traffic = Limits.ByteSize.Format(step.BytesReceived + step.BytesSent);
            return step.Kind == StepKind.Reboot
                ? $"The network of '{interfaceName}' is '{current.NetworkName}' now, '{baseline.Name}' before the restart; the {traffic} since the restart are counted to '{counted.Name}'."
                : $"The network of '{interfaceName}' changed from '{baseline.Name}' to '{current.NetworkName}' since the last recording; the {traffic} in between are counted to '{counted.Name}', the network of that recording.";
        }
    }
}
