using System;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Plans;

namespace NetUsageTracker.Commands
{
    /// <summary>Stores a data plan in the history: what it counts, its limit and period, and when the recorder alerts.</summary>
    [Cmdlet(VerbsCommon.New, "NetUsagePlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PlanParameters.AllPhysicalSet)]
    [OutputType(typeof(NetUsagePlan))]
    public sealed class NewNetUsagePlanCommand : HistoryCmdlet
    {
        private readonly PlanParameters _given;

        public NewNetUsagePlanCommand()
        {
            _given = new PlanParameters(this);
        }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1), ByteSizeTransformation] public long Limit { get => _given.Limit; set => _given.Limit = value; }

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

        [Parameter(ParameterSetName = PlanParameters.AllPhysicalSet)]
        public SwitchParameter AllPhysical { get; set; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get => _given.Period; set => _given.Period = value; }

        [Parameter] public int BillingDay { get => _given.BillingDay; set => _given.BillingDay = value; }

        [Parameter] public UsageDirection Direction { get => _given.Direction; set => _given.Direction = value; }

        [Parameter] public double[] Threshold { get => _given.Threshold; set => _given.Threshold = value; }

        /// <summary>On unless -Notify:$false (a new plan's default): a stored plan is there to warn from the background.</summary>
        [Parameter] public SwitchParameter Notify { get => _given.Notify; set => _given.Notify = value; }

        protected override void EndProcessing()
        {
            // A new plan's defaults (a month, day 1, both directions, 80 90 100) for what is not given.
            var plan = new NetUsagePlan { Name = Name, Created = DateTime.Now };
            _given.ApplyTo(plan);
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
}
