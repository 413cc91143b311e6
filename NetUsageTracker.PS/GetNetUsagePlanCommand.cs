using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Plans;

namespace NetUsageTracker.Commands
{
    /// <summary>The stored plans, all or by name (wildcards).</summary>
    [Cmdlet(VerbsCommon.Get, "NetUsagePlan")]
    [OutputType(typeof(NetUsagePlan))]
    public sealed class GetNetUsagePlanCommand : HistoryCmdlet
    {
        private readonly List<string> _names = new List<string>();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (Name != null)
            {
                _names.AddRange(Name);
            }
        }

        protected override void EndProcessing()
        {
            using HistoryDatabase database = OpenDatabase(create: false);
            PlanSupport.ShowMissedAlerts(this, database);
            List<NetUsagePlan> plans = Guard(() => new PlanStore(database).List());
            WriteObject(PlanSupport.Select(this, plans, _names), enumerateCollection: true);
        }
    }

    /// <summary>Removes stored plans and the alerts they raised.</summary>
    [Cmdlet(VerbsCommon.Remove, "NetUsagePlan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveNetUsagePlanCommand : HistoryCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanNameCompleter))]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        protected override void ProcessRecord()
        {
            using HistoryDatabase database = OpenDatabase(create: false);
            var store = new PlanStore(database);
            foreach (NetUsagePlan plan in PlanSupport.Select(this, Guard(() => store.List()), Name))
            {
                if (ShouldProcess(plan.ToString(), "Remove the plan"))
                {
                    Guard(() =>
                    {
                        store.Remove(plan.Name);
                        return 0;
                    });
                }
            }
        }
    }
}
