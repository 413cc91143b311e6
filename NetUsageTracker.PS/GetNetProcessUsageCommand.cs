using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Which process used the network: one object per process (or per connection with -ByConnection),
    /// in the interfaces' terms, and a last row, Unattributed, so the rows add up to the interfaces' own
    /// count. Without -SampleInterval the figures run from each process's first sighting in this session
    /// (the session's first call measures for a second); with it, over that interval, with rates.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "NetProcessUsage", DefaultParameterSetName = "ByProcess")]
    [OutputType(typeof(NetProcessUsage), ParameterSetName = new[] { "ByProcess" })]
    [OutputType(typeof(NetConnectionUsage), ParameterSetName = new[] { "ByConnection" })]
    public sealed class GetNetProcessUsageCommand : InterfaceCommandBase
    {
        private static readonly TimeSpan FirstSample = TimeSpan.FromSeconds(1);

        [Parameter]
        [ValidatePositive]
        public double SampleInterval { get; set; }

        [Parameter(ParameterSetName = "ByConnection", Mandatory = true)]
        public SwitchParameter ByConnection { get; set; }

        protected override void EndProcessing()
        {
            Sampler counters = ModuleState.GetSampler();
            CounterSnapshot snapshot = counters.TakeSnapshot();
            InterfaceSelector selector = CreateSelector(snapshot);
            ReportMissing(selector, snapshot.InterfaceNames());
            var selected = new List<string>();
            foreach (string name in snapshot.InterfaceNames())
            {
                if (selector.Includes(name))
                {
                    selected.Add(name);
                }
            }

            ProcessUsageSession session = OpenSession(counters, string.Join("\n", selected));
            IFlowSource source = session.Sampler.Source;
            WriteVerbose($"Per-process figures from {source.Name}; interfaces from {counters.Source.Name}: {string.Join(", ", selected)}.");
            if (source.Limitation != null)
            {
                WriteVerbose(source.Limitation);
            }

            session.Sampler.TrackConnections |= ByConnection;
            bool interval = MyInvocation.BoundParameters.ContainsKey(nameof(SampleInterval));
            ProcessUsageStep step = Sample(session, selector);
            if (interval || step.IsBaseline)
            {
                TimeSpan wait = interval ? TimeSpan.FromSeconds(SampleInterval) : FirstSample;
                WriteVerbose(interval
                    ? $"Sampling for {SampleInterval} s."
                    : "The first call in this session: measuring for 1 s (later calls report since each process was first seen).");
                WaitUntil(Stopwatch.StartNew(), wait);
                step = Sample(session, selector);
            }

            var rows = new ProcessUsageRows(source, Environment.MachineName);
            if (ByConnection)
            {
                WriteObject(interval ? rows.Connections(step) : rows.Connections(step, session.Totals), enumerateCollection: true);
            }
            else
            {
                WriteObject(interval ? rows.Processes(step) : rows.Processes(session.Totals), enumerateCollection: true);
            }
        }

        private ProcessUsageSession OpenSession(Sampler counters, string selection)
        {
            try
            {
                return ProcessUsageState.Get(counters, selection);
            }
            catch (FlowSourceUnavailableException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ProcessSourceUnavailable", ErrorCategory.ResourceUnavailable, null));
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        private ProcessUsageStep Sample(ProcessUsageSession session, InterfaceSelector selector)
        {
            ProcessUsageStep step;
            try
            {
                step = session.Sample(selector.Includes);
            }
            catch (Exception e) when (e is FlowSourceException || e is System.ComponentModel.Win32Exception)
            {
                ThrowTerminatingError(new ErrorRecord(e, "ProcessSourceFailed", ErrorCategory.ReadError, session.Sampler.Source.Name));
                throw;
            }

            foreach (string note in step.Notes)
            {
                WriteVerbose(note);
            }

            return step;
        }
    }
}
