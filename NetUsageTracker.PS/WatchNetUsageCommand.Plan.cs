using System.Linq;
using System.Management.Automation;
using NetUsageTracker.Plans;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>Watch-NetUsage -Plan: a stored plan's limit, direction, period and thresholds over its interfaces.</summary>
    public sealed partial class WatchNetUsageCommand
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanNameCompleter))]
        public string? Plan { get; set; }

        /// <summary>With -Plan, takes the plan's limit and selects its interfaces before the watch starts.</summary>
        private void ApplyPlan(CounterSnapshot snapshot)
        {
            if (Plan == null)
            {
                return;
            }

            LivePlan live = LivePlanParameter.Named(this, Path, Plan, snapshot);
            _limit.UsePlan(live.Plan);
            if (live.Plan.Scope == PlanScope.Network)
            {
                // As -Network: each interface counts while it is on one of the plan's networks.
                Network = live.Plan.Network;
            }
            else if (live.Plan.Scope != PlanScope.AllPhysical)
            {
                if (live.InterfaceNames.Count == 0)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ItemNotFoundException($"Plan '{live.Plan.Name}' counts {live.Plan.Target}, which no interface of this machine is on now."),
                        "PlanNotOnAnyInterface", ErrorCategory.ObjectNotFound, live.Plan.Name));
                }

                SelectNames(live.InterfaceNames.Select(WildcardPattern.Escape));
            }

            WriteVerbose($"Watching plan {live.Plan}.");
        }
    }
}
