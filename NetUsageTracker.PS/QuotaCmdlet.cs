using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>The parameters and the calculation Get-NetUsageQuota and Test-NetUsageQuota share.</summary>
    public abstract class QuotaCmdlet : HistoryInterfaceCmdlet
    {
        private readonly LimitParameters _limit;

        protected QuotaCmdlet()
        {
            _limit = new LimitParameters(this, QuotaPeriod.Month);
        }

        [Parameter(Mandatory = true), ByteSizeTransformation, ValidatePositive] public long Limit { get => _limit.Limit; set => _limit.Limit = value; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get => _limit.Period; set => _limit.Period = value; }

        [Parameter, ValidateRange(1, BillingPeriod.MaxBillingDay)] public int BillingDay { get => _limit.BillingDay; set => _limit.BillingDay = value; }

        [Parameter] public UsageDirection Direction { get => _limit.Direction; set => _limit.Direction = value; }

        /// <summary>Counts only the traffic the matching networks carried.</summary>
        [Parameter, SupportsWildcards, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string[]? Network { get; set; }

        /// <summary>The quota now: the recorded usage of the period plus the traffic since the last recording.</summary>
        protected NetUsageQuota ComputeQuota()
        {
            CounterSnapshot snapshot = ModuleState.GetSampler().TakeSnapshot();
            using HistoryDatabase database = OpenDatabase(create: false);
            var reader = new HistoryReader(database);
            NetworkSelection? networks = null;
            NetworkSnapshot? current = null;
            if (NetworkFilter.From(Network) is NetworkFilter filter)
            {
                networks = Guard(() => filter.Select(this, reader));
                if (networks.NetworkIds.Count == 0)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ItemNotFoundException($"No network of the usage history matches -Network {string.Join(", ", Network!)}, so there is no usage to hold against the limit."),
                        "NetworkNotFound", ErrorCategory.ObjectNotFound, Network));
                }

                current = ModuleState.GetNetworkSource().Read();
            }

            return Guard(() =>
            {
                InterfaceSelector selector = SelectInterfaces(reader, out List<string> names);
                var pending = HistoryReadings.Pending(reader, snapshot, selector.Includes, current, networks);
                return QuotaCalculator.Compute(reader, selector.Includes, string.Join(",", names), Limit, Period, BillingDay, Direction, snapshot.UtcTime, pending,
                    networks: networks);
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
