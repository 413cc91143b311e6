using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Reports;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Gathers Export-NetUsageReport's pipeline input per machine: history records and quotas, live or
    /// deserialized from a remote session (Deserialized.* type names, PSComputerName), or read back from
    /// CSV. Objects are recognised by their properties, so every one of those forms works alike.
    /// </summary>
    internal sealed class ReportInput
    {
        private static readonly string[] QuotaShape = { "Limit", "Used", "PercentUsed", "PeriodStart", "PeriodEnd", "InterfaceName" };
        private static readonly string[] HistoryShape = { "Period", "PeriodStart", "PeriodEnd", "InterfaceName", "BytesReceived", "BytesSent" };

        private readonly List<MachineUsage> _machines = new List<MachineUsage>();
        private readonly Dictionary<string, MachineUsage> _byName = new Dictionary<string, MachineUsage>(StringComparer.OrdinalIgnoreCase);
        private readonly Func<string, bool> _include;

        public ReportInput(Func<string, bool> include)
        {
            _include = include;
        }

        public IReadOnlyList<MachineUsage> Machines => _machines;

        /// <summary>Adds one object; returns false (and why) for an object that is neither a record nor a quota.</summary>
        public bool TryAdd(PSObject input, out string reason)
        {
            reason = "";
            try
            {
                if (Has(input, QuotaShape))
                {
                    NetUsageQuota quota = ToQuota(input);
                    if (Array.TrueForAll(MachineUsage.SplitNames(quota.InterfaceName), n => _include(n)))
                    {
                        Machine(input).Add(quota);
                    }

                    return true;
                }

                if (Has(input, HistoryShape))
                {
                    NetUsageHistory record = ToHistory(input);
                    if (Enum.IsDefined(typeof(HistoryResolution), record.Period))
                    {
                        if (_include(record.InterfaceName))
                        {
                            Machine(input).Add(record);
                        }

                        return true;
                    }
                }
            }
            catch (PSInvalidCastException e)
            {
                reason = e.Message;
                return false;
            }

            reason = input.Properties["Elapsed"] != null && input.Properties["BytesReceived"] != null
                ? "A Watch-NetUsage step counts from the start of its watch and is no history; record the watch with Watch-NetUsage -Record and report the history instead."
                : "It is neither a usage history record (Get-NetUsageHistory) nor a quota (Get-NetUsageQuota).";
            return false;
        }

        private MachineUsage Machine(PSObject input)
        {
            string name = ComputerName(input);
            if (!_byName.TryGetValue(name, out MachineUsage? machine))
            {
                machine = new MachineUsage(name, "pipeline input");
                _byName.Add(name, machine);
                _machines.Add(machine);
            }

            return machine;
        }

        /// <summary>The remote machine a result came from (Invoke-Command adds PSComputerName), else this one.</summary>
        private static string ComputerName(PSObject input)
        {
            string? name = input.Properties["PSComputerName"]?.Value?.ToString();
            return string.IsNullOrEmpty(name) ? Environment.MachineName : name!;
        }

        private static NetUsageHistory ToHistory(PSObject o) => new NetUsageHistory
        {
            Period = Get<HistoryResolution>(o, "Period"),
            PeriodStart = Get<DateTime>(o, "PeriodStart"),
            PeriodEnd = Get<DateTime>(o, "PeriodEnd"),
            InterfaceName = Get<string>(o, "InterfaceName"),
            BytesReceived = Get<ulong>(o, "BytesReceived"),
            BytesSent = Get<ulong>(o, "BytesSent"),
        };

        private static NetUsageQuota ToQuota(PSObject o) => new NetUsageQuota
        {
            InterfaceName = Get<string>(o, "InterfaceName"),
            Direction = GetOrDefault(o, "Direction", UsageDirection.Total),
            Period = GetOrDefault(o, "Period", QuotaPeriod.Month),
            PeriodStart = Get<DateTime>(o, "PeriodStart"),
            PeriodEnd = Get<DateTime>(o, "PeriodEnd"),
            BytesReceived = GetOrDefault(o, "BytesReceived", 0UL),
            BytesSent = GetOrDefault(o, "BytesSent", 0UL),
            Used = Get<ulong>(o, "Used"),
            Limit = Get<long>(o, "Limit"),
            Remaining = GetOrDefault(o, "Remaining", 0UL),
            PercentUsed = Get<double>(o, "PercentUsed"),
            Exceeded = GetOrDefault(o, "Exceeded", false),
            Forecast = GetOrDefault<ulong?>(o, "Forecast", null),
            ProjectedExceedTime = GetOrDefault<DateTime?>(o, "ProjectedExceedTime", null),
            DailyBudget = GetOrDefault(o, "DailyBudget", 0UL),
            RecentBytesPerSecond = GetOrDefault<double?>(o, "RecentBytesPerSecond", null),
        };

        private static bool Has(PSObject o, string[] names) => Array.TrueForAll(names, n => o.Properties[n] != null);

        private static T Get<T>(PSObject o, string name)
        {
            object? value = o.Properties[name]?.Value;
            if (value == null)
            {
                throw new PSInvalidCastException($"The property {name} is empty.");
            }

            return LanguagePrimitives.ConvertTo<T>(value is PSObject pso ? pso.BaseObject : value);
        }

        /// <summary>An optional property: absent or empty (as a CSV writes a null) gives the default.</summary>
        private static T GetOrDefault<T>(PSObject o, string name, T fallback)
        {
            object? value = o.Properties[name]?.Value;
            object? raw = value is PSObject pso ? pso.BaseObject : value;
            return raw == null || (raw is string text && text.Length == 0) ? fallback : (T)LanguagePrimitives.ConvertTo(raw, typeof(T), CultureInfo.InvariantCulture);
        }
    }
}
