using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.RecorderProcess;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsData.Update, "NetUsageHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(NetUsageRecord))]
    public sealed class UpdateNetUsageHistoryCommand : HistoryCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Keeps recording at this interval until stopped: the resident recorder.</summary>
        [Parameter]
        [ValidatePositive]
        public TimeSpan Every { get; set; }

        protected override void EndProcessing()
        {
            string path = ResolvePath();
            bool resident = MyInvocation.BoundParameters.ContainsKey(nameof(Every));
            if (!ShouldProcess(path, resident ? $"Record the traffic every {Every} until stopped" : "Record the traffic since the last recording"))
            {
                return;
            }

            if (!resident)
            {
                RecordOnce(path);
                return;
            }

            using RecorderLock held = Guard(() => RecorderLock.Take(path));
            using ShutdownNotice shutdown = ShutdownNotice.Listen();
            string stops = shutdown.Sources.Count == 0 ? "Ctrl+C" : "Ctrl+C or " + string.Join(", ", shutdown.Sources);
            WriteVerbose($"Recording into {path} every {Every}; stops on {stops}, recording once more first.");
            var clock = Stopwatch.StartNew();
            try
            {
                for (long step = 1; ; step++)
                {
                    RecordOnce(path);
                    // What the recording used is of no use through the wait: the system gets it back.
                    ResidentMemory.Release();
                    if (Wait(clock, TimeSpan.FromTicks(Every.Ticks * step), shutdown))
                    {
                        WriteVerbose($"Asked to end ({shutdown.Reason}): recording once more.");
                        RecordOnce(path);
                        return;
                    }
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the traffic up to this moment is recorded before the pipeline stops.
                RecordOnce(path);
                throw;
            }
            finally
            {
                shutdown.Finished();
            }
        }

        /// <summary>Waits until the next recording is due; true when the system asked the process to end first.</summary>
        private bool Wait(Stopwatch clock, TimeSpan due, ShutdownNotice shutdown)
        {
            TimeSpan left = due - clock.Elapsed;
            if (left > TimeSpan.Zero && System.Threading.WaitHandle.WaitAny(new[] { shutdown.Asked, StopToken.WaitHandle }, left) != System.Threading.WaitHandle.WaitTimeout)
            {
                if (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                return true;
            }

            return false;
        }

        private void RecordOnce(string path)
        {
            Sampler sampler = ModuleState.GetSampler();
            using HistoryDatabase database = OpenDatabaseAt(path, create: true);
            var notices = new List<string>();
            IReadOnlyList<NetUsageRecord> records = Guard(() => HistoryReadings.RecordNow(database, sampler, notices));
            foreach (string notice in notices)
            {
                WriteVerbose(notice);
            }

            WriteVerbose(HistorySummary.Recorded(records, path));
            if (PassThru)
            {
                WriteObject(records, enumerateCollection: true);
            }
        }
    }
}
