using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// One sampler and one network source per runspace, shared by every cmdlet of that runspace, created
    /// on first use and disposed when the module is removed or the runspace closes.
    /// </summary>
    public static class ModuleState
    {
        // Keyed by the runspace object itself: a reference-type key uses the runtime's precompiled
        // shared code, where a Guid key would be compiled on the first call of every session.
        private static readonly ConcurrentDictionary<object, Sampler> Samplers = new ConcurrentDictionary<object, Sampler>();
        private static readonly ConcurrentDictionary<object, INetworkSource> NetworkSources = new ConcurrentDictionary<object, INetworkSource>();
        private static readonly object NoRunspace = new object();

        /// <summary>Tests and benchmarks may replace how samplers are made (e.g. a fixture source).</summary>
        internal static Func<Sampler> SamplerFactory { get; set; } = Sampler.CreateDefault;

        public static Sampler GetSampler() => Samplers.GetOrAdd(CurrentKey(), key => Watch(key, SamplerFactory));

        /// <summary>Which network each interface is on: NetworkManager or the gateway, the Network List Manager, ...</summary>
        public static INetworkSource GetNetworkSource() => NetworkSources.GetOrAdd(CurrentKey(), key => Watch(key, Networks.NetworkSources.CreateDefault));

        /// <summary>How many samplers are alive (for tests of the lifetime rules).</summary>
        public static int LiveSamplerCount => Samplers.Count;

        internal static void ReleaseCurrentRunspace()
        {
            Release(CurrentKey());
        }

        private static object CurrentKey() => (object?)Runspace.DefaultRunspace ?? NoRunspace;

        /// <summary>Makes a runspace's state, and watches the runspace so the state goes when it closes.</summary>
        private static T Watch<T>(object key, Func<T> create)
        {
            if (key is Runspace runspace)
            {
                // Removed first, so the handler is added once however many kinds of state the runspace has.
                runspace.StateChanged -= OnRunspaceStateChanged;
                runspace.StateChanged += OnRunspaceStateChanged;
            }

            return create();
        }

        private static void Release(object key)
        {
            if (Samplers.TryRemove(key, out Sampler? sampler))
            {
                sampler.Dispose();
            }

            if (NetworkSources.TryRemove(key, out INetworkSource? networks))
            {
                networks.Dispose();
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

    /// <summary>Disposes the runspace's sampler on Remove-Module.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            ModuleState.ReleaseCurrentRunspace();
            ProcessUsageState.ReleaseCurrentRunspace();
        }
    }
}
