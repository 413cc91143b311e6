using System.Linq;
using System.Management.Automation;
using NetUsageTracker.History;

namespace NetUsageTracker.Commands
{
    /// <summary>Changes how long each roll-up is kept; stored in the history, so every recorder prunes alike.</summary>
    [Cmdlet(VerbsCommon.Set, "NetUsageHistoryRetention", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(HistoryRetention))]
    public sealed class SetNetUsageHistoryRetentionCommand : HistoryCmdlet
    {
        private static readonly string[] Retentions = { nameof(FiveMinuteHours), nameof(HourDays), nameof(DayDays), nameof(MonthMonths), nameof(YearYears) };

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int FiveMinuteHours { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int HourDays { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int DayDays { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MonthMonths { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int YearYears { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            string changes = string.Join(", ", MyInvocation.BoundParameters.Keys
                .Where(k => k != nameof(PassThru) && k != nameof(Path) && Retentions.Contains(k))
                .Select(k => $"{k} = {MyInvocation.BoundParameters[k]}"));
            // Shorter retention deletes older periods at the next recording, hence ConfirmImpact High.
            bool change = changes.Length > 0;
            if (change && !ShouldProcess(ResolvePath(), $"Set the history retention ({changes}; 0 keeps for ever)"))
            {
                return;
            }

            using HistoryDatabase database = OpenDatabase(create: true);
            HistoryRetention retention = Guard(() => database.Run(() => HistoryRetention.Load(database)));
            retention.FiveMinuteHours = Bound(nameof(FiveMinuteHours), FiveMinuteHours, retention.FiveMinuteHours);
            retention.HourDays = Bound(nameof(HourDays), HourDays, retention.HourDays);
            retention.DayDays = Bound(nameof(DayDays), DayDays, retention.DayDays);
            retention.MonthMonths = Bound(nameof(MonthMonths), MonthMonths, retention.MonthMonths);
            retention.YearYears = Bound(nameof(YearYears), YearYears, retention.YearYears);
            if (change)
            {
                Guard(() =>
                {
                    retention.Save(database);
                    return 0;
                });
            }

            if (PassThru)
            {
                WriteObject(retention);
            }
        }

        private int Bound(string name, int value, int current) => MyInvocation.BoundParameters.ContainsKey(name) ? value : current;
    }
}
