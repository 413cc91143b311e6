using System.Collections.Generic;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsData.Update, "NetUsageHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(NetUsageRecord))]
    public sealed class UpdateNetUsageHistoryCommand : HistoryCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            string path = ResolvePath();
            if (!ShouldProcess(path, "Record the traffic since the last recording"))
            {
                return;
            }

            Sampler sampler = ModuleState.GetSampler();
            using HistoryDatabase database = OpenDatabase(create: true);
            var notices = new List<string>();
            IReadOnlyList<NetUsageRecord> records = Guard(() => HistoryReadings.RecordNow(database, sampler, notices));
            foreach (string notice in notices)
            {
                WriteVerbose(notice);
            }

            if (PassThru)
            {
                WriteObject(records, enumerateCollection: true);
            }
        }
    }
}
