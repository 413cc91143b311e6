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

        private readonly PlanParameters _given;

        public SetNetUsagePlanCommand()
        {
            _given = new PlanParameters(this);
        }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanNameCompleter))]
        public string Name { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewName { get; set; }

        [Parameter(Position = 1), ByteSizeTransformation] public long Limit { get => _given.Limit; set => _given.Limit = value; }

        [Parameter(Mandatory = true, ParameterSetName = PlanParameters.InterfaceSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InterfaceNameCompleter))]
        public string[]? InterfaceName { get => _given.InterfaceName; set => _given.InterfaceName = value; }

        [Parameter(Mandatory = true, ParameterSetName = PlanParameters.NetworkSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Network { get => _given.Network; set => _given.Network = value; }

        [Parameter(Mandatory = true, ParameterSetName = PlanParameters.MeteredSet)]
        public SwitchParameter Metered { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PlanParameters.AllPhysicalSet)]
        public SwitchParameter AllPhysical { get; set; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get => _given.Period; set => _given.Period = value; }

        [Parameter] public int BillingDay { get => _given.BillingDay; set => _given.BillingDay = value; }

        [Parameter] public UsageDirection Direction { get => _given.Direction; set => _given.Direction = value; }

        [Parameter] public double[] Threshold { get => _given.Threshold; set => _given.Threshold = value; }

        [Parameter] public SwitchParameter Notify { get => _given.Notify; set => _given.Notify = value; }

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
            _given.ApplyTo(plan);

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
    }
}
