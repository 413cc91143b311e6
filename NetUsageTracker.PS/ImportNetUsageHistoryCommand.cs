using System;
using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsData.Import, "NetUsageHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(NetUsageRecord))]
    public sealed class ImportNetUsageHistoryCommand : HistoryCmdlet
    {
        private readonly List<LoggedReading> _lines = new List<LoggedReading>();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public DateTime Timestamp { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string InterfaceName { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public ulong BytesReceived { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public ulong BytesSent { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            // A log's times are local unless they say otherwise (Export-Csv writes them without a zone).
            DateTime utc = Timestamp.Kind == DateTimeKind.Utc ? Timestamp : DateTime.SpecifyKind(Timestamp, DateTimeKind.Local).ToUniversalTime();
            _lines.Add(new LoggedReading(utc, new CounterReading(InterfaceName, BytesReceived, BytesSent)));
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
    }
}
