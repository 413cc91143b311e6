using System;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Plans;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// The plan parameters New- and Set-NetUsagePlan share: -Limit, the scope (-InterfaceName, -Network, -Metered or
    /// -AllPhysical, a parameter set each), -Period, -BillingDay, -Direction, -Threshold and -Notify, and how the
    /// ones given change a plan. As with <see cref="LimitParameters"/>, each cmdlet declares them with their
    /// attributes where they stand in its syntax and keeps the values here: a base class would reorder the syntax.
    /// </summary>
    internal sealed class PlanParameters
    {
        public const string AllPhysicalSet = nameof(PlanScope.AllPhysical);
        public const string InterfaceSet = nameof(PlanScope.Interface);
        public const string NetworkSet = nameof(PlanScope.Network);
        public const string MeteredSet = nameof(PlanScope.Metered);

        private readonly PSCmdlet _cmdlet;

        public PlanParameters(PSCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
        }

        /// <summary>The limit in bytes (-Limit takes sizes such as 5GB or '1.5 GB').</summary>
        public long Limit { get; set; }

        public string[]? InterfaceName { get; set; }

        public string[]? Network { get; set; }

        public QuotaPeriod Period { get; set; }

        public int BillingDay { get; set; }

        public UsageDirection Direction { get; set; }

        public double[] Threshold { get; set; } = Array.Empty<double>();

        public bool Notify { get; set; }

        /// <summary>
        /// Puts the values given on the plan; what was not given stays as the plan has it (a new plan's defaults,
        /// or a stored plan's own), so a value here counts only when its parameter was bound. The scope changes
        /// only when the call bound a scope's parameter set.
        /// </summary>
        public void ApplyTo(NetUsagePlan plan)
        {
            plan.Limit = Given(nameof(Limit)) ? Limit : plan.Limit;
            plan.Period = Given(nameof(Period)) ? Period : plan.Period;
            plan.BillingDay = Given(nameof(BillingDay)) ? BillingDay : plan.BillingDay;
            plan.Direction = Given(nameof(Direction)) ? Direction : plan.Direction;
            plan.Threshold = Given(nameof(Threshold)) ? Threshold : plan.Threshold;
            plan.Notify = Given(nameof(Notify)) ? Notify : plan.Notify;

            PlanScope? scope = _cmdlet.ParameterSetName switch
            {
                AllPhysicalSet => PlanScope.AllPhysical,
                InterfaceSet => PlanScope.Interface,
                NetworkSet => PlanScope.Network,
                MeteredSet => PlanScope.Metered,
                _ => null,
            };
            if (scope is PlanScope chosen)
            {
                plan.Scope = chosen;
                plan.InterfaceName = chosen == PlanScope.Interface ? InterfaceName ?? Array.Empty<string>() : Array.Empty<string>();
                plan.Network = chosen == PlanScope.Network ? Network ?? Array.Empty<string>() : Array.Empty<string>();
            }
        }

        private bool Given(string name) => _cmdlet.MyInvocation.BoundParameters.ContainsKey(name);
    }
}
