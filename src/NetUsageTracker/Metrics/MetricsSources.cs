using System;
using System.Collections.Generic;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Metrics
{
    /// <summary>
    /// What the metrics are made of besides the history: the moment they describe, the live counters, which
    /// interfaces count, the plans with their quotas, and the recording jobs with their health. Each source
    /// adds its families; one left empty adds none.
    /// </summary>
    public sealed class MetricsSources
    {
        public MetricsSources(DateTime nowUtc)
        {
            NowUtc = nowUtc;
        }

        /// <summary>The moment the metrics describe: today and the billing month are the ones that hold it.</summary>
        public DateTime NowUtc { get; }

        /// <summary>The counters for the interface families; null for none.</summary>
        public CounterSnapshot? Counters { get; set; }

        /// <summary>Which interfaces the interface and period families show; every one by default.</summary>
        public Func<string, bool> Includes { get; set; } = _ => true;

        /// <summary>The day the billing month starts, for the month's usage.</summary>
        public int BillingDay { get; set; } = 1;

        /// <summary>Each plan's quota; plan names are unique.</summary>
        public IList<PlanQuota> Plans { get; } = new List<PlanQuota>();

        /// <summary>The recording jobs, checked (Healthy set); empty where nobody asked the scheduler.</summary>
        public IList<NetUsageTask> Jobs { get; } = new List<NetUsageTask>();

        /// <summary>The calendar of days and months; the machine's own by default.</summary>
        public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Local;
    }
}
