using System;
using System.Collections.Generic;
using NetUsageTracker.Limits;
using NetUsageTracker.Networks;

namespace NetUsageTracker.Dashboard
{
    /// <summary>How Show-NetUsage's parameters set up the live view.</summary>
    public sealed class DashboardOptions
    {
        /// <summary>How often a sample is taken (-Interval).</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Colours and styles, unless PowerShell's PlainText rendering or NO_COLOR say otherwise.</summary>
        public bool Colour { get; set; } = true;

        /// <summary>-TestInternet: the connection line has an Internet part.</summary>
        public bool TestsInternet { get; set; }

        /// <summary>The limit in bytes (-Limit); null until one is typed.</summary>
        public long? Limit { get; set; }

        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        /// <summary>The gauge's thresholds (-Threshold, else 80 % and the limit).</summary>
        public IReadOnlyList<double> Thresholds { get; set; } = LimitGauge.DefaultThresholds;

        /// <summary>-Notify: each alert is also a desktop notification.</summary>
        public bool Notify { get; set; }

        /// <summary>Says which network the connection's interface is on, for the connection line; null: not shown.</summary>
        public INetworkSource? Networks { get; set; }

        /// <summary>The computer the alerts name.</summary>
        public string ComputerName { get; set; } = Environment.MachineName;
    }
}
