using System;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Plans;

namespace NetUsageTracker.Commands
{
    /// <summary>Stores a data plan in the history: what it counts, its limit and period, and when the recorder alerts.</summary>
    [Cmdlet(VerbsCommon.New, "NetUsagePlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PlanScopeParameters.AllPhysical)]
    [OutputType(typeof(NetUsagePlan))]
    public sealed class NewNetUsagePlanCommand : HistoryCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1), ByteSizeTransformation] public long Limit { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PlanScopeParameters.Interface)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InterfaceNameCompleter))]
        public string[]? InterfaceName { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PlanScopeParameters.Network)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Network { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PlanScopeParameters.Metered)]
        public SwitchParameter Metered { get; set; }

        [Parameter(ParameterSetName = PlanScopeParameters.AllPhysical)]
        public SwitchParameter AllPhysical { get; set; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get; set; } = QuotaPeriod.Month;

        [Parameter] public int BillingDay { get; set; } = 1;

        [Parameter] public UsageDirection Direction { get; set; } = UsageDirection.Total;

        [Parameter] public double[] Threshold { get; set; } = (double[])NetUsagePlan.DefaultThresholds.Clone();

        /// <summary>On unless -Notify:$false: a stored plan is there to warn from the background.</summary>
        [Parameter] public SwitchParameter Notify { get; set; } = true;

        protected override void EndProcessing()
        {
            var plan = new NetUsagePlan
            {
                Name = Name,
                Limit = Limit,
                Period = Period,
                BillingDay = BillingDay,
                Direction = Direction,
                Threshold = Threshold,
                Notify = Notify,
                Created = DateTime.Now,
            };
            PlanScopeParameters.Apply(plan, ParameterSetName, InterfaceName, Network);
            PlanSupport.Validate(this, plan);
            string file = ResolvePath();
            if (!ShouldProcess(file, $"Store the plan {plan}"))
            {
                return;
            }

            using HistoryDatabase database = OpenDatabaseAt(file, create: true);
            try
            {
                Guard(() =>
                {
                    new PlanStore(database).Add(plan);
                    return 0;
                });
            }
            catch (PlanException e)
            {
                ThrowTerminatingError(PlanSupport.ToErrorRecord(e));
            }

            WriteObject(new PlanStore(database).Find(plan.Name));
        }
    }

    /// <summary>The scope switches New- and Set-NetUsagePlan share: one parameter set per scope.</summary>
    internal static class PlanScopeParameters
    {
        public const string AllPhysical = nameof(PlanScope.AllPhysical);
        public const string Interface = nameof(PlanScope.Interface);
        public const string Network = nameof(PlanScope.Network);
        public const string Metered = nameof(PlanScope.Metered);

        /// <summary>Sets the plan's scope from the parameter set the call bound.</summary>
        public static void Apply(NetUsagePlan plan, string parameterSet, string[]? interfaces, string[]? networks)
        {
            plan.Scope = parameterSet switch
            {
                Interface => PlanScope.Interface,
                Network => PlanScope.Network,
                Metered => PlanScope.Metered,
                _ => PlanScope.AllPhysical,
            };
            plan.InterfaceName = plan.Scope == PlanScope.Interface ? interfaces ?? Array.Empty<string>() : Array.Empty<string>();
            plan.Network = plan.Scope == PlanScope.Network ? networks ?? Array.Empty<string>() : Array.Empty<string>();
        }
    }
}
