using System;
using System.Collections.Generic;
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
        private Func<string, bool>? _periodInterfaces;

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

        /// <summary>
        /// Opens the history once up front, so a bad file stops the watch before it starts, and records the
        /// starting snapshot: from then on the history plus the traffic since its last recording is exact,
        /// also for interfaces the history had not seen.
        /// </summary>
        private void StartHistory(InterfaceSelector selector, CounterSnapshot snapshot)
        {
            if (!Record && !HasPeriod)
            {
                return;
            }

            _periodInterfaces = HasPeriod ? selector.Includes : null;
            using HistoryDatabase database = HistoryCmdlet.OpenDatabase(this, Path, create: true);
            RecordNow(database, snapshot);
        }

        private void RecordHistory(CounterSnapshot snapshot)
        {
            if (!Record || _sinceRecord.Elapsed < RecordEvery)
            {
                return;
            }

            TryHistory(database => RecordNow(database, snapshot), create: true);
        }

        private void RecordNow(HistoryDatabase database, CounterSnapshot snapshot)
        {
            var notices = new List<string>();
            HistoryReadings.Record(database, snapshot, notices);
            foreach (string notice in notices)
            {
                WriteVerbose(notice);
            }

            _sinceRecord.Restart();
        }

        /// <summary>With -Period, the usage since the period began replaces the usage since the watch began.</summary>
        private ulong CountAgainstPeriod(ulong sinceWatchBegan, CounterSnapshot snapshot)
        {
            if (_periodInterfaces == null)
            {
                return sinceWatchBegan;
            }

            ulong counted = sinceWatchBegan;
            TryHistory(database =>
            {
                var reader = new HistoryReader(database);
                DateTime now = snapshot.UtcTime;
                (DateTime start, DateTime end) = BillingPeriod.Containing(now.ToLocalTime(), Period, BillingDay);
                (ulong rx, ulong tx) = reader.SumDays(start, end, _periodInterfaces);
                (ulong prx, ulong ptx) = HistoryReadings.Pending(reader, snapshot, _periodInterfaces);
                counted = QuotaCalculator.Counted(rx + prx, tx + ptx, Direction);
            }, create: false);
            return counted;
        }

        /// <summary>A failure mid-watch (a recorder holding the lock too long) is a warning: the watch goes on.</summary>
        private void TryHistory(Action<HistoryDatabase> work, bool create)
        {
            try
            {
                using HistoryDatabase database = HistoryDatabase.Open(HistoryCmdlet.ResolvePath(this, Path), create);
                work(database);
            }
            catch (HistoryStoreException e)
            {
                WriteWarning(e.Message);
            }
        }
    }
}
