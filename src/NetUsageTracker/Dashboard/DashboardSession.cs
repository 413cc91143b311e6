using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NetUsageTracker.Alerts;
using NetUsageTracker.Dashboard.Rendering;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Dashboard
{
    /// <summary>
    /// Show-NetUsage's live view, all on the caller's thread: sample on schedule, and between samples poll
    /// the keys, the terminal's size and the connection, redrawing at once when any of them changes. The
    /// limit counts the session, or with a <see cref="PeriodUsage"/> the period from the history; alerts
    /// fire as Watch-NetUsage's do and the latest is on the banner; what would go to the host's streams
    /// while the view holds the screen is kept until it closes (a warning also shows on the prompt line).
    /// </summary>
    public sealed class DashboardSession
    {
        /// <summary>How often keys are polled between samples: fast enough to feel immediate, cheap enough to be idle.</summary>
        public static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(50);

        private readonly DashboardModel _model;
        private readonly DashboardOptions _options;
        private readonly Action<CounterSnapshot> _sample;
        private readonly ConnectionMonitor _connection;
        private readonly PeriodUsage? _period;
        private readonly DashboardCallbacks _callbacks;
        private readonly ISessionClock _clock;
        private readonly List<(bool Warning, string Text)> _deferred = new List<(bool, string)>();
        private readonly List<IDashboardPane> _panes = new List<IDashboardPane>();
        private IReadOnlyList<NetUsageAlert> _raising = Array.Empty<NetUsageAlert>();
        private bool _viewOpen;

        /// <param name="sample">Refills a snapshot with the counters now (Sampler.Read).</param>
        /// <param name="clock">The session's time; a Stopwatch by default.</param>
        /// <param name="notifier">What shows notifications with <see cref="DashboardOptions.Notify"/>; the platform's by default.</param>
        public DashboardSession(DashboardModel model, DashboardOptions options, Action<CounterSnapshot> sample, ConnectionMonitor connection,
            PeriodUsage? period, DashboardCallbacks callbacks, ISessionClock? clock = null, INotifier? notifier = null)
        {
            _model = model;
            _options = options;
            _sample = sample;
            _connection = connection;
            _period = period;
            _callbacks = callbacks;
            _clock = clock ?? new StopwatchClock();
            Status = new DashboardStatus(new ViewInput())
            {
                IntervalSeconds = options.Interval.TotalSeconds,
                TestsInternet = options.TestsInternet,
                Direction = options.Direction,
                Thresholds = options.Thresholds,
                Panes = _panes,
            };
            Alerts = new LimitAlerts("view", options.Direction, options.Thresholds.ToArray(), options.Notify, Warn, Verbose, callbacks.Publish, notifier)
            {
                CountedSince = period == null ? null : (Func<DateTime, string>)period.CountedSince,
            };
            if (options.Limit.HasValue)
            {
                Alerts.SetLimit(options.Limit.Value);
                Status.Limit = options.Limit;
            }
        }

        /// <summary>What the view shows besides the traffic: the limit, the banner, the prompt, the panes.</summary>
        public DashboardStatus Status { get; }

        public LimitAlerts Alerts { get; }

        /// <summary>Adds a pane that its key shows in place of the interface table.</summary>
        public void AddPane(IDashboardPane pane) => _panes.Add(pane);

        /// <summary>
        /// Runs the view on <paramref name="terminal"/> from <paramref name="snapshot"/> (the first sample, which the
        /// model started from) until the user leaves; <see cref="OperationCanceledException"/> when
        /// <paramref name="stop"/> ends it. Returns how long the frames took.
        /// </summary>
        public FrameTimings Run(ITerminal terminal, CounterSnapshot snapshot, CancellationToken stop)
        {
            _viewOpen = true;
            try
            {
                return Loop(terminal, snapshot, stop);
            }
            finally
            {
                _viewOpen = false;
            }
        }

        /// <summary>Once the view has closed: a notification still on its way is given a moment, then what the view kept is written.</summary>
        public void Close(CancellationToken stop)
        {
            Alerts.Finish(stop);
            foreach ((bool warning, string text) in _deferred)
            {
                (warning ? _callbacks.Warning : _callbacks.Verbose)(text);
            }

            _deferred.Clear();
        }

        /// <summary>A warning: while the view holds the screen it is kept (and shown on the prompt line, unless an
        /// alert's banner says it already) until the view closes.</summary>
        public void Warn(string text)
        {
            if (!_viewOpen)
            {
                _callbacks.Warning(text);
                return;
            }

            _deferred.Add((true, text));
            if (!_raising.Any(a => LimitAlerts.WarningText(a) == text))
            {
                Status.Message = text;
            }
        }

        public void Verbose(string text)
        {
            if (_viewOpen)
            {
                _deferred.Add((false, text));
            }
            else
            {
                _callbacks.Verbose(text);
            }
        }

        private FrameTimings Loop(ITerminal terminal, CounterSnapshot snapshot, CancellationToken stop)
        {
            DashboardStatus status = Status;
            status.SampledAt = snapshot.UtcTime.ToLocalTime();
            status.InterfaceLabel = InterfaceLabel();
            var screen = new DashboardScreen(terminal, _options.Colour);
            var timings = new FrameTimings();
            var notices = new List<CounterNotice>();
            TimeSpan start = _clock.Elapsed;
            TimeSpan interval = _options.Interval;

            Count(snapshot);
            _connection.Refresh(_clock.Elapsed);
            status.Connection = _connection.Current;
            status.Network = CurrentNetwork();
            screen.Draw(_model, status, repaint: true);

            for (long step = 1; ; step++)
            {
                // Samples are scheduled from the start, so the interval does not drift with the work done.
                TimeSpan due = start + TimeSpan.FromTicks(interval.Ticks * step);
                if (!WaitBetweenSamples(due, terminal, screen, snapshot, stop))
                {
                    return timings;
                }

                _sample(snapshot);
                long sampled = Stopwatch.GetTimestamp();
                notices.Clear();
                _model.Advance(snapshot, notices);
                foreach (CounterNotice notice in notices)
                {
                    Verbose(notice.Message);
                }

                if (notices.Count > 0)
                {
                    status.InterfaceLabel = InterfaceLabel();
                }

                foreach (IDashboardPane pane in _panes)
                {
                    pane.Sample(snapshot, _model);
                }

                status.SampledAt = snapshot.UtcTime.ToLocalTime();
                status.Network = CurrentNetwork();
                Count(snapshot);
                bool repaint = RaiseAlerts(Describe(_clock.Elapsed - start));
                screen.Draw(_model, status, repaint);
                timings.Add((Stopwatch.GetTimestamp() - sampled) * 1000.0 / Stopwatch.Frequency);
            }
        }

        /// <summary>The network of the connection's interface: the source hands back the same snapshot while nothing changed.</summary>
        private Networks.InterfaceNetwork? CurrentNetwork()
        {
            string? name = Status.Connection.InterfaceName;
            return _options.Networks == null || !Status.Connection.Connected || name == null ? null : _options.Networks.Read().For(name);
        }

        /// <summary>Handles keys, resizes and connection changes until the next sample is due; false when the user leaves.</summary>
        private bool WaitBetweenSamples(TimeSpan due, ITerminal terminal, DashboardScreen screen, CounterSnapshot last, CancellationToken stop)
        {
            while (true)
            {
                stop.ThrowIfCancellationRequested();
                bool redraw = false, repaint = false;
                while (terminal.TryReadKey(out ConsoleKeyInfo key))
                {
                    ViewCommand command = Status.Input.Handle(key);
                    if (command == ViewCommand.Exit)
                    {
                        return false;
                    }

                    repaint |= command == ViewCommand.Repaint;
                    redraw |= command != ViewCommand.None ? Dispatch(command, last) : OfferToPanes(key);
                }

                if (_connection.Refresh(_clock.Elapsed))
                {
                    Status.Connection = _connection.Current;
                    Status.Network = CurrentNetwork();
                    redraw = true;
                }

                if (redraw || repaint || screen.Resized)
                {
                    screen.Draw(_model, Status, repaint);
                }

                TimeSpan left = due - _clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return true;
                }

                _clock.Wait(left < KeyPoll ? left : KeyPoll, stop);
            }
        }

        /// <summary>Does what a key asked; true (the view is drawn again).</summary>
        private bool Dispatch(ViewCommand command, CounterSnapshot last)
        {
            switch (command)
            {
                case ViewCommand.TogglePause:
                    _model.TogglePause();
                    break;
                case ViewCommand.ToggleUnit:
                    _model.ToggleUnit();
                    break;
                case ViewCommand.ResetSession:
                    _model.ResetSession(last);
                    Status.Banner = null;
                    Count(last);
                    break;
                case ViewCommand.SelectNext:
                    _model.Select(1);
                    break;
                case ViewCommand.SelectPrevious:
                    _model.Select(-1);
                    break;
                case ViewCommand.SetLimit:
                    // The new limit is checked at the next sample, like any other usage.
                    Alerts.SetLimit(Status.Input.NewLimit);
                    Status.Limit = Status.Input.NewLimit;
                    break;
            }

            return true;
        }

        /// <summary>A key the view does not use, while browsing: a pane's key shows it (and hides the others), or hides it again.</summary>
        private bool OfferToPanes(ConsoleKeyInfo key)
        {
            if (Status.Input.Mode != ViewMode.Normal)
            {
                return false;
            }

            char pressed = char.ToLowerInvariant(key.KeyChar);
            IDashboardPane? chosen = _panes.FirstOrDefault(p => p.Key == pressed);
            if (chosen == null)
            {
                return false;
            }

            bool show = !chosen.Visible;
            foreach (IDashboardPane pane in _panes)
            {
                pane.Visible = show && pane == chosen;
            }

            return true;
        }

        /// <summary>What the limit counts now: the session's traffic, or with a period the period's from the history.</summary>
        private void Count(CounterSnapshot snapshot)
        {
            ulong session = QuotaCalculator.Counted(_model.All.BytesReceived, _model.All.BytesSent, _options.Direction);
            if (_period == null)
            {
                Status.Counted = session;
                return;
            }

            Status.Counted = _period.Count(snapshot, session, Warn);
            Status.PeriodLabel = _period.Label(snapshot.UtcTime.ToLocalTime());
        }

        private string InterfaceLabel() => string.Join(",", _model.All.InterfaceNames);

        /// <summary>The step as Watch-NetUsage describes it: the subject of this step's alerts.</summary>
        private NetUsageWatch Describe(TimeSpan elapsed)
        {
            TrafficTrack all = _model.All;
            return Alerts.Describe(Status.SampledAt, _options.ComputerName, Status.InterfaceLabel, all.BytesReceived, all.BytesSent,
                all.ReceivedRate, all.SentRate, elapsed, Status.Counted);
        }

        /// <summary>Raises this step's alerts and puts the latest on the banner; true when the screen must be repainted
        /// (an engine event's handler may have written on it).</summary>
        private bool RaiseAlerts(NetUsageWatch watch)
        {
            List<NetUsageAlert> raised = Alerts.Check(watch);
            if (raised.Count == 0)
            {
                return false;
            }

            NetUsageAlert latest = raised.OrderBy(a => a.Threshold).Last();
            Status.Banner = LimitAlerts.WarningText(latest);
            Status.BannerAt = latest.Timestamp;
            Status.BannerBand = latest.Threshold >= 100 ? GaugeBand.Exceeded : GaugeBand.Warning;
            _raising = raised;
            try
            {
                Alerts.Raise(raised, null);
            }
            finally
            {
                _raising = Array.Empty<NetUsageAlert>();
            }

            return true;
        }
    }
}
