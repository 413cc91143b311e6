using System;
using System.Management.Automation;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Watch-NetUsage -ByProcess: each step writes Get-NetProcessUsage -SampleInterval's rows for that step
    /// (every process with traffic or connections, then Unattributed), stamped with the step's time, instead
    /// of the step's NetUsageWatch. Limits, alerts, -Record and the progress go on as without it.
    /// </summary>
    public sealed partial class WatchNetUsageCommand
    {
        private ProcessUsageSampler? _processes;
        private ProcessUsageRows? _processRows;
        private Func<string, bool>? _processInterfaces;

        [Parameter]
        public SwitchParameter ByProcess { get; set; }

        /// <summary>Opens the per-process source and takes its baseline, before the first step's wait.</summary>
        private void StartProcesses(Sampler counters, InterfaceSelector selector)
        {
            if (!ByProcess)
            {
                return;
            }

            try
            {
                _processes = new ProcessUsageSampler(counters, ProcessUsageState.SourceFactory());
            }
            catch (FlowSourceUnavailableException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ProcessSourceUnavailable", ErrorCategory.ResourceUnavailable, null));
            }

            _processInterfaces = selector.Includes;
            _processRows = new ProcessUsageRows(_processes!.Source, Environment.MachineName);
            WriteVerbose($"Per-process figures from {_processes.Source.Name}.");
            if (_processes.Source.Limitation != null)
            {
                WriteVerbose(_processes.Source.Limitation);
            }

            SampleProcesses();
        }

        /// <summary>Writes this step's per-process rows; false without -ByProcess (the step's NetUsageWatch is written instead).</summary>
        private bool WriteProcesses()
        {
            if (_processes == null)
            {
                return false;
            }

            ProcessUsageStep step = SampleProcesses();
            WriteObject(_processRows!.Processes(step), enumerateCollection: true);
            return true;
        }

        private ProcessUsageStep SampleProcesses()
        {
            ProcessUsageStep step;
            try
            {
                step = _processes!.Sample(_processInterfaces!);
            }
            catch (Exception e) when (e is FlowSourceException || e is System.ComponentModel.Win32Exception)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ProcessSourceFailed", ErrorCategory.ReadError, _processes!.Source.Name));
                throw;
            }

            foreach (string note in step.Notes)
            {
                WriteVerbose(note);
            }

            return step;
        }

        protected override void ReleaseResources() => _processes?.Dispose();
    }
}
