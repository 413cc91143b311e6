using System;
using NetUsageTracker.History;
using NetUsageTracker.Processes;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// The resident recorder's per-process rows: where a per-process source runs (inet_diag on Linux for
    /// any user, the IP Helper tables or ETW on Windows, nettop on macOS), it reads the sockets every
    /// <see cref="ProcessUsageCollector.NextInterval"/> between recordings and each recording stores the
    /// top processes with the interfaces' rows. Where none runs, it records the interfaces alone and says so.
    /// </summary>
    public sealed partial class UpdateNetUsageHistoryCommand
    {
        private ProcessUsageCollector? _processes;

        /// <summary>Opens the per-process source and takes its baseline; without one the recorder goes on without it.</summary>
        private void StartProcesses()
        {
            try
            {
                _processes = new ProcessUsageCollector(new ProcessUsageSampler(ModuleState.GetSampler(), ProcessUsageState.SourceFactory()));
                WriteVerbose($"Recording the top processes too, from {_processes.Source.Name}, reading the sockets every {ProcessUsageCollector.SampleInterval.TotalSeconds} s while the interfaces move {ProcessUsageCollector.QuietBytes / 1024} KB or more, once a minute while they move less (longer where thousands of sockets make a read cost more than {ProcessUsageCollector.CpuBudget * 100:0.###} % of a core).");
                if (_processes.Source.Limitation != null)
                {
                    WriteVerbose(_processes.Source.Limitation);
                }

                ReadProcesses();
            }
            catch (FlowSourceUnavailableException e)
            {
                WriteVerbose($"Recording the interfaces only: {e.Message}");
                _processes = null;
            }
        }

        /// <summary>How long to wait before the next look at the sockets (all of <paramref name="left"/> without per-process recording).</summary>
        private TimeSpan ProcessWait(TimeSpan left) =>
            _processes != null && left > _processes.NextInterval ? _processes.NextInterval : left;

        /// <summary>Reads the sockets between two recordings, unless the recording that is due next reads them anyway;
        /// the read waits while the interfaces move little (<see cref="ProcessUsageCollector.QuietBytes"/>).</summary>
        private void SampleProcesses(TimeSpan untilRecording)
        {
            if (untilRecording > TimeSpan.Zero)
            {
                ReadProcesses(betweenRecordings: true);
            }
        }

        /// <summary>Reads the sockets (at the start and before each recording, whenever an interface moved a byte).</summary>
        private void ReadProcesses(bool betweenRecordings = false)
        {
            if (_processes == null)
            {
                return;
            }

            try
            {
                foreach (string note in _processes.Sample(betweenRecordings))
                {
                    WriteVerbose(note);
                }
            }
            catch (Exception e) when (e is FlowSourceException || e is System.ComponentModel.Win32Exception)
            {
                // The interfaces' recording matters more: it goes on, and their traffic counts as unattributed.
                WriteWarning($"Per-process recording stopped: the per-process source ({_processes.Source.Name}) failed: {e.Message}");
                _processes.Dispose();
                _processes = null;
            }
        }

        /// <summary>The per-process part of the next recording: the sockets read once more just before it.</summary>
        private IRecordingPart? ProcessPart()
        {
            if (_processes == null)
            {
                return null;
            }

            ReadProcesses();
            return _processes == null ? null : new ProcessHistoryWriter(_processes);
        }

        protected override void ReleaseResources() => _processes?.Dispose();
    }
}
