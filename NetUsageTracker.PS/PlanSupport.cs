using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Plans;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>What the plan cmdlets share: their errors, and showing the alerts no desktop could.</summary>
    internal static class PlanSupport
    {
        public static ErrorRecord ToErrorRecord(PlanException e)
        {
            (string id, ErrorCategory category) = e.Failure switch
            {
                PlanFailure.InvalidLimit => ("PlanLimitNotPositive", ErrorCategory.InvalidArgument),
                PlanFailure.InvalidBillingDay => ("PlanBillingDayOutOfRange", ErrorCategory.InvalidArgument),
                PlanFailure.InvalidPeriod => ("PlanPeriodInvalid", ErrorCategory.InvalidArgument),
                PlanFailure.InvalidThreshold => ("PlanThresholdInvalid", ErrorCategory.InvalidArgument),
                PlanFailure.InvalidScope => ("PlanScopeEmpty", ErrorCategory.InvalidArgument),
                PlanFailure.Exists => ("PlanExists", ErrorCategory.ResourceExists),
                PlanFailure.NotFound => ("PlanNotFound", ErrorCategory.ObjectNotFound),
                _ => ("PlanNameInvalid", ErrorCategory.InvalidArgument),
            };
            return new ErrorRecord(e, id, category, e.Plan);
        }

        /// <summary>Validates a plan before anything is opened or written; a bad one is a terminating error.</summary>
        public static void Validate(PSCmdlet cmdlet, NetUsagePlan plan)
        {
            try
            {
                plan.Validate();
            }
            catch (PlanException e)
            {
                cmdlet.ThrowTerminatingError(ToErrorRecord(e));
            }
        }

        /// <summary>
        /// Shows, once, the plan alerts that the recorder could not put on a desktop (a cron job with no session
        /// bus, a service in session 0): as warnings of the first interactive cmdlet that opens the history.
        /// </summary>
        public static void ShowMissedAlerts(Cmdlet cmdlet, HistoryDatabase database)
        {
            try
            {
                var state = new PlanAlertState(database);
                if (!state.AnyUnshown())
                {
                    return;
                }

                foreach (NetUsagePlanAlert alert in state.TakeUnshown())
                {
                    cmdlet.WriteWarning($"{alert.Raised:yyyy-MM-dd HH:mm} {alert.Title}: {alert.Message}");
                }
            }
            catch (HistoryStoreException e)
            {
                // The alerts wait for the next cmdlet; this one's own work goes on.
                cmdlet.WriteVerbose($"The plan alerts were not read: {e.Message}");
            }
        }

        /// <summary>The plans' quotas now, with the traffic since the last recording (networks read only for a plan that needs them).</summary>
        public static List<PlanQuota> Quotas(HistoryReader reader, List<NetUsagePlan> plans, CounterSnapshot snapshot)
        {
            var networks = plans.Exists(p => p.Scope == PlanScope.Network || p.Scope == PlanScope.Metered) ? ModuleState.GetNetworkSource().Read() : null;
            return PlanQuotas.Compute(reader, plans, networks, HistoryReadings.From(snapshot, networks), snapshot.UtcTime);
        }

        /// <summary>The stored plans whose names match the patterns (all without any); an error for each literal name that matches none.</summary>
        public static List<NetUsagePlan> Select(Cmdlet cmdlet, IEnumerable<NetUsagePlan> plans, IReadOnlyCollection<string>? names)
        {
            List<NetUsagePlan> all = plans.ToList();
            List<NetUsagePlan> chosen = PlanNames.Matching(all, names).ToList();
            foreach (string name in names ?? Array.Empty<string>())
            {
                if (!NamePattern.HasWildcards(name) && !all.Any(p => PlanNames.Comparer.Equals(p.Name, name)))
                {
                    cmdlet.WriteError(ToErrorRecord(PlanStore.NotFound(name)));
                }
            }

            return chosen;
        }
    }

    /// <summary>Tab completion of plan names from the history that -Path (or the default) names.</summary>
    public sealed class PlanNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            string file = fakeBoundParameters?["Path"] is string path && path.Length > 0
                ? System.IO.Path.GetFullPath(path)
                : HistoryPaths.Resolve();
            List<NetUsagePlan> plans;
            try
            {
                using HistoryDatabase database = HistoryDatabase.Open(file, create: false);
                plans = new PlanStore(database).List();
            }
            catch (HistoryStoreException)
            {
                return Array.Empty<CompletionResult>();
            }

            return plans.Where(p => pattern.IsMatch(p.Name))
                .Select(p => new CompletionResult(InterfaceNameCompleter.CompletionText(p.Name), p.Name, CompletionResultType.ParameterValue, p.ToString()));
        }
    }
}
