using System;
using System.Diagnostics;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Watch-NetUsage and the history: -Record feeds the history as the watch runs (at most once a minute),
    /// and -Period counts the limit from the start of the billing period (recorded usage plus the traffic
    /// since the last recording), so the live limit matches the data cap.
    /// </summary>
    public sealed partial class WatchNetUsageCommand
    {
        /// <summary>The shortest gap between two recordings of one watch.</summary>
        private static readonly TimeSpan RecordEvery = TimeSpan.FromMinutes(1);

        private readonly Stopwatch _sinceRecord = new Stopwatch();
        private PeriodUsage? _period;

        [Parameter]
        public SwitchParameter Record { get; set; }

        [Parameter]
        public QuotaPeriod Period { get; set; } = QuotaPeriod.Month;

        [Parameter]
        [ValidateRange(1, BillingPeriod.MaxBillingDay)]
        public int BillingDay { get; set; } = 1;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        private bool HasPeriod => MyInvocation.BoundParameters.ContainsKey(nameof(Period)) || MyInvocation.BoundParameters.ContainsKey(nameof(BillingDay));

        /// <summary>Opens the history up front and records the starting snapshot (see <see cref="PeriodUsage.Begin"/>).</summary>
        private void StartHistory(InterfaceSelector selector, CounterSnapshot snapshot)
        {
            if (!Record && !HasPeriod)
            {
                return;
            }

            _period = HasPeriod ? new PeriodUsage(this, Path, Period, BillingDay, Direction, selector.Includes) : null;
            PeriodUsage.Begin(this, Path, snapshot, WriteVerbose);
            _sinceRecord.Restart();
        }

        private void RecordHistory(CounterSnapshot snapshot)
        {
            if (!Record || _sinceRecord.Elapsed < RecordEvery)
            {
                return;
            }

            PeriodUsage.Try(this, Path, database =>
            {
                PeriodUsage.Record(database, snapshot, WriteVerbose);
                _sinceRecord.Restart();
            }, create: true, WriteWarning);
        }

        /// <summary>With -Period, the usage since the period began replaces the usage since the watch began.</summary>
        private ulong CountAgainstPeriod(ulong sinceWatchBegan, CounterSnapshot snapshot) =>
            _period == null ? sinceWatchBegan : _period.Count(snapshot, sinceWatchBegan, WriteWarning);
    }
}
