using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
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
        private string _historyPath = "";

        [Parameter]
        public SwitchParameter Record { get; set; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get => _limit.Period; set => _limit.Period = value; }

        [Parameter, ValidateRange(1, BillingPeriod.MaxBillingDay)] public int BillingDay { get => _limit.BillingDay; set => _limit.BillingDay = value; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>
        /// Opens the history up front, so a bad file stops the watch before it starts, and records the starting
        /// snapshot: from then on the history plus the traffic since its last recording is exact.
        /// </summary>
        private void StartHistory(InterfaceSelector selector, CounterSnapshot snapshot)
        {
            QuotaPeriod period = _limit.CountedPeriod();
            if (!Record && period == QuotaPeriod.Session)
            {
                return;
            }

            var measured = new HashSet<string>();
            using (HistoryDatabase database = HistoryCmdlet.OpenDatabase(this, Path, create: true))
            {
                try
                {
                    PeriodUsage.Record(database, snapshot, WriteVerbose);
                    measured = new HistoryReader(database).MeasuredInterfaces();
                }
                catch (HistoryStoreException e)
                {
                    // Its own ErrorId (HistoryCorrupt, HistoryLocked...), as every history cmdlet reports it.
                    ThrowTerminatingError(HistoryCmdlet.ToErrorRecord(e));
                }
            }

            _historyPath = HistoryCmdlet.ResolvePath(this, Path);
            // The figure is the live interfaces': one this machine measured, or sees now (the snapshot is refilled at
            // every step), and never a name only an imported log knows, unless it was named.
            Func<string, bool> include = name => selector.Includes(name) && (measured.Contains(name) || snapshot.IndexOf(name) >= 0 || selector.Names(name));
            _period = period == QuotaPeriod.Session ? null : new PeriodUsage(_historyPath, period, BillingDay, Direction, include);
            _sinceRecord.Restart();
        }

        private void RecordHistory(CounterSnapshot snapshot)
        {
            if (!Record || _sinceRecord.Elapsed < RecordEvery)
            {
                return;
            }

            PeriodUsage.Try(_historyPath, database =>
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
