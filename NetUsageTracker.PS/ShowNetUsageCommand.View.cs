using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Dashboard.Rendering;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Show-NetUsage's loop, all on the pipeline thread: sample on schedule, and between samples poll the
    /// keys, the terminal's size and the connection, redrawing at once when any of them changes.
    /// </summary>
    public sealed partial class ShowNetUsageCommand
    {
        /// <summary>How often keys are polled between samples: fast enough to feel immediate, cheap enough to be idle.</summary>
        private static readonly TimeSpan KeyPoll = TimeSpan.FromMilliseconds(50);

        private DashboardStatus? _status;
        private IReadOnlyList<NetUsageAlert> _raising = Array.Empty<NetUsageAlert>();

        private FrameTimings RunView(ConsoleTerminal terminal, Sampler sampler, CounterSnapshot snapshot, DashboardModel model,
            LimitAlerts alerts, PeriodUsage? period, ConnectionMonitor connection)
        {
            var input = new ViewInput();
            var status = new DashboardStatus(input)
            {
                IntervalSeconds = Interval,
                TestsInternet = TestInternet,
                Direction = Direction,
                Thresholds = (IReadOnlyList<double>?)Threshold ?? LimitGauge.DefaultThresholds,
                Limit = alerts.Thresholds?.Limit,
                SampledAt = snapshot.UtcTime.ToLocalTime(),
                InterfaceLabel = InterfaceLabel(model),
            };
            _status = status;
            var screen = new DashboardScreen(terminal, UseColour());
            var timings = new FrameTimings();
            var notices = new List<CounterNotice>();
            var clock = Stopwatch.StartNew();
            TimeSpan interval = TimeSpan.FromSeconds(Interval);
            string computer = Environment.MachineName;

            Count(model, status, period, snapshot);
            connection.Refresh(clock.Elapsed);
            status.Connection = connection.Current;
            screen.Draw(model, status, repaint: true);

            for (long step = 1; ; step++)
            {
                // Samples are scheduled from the start, so the interval does not drift with the work done.
                TimeSpan due = TimeSpan.FromTicks(interval.Ticks * step);
                if (!WaitBetweenSamples(due, clock, terminal, screen, model, status, alerts, connection, snapshot, period))
                {
                    return timings;
                }

                sampler.Read(snapshot);
                long sampled = Stopwatch.GetTimestamp();
                notices.Clear();
                model.Advance(snapshot, notices);
                foreach (CounterNotice notice in notices)
                {
                    Verbose(notice.Message);
                }

                if (notices.Count > 0)
                {
                    status.InterfaceLabel = InterfaceLabel(model);
                }

                status.SampledAt = snapshot.UtcTime.ToLocalTime();
                Count(model, status, period, snapshot);
                bool repaint = RaiseAlerts(alerts, Describe(model, status, computer, clock.Elapsed), status);
                screen.Draw(model, status, repaint);
                timings.Add((Stopwatch.GetTimestamp() - sampled) * 1000.0 / Stopwatch.Frequency);
            }
        }

        /// <summary>Handles keys, resizes and connection changes until the next sample is due; false when the user leaves.</summary>
        private bool WaitBetweenSamples(TimeSpan due, Stopwatch clock, ConsoleTerminal terminal, DashboardScreen screen, DashboardModel model,
            DashboardStatus status, LimitAlerts alerts, ConnectionMonitor connection, CounterSnapshot last, PeriodUsage? period)
        {
            while (true)
            {
                if (StopToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                bool redraw = false, repaint = false;
                while (terminal.TryReadKey(out ConsoleKeyInfo key))
                {
                    ViewCommand command = status.Input.Handle(key);
                    switch (command)
                    {
                        case ViewCommand.Exit:
                            return false;
                        case ViewCommand.Repaint:
                            repaint = true;
                            break;
                        case ViewCommand.TogglePause:
                            model.TogglePause();
                            break;
                        case ViewCommand.ToggleUnit:
                            model.ToggleUnit();
                            break;
                        case ViewCommand.ResetSession:
                            model.ResetSession(last);
                            status.Banner = null;
                            Count(model, status, period, last);
                            break;
                        case ViewCommand.SelectNext:
                            model.Select(1);
                            break;
                        case ViewCommand.SelectPrevious:
                            model.Select(-1);
                            break;
                        case ViewCommand.SetLimit:
                            // The new limit is checked at the next sample, like any other usage.
                            alerts.SetLimit(status.Input.NewLimit);
                            status.Limit = status.Input.NewLimit;
                            break;
                    }

                    redraw |= command != ViewCommand.None;
                }

                if (connection.Refresh(clock.Elapsed))
                {
                    status.Connection = connection.Current;
                    redraw = true;
                }

                if (redraw || repaint || screen.Resized)
                {
                    screen.Draw(model, status, repaint);
                }

                TimeSpan left = due - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return true;
                }

                StopToken.WaitHandle.WaitOne(left < KeyPoll ? left : KeyPoll);
            }
        }

        /// <summary>What the limit counts now: the session's traffic, or with -Period the period's from the history.</summary>
        private void Count(DashboardModel model, DashboardStatus status, PeriodUsage? period, CounterSnapshot snapshot)
        {
            ulong session = QuotaCalculator.Counted(model.All.BytesReceived, model.All.BytesSent, Direction);
            if (period == null)
            {
                status.Counted = session;
                return;
            }

            status.Counted = period.Count(snapshot, session, Warn);
            status.PeriodLabel = PeriodLabel(period, snapshot.UtcTime.ToLocalTime());
        }

        private static string PeriodLabel(PeriodUsage period, DateTime now)
        {
            switch (period.Period)
            {
                case QuotaPeriod.Day:
                    return "today";
                case QuotaPeriod.Week:
                    return "this week";
                default:
                    return period.BillingDay == 1
                        ? "this month"
                        : "since " + period.Containing(now).Start.ToString("MMM d", System.Globalization.CultureInfo.CurrentCulture);
            }
        }

        private static string InterfaceLabel(DashboardModel model) => string.Join(",", model.All.InterfaceNames);

        /// <summary>The step as Watch-NetUsage describes it: the subject of this step's alerts.</summary>
        private NetUsageWatch Describe(DashboardModel model, DashboardStatus status, string computer, TimeSpan elapsed)
        {
            TrafficTrack all = model.All;
            return new NetUsageWatch
            {
                Timestamp = status.SampledAt,
                ComputerName = computer,
                InterfaceName = status.InterfaceLabel,
                BytesReceived = all.BytesReceived,
                BytesSent = all.BytesSent,
                ReceivedBytesPerSecond = all.ReceivedRate,
                SentBytesPerSecond = all.SentRate,
                Elapsed = elapsed,
                Direction = Direction,
                CountedBytes = status.Counted,
                Limit = status.Limit,
                PercentOfLimit = status.Limit.HasValue ? Math.Round(status.Counted * 100.0 / status.Limit.Value, 2) : (double?)null,
                LimitExceeded = status.Limit.HasValue && status.Counted >= (ulong)status.Limit.Value,
            };
        }

        /// <summary>Raises this step's alerts and puts the latest on the banner; true when the screen must be repainted
        /// (an engine event's handler may have written on it).</summary>
        private bool RaiseAlerts(LimitAlerts alerts, NetUsageWatch watch, DashboardStatus status)
        {
            List<NetUsageAlert> raised = alerts.Check(watch);
            if (raised.Count == 0)
            {
                return false;
            }

            NetUsageAlert latest = raised.OrderBy(a => a.Threshold).Last();
            status.Banner = LimitAlerts.WarningText(latest);
            status.BannerAt = latest.Timestamp;
            status.BannerBand = latest.Threshold >= 100 ? GaugeBand.Exceeded : GaugeBand.Warning;
            _raising = raised;
            try
            {
                alerts.Raise(raised, null);
            }
            finally
            {
                _raising = Array.Empty<NetUsageAlert>();
            }

            return true;
        }

        /// <summary>A warning while the view is open: an alert's is on the banner already; any other goes on the prompt line.</summary>
        private void OnDeferredWarning(string text)
        {
            if (_status != null && !_raising.Any(a => LimitAlerts.WarningText(a) == text))
            {
                _status.Message = text;
            }
        }
    }
}
