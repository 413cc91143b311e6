using System;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Get, "NetUsageHistory")]
    [OutputType(typeof(NetUsageHistory), typeof(NetProcessUsageHistory))]
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
                WriteObject(Guard(() => new ProcessHistoryReader(database).Read(By, since, until, selector.Includes, BillingDay)), enumerateCollection: true);
                return;
            }

            WriteObject(Guard(() => reader.Read(By, since, until, selector.Includes, BillingDay)), enumerateCollection: true);
        }

        private static DateTime Local(DateTime time) =>
            DateTime.SpecifyKind(time.Kind == DateTimeKind.Utc ? time.ToLocalTime() : time, DateTimeKind.Unspecified);
    }
}
