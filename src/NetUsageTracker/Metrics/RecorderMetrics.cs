using System.Collections.Generic;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Metrics
{
    /// <summary>
    /// The metrics file a recorder keeps (Register-NetUsageTask -MetricsPath, Update-NetUsageHistory
    /// -MetricsPath): written again after each recording from the history it just recorded into and the
    /// counters of that moment, through <see cref="MetricsFile"/>, so a textfile collector reads the whole of
    /// the old file or of the new one.
    /// </summary>
    public static class RecorderMetrics
    {
        /// <summary>Replaces <paramref name="metricsPath"/>; throws <see cref="MetricsFileException"/> when it cannot.</summary>
        public static void Write(string metricsPath, HistoryDatabase database, CounterSnapshot snapshot, IEnumerable<PlanQuota> plans)
        {
            var sources = new MetricsSources(snapshot.UtcTime) { Counters = snapshot };
            foreach (PlanQuota plan in plans)
            {
                sources.Plans.Add(plan);
            }

            MetricsFile.Write(metricsPath, ExpositionText.Write(UsageMetrics.Build(database, sources)), force: false);
        }
    }
}
