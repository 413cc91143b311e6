using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Plans;
using NetUsageTracker.Sampling;
using NetUsageTracker.Scheduling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// The usage as Prometheus metrics: the text to the pipeline, or with -MetricsPath into a file that
    /// node_exporter's or windows_exporter's textfile collector reads, replaced in one step.
    /// </summary>
    [Cmdlet(VerbsData.Export, "NetUsageMetric", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = TextSet)]
    [OutputType(typeof(string), ParameterSetName = new[] { TextSet })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { FileSet })]
    public sealed class ExportNetUsageMetricCommand : HistoryInterfaceCmdlet
    {
        private const string TextSet = "Text";
        private const string FileSet = "File";

        /// <summary>The metrics file (the history is -Path, as in every history cmdlet).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet)]
        [ValidateNotNullOrEmpty]
        public string MetricsPath { get; set; } = "";

        [Parameter(ParameterSetName = FileSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>The base class's -InterfaceName, named only: position 0 is the metrics file.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public new string[]? InterfaceName
        {
            get => base.InterfaceName;
            set => base.InterfaceName = value;
        }

        [Parameter]
        [ByteSizeTransformation]
        [ValidatePositive]
        public long Limit { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string PlanName { get; set; } = "default";

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get; set; } = QuotaPeriod.Month;

        [Parameter]
        [ValidateRange(1, BillingPeriod.MaxBillingDay)]
        public int BillingDay { get; set; } = 1;

        [Parameter]
        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        protected override void EndProcessing()
        {
            bool plan = MyInvocation.BoundParameters.ContainsKey(nameof(Limit));
            RejectPlanWithoutLimit(plan);
            string? file = null;
            if (ParameterSetName == FileSet)
            {
                file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(MetricsPath);
                Try(() => MetricsFile.CheckTarget(file, Force));
                if (MetricsFile.UnscrapedWarning(file) is string unscraped)
                {
                    WriteWarning(unscraped);
                }
            }

            var jobs = NetUsageTaskSupport.FindInstalled(this, RecordingSchedulers.ForThisPlatform());
            CounterSnapshot snapshot = ModuleState.GetSampler().TakeSnapshot();
            string text;
            using (HistoryDatabase database = OpenDatabase(create: false))
            {
                text = Guard(() =>
                {
                    var reader = new HistoryReader(database);
                    InterfaceSelector selector = SelectInterfaces(reader, out List<string> names);
                    var sources = new MetricsSources(snapshot.UtcTime) { Counters = snapshot, Includes = selector.Includes, BillingDay = BillingDay };
                    foreach ((IRecordingScheduler _, NetUsageTask job) in jobs)
                    {
                        sources.Jobs.Add(job);
                    }

                    if (plan)
                    {
                        var quota = new QuotaPlan(PlanName, Limit, Period, BillingDay, Direction, selector.Includes, string.Join(",", names));
                        sources.Plans.Add(quota.Compute(reader, HistoryReadings.From(snapshot), snapshot.UtcTime));
                    }
                    else
                    {
                        foreach (PlanQuota stored in PlanSupport.Quotas(reader, new PlanStore(database).List(), snapshot))
                        {
                            sources.Plans.Add(stored);
                        }
                    }

                    return ExpositionText.Write(UsageMetrics.Build(database, sources));
                });
            }

            if (file == null)
            {
                WriteObject(text);
                return;
            }

            if (ShouldProcess(file, "Write the network usage metrics"))
            {
                Try(() => MetricsFile.Write(file, text, Force));
                WriteObject(InvokeProvider.Item.Get(new[] { file }, false, true), enumerateCollection: true);
            }
        }

        /// <summary>The error of a metrics file that cannot be written, for this cmdlet and the recorder's registration.</summary>
        internal static ErrorRecord ToErrorRecord(MetricsFileException e)
        {
            (string id, ErrorCategory category) = e.Failure switch
            {
                MetricsFailure.FolderNotFound => ("MetricsFolderNotFound", ErrorCategory.ObjectNotFound),
                MetricsFailure.PathIsFolder => ("MetricsPathIsFolder", ErrorCategory.InvalidArgument),
                MetricsFailure.NotMetricsFile => ("MetricsFileExists", ErrorCategory.ResourceExists),
                MetricsFailure.AccessDenied => ("MetricsAccessDenied", ErrorCategory.PermissionDenied),
                _ => ("MetricsWriteFailed", ErrorCategory.WriteError),
            };
            return new ErrorRecord(e, id, category, e.Path);
        }

        private void Try(Action work)
        {
            try
            {
                work();
            }
            catch (MetricsFileException e)
            {
                ThrowTerminatingError(ToErrorRecord(e));
            }
        }

        /// <summary>-PlanName, -Period and -Direction describe the plan that -Limit makes; alone they would be ignored.</summary>
        private void RejectPlanWithoutLimit(bool plan)
        {
            if (plan)
            {
                return;
            }

            foreach (string name in new[] { nameof(PlanName), nameof(Period), nameof(Direction) })
            {
                if (MyInvocation.BoundParameters.ContainsKey(name))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"-{name} describes the plan that -Limit sets; add -Limit, or leave -{name} out."),
                        "PlanWithoutLimit",
                        ErrorCategory.InvalidArgument,
                        name));
                }
            }
        }
    }
}
