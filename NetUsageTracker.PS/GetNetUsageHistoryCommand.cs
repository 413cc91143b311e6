using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Get, "NetUsageHistory")]
    [OutputType(typeof(NetUsageHistory), typeof(NetProcessUsageHistory))]
    public sealed class GetNetUsageHistoryCommand : HistoryInterfaceCmdlet
    {
        internal const string ByNetworkTypeName = "NetUsageTracker.History.NetUsageHistory#Network";

        [Parameter]
        public HistoryResolution By { get; set; } = HistoryResolution.Day;

        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        public DateTime Until { get; set; }

        [Parameter]
        [ValidateRange(1, BillingPeriod.MaxBillingDay)]
        public int BillingDay { get; set; } = 1;

        /// <summary>Reads per network: the traffic the matching networks carried, a row per period, interface and network.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string[]? Network { get; set; }

        /// <summary>Process: a row per process name in each period, which add up to the selected interfaces' traffic.</summary>
        [Parameter]
        public HistoryGrouping GroupBy { get; set; } = HistoryGrouping.Interface;

        protected override void EndProcessing()
        {
            using HistoryDatabase database = OpenDatabase(create: false);
            var reader = new HistoryReader(database);
            DateTime? since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Local(Since) : (DateTime?)null;
            DateTime? until = MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? Local(Until) : (DateTime?)null;
            InterfaceSelector selector = Guard(() => SelectInterfaces(reader, out _));
            if (GroupBy == HistoryGrouping.Process)
            {
                if (Network != null)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new PSArgumentException("-GroupBy Process reads the recorder's rows per process, which are kept per interface, not per network: leave out -Network, or -GroupBy."),
                        "ProcessGroupingWithNetwork", ErrorCategory.InvalidArgument, Network));
                }

                WriteObject(Guard(() => new ProcessHistoryReader(database).Read(By, since, until, selector.Includes, BillingDay)), enumerateCollection: true);
                return;
            }

            NetworkSelection? networks = null;
            if (NetworkFilter.From(Network) is NetworkFilter filter)
            {
                networks = Guard(() => filter.Select(this, reader));
                if (networks.NetworkIds.Count == 0)
                {
                    return;
                }
            }

            List<NetUsageHistory> rows = Guard(() => reader.Read(By, since, until, selector.Includes, BillingDay, networks));
            if (rows.Count == 0 && since == null && until == null && networks == null)
            {
                int recorded = Guard(() => reader.Interfaces()).Count(i => selector.Includes(i.Name));
                if (recorded > 0)
                {
                    WriteVerbose(HistorySummary.BaselineOnly(recorded, ResolvePath()));
                }
            }

            foreach (NetUsageHistory row in rows)
            {
                if (networks == null)
                {
                    WriteObject(row);
                    continue;
                }

                // Rows per network have a view of their own, with the network in place of the period's end.
                var shown = PSObject.AsPSObject(row);
                shown.TypeNames.Insert(0, ByNetworkTypeName);
                WriteObject(shown);
            }
        }

        private static DateTime Local(DateTime time) =>
            DateTime.SpecifyKind(time.Kind == DateTimeKind.Utc ? time.ToLocalTime() : time, DateTimeKind.Unspecified);
    }
}
