using System;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Plans;

namespace NetUsageTracker.Commands
{
    /// <summary>Changes a stored plan; what is not given stays as it was. A change of what the plan counts makes
    /// its alerts of the current period start over.</summary>
    [Cmdlet(VerbsCommon.Set, "NetUsagePlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SameScope)]
    [OutputType(typeof(NetUsagePlan))]
    public sealed class SetNetUsagePlanCommand : HistoryCmdlet
    {
        private const string SameScope = "SameScope";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewName { get; set; }

        [Parameter(Position = 1), ByteSizeTransformation] public long Limit { get; set; }

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

        [Parameter(Mandatory = true, ParameterSetName = PlanScopeParameters.AllPhysical)]
        public SwitchParameter AllPhysical { get; set; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get; set; }

        [Parameter] public int BillingDay { get; set; }

        [Parameter] public UsageDirection Direction { get; set; }

        [Parameter] public double[] Threshold { get; set; } = Array.Empty<double>();

        [Parameter] public SwitchParameter Notify { get; set; }

        [Parameter] public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            string file = ResolvePath();
            using HistoryDatabase database = OpenDatabaseAt(file, create: false);
            var store = new PlanStore(database);
            NetUsagePlan? existing = Guard(() => store.Find(Name));
            if (existing == null)
            {
                WriteError(PlanSupport.ToErrorRecord(PlanStore.NotFound(Name)));
                return;
            }

            NetUsagePlan plan = existing.Clone();
            plan.Name = NewName ?? plan.Name;
            plan.Limit = Bound(nameof(Limit)) ? Limit : plan.Limit;
            plan.Period = Bound(nameof(Period)) ? Period : plan.Period;
            plan.BillingDay = Bound(nameof(BillingDay)) ? BillingDay : plan.BillingDay;
            plan.Direction = Bound(nameof(Direction)) ? Direction : plan.Direction;
            plan.Threshold = Bound(nameof(Threshold)) ? Threshold : plan.Threshold;
            plan.Notify = Bound(nameof(Notify)) ? Notify.IsPresent : plan.Notify;
            if (ParameterSetName != SameScope)
            {
                PlanScopeParameters.Apply(plan, ParameterSetName, InterfaceName, Network);
            }

            try
            {
                plan.Validate();
                if (ShouldProcess(existing.ToString(), $"Change the plan to {plan}"))
                {
                    Guard(() =>
                    {
                        store.Update(existing.Name, plan);
                        return 0;
                    });
                    if (PassThru)
                    {
                        WriteObject(store.Find(plan.Name));
                    }
                }
            }
            catch (PlanException e)
            {
                // One plan of a pipeline that cannot change: the others still do.
                WriteError(PlanSupport.ToErrorRecord(e));
            }
        }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
    }
}
