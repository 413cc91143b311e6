using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsData.Import, "NetUsageHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NetUsageRecord))]
    public sealed class ImportNetUsageHistoryCommand : HistoryCmdlet
    {
        private readonly List<LoggedReading> _lines = new List<LoggedReading>();
        private int _row;

        // The cells arrive as they are (Import-Csv gives text) and are read strictly here, so that a bad cell
        // is refused with its row and field named instead of a binding error, or an empty counter read as 0.

        /// <summary>A date and time, round-trip ISO 8601 text, or text in the culture's (or -Culture's) general format.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? Timestamp { get; set; }

        /// <summary>The same moment as round-trip ISO 8601 text in UTC, which the module's own objects carry into a CSV
        /// (their Timestamp is written in the writer's culture); read in place of Timestamp when a row has it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? TimestampUtc { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? InterfaceName { get; set; }

        /// <summary>The counter of bytes received: a whole number, or its digits as text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? BytesReceived { get; set; }

        /// <summary>The counter of bytes sent: a whole number, or its digits as text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? BytesSent { get; set; }

        /// <summary>The culture the log's timestamps were written in, when not ISO 8601 and not the current culture's.</summary>
        [Parameter]
        [ValidateNotNull]
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentCulture;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            _row++;
            DateTime nowUtc = DateTime.UtcNow;
            string? problem = null;
            DateTime utc = default;
            ulong received = 0, sent = 0;
            if (string.IsNullOrEmpty(InterfaceName))
            {
                problem = "InterfaceName " + (InterfaceName == null ? "is missing" : "is empty");
            }
            else if (!LogRowParser.TryTimestamp(Unwrap(Present(TimestampUtc) ?? Timestamp), Culture, nowUtc, out utc, out string why))
            {
                problem = (Present(TimestampUtc) != null ? "TimestampUtc " : "Timestamp ") + why;
            }
            else if (!LogRowParser.TryCounter(Unwrap(BytesReceived), out received, out why))
            {
                problem = "BytesReceived " + why;
            }
            else if (!LogRowParser.TryCounter(Unwrap(BytesSent), out sent, out why))
            {
                problem = "BytesSent " + why;
            }

            if (problem != null)
            {
                string where = string.IsNullOrEmpty(InterfaceName) ? "" : $" ({InterfaceName})";
                var error = new FormatException($"Input row {_row}{where}: {problem}. The row was not imported; the rows around it were.");
                WriteError(new ErrorRecord(error, "InvalidLogRow", ErrorCategory.InvalidData, _row));
            }
            else
            {
                _lines.Add(new LoggedReading(utc, new CounterReading(InterfaceName!, received, sent)));
            }

            // Pipeline-bound values are not reset between rows by every host: a missing cell must not take the row before's.
            Timestamp = TimestampUtc = BytesReceived = BytesSent = null;
            InterfaceName = null;
        }

        protected override void EndProcessing()
        {
            string path = ResolvePath();
            if (_lines.Count == 0 || !ShouldProcess(path, $"Add the traffic of {_lines.Count} logged readings to the usage history"))
            {
                return;
            }

            using HistoryDatabase database = OpenDatabase(create: true);
            var notices = new List<string>();
            IReadOnlyList<NetUsageRecord> added = Guard(() => new HistoryImporter(database).Import(_lines, DateTime.UtcNow, notices));
            foreach (string notice in notices)
            {
                WriteVerbose(notice);
            }

            WriteVerbose(HistorySummary.Imported(added, _lines.Count, path));
            if (PassThru)
            {
                WriteObject(added, enumerateCollection: true);
            }
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>A cell that holds something: a CSV written before TimestampUtc existed, or by hand, has none or an empty one.</summary>
        private static object? Present(object? value) => Unwrap(value) is string text && text.Trim().Length == 0 ? null : value;
    }
}
