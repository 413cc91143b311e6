using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Plans;
using NetUsageTracker.Platform;
using NetUsageTracker.Reports;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Writes one self-contained HTML report with charts: from the usage history, or from history records
    /// and quotas piped in (from several machines, grouped by PSComputerName).
    /// </summary>
    [Cmdlet(VerbsData.Export, "NetUsageReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = HistorySet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportNetUsageReportCommand : HistoryInterfaceCmdlet
    {
        private const string HistorySet = "History";
        private const string InputSet = "InputObject";

        private readonly List<PSObject> _input = new List<PSObject>();
        private readonly LimitParameters _limit;

        // The moment the counters were read for the history's report: its "now", as Get-NetUsageQuota's.
        private DateTime? _snapshotUtc;

        public ExportNetUsageReportCommand()
        {
            _limit = new LimitParameters(this, QuotaPeriod.Month);
        }

        /// <summary>The report file, first by position (the history is -Path, as in every history cmdlet; the
        /// metrics file of Export-NetUsageMetric is -MetricsPath).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string ReportPath { get; set; } = "";

        /// <summary>The history file: the base class's -Path, read only when the report is drawn from the
        /// history. -HistoryPath was its name here before -Path meant the history in every cmdlet.</summary>
        [Parameter(ParameterSetName = HistorySet)]
        [Alias("HistoryPath")]
        [ValidateNotNullOrEmpty]
        public new string? Path
        {
            get => base.Path;
            set => base.Path = value;
        }

        /// <summary>The base class's -InterfaceName, named only: position 0 is the report file, and pipeline
        /// input is -InputObject.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public new string[]? InterfaceName
        {
            get => base.InterfaceName;
            set => base.InterfaceName = value;
        }

        [Parameter(ParameterSetName = HistorySet), ByteSizeTransformation, ValidatePositive] public long Limit { get => _limit.Limit; set => _limit.Limit = value; }

        [Parameter(ParameterSetName = HistorySet), ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get => _limit.Period; set => _limit.Period = value; }

        [Parameter(ParameterSetName = HistorySet), ValidateRange(1, BillingPeriod.MaxBillingDay)] public int BillingDay { get => _limit.BillingDay; set => _limit.BillingDay = value; }

        [Parameter(ParameterSetName = HistorySet)] public UsageDirection Direction { get => _limit.Direction; set => _limit.Direction = value; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputSet)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        [Parameter]
        public SwitchParameter Open { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputSet)
            {
                if (InputObject != null)
                {
                    _input.Add(InputObject);
                }
            }
            else
            {
                base.ProcessRecord();
            }
        }

        protected override void EndProcessing()
        {
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ReportPath);
            CheckTarget(file);
            IReadOnlyList<MachineUsage> machines = ParameterSetName == InputSet ? FromInput() : FromHistory();
            if (!ShouldProcess(file, "Write the network usage report"))
            {
                return;
            }

            DateTime nowUtc = DateTime.UtcNow;
            string title = Title ?? (machines.Count == 1 ? $"Network usage of {machines[0].ComputerName}" : $"Network usage of {machines.Count} machines");
            string html = ReportPage.Write(ReportBuilder.Build(title, machines, _snapshotUtc ?? nowUtc));
            Write(file, html);
            if (Open)
            {
                OpenInBrowser(file);
            }

            // Through the provider, as Get-Item returns it: with PSPath and the rest the file views use.
            WriteObject(InvokeProvider.Item.Get(new[] { file }, false, true), enumerateCollection: true);
        }

        /// <summary>An existing report is replaced only with -Force; a folder never.</summary>
        private void CheckTarget(string file)
        {
            if (Directory.Exists(file))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"'{file}' is a folder; give the report a file name, such as '{System.IO.Path.Combine(file, "usage.html")}'."),
                    "ReportPathIsFolder", ErrorCategory.InvalidArgument, file));
            }

            if (File.Exists(file) && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"The file '{file}' already exists. Use -Force to replace it, or choose another -ReportPath."),
                    "ReportFileExists", ErrorCategory.ResourceExists, file));
            }

            string? folder = System.IO.Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new DirectoryNotFoundException($"The folder '{folder}' does not exist; create it first or choose another -ReportPath."),
                    "ReportFolderNotFound", ErrorCategory.ObjectNotFound, folder));
            }
        }

        private IReadOnlyList<MachineUsage> FromHistory()
        {
            string historyFile = ResolvePath();
            if (!File.Exists(historyFile))
            {
                WriteWarning($"There is no usage history at '{historyFile}' yet; the report says how to start recording.");
                return new[] { new MachineUsage(Environment.MachineName, historyFile) };
            }

            CounterSnapshot snapshot = ModuleState.GetSampler().TakeSnapshot();
            _snapshotUtc = snapshot.UtcTime;
            using HistoryDatabase database = OpenDatabaseAt(historyFile, create: false);
            var reader = new HistoryReader(database);
            QuotaRequest? quota = _limit.Quota;
            return Guard(() =>
            {
                SelectInterfaces(reader, out List<string> names);
                MachineUsage usage = HistoryReportSource.Load(reader, Environment.MachineName, historyFile, names, quota,
                    HistoryReadings.From(snapshot), LinkSpeed.ForOneRecording());
                foreach (PlanQuota stored in PlanSupport.Quotas(reader, new PlanStore(database).List(), snapshot))
                {
                    usage.PlanQuotas.Add(stored.Quota);
                }

                usage.TopApps.AddRange(HistoryReportSource.TopApps(database, names, snapshot.UtcTime));
                return new[] { usage };
            });
        }

        private IReadOnlyList<MachineUsage> FromInput()
        {
            // Piped objects are what the user already chose upstream (locally or on each remote machine): every
            // class of them counts here, and -InterfaceName only narrows them further.
            var selector = new InterfaceSelector(InterfaceName, includeVirtual: true, includeLoopback: true, InterfaceClassifier.FromName);
            var input = new ReportInput(selector.Includes);
            foreach (PSObject item in _input)
            {
                if (!input.TryAdd(item, out string reason))
                {
                    WriteError(new ErrorRecord(
                        new ArgumentException($"Export-NetUsageReport cannot use this input object: {reason}"),
                        "InputObjectNotSupported", ErrorCategory.InvalidArgument, item));
                }
            }

            if (input.Machines.Count == 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("The pipeline input holds no usage history records or quotas of the selected interfaces, so there is nothing to report; no file was written."),
                    "NoReportInput", ErrorCategory.InvalidData, null));
            }

            return input.Machines;
        }

        /// <summary>Writes a temporary file beside the report and moves it into place, so a stopped or failed
        /// write never leaves half a report (nor destroys the one there).</summary>
        private void Write(string file, string html)
        {
            string temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file) ?? ".", "." + System.IO.Path.GetFileName(file) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllText(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                if (File.Exists(file))
                {
                    File.Replace(temporary, file, null);
                }
                else
                {
                    File.Move(temporary, file);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                File.Delete(temporary);
                ThrowTerminatingError(new ErrorRecord(e, "ReportWriteFailed", ErrorCategory.WriteError, file));
            }
        }

        /// <summary>Opens the report as Start-Process would: the default browser, or a warning where there is none.</summary>
        private void OpenInBrowser(string file)
        {
            string? failure = FileOpener.Open(file);
            if (failure != null)
            {
                WriteWarning($"The report was written, but it could not be opened: {failure}. Open '{file}' in a web browser.");
            }
        }
    }
}
