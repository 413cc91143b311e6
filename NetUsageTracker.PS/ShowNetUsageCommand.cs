using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.Connection;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Dashboard.Rendering;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// The live full-screen view in the terminal: rates with graphs, usage, a limit gauge that alerts as
    /// Watch-NetUsage does, the connection, and the interfaces, redrawn in place each interval.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "NetUsage")]
    public sealed partial class ShowNetUsageCommand : InterfaceCommandBase
    {
        /// <summary>How often the connection is read again when the system reports no change.</summary>
        private static readonly TimeSpan ConnectionRefresh = TimeSpan.FromSeconds(5);

        private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
        private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(30);

        // What the view would have written to the host while it held the screen: written when it closes.
        private readonly List<(bool Warning, string Text)> _deferred = new List<(bool, string)>();
        private bool _viewOpen;
        private LimitPeriod _limitPeriod;

        [Parameter]
        [ByteSizeTransformation]
        [ValidatePositive]
        public long Limit { get; set; }

        [Parameter]
        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        [Parameter]
        public LimitPeriod Period { get; set; } = LimitPeriod.Session;

        [Parameter]
        [ValidateRange(1, BillingPeriod.MaxBillingDay)]
        public int BillingDay { get; set; } = 1;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePositive]
        public double[]? Threshold { get; set; }

        [Parameter]
        public SwitchParameter Notify { get; set; }

        [Parameter]
        [ValidateRange(0.1, 86400.0)]
        public double Interval { get; set; } = 1.0;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        public SwitchParameter TestInternet { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateEndpoint]
        public string[] ProbeEndpoint { get; set; } = ReachabilityProbe.DefaultEndpoints;

        protected override void BeginProcessing()
        {
            _limitPeriod = ChoosePeriod();
            string? reason = NonInteractiveReason();
            if (reason != null)
            {
                ThrowTerminatingError(InteractiveTerminalRequired(reason));
            }
        }

        protected override void EndProcessing()
        {
            Sampler sampler = ModuleState.GetSampler();
            CounterSnapshot snapshot = sampler.TakeSnapshot();
            InterfaceSelector selector = CreateSelector(snapshot);
            var model = new DashboardModel(selector.Includes);
            model.Start(snapshot);
            ReportMissing(selector, snapshot.InterfaceNames(), model.Interfaces.Count);

            PeriodUsage? periodUsage = null;
            if (_limitPeriod != LimitPeriod.Session)
            {
                periodUsage = new PeriodUsage(this, Path, ToQuotaPeriod(_limitPeriod), BillingDay, Direction, selector.Includes);
                PeriodUsage.Begin(this, Path, snapshot, Verbose);
            }

            var alerts = new LimitAlerts(this, "view", Direction, Threshold ?? LimitGauge.DefaultThresholds.ToArray(), Notify, Warn, Verbose)
            {
                CountedSince = periodUsage == null ? null : (Func<DateTime, string>)periodUsage.CountedSince,
            };
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Limit)))
            {
                alerts.SetLimit(Limit);
            }

            // The monitor refreshes on the pipeline thread (only its probe runs in the background), so the classes
            // come from the view's own snapshot, refilled in place every interval: no extra read of the counters.
            using (var connection = new ConnectionMonitor(() => ConnectionInfoProvider.GetAll(InterfaceSelector.ClassesOf(snapshot)), ConnectionRefresh,
                TestInternet ? ProbeEndpoint : null, ProbeTimeout, ProbeEvery))
            {
                FrameTimings timings;
                ConsoleTerminal terminal = OpenTerminal();
                _viewOpen = true;
                try
                {
                    timings = RunView(terminal, sampler, snapshot, model, alerts, periodUsage, connection);
                }
                finally
                {
                    terminal.Dispose();
                    _viewOpen = false;
                }

                alerts.Finish(StopToken);
                WriteDeferred();
                WriteVerbose(timings.Describe());
            }
        }

        private LimitPeriod ChoosePeriod()
        {
            bool periodGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Period));
            if (MyInvocation.BoundParameters.ContainsKey(nameof(BillingDay)))
            {
                if (periodGiven && Period == LimitPeriod.Session)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException("-BillingDay sets the day a billing month starts; use it with -Period Month, not -Period Session."),
                        "BillingDayWithoutPeriod", ErrorCategory.InvalidArgument, BillingDay));
                }

                // As with Watch-NetUsage, a billing day alone means the billing month.
                return periodGiven ? Period : LimitPeriod.Month;
            }

            return Period;
        }

        private static QuotaPeriod ToQuotaPeriod(LimitPeriod period) => period switch
        {
            LimitPeriod.Day => QuotaPeriod.Day,
            LimitPeriod.Week => QuotaPeriod.Week,
            _ => QuotaPeriod.Month,
        };

        private ConsoleTerminal OpenTerminal()
        {
            try
            {
                return ConsoleTerminal.Open();
            }
            catch (TerminalUnavailableException e)
            {
                ThrowTerminatingError(InteractiveTerminalRequired(e.Message));
                throw;
            }
        }

        /// <summary>A warning: while the view holds the screen it is kept (and shown on the prompt line) until the view closes.</summary>
        private void Warn(string text)
        {
            if (_viewOpen)
            {
                _deferred.Add((true, text));
                OnDeferredWarning(text);
            }
            else
            {
                WriteWarning(text);
            }
        }

        private void Verbose(string text)
        {
            if (_viewOpen)
            {
                _deferred.Add((false, text));
            }
            else
            {
                WriteVerbose(text);
            }
        }

        private void WriteDeferred()
        {
            foreach ((bool warning, string text) in _deferred)
            {
                if (warning)
                {
                    WriteWarning(text);
                }
                else
                {
                    WriteVerbose(text);
                }
            }

            _deferred.Clear();
        }
    }
}
