using System;
using System.Collections.Generic;
using NetUsageTracker.Dashboard.Rendering;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Dashboard
{
    /// <summary>One row of the apps pane: a process (or other users, or the remainder) with its rates now and its bytes since the pane opened.</summary>
    public sealed class AppRow
    {
        internal AppRow(TrafficOwner owner, string name)
        {
            Owner = owner;
            Name = name;
        }

        public TrafficOwner Owner { get; }

        public string Name { get; }

        public int? ProcessId => Owner.Kind == ProcessUsageKind.Process ? (int)Owner.Id : (int?)null;

        public double ReceivedRate { get; internal set; }

        public double SentRate { get; internal set; }

        public ulong BytesReceived { get; internal set; }

        public ulong BytesSent { get; internal set; }
    }

    /// <summary>
    /// The live view's apps pane (key a): the processes by rate, with what each moved since the pane was
    /// opened, and the remainder last, so the rows add up to the watched interfaces as Get-NetProcessUsage's
    /// do. The sockets are read only while the pane is shown: opening it takes the baseline, each sample of
    /// the view a step. The source is opened on first show; when it cannot run, the pane says why.
    /// </summary>
    public sealed class AppsPane : IDashboardPane, IDisposable
    {
        /// <summary>
        /// The share of a core the pane's socket reads may take: half a percent. A few hundred sockets are read at
        /// every sample of the view; where thousands make a read cost more, the pane skips samples to stay within
        /// it (its rates are then over the longer step).
        /// </summary>
        public const double DefaultCpuBudget = 0.005;

        /// <summary>The longest the budget holds the rows: they never stand still longer than this.</summary>
        public static readonly TimeSpan LongestGap = TimeSpan.FromSeconds(5);

        private readonly Func<ProcessUsageSampler> _open;
        private readonly double _cpuBudget;
        private long _nextRead;
        private readonly Func<string, bool> _includeInterface;
        private ProcessUsageSampler? _sampler;
        private ProcessUsageTotals _totals = new ProcessUsageTotals();
        private List<AppRow> _rows = new List<AppRow>();
        private bool _visible;

        /// <param name="open">Makes the per-process sampler (over the view's interface sampler), on first show.</param>
        /// <param name="includeInterface">The view's interface selection: the rows add up to it.</param>
        /// <param name="cpuBudget">The share of a core its reads may take (<see cref="DefaultCpuBudget"/>).</param>
        public AppsPane(Func<ProcessUsageSampler> open, Func<string, bool> includeInterface, double cpuBudget = DefaultCpuBudget)
        {
            _cpuBudget = cpuBudget > 0 ? cpuBudget : throw new ArgumentOutOfRangeException(nameof(cpuBudget));
            _open = open ?? throw new ArgumentNullException(nameof(open));
            _includeInterface = includeInterface ?? throw new ArgumentNullException(nameof(includeInterface));
        }

        public char Key => 'a';

        public string KeyLabel => "apps";

        public bool Visible
        {
            get => _visible;
            set
            {
                if (value && !_visible)
                {
                    Begin();
                }

                _visible = value;
            }
        }

        /// <summary>The rows now: processes and other users by rate (then by bytes), the remainder last; empty until the first step.</summary>
        public IReadOnlyList<AppRow> Shown => _rows;

        /// <summary>Why the pane shows no processes (no source here, or the source failed); null when it works.</summary>
        public string? Unavailable { get; private set; }

        /// <summary>The source's name, for the heading.</summary>
        public string? SourceName => _sampler?.Source.Name;

        /// <summary>When the rows' bytes begin (UTC); null before the baseline.</summary>
        public DateTime? SinceUtc => _totals.SinceUtc;

        public int Rows => Math.Max(1, _rows.Count);

        public void Sample(CounterSnapshot snapshot, DashboardModel model)
        {
            if (_visible && System.Diagnostics.Stopwatch.GetTimestamp() >= _nextRead)
            {
                Step();
            }
        }

        public void Paint(ScreenBuffer screen, int top, int rows, DashboardModel model, DashboardStatus status) =>
            AppsTable.Paint(screen, top, rows, this, model.Unit);

        public void Dispose() => _sampler?.Dispose();

        /// <summary>A fresh baseline each time the pane opens: its figures run from then.</summary>
        private void Begin()
        {
            _totals = new ProcessUsageTotals();
            _rows = new List<AppRow>();
            if (Unavailable != null && _sampler == null)
            {
                return;
            }

            try
            {
                _sampler ??= _open();
                Step();
            }
            catch (FlowSourceUnavailableException e)
            {
                Unavailable = e.Message;
            }
        }

        private void Step()
        {
            if (_sampler == null || Unavailable != null)
            {
                return;
            }

            ProcessUsageStep step;
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                step = _sampler.Sample(_includeInterface);
                // The first read (the baseline) pays one-time costs (compiling, the first walk of /proc): not counted.
                double gap = step.IsBaseline ? 0 : Math.Min((System.Diagnostics.Stopwatch.GetTimestamp() - started) / _cpuBudget, LongestGap.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
                _nextRead = started + (long)gap;
            }
            catch (Exception e) when (e is FlowSourceException || e is System.ComponentModel.Win32Exception)
            {
                Unavailable = $"The per-process source ({_sampler.Source.Name}) failed: {e.Message}";
                return;
            }

            _totals.Add(step);
            if (!step.IsBaseline)
            {
                _rows = Rank(step, _totals);
            }
        }

        /// <summary>Every owner seen since the pane opened with this step's rates, busiest first; the remainder last.</summary>
        internal static List<AppRow> Rank(ProcessUsageStep step, ProcessUsageTotals totals)
        {
            var rates = new Dictionary<TrafficOwner, ProcessTraffic>();
            foreach (ProcessTraffic traffic in step.Owners)
            {
                rates[traffic.Owner] = traffic;
            }

            var rows = new List<AppRow>();
            foreach (ProcessUsageTotals.OwnerTotal total in totals.Owners())
            {
                var row = new AppRow(total.Owner, ProcessUsageNames.Of(total.Owner, total.Identity))
                {
                    BytesReceived = total.BytesReceived,
                    BytesSent = total.BytesSent,
                };
                if (rates.TryGetValue(total.Owner, out ProcessTraffic? now))
                {
                    row.ReceivedRate = CounterDelta.Rate(now.BytesReceived, step.Seconds) ?? 0;
                    row.SentRate = CounterDelta.Rate(now.BytesSent, step.Seconds) ?? 0;
                }

                rows.Add(row);
            }

            rows.Sort((a, b) =>
            {
                int rate = (b.ReceivedRate + b.SentRate).CompareTo(a.ReceivedRate + a.SentRate);
                if (rate != 0)
                {
                    return rate;
                }

                int bytes = (b.BytesReceived + b.BytesSent).CompareTo(a.BytesReceived + a.BytesSent);
                return bytes != 0 ? bytes : a.Owner.Id.CompareTo(b.Owner.Id);
            });
            rows.Add(new AppRow(TrafficOwner.Remainder, ProcessUsageNames.Unattributed)
            {
                ReceivedRate = CounterDelta.Rate(step.Remainder.BytesReceived, step.Seconds) ?? 0,
                SentRate = CounterDelta.Rate(step.Remainder.BytesSent, step.Seconds) ?? 0,
                BytesReceived = totals.Remainder.BytesReceived,
                BytesSent = totals.Remainder.BytesSent,
            });
            return rows;
        }
    }
}
