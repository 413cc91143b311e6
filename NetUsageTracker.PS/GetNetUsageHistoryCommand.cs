using System;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Get, "NetUsageHistory")]
    [OutputType(typeof(NetUsageHistory))]
    public sealed class GetNetUsageHistoryCommand : HistoryInterfaceCmdlet
    {
        [Parameter]
        public HistoryResolution By { get; set; } = HistoryResolution.Day;

        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        public DateTime Until { get; set; }

        [Parameter]
        [ValidateRange(1, BillingPeriod.MaxBillingDay)]
        public int BillingDay { get; set; } = 1;

        protected override void EndProcessing()
        {
            using HistoryDatabase database = OpenDatabase(create: false);
            var reader = new HistoryReader(database);
            DateTime? since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Local(Since) : (DateTime?)null;
            DateTime? until = MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? Local(Until) : (DateTime?)null;
            InterfaceSelector selector = Guard(() => SelectInterfaces(reader, out _));
            var rows = Guard(() => reader.Read(By, since, until, selector.Includes, BillingDay));
            if (rows.Count == 0 && since == null && until == null)
            {
                int recorded = Guard(() => reader.Interfaces()).Count(i => selector.Includes(i.Name));
                if (recorded > 0)
                {
                    WriteVerbose(HistorySummary.BaselineOnly(recorded, ResolvePath()));
                }
            }

            WriteObject(rows, enumerateCollection: true);
        }

        private static DateTime Local(DateTime time) =>
            DateTime.SpecifyKind(time.Kind == DateTimeKind.Utc ? time.ToLocalTime() : time, DateTimeKind.Unspecified);
    }
}
