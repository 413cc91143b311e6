using System;
using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.History;

namespace NetUsageTracker.Plans
{
    /// <summary>What a plan counts.</summary>
    public enum PlanScope
    {
        /// <summary>All physical interfaces: what a plain Get-NetUsageQuota counts.</summary>
        AllPhysical,

        /// <summary>The interfaces named (wildcards allowed).</summary>
        Interface,

        /// <summary>The networks named, by name or ID (wildcards allowed).</summary>
        Network,

        /// <summary>Every network the system calls metered.</summary>
        Metered,
    }

    /// <summary>
    /// A stored data cap: a name, what it counts, a limit over a period, and the thresholds the recorder alerts
    /// at. New-, Get-, Set- and Remove-NetUsagePlan keep these in the history database.
    /// </summary>
    public sealed class NetUsagePlan
    {
        public static readonly double[] DefaultThresholds = { 80, 90, 100 };

        public string Name { get; set; } = "";

        public PlanScope Scope { get; set; }

        /// <summary>The interfaces of an Interface plan, else empty.</summary>
        public string[] InterfaceName { get; set; } = Array.Empty<string>();

        /// <summary>The networks (names or IDs) of a Network plan, else empty.</summary>
        public string[] Network { get; set; } = Array.Empty<string>();

        /// <summary>The limit in bytes.</summary>
        public long Limit { get; set; }

        public QuotaPeriod Period { get; set; } = QuotaPeriod.Month;

        public int BillingDay { get; set; } = 1;

        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        /// <summary>Percentages of the limit that alert, lowest first.</summary>
        public double[] Threshold { get; set; } = (double[])DefaultThresholds.Clone();

        /// <summary>Whether the recorder's alerts go to the desktop too (they are always in its verbose log).</summary>
        public bool Notify { get; set; } = true;

        public DateTime Created { get; set; }

        /// <summary>The interfaces or networks the scope names, for the format view.</summary>
        public string Target => Scope switch
        {
            PlanScope.Interface => string.Join(", ", InterfaceName),
            PlanScope.Network => string.Join(", ", Network),
            PlanScope.Metered => "metered networks",
            _ => "all physical",
        };

        /// <summary>Refuses what cannot be a plan, with the reason; a network or interface nobody has seen is fine
        /// (networks come and go).</summary>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(Name))
            {
                throw new PlanException(PlanFailure.InvalidName, Name, "A plan needs a name that is not empty.");
            }

            if (Limit <= 0)
            {
                throw new PlanException(PlanFailure.InvalidLimit, Name,
                    $"The limit of plan '{Name}' must be greater than zero; {Limit} B was given.");
            }

            if (Period == QuotaPeriod.Session)
            {
                throw new PlanException(PlanFailure.InvalidPeriod, Name,
                    $"A plan counts a Day, a Week or a Month; a session belongs to a live view, not to plan '{Name}'.");
            }

            if (BillingDay < 1 || BillingDay > BillingPeriod.MaxBillingDay)
            {
                throw new PlanException(PlanFailure.InvalidBillingDay, Name,
                    $"The billing day of plan '{Name}' must be 1 to {BillingPeriod.MaxBillingDay} (every month has it); {BillingDay} was given.");
            }

            if (Threshold.Length == 0 || Threshold.Any(t => t <= 0 || double.IsNaN(t) || double.IsInfinity(t)))
            {
                throw new PlanException(PlanFailure.InvalidThreshold, Name,
                    $"The thresholds of plan '{Name}' must be positive percentages of the limit, such as 80, 90, 100.");
            }

            if ((Scope == PlanScope.Interface && InterfaceName.Length == 0) || (Scope == PlanScope.Network && Network.Length == 0))
            {
                throw new PlanException(PlanFailure.InvalidScope, Name,
                    $"Plan '{Name}' counts {(Scope == PlanScope.Interface ? "interfaces" : "networks")} but names none.");
            }

            Threshold = Threshold.Distinct().OrderBy(t => t).ToArray();
        }

        public NetUsagePlan Clone()
        {
            var copy = (NetUsagePlan)MemberwiseClone();
            copy.InterfaceName = (string[])InterfaceName.Clone();
            copy.Network = (string[])Network.Clone();
            copy.Threshold = (double[])Threshold.Clone();
            return copy;
        }

        /// <summary>Whether a change to this plan makes its alerts of the current period start over.</summary>
        internal bool CountsDifferentlyFrom(NetUsagePlan other) =>
            Scope != other.Scope || Limit != other.Limit || Period != other.Period || BillingDay != other.BillingDay ||
            Direction != other.Direction || !Threshold.SequenceEqual(other.Threshold) ||
            !InterfaceName.SequenceEqual(other.InterfaceName, StringComparer.OrdinalIgnoreCase) ||
            !Network.SequenceEqual(other.Network, StringComparer.OrdinalIgnoreCase);

        public override string ToString() => $"{Name}: {Limits.ByteSize.Format(Limit)} a {Period.ToString().ToLowerInvariant()} ({Target})";
    }

    /// <summary>Why a plan was refused or not found.</summary>
    public enum PlanFailure
    {
        InvalidName,
        InvalidLimit,
        InvalidPeriod,
        InvalidBillingDay,
        InvalidThreshold,
        InvalidScope,
        Exists,
        NotFound,
    }

    /// <summary>A plan that cannot be stored, changed or found; nothing was written.</summary>
    public sealed class PlanException : Exception
    {
        public PlanException(PlanFailure failure, string plan, string message)
            : base(message)
        {
            Failure = failure;
            Plan = plan;
        }

        public PlanFailure Failure { get; }

        public string Plan { get; }
    }

    /// <summary>Helpers over lists of plans.</summary>
    public static class PlanNames
    {
        public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

        public static IEnumerable<NetUsagePlan> Matching(IEnumerable<NetUsagePlan> plans, IReadOnlyCollection<string>? patterns) =>
            patterns == null || patterns.Count == 0 ? plans : plans.Where(p => patterns.Any(n => NamePattern.IsMatch(n, p.Name)));
    }
}
