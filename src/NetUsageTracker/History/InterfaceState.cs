using System;
using System.Collections.Generic;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>What the history keeps of one interface between recordings: the baseline the next delta is
    /// measured from, its class, and the fastest its link has been seen at.</summary>
    public sealed class InterfaceState
    {
        public InterfaceState(string name, CounterBaseline baseline, InterfaceClass interfaceClass, double? highestSpeed)
        {
            Name = name;
            Baseline = baseline;
            InterfaceClass = interfaceClass;
            HighestBytesPerSecond = highestSpeed;
        }

        /// <summary>The name as the history stores it (on Windows the first spelling recorded).</summary>
        public string Name { get; }

        public CounterBaseline Baseline { get; }

        public InterfaceClass InterfaceClass { get; }

        public double? HighestBytesPerSecond { get; }

        /// <summary>Every stored interface by name (compared as the platform compares interface names), in one query.</summary>
        internal static Dictionary<string, InterfaceState> Load(HistoryDatabase database, StringComparer names)
        {
            var states = new Dictionary<string, InterfaceState>(names);
            using SqliteStatement row = database.Command(
                "SELECT interface, boot_time, rx, tx, recorded, boot_id, uptime_ms, class, max_speed, identity FROM interface_state;");
            while (row.Step())
            {
                string name = row.GetString(0);
                DateTime recorded = HistoryRecorder.FromUnixMilliseconds(row.GetInt64(4));
                DateTime boot = HistoryRecorder.FromUnixMilliseconds(row.GetInt64(1));
                // A baseline from schema 1 has no uptime of its own: its wall-clock time minus its boot time is it.
                TimeSpan uptime = row.IsNull(6) ? recorded - boot : TimeSpan.FromMilliseconds(row.GetInt64(6));
                var baseline = new CounterBaseline(unchecked((ulong)row.GetInt64(2)), unchecked((ulong)row.GetInt64(3)), recorded,
                    new BootState(row.IsNull(5) ? null : row.GetString(5), boot, uptime), row.IsNull(9) ? null : row.GetString(9));
                if (!states.ContainsKey(name))
                {
                    states.Add(name, new InterfaceState(name, baseline, (InterfaceClass)row.GetInt32(7), row.IsNull(8) ? (double?)null : row.GetDouble(8)));
                }
            }

            return states;
        }
    }
}
