using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Plans;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// What a recorder does after each recording: with -MetricsPath, the metrics file a textfile collector
    /// reads is written again. The recording is what matters: a metrics file that cannot be written is a
    /// warning (in a job, a line of its log), never a failed recording.
    /// </summary>
    public sealed partial class UpdateNetUsageHistoryCommand
    {
        /// <summary>The metrics file to write after each recording (Register-NetUsageTask -MetricsPath puts it in the job).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MetricsPath { get; set; }

        private void AfterRecording(HistoryDatabase database, Sampler sampler)
        {
            if (MetricsPath == null)
            {
                return;
            }

            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(MetricsPath);
            try
            {
                CounterSnapshot snapshot = sampler.TakeSnapshot();
                // The stored plans, as Export-NetUsageMetric writes them: each plan's used bytes, limit, ratio, forecast and budget.
                List<PlanQuota> plans = PlanSupport.Quotas(new HistoryReader(database), new PlanStore(database).List(), snapshot);
                RecorderMetrics.Write(file, database, snapshot, plans);
            }
            catch (MetricsFileException e)
            {
                WriteWarning($"The recording is stored; the metrics were not written: {e.Message}");
            }
            catch (HistoryStoreException e)
            {
                WriteWarning($"The recording is stored; the metrics were not written: {e.Message}");
            }
        }
    }
}
