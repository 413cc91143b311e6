using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.Connection;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Dashboard.Rendering;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Plans;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// The live full-screen view in the terminal: rates with graphs, usage, a limit gauge that alerts as
    /// Watch-NetUsage does, the connection, and the interfaces, redrawn in place each interval. The view
    /// itself is the engine's <see cref="DashboardSession"/>; this cmdlet checks the terminal and sets it up.
    /// </summary>
    [Cmdlet(VerbsCommon.Show, "NetUsage")]
    public sealed class ShowNetUsageCommand : InterfaceCommandBase
    {
        private readonly LimitParameters _limit;
        private QuotaPeriod _period;

        // A network plan's networks: the period counts what they carried.
        private NetworkSelection? _planNetworks;

        public ShowNetUsageCommand()
        {
            _limit = new LimitParameters(this, QuotaPeriod.Session);
        }

        [Parameter, ByteSizeTransformation, ValidatePositive] public long Limit { get => _limit.Limit; set => _limit.Limit = value; }

        [Parameter] public UsageDirection Direction { get => _limit.Direction; set => _limit.Direction = value; }

        [Parameter] public QuotaPeriod Period { get => _limit.Period; set => _limit.Period = value; }

        [Parameter, ValidateRange(1, BillingPeriod.MaxBillingDay)] public int BillingDay { get => _limit.BillingDay; set => _limit.BillingDay = value; }

        [Parameter, ValidateNotNullOrEmpty, ValidatePositive] public double[]? Threshold { get => _limit.Threshold; set => _limit.Threshold = value; }

        [Parameter] public SwitchParameter Notify { get => _limit.Notify; set => _limit.Notify = value; }

        /// <summary>The stored plan to show; without it and without -Limit, the plan of the network the machine is on.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlanNameCompleter))]
        public string? Plan { get; set; }

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
            _period = _limit.CountedPeriod();
            string? reason = Host.Name == "ServerRemoteHost" ? "this is a remote session, whose terminal is on the other side"
                : Host.Name == "Windows PowerShell ISE Host" ? "the PowerShell ISE has no terminal"
                : ConsoleTerminal.UnavailableReason();
            if (reason != null)
            {
                ThrowTerminatingError(InteractiveTerminalRequired(reason));
            }
        }

        protected override void EndProcessing()
        {
            Sampler sampler = ModuleState.GetSampler();
            CounterSnapshot snapshot = sampler.TakeSnapshot();
            ApplyPlan(snapshot);
            InterfaceSelector selector = CreateSelector(snapshot);
            var model = new DashboardModel(selector.Includes);
            model.Start(snapshot);
            ReportMissing(selector, snapshot.InterfaceNames(), model.Interfaces.Count);

            PeriodUsage? period = null;
            if (_period != QuotaPeriod.Session)
            {
                // The history is opened up front, so a bad file stops the cmdlet before the view opens.
                using HistoryDatabase database = HistoryCmdlet.OpenDatabase(this, Path, create: true);
                PeriodUsage.Record(database, snapshot, WriteVerbose, ModuleState.GetNetworkSource().Read());
                period = new PeriodUsage(HistoryCmdlet.ResolvePath(this, Path), _period, BillingDay, Direction, selector.Includes,
                    _planNetworks, _planNetworks == null ? null : (Func<Networks.NetworkSnapshot>)(() => ModuleState.GetNetworkSource().Read()));
            }

            var options = new DashboardOptions
            {
                Interval = TimeSpan.FromSeconds(Interval),
                Colour = UseColour(),
                TestsInternet = TestInternet,
                Limit = _limit.GivenLimit,
                Direction = Direction,
                Thresholds = (IReadOnlyList<double>?)Threshold ?? LimitGauge.DefaultThresholds,
                Notify = Notify,
                Networks = ModuleState.GetNetworkSource(),
            };

            // The monitor refreshes on the pipeline thread (only its probe runs in the background), so the classes
            // come from the view's own snapshot, refilled in place every interval: no extra read of the counters.
            using var connection = ConnectionMonitor.ForLiveView(() => ConnectionInfoProvider.GetAll(InterfaceSelector.ClassesOf(snapshot)),
                TestInternet ? ProbeEndpoint : null);
            var session = new DashboardSession(model, options, sampler.Read, connection, period,
                new DashboardCallbacks(WriteWarning, WriteVerbose, _limit.Publish));
            // The apps pane opens the per-process source only when its key first shows it.
            using var apps = new AppsPane(() => new ProcessUsageSampler(sampler, ProcessUsageState.SourceFactory()), selector.Includes);
            session.AddPane(apps);
            FrameTimings timings;
            using (ConsoleTerminal terminal = OpenTerminal())
            {
                try
                {
                    timings = session.Run(terminal, snapshot, StopToken);
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
            }

            session.Close(StopToken);
            WriteVerbose(timings.Describe());
        }

        /// <summary>
        /// -Plan, or without it and without any limit parameter the plan of the network the machine is on: its
        /// limit, direction, period and thresholds, over the interfaces it counts.
        /// </summary>
        private void ApplyPlan(CounterSnapshot snapshot)
        {
            string[] own = { nameof(Limit), nameof(Period), nameof(BillingDay), nameof(Direction), nameof(Threshold), nameof(InterfaceName) };
            LivePlan? live = Plan != null ? LivePlanParameter.Named(this, Path, Plan, snapshot)
                : own.Any(MyInvocation.BoundParameters.ContainsKey) ? null
                : LivePlanParameter.Current(this, Path, snapshot);
            if (live == null)
            {
                return;
            }

            _limit.UsePlan(live.Plan);
            _period = _limit.CountedPeriod();
            _planNetworks = live.Networks;
            if (live.Plan.Scope != PlanScope.AllPhysical && live.InterfaceNames.Count > 0)
            {
                SelectNames(live.InterfaceNames.Select(WildcardPattern.Escape));
            }

            WriteVerbose($"Showing plan {live.Plan}.");
        }

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

        private static ErrorRecord InteractiveTerminalRequired(string reason) => new ErrorRecord(
            new PSInvalidOperationException(
                $"Show-NetUsage needs an interactive terminal, and {reason}. For logs, scripts and pipelines use Watch-NetUsage, " +
                "which writes an object per interval (for example: Watch-NetUsage -Limit 5GB | Export-Csv usage.csv)."),
            "InteractiveTerminalRequired",
            ErrorCategory.InvalidOperation,
            null);

        /// <summary>
        /// Colour as PowerShell itself would: PowerShell 7.2+ says with $PSStyle.OutputRendering (PlainText
        /// when NO_COLOR is set); Windows PowerShell 5.1 has no $PSStyle, so NO_COLOR is read directly.
        /// </summary>
        private bool UseColour()
        {
            object? style = SessionState.PSVariable.GetValue("PSStyle");
            if (style != null)
            {
                object? rendering = PSObject.AsPSObject(style).Properties["OutputRendering"]?.Value;
                return rendering == null || rendering.ToString() != "PlainText";
            }

            return string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        }
    }
}
