using System;
using System.Collections.Generic;
using NetUsageTracker.Networks;

namespace NetUsageTracker.History
{
    /// <summary>
    /// The usage of a set of networks (by <see cref="InterfaceNetwork.NetworkId"/>) over a span of local days, from
    /// the history: what a plan scoped to networks counts. Every recording stores each interface's traffic under the
    /// network that carried it (<see cref="NetworkUsageWriter"/>); traffic recorded before the history knew networks
    /// belongs to none and is not counted here. Add <see cref="HistoryReader.Pending"/> with the same selection for
    /// the traffic since the last recording.
    /// </summary>
    public static class HistoryNetworkUsage
    {
        /// <summary>Bytes received and sent that the networks <paramref name="networkIds"/> carried on the local days
        /// [<paramref name="startLocal"/>, <paramref name="endLocal"/>), on every interface.</summary>
        public static (ulong Received, ulong Sent) Sum(HistoryDatabase database, IEnumerable<string> networkIds, DateTime startLocal, DateTime endLocal,
            TimeZoneInfo? zone = null) =>
            new HistoryReader(database, zone).SumDays(startLocal, endLocal, _ => true, new NetworkSelection(networkIds));
    }
}
