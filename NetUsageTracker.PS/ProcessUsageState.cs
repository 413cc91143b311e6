using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// The per-process samplers of each runspace, one per interface selection (the rows of a sampler add
    /// up to its selection's delta), each with its running totals. Made on first use over the runspace's
    /// shared interface sampler; disposed when the runspace closes. A runspace keeps the four selections it
    /// used last: each holds a netlink socket (Linux) or an ETW session (Windows).
    /// </summary>
    internal static class ProcessUsageState
    {
        private const int SelectionsKept = 4;
        private static readonly Dictionary<object, List<ProcessUsageSession>> Sessions = new Dictionary<object, List<ProcessUsageSession>>();
        private static readonly object NoRunspace = new object();

        /// <summary>Tests may replace how flow sources are made.</summary>
        internal static Func<IFlowSource> SourceFactory { get; set; } = FlowSources.CreateDefault;

        public static ProcessUsageSession Get(Sampler counters, string selection)
        {
            Runspace? runspace = Runspace.DefaultRunspace;
            object key = (object?)runspace ?? NoRunspace;
            lock (Sessions)
            {
                if (!Sessions.TryGetValue(key, out List<ProcessUsageSession>? list))
                {
                    list = new List<ProcessUsageSession>();
                    Sessions[key] = list;
                    if (runspace != null)
                    {
                        runspace.StateChanged += OnRunspaceStateChanged;
                    }
                }

                ProcessUsageSession? session = list.Find(s => s.Selection == selection && s.Counters == counters);
                if (session == null)
                {
                    session = new ProcessUsageSession(selection, counters, new ProcessUsageSampler(counters, SourceFactory()));
                    list.Add(session);
                    if (list.Count > SelectionsKept)
                    {
                        list[0].Sampler.Dispose();
                        list.RemoveAt(0);
                    }
                }
                else
                {
                    list.Remove(session);
                    list.Add(session);
                }

                return session;
            }
        }

        internal static void ReleaseCurrentRunspace() => Release((object?)Runspace.DefaultRunspace ?? NoRunspace);

        private static void Release(object key)
        {
            List<ProcessUsageSession>? list;
            lock (Sessions)
            {
                if (!Sessions.TryGetValue(key, out list))
                {
                    return;
                }

                Sessions.Remove(key);
            }

            foreach (ProcessUsageSession session in list)
            {
                session.Sampler.Dispose();
            }
        }

        private static void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (sender is Runspace runspace
                && (e.RunspaceStateInfo.State == RunspaceState.Closed || e.RunspaceStateInfo.State == RunspaceState.Broken))
            {
                runspace.StateChanged -= OnRunspaceStateChanged;
                Release(runspace);
            }
        }
    }

    /// <summary>One selection's per-process sampler and its totals since the first sample.</summary>
    internal sealed class ProcessUsageSession
    {
        public ProcessUsageSession(string selection, Sampler counters, ProcessUsageSampler sampler)
        {
            Selection = selection;
            Counters = counters;
            Sampler = sampler;
        }

        public string Selection { get; }

        public Sampler Counters { get; }

        public ProcessUsageSampler Sampler { get; }

        public ProcessUsageTotals Totals { get; } = new ProcessUsageTotals();

        /// <summary>A sample that also counts into the totals.</summary>
        public ProcessUsageStep Sample(Func<string, bool> includeInterface)
        {
            ProcessUsageStep step = Sampler.Sample(includeInterface);
            Totals.Add(step);
            return step;
        }
    }
}
