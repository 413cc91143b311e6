using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Plans;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>The parameters and the calculation Get-NetUsageQuota and Test-NetUsageQuota share: a -Limit of the
    /// command line, or without it the stored plans (all, or those -Plan names).</summary>
    public abstract class QuotaCmdlet : HistoryInterfaceCmdlet
    {
        /// <summary>The type name that selects the plan quota's view (with the plan's name first).</summary>
        internal const string PlanQuotaTypeName = "NetUsageTracker.History.NetUsageQuota#Plan";

        private readonly LimitParameters _limit;

        protected QuotaCmdlet()
        {
            _limit = new LimitParameters(this, QuotaPeriod.Month);
        }

        [Parameter, ByteSizeTransformation, ValidatePositive] public long Limit { get => _limit.Limit; set => _limit.Limit = value; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get => _limit.Period; set => _limit.Period = value; }

        [Parameter, ValidateRange(1, BillingPeriod.MaxBillingDay)] public int BillingDay { get => _limit.BillingDay; set => _limit.BillingDay = value; }

        [Parameter] public UsageDirection Direction { get => _limit.Direction; set => _limit.Direction = value; }

        /// <summary>Counts only the traffic the matching networks carried.</summary>
        [Parameter, SupportsWildcards, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string[]? Network { get; set; }

        /// <summary>The stored plans to report, by name (wildcards); every plan when neither this nor -Limit is given.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanNameCompleter))]
        public string[]? Plan { get; set; }

        /// <summary>The quotas now: the recorded usage of the period plus the traffic since the last recording.</summary>
        protected List<NetUsageQuota> ComputeQuotas()
        {
            RejectMixedParameters();
            CounterSnapshot snapshot = ModuleState.GetSampler().TakeSnapshot();
            using HistoryDatabase database = OpenDatabase(create: false);
            PlanSupport.ShowMissedAlerts(this, database);
            var reader = new HistoryReader(database);
            if (_limit.HasLimit)
            {
                return new List<NetUsageQuota> { ComputeLimitQuota(reader, snapshot) };
            }

            List<NetUsagePlan> plans = PlanSupport.Select(this, Guard(() => new PlanStore(database).List()), Plan);
            if (plans.Count == 0 && Plan != null)
            {
                // Each name that matched nothing has its error already.
                return new List<NetUsageQuota>();
            }

            if (plans.Count == 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("There is no stored plan to report. Give -Limit, or store a plan with New-NetUsagePlan."),
                    "NoPlan", ErrorCategory.ObjectNotFound, ResolvePath()));
            }

            return Guard(() => PlanSupport.Quotas(reader, plans, snapshot).Select(q => q.Quota).ToList());
        }

        /// <summary>A plan brings its own interfaces, period and direction: with -Plan (or no -Limit) those parameters would be ignored.</summary>
        private void RejectMixedParameters()
        {
            string[] limitOnly = { nameof(Period), nameof(BillingDay), nameof(Direction), nameof(InterfaceName), nameof(IncludeVirtual), nameof(IncludeLoopback), nameof(Network) };
            if (_limit.HasLimit && Plan != null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-Plan reports stored plans, each with its own limit; leave -Limit out, or -Plan."),
                    "PlanWithLimit", ErrorCategory.InvalidArgument, Plan));
            }

            if (!_limit.HasLimit)
            {
                foreach (string name in limitOnly.Where(MyInvocation.BoundParameters.ContainsKey))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"-{name} describes the quota that -Limit sets; a stored plan has its own. Add -Limit, or leave -{name} out."),
                        "LimitParameterWithoutLimit", ErrorCategory.InvalidArgument, name));
                }
            }
        }

        /// <summary>A plan's quota carries the type name of its view.</summary>
        protected static PSObject Wrap(NetUsageQuota quota)
        {
            var wrapped = new PSObject(quota);
            if (quota.Plan.Length > 0)
            {
                wrapped.TypeNames.Insert(0, PlanQuotaTypeName);
            }

            return wrapped;
        }

        /// <summary>The quota of -Limit (and -Network, -InterfaceName) given on the command line.</summary>
        private NetUsageQuota ComputeLimitQuota(HistoryReader reader, CounterSnapshot snapshot)
        {
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
        protected override void EndProcessing()
        {
            foreach (NetUsageQuota quota in ComputeQuotas())
            {
                WriteObject(Wrap(quota));
            }
        }
    }

    [Cmdlet(VerbsDiagnostic.Test, "NetUsageQuota")]
    [OutputType(typeof(bool))]
    public sealed class TestNetUsageQuotaCommand : QuotaCmdlet
    {
        /// <summary>$true while the usage is under the limit (under every plan's limit), $false once one reached it.</summary>
        protected override void EndProcessing()
        {
            List<NetUsageQuota> quotas = ComputeQuotas();
            if (quotas.Count > 0)
            {
                WriteObject(quotas.All(q => !q.Exceeded));
            }
        }
    }
}
