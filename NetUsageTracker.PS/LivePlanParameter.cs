using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Plans;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>A stored plan in Watch-NetUsage -Plan and Show-NetUsage: read from the history, checked against
    /// the parameters it replaces, and resolved over the live interfaces.</summary>
    internal static class LivePlanParameter
    {
        /// <summary>The parameters a plan sets; given beside -Plan they would be ignored.</summary>
        private static readonly string[] SetByPlan = { "Limit", "Direction", "Period", "BillingDay", "Threshold", "InterfaceName", "Network" };

        /// <summary>The plan named by -Plan over the live interfaces; a terminating error when it is not stored.</summary>
        public static LivePlan Named(PSCmdlet cmdlet, string? path, string name, CounterSnapshot snapshot)
        {
            foreach (string given in SetByPlan.Where(cmdlet.MyInvocation.BoundParameters.ContainsKey))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-{given} is set by the plan '{name}'; leave -{given} out, or -Plan."),
                    "PlanWithLimitParameter", ErrorCategory.InvalidArgument, given));
            }

            NetUsagePlan? plan;
            IReadOnlyList<RecordedNetwork> recorded;
            using (HistoryDatabase database = HistoryCmdlet.OpenDatabase(cmdlet, path, create: false))
            {
                plan = Read(cmdlet, () => new PlanStore(database).Find(name));
                recorded = Read(cmdlet, () => new HistoryReader(database).Networks());
            }

            if (plan == null)
            {
                cmdlet.ThrowTerminatingError(PlanSupport.ToErrorRecord(PlanStore.NotFound(name)));
            }

            return LivePlan.For(plan!, Live(snapshot), ModuleState.GetNetworkSource().Read(), recorded);
        }

        /// <summary>The plan of the network the machine is on now, from the history if there is one; null otherwise.</summary>
        public static LivePlan? Current(PSCmdlet cmdlet, string? path, CounterSnapshot snapshot)
        {
            string file = HistoryCmdlet.ResolvePath(cmdlet, path);
            if (!System.IO.File.Exists(file))
            {
                return null;
            }

            List<NetUsagePlan>? plans = null;
            IReadOnlyList<RecordedNetwork>? recorded = null;
            try
            {
                using HistoryDatabase database = HistoryDatabase.Open(file, create: false);
                plans = new PlanStore(database).List();
                recorded = new HistoryReader(database).Networks();
            }
            catch (HistoryStoreException e)
            {
                cmdlet.WriteVerbose($"No stored plan is shown: {e.Message}");
            }

            return plans == null || plans.Count == 0 ? null : LivePlan.Current(plans, Live(snapshot), ModuleState.GetNetworkSource().Read(), recorded);
        }

        private static IReadOnlyList<RecordedInterface> Live(CounterSnapshot snapshot)
        {
            var live = new List<RecordedInterface>(snapshot.Count);
            for (int i = 0; i < snapshot.Count; i++)
            {
                live.Add(new RecordedInterface(snapshot[i].Name, snapshot[i].Class));
            }

            return live;
        }

        private static T Read<T>(PSCmdlet cmdlet, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (HistoryStoreException e)
            {
                cmdlet.ThrowTerminatingError(HistoryCmdlet.ToErrorRecord(e));
                throw;
            }
        }
    }
}
