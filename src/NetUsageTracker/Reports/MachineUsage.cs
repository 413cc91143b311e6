using System;
using System.Collections.Generic;
using NetUsageTracker.History;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// What a report knows about one machine: its history records (of any roll-up), its quotas, and the
    /// traffic not yet recorded. Read from a history file, or gathered from pipeline input.
    /// </summary>
    public sealed class MachineUsage
    {
        public MachineUsage(string computerName, string source)
        {
            ComputerName = computerName;
            Source = source;
        }

        public string ComputerName { get; }

        /// <summary>Where the numbers come from: the history file, or pipeline input.</summary>
        public string Source { get; }

        /// <summary>The interfaces in the order the report shows them.</summary>
        public List<string> InterfaceNames { get; } = new List<string>();

        public List<NetUsageHistory> Records { get; } = new List<NetUsageHistory>();

        /// <summary>Quotas, matched to a view by their interface names.</summary>
        public List<NetUsageQuota> Quotas { get; } = new List<NetUsageQuota>();

        /// <summary>The stored plans' quotas (each names its plan): a gauge each, above the views.</summary>
        public List<NetUsageQuota> PlanQuotas { get; } = new List<NetUsageQuota>();

        /// <summary>Per interface, the traffic since the last recording (a history file's readers add it to
        /// the current period as Get-NetUsageQuota does); empty for pipeline input.</summary>
        public Dictionary<string, (ulong Received, ulong Sent)> Pending { get; } = new Dictionary<string, (ulong, ulong)>(StringComparer.Ordinal);

        /// <summary>Per network, the selected interfaces' traffic (a history file's readers fill it where the history
        /// recorded networks); empty for pipeline input.</summary>
        public List<NetworkTotal> Networks { get; } = new List<NetworkTotal>();
        /// <summary>This month's traffic per process (the resident recorder's rows, Unattributed last); empty without them.</summary>
        public List<NetProcessUsageHistory> TopApps { get; } = new List<NetProcessUsageHistory>();

        /// <summary>The roll-ups the records answer for: all of them for a history file, those piped in otherwise.</summary>
        public HashSet<HistoryResolution> Resolutions { get; } = new HashSet<HistoryResolution>();

        public void AddInterface(string name)
        {
            if (!InterfaceNames.Contains(name))
            {
                InterfaceNames.Add(name);
            }
        }

        /// <summary>Adds a record, its interface and its roll-up.</summary>
        public void Add(NetUsageHistory record)
        {
            Records.Add(record);
            Resolutions.Add(record.Period);
            AddInterface(record.InterfaceName);
        }

        /// <summary>Adds a quota and the interfaces it counts.</summary>
        public void Add(NetUsageQuota quota)
        {
            Quotas.Add(quota);
            foreach (string name in SplitNames(quota.InterfaceName))
            {
                AddInterface(name);
            }
        }

        /// <summary>The names of a comma-separated interface list, as quotas and watches carry them.</summary>
        public static string[] SplitNames(string names) =>
            names.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
