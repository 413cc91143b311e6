using System;
using System.Collections.Generic;
using NetUsageTracker.Limits;
using NetUsageTracker.Networks;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// Everything the view shows besides the traffic itself: the connection, the limit and what it
    /// counts, the period's usage, the alert banner, the last message, the keys' state and the panes.
    /// </summary>
    public sealed class DashboardStatus
    {
        public DashboardStatus(ViewInput input)
        {
            Input = input;
        }

        public ViewInput Input { get; }

        /// <summary>The watched interfaces as the title names them.</summary>
        public string InterfaceLabel { get; set; } = "";

        public double IntervalSeconds { get; set; } = 1;

        /// <summary>Local time of the last sample.</summary>
        public DateTime SampledAt { get; set; }

        public ConnectionSummary Connection { get; set; } = ConnectionSummary.Unknown;

        /// <summary>The network the connection's interface is on; null when not known or not connected.</summary>
        public InterfaceNetwork? Network { get; set; }

        /// <summary>-TestInternet was given: the connection line has an Internet part.</summary>
        public bool TestsInternet { get; set; }

        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        /// <summary>The limit in bytes; null when none is set.</summary>
        public long? Limit { get; set; }

        public IReadOnlyList<double> Thresholds { get; set; } = LimitGauge.DefaultThresholds;

        /// <summary>The bytes the limit counts: the session's, or the period's with -Period.</summary>
        public ulong Counted { get; set; }

        /// <summary>The period the limit counts over ("this month since 7 Nov"); null for the session.</summary>
        public string? PeriodLabel { get; set; }

        /// <summary>The latest alert, as its warning reads; null until one fires.</summary>
        public string? Banner { get; set; }

        /// <summary>Local time of the latest alert.</summary>
        public DateTime BannerAt { get; set; }

        public GaugeBand BannerBand { get; set; } = GaugeBand.Exceeded;

        /// <summary>The latest warning that is not an alert (a notification that could not be shown, a busy history).</summary>
        public string? Message { get; set; }

        /// <summary>The panes a key shows in place of the interface table, in the order of the key line.</summary>
        public IReadOnlyList<IDashboardPane> Panes { get; set; } = Array.Empty<IDashboardPane>();

        public LimitGauge? Gauge => Limit.HasValue ? LimitGauge.Of(Counted, Limit.Value, Thresholds) : (LimitGauge?)null;
    }
}
