using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
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
                RecorderMetrics.Write(file, database, sampler.TakeSnapshot());
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
