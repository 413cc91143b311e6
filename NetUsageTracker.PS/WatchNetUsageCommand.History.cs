using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Watch-NetUsage and the history: -Record feeds the history as the watch runs (at most once a minute),
    /// and -Period counts the limit from the start of the billing period (recorded usage plus the traffic
    /// since the last recording), so the live limit matches the data cap.
    /// </summary>
    public sealed partial class WatchNetUsageCommand
    {
        /// <summary>The shortest gap between two recordings of one watch.</summary>
        private static readonly TimeSpan RecordEvery = TimeSpan.FromMinutes(1);

        private readonly Stopwatch _sinceRecord = new Stopwatch();
        private PeriodUsage? _period;
        private string _historyPath = "";

        [Parameter]
        public SwitchParameter Record { get; set; }

        [Parameter, ValidateSet(nameof(QuotaPeriod.Day), nameof(QuotaPeriod.Week), nameof(QuotaPeriod.Month))]
        public QuotaPeriod Period { get => _limit.Period; set => _limit.Period = value; }

        [Parameter, ValidateRange(1, BillingPeriod.MaxBillingDay)] public int BillingDay { get => _limit.BillingDay; set => _limit.BillingDay = value; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Counts only the interfaces on a matching network, each while it is on one.</summary>
        [Parameter, SupportsWildcards, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string[]? Network { get; set; }

        private NetworkFilter? _networkFilter;
        private INetworkSource? _networkSource;
        private NetworkSnapshot? _networks;

        /// <summary>
        /// With -Network or -Record, the networks are read every sample (the source hands back the same snapshot while
        /// nothing changed): -Network counts an interface while it is on a matching network, and -Record records at a
        /// change, so the traffic up to it is counted to the network that carried it.
        /// </summary>
        private Func<string, bool> StartNetworks(InterfaceSelector selector)
        {
            _networkFilter = NetworkFilter.From(Network);
            if (_networkFilter == null && !Record)
            {
                return selector.Includes;
            }

            _networkSource = ModuleState.GetNetworkSource();
            _networks = _networkSource.Read();
            if (_networkFilter == null)
            {
                return selector.Includes;
            }

            NetworkFilter filter = _networkFilter;
            if (!_networks.Known.Any(filter.Matches))
            {
                WriteWarning($"No interface is on a network matching {string.Join(", ", Network!)} now; the watch counts one once it is.");
            }

            return name => selector.Includes(name) && filter.Matches(_networks!.For(name));
        }

        /// <summary>True when a network changed since the last sample.</summary>
        private bool ReadNetworks()
        {
            if (_networkSource == null)
            {
                return false;
            }

            NetworkSnapshot now = _networkSource.Read();
            if (ReferenceEquals(now, _networks) || now.Equals(_networks))
            {
                return false;
            }

            _networks = now;
            return true;
        }

        /// <summary>
        /// Opens the history up front, so a bad file stops the watch before it starts, and records the starting
        /// snapshot: from then on the history plus the traffic since its last recording is exact.
        /// </summary>
        private void StartHistory(InterfaceSelector selector, Func<string, bool> include, CounterSnapshot snapshot)
        {
            QuotaPeriod period = _limit.CountedPeriod();
            if (!Record && period == QuotaPeriod.Session)
            {
                return;
            }

            NetworkSelection? networks = null;
            using (HistoryDatabase database = HistoryCmdlet.OpenDatabase(this, Path, create: true))
            {
                PeriodUsage.Record(database, snapshot, WriteVerbose, _networks ?? ModuleState.GetNetworkSource().Read());
                if (_networkFilter != null && period != QuotaPeriod.Session)
                {
                    networks = _networkFilter.Select(this, new HistoryReader(database));
                }
            }

            _historyPath = HistoryCmdlet.ResolvePath(this, Path);
            _period = period == QuotaPeriod.Session ? null
                : networks != null ? new PeriodUsage(_historyPath, period, BillingDay, Direction, selector.Includes, networks, () => _networks!)
                : new PeriodUsage(_historyPath, period, BillingDay, Direction, include);
            _sinceRecord.Restart();
        }

        /// <summary>Records at most once a minute, and at once when a network changed.</summary>
        private void RecordHistory(CounterSnapshot snapshot, bool networksChanged)
        {
            if (!Record || (_sinceRecord.Elapsed < RecordEvery && !networksChanged))
            {
                return;
            }

            PeriodUsage.Try(_historyPath, database =>
            {
                PeriodUsage.Record(database, snapshot, WriteVerbose, _networks);
                _sinceRecord.Restart();
            }, create: true, WriteWarning);
        }

        /// <summary>With -Period, the usage since the period began replaces the usage since the watch began.</summary>
        private ulong CountAgainstPeriod(ulong sinceWatchBegan, CounterSnapshot snapshot) =>
            _period == null ? sinceWatchBegan : _period.Count(snapshot, sinceWatchBegan, WriteWarning);
    }
}
