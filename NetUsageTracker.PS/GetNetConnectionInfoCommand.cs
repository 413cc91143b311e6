using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.NetworkInformation;
using NetUsageTracker.Connection;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Get, "NetConnectionInfo")]
    [OutputType(typeof(NetConnectionInfo))]
    public sealed class GetNetConnectionInfoCommand : InterfaceCommandBase
    {
        [Parameter]
        public SwitchParameter TestInternet { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateEndpoint]
        public string[] ProbeEndpoint { get; set; } = ReachabilityProbe.DefaultEndpoints;

        [Parameter]
        [ValidatePositive]
        public double TimeoutSeconds { get; set; } = 3.0;

        protected override void EndProcessing()
        {
            // The counter source classes the interfaces; the connection view shows the same classes.
            CounterSnapshot snapshot = ModuleState.GetSampler().TakeSnapshot();
            List<NetConnectionInfo> all = ConnectionInfoProvider.GetAll(InterfaceSelector.ClassesOf(snapshot));
            InterfaceSelector selector = CreateSelector(snapshot);
            ReportMissing(selector, all.Select(i => i.InterfaceName));

            List<NetConnectionInfo> selected = all.Where(i => selector.Includes(i.InterfaceName)).ToList();
            NetworkSnapshot networks = NetworkReading.Read(this);
            foreach (NetConnectionInfo info in selected)
            {
                info.SetNetwork(networks.For(info.InterfaceName));
            }

            if (TestInternet && selected.Count > 0)
            {
                WriteVerbose($"Probing {string.Join(", ", ProbeEndpoint)} with a {TimeoutSeconds} s timeout.");
                ProbeResult probe = ReachabilityProbe.Probe(ProbeEndpoint, TimeSpan.FromSeconds(TimeoutSeconds), StopToken);
                if (StopToken.IsCancellationRequested)
                {
                    return;
                }

                WriteVerbose(probe.Reachable
                    ? $"Reached {probe.ReachedEndpoint} in {probe.LatencyMs:0.#} ms."
                    : "No probe endpoint answered.");
                foreach (NetConnectionInfo info in selected)
                {
                    // The probe goes out by the routing table, once for the machine; a down interface carries nothing.
                    bool up = info.Status == OperationalStatus.Up || info.Status == OperationalStatus.Unknown;
                    info.InternetReachable = up && probe.Reachable;
                    info.ProbeLatencyMs = up ? probe.LatencyMs : null;
                }
            }

            WriteObject(selected, enumerateCollection: true);
        }
    }
}
