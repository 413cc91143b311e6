using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>The parameters and the calculation Get-NetUsageQuota and Test-NetUsageQuota share.</summary>
    public abstract class QuotaCmdlet : HistoryInterfaceCmdlet
    {
        [Parameter(Mandatory = true)]
        [ByteSizeTransformation]
        [ValidatePositive]
        public long Limit { get; set; }

        [Parameter]
        public QuotaPeriod Period { get; set; } = QuotaPeriod.Month;

        [Parameter]
        [ValidateRange(1, BillingPeriod.MaxBillingDay)]
        public int BillingDay { get; set; } = 1;

        [Parameter]
        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        /// <summary>The quota now: the recorded usage of the period plus the traffic since the last recording.</summary>
        protected NetUsageQuota ComputeQuota()
        {
            CounterSnapshot snapshot = ModuleState.GetSampler().TakeSnapshot();
            using HistoryDatabase database = OpenDatabase(create: false);
            var reader = new HistoryReader(database);
            return Guard(() =>
            {
                InterfaceSelector selector = SelectInterfaces(reader, out List<string> names);
                var pending = HistoryReadings.Pending(reader, snapshot, selector.Includes);
                return QuotaCalculator.Compute(reader, selector.Includes, string.Join(",", names), Limit, Period, BillingDay, Direction, snapshot.UtcTime, pending);
            });
        }
    }

    [Cmdlet(VerbsCommon.Get, "NetUsageQuota")]
    [OutputType(typeof(NetUsageQuota))]
    public sealed class GetNetUsageQuotaCommand : QuotaCmdlet
    {
        protected override void EndProcessing() => WriteObject(ComputeQuota());
    }

    [Cmdlet(VerbsDiagnostic.Test, "NetUsageQuota")]
    [OutputType(typeof(bool))]
    public sealed class TestNetUsageQuotaCommand : QuotaCmdlet
    {
        /// <summary>$true while the usage is under the limit, $false once it reached it.</summary>
        protected override void EndProcessing() => WriteObject(!ComputeQuota().Exceeded);
    }
}
