using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;

namespace NetUsageTracker.Reports
{
    /// <summary>One network's traffic on the report's interfaces: this month and all the history keeps.</summary>
    public sealed class NetworkTotal
    {
        public NetworkTotal(string networkName, string networkId, bool? metered)
        {
            NetworkName = networkName;
            NetworkId = networkId;
            Metered = metered;
        }

        public string NetworkName { get; }

        public string NetworkId { get; }

        public bool? Metered { get; }

        public ulong MonthReceived { get; set; }

        public ulong MonthSent { get; set; }

        public ulong Received { get; set; }

        public ulong Sent { get; set; }

        public ulong Total => Received + Sent;

        /// <summary>The networks that carried traffic of the selected interfaces, the busiest first: from the history's
        /// yearly roll-up (kept for ever) and this calendar month's.</summary>
        internal static List<NetworkTotal> Read(HistoryReader reader, Func<string, bool> include, DateTime nowLocal)
        {
            IReadOnlyList<RecordedNetwork> recorded = reader.Networks();
            if (recorded.Count == 0)
            {
                return new List<NetworkTotal>();
            }

            var selection = new NetworkSelection(recorded);
            var totals = recorded.ToDictionary(n => n.NetworkId, n => new NetworkTotal(n.NetworkName, n.NetworkId, n.Metered), StringComparer.OrdinalIgnoreCase);
            foreach (NetUsageHistory year in reader.Read(HistoryResolution.Year, null, null, include, networks: selection))
            {
                NetworkTotal total = totals[year.NetworkId!];
                total.Received += year.BytesReceived;
                total.Sent += year.BytesSent;
            }

            var month = new DateTime(nowLocal.Year, nowLocal.Month, 1);
            foreach (NetUsageHistory period in reader.Read(HistoryResolution.Month, month, month.AddMonths(1), include, networks: selection))
            {
                NetworkTotal total = totals[period.NetworkId!];
                total.MonthReceived += period.BytesReceived;
                total.MonthSent += period.BytesSent;
            }

            return totals.Values.Where(t => t.Total > 0)
                .OrderByDescending(t => t.Total).ThenBy(t => t.NetworkName, StringComparer.CurrentCulture).ToList();
        }
    }
}
