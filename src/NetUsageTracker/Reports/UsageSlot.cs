using System;

namespace NetUsageTracker.Reports
{
    /// <summary>One period on a chart's time axis (five minutes, an hour, a day, a month) and its traffic.</summary>
    public sealed class UsageSlot
    {
        public UsageSlot(DateTime start, DateTime end, string name, string? axisLabel, string? group = null)
        {
            Start = start;
            End = end;
            Name = name;
            AxisLabel = axisLabel;
            Group = group;
        }

        /// <summary>Local start of the period.</summary>
        public DateTime Start { get; }

        /// <summary>Local end of the period (the next one's start).</summary>
        public DateTime End { get; }

        /// <summary>The period as a table row names it: "14:05-14:10" under its day, "Tue 2026-11-24" for a day.</summary>
        public string Name { get; }

        /// <summary>The day a period within a day belongs to, "Tue 2026-11-24"; null for days and months.</summary>
        public string? Group { get; }

        /// <summary>The period in full, as its hover title names it: "Tue 2026-11-24 14:05-14:10".</summary>
        public string FullName => Group == null ? Name : Group + " " + Name;

        /// <summary>The label under the axis at this period, or null where the axis has none.</summary>
        public string? AxisLabel { get; }

        public ulong Received { get; private set; }

        public ulong Sent { get; private set; }

        public ulong Total => Received + Sent;

        public void Add(ulong received, ulong sent)
        {
            Received += received;
            Sent += sent;
        }
    }
}
