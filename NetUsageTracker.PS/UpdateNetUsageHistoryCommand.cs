using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.RecorderProcess;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsData.Update, "NetUsageHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(NetUsageRecord))]
    public sealed partial class UpdateNetUsageHistoryCommand : HistoryCmdlet
    {
        /// <summary>How often the resident recorder asks whether a network changed between recordings (a read of the
        /// route and neighbour tables, or NetworkManager's last answer), to record at the change. A look costs tens of
        /// microseconds, and the recorder's whole day a second or two of CPU: once a minute keeps the looks within a few
        /// percent of it (the Recording section of the benchmark says how many), and at most a minute's traffic on the
        /// previous network's side of a change.</summary>
        internal static readonly TimeSpan NetworkCheck = TimeSpan.FromSeconds(60);

        private NetworkSnapshot? _recordedNetworks;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Keeps recording at this interval until stopped: the resident recorder.</summary>
        [Parameter]
        [ValidatePositive]
        [ValidateInterval("-Every", ShortestSeconds = RecorderWait.ShortestEverySeconds)]
        public TimeSpan Every { get; set; }

        protected override void EndProcessing()
        {
            string path = ResolvePath();
            bool resident = MyInvocation.BoundParameters.ContainsKey(nameof(Every));
            if (!ShouldProcess(path, resident ? $"Record the traffic every {Every} until stopped" : "Record the traffic since the last recording"))
            {
                return;
            }

            if (!resident)
            {
                RecordOnce(path);
                return;
            }

            using RecorderLock held = Guard(() => RecorderLock.Take(path));
            using ShutdownNotice shutdown = ShutdownNotice.Listen();
            string stops = shutdown.Sources.Count == 0 ? "Ctrl+C" : "Ctrl+C or " + string.Join(", ", shutdown.Sources);
            WriteVerbose($"Recording into {path} every {Every}; stops on {stops}, recording once more first.");
            StartProcesses();
            var clock = Stopwatch.StartNew();
            TimeSpan recorded = TimeSpan.Zero;
            try
            {
                for (long step = 1; ; step++)
                {
                    recorded = clock.Elapsed;
                    RecordOnce(path);
                    // What the recording used is of no use through the wait: the system gets it back.
                    ResidentMemory.Release();
                    // A step missed (a recording slower than the interval) is skipped, not caught up on in a burst.
                    step = Math.Max(step, (clock.Elapsed.Ticks / Every.Ticks) + 1);
                    if (WaitNoticingNetworks(path, clock, TimeSpan.FromTicks(Every.Ticks * step), shutdown))
                    {
                        WriteVerbose($"Asked to end ({shutdown.Reason}): recording once more.");
                        RecordLast(path, clock, recorded);
                        return;
                    }
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the traffic up to this moment is recorded before the pipeline stops.
                RecordLast(path, clock, recorded);
                throw;
            }
            finally
            {
                shutdown.Finished();
            }
        }

        /// <summary>
        /// Waits until the next recording is due, recording at once when an interface's network changes meanwhile, so
        /// the traffic up to the change is counted to the network that carried it; true when the system asked the
        /// process to end first. The network source hands out the same snapshot while nothing changed: one
        /// reference comparison per look.
        /// </summary>
        private bool WaitNoticingNetworks(string path, Stopwatch clock, TimeSpan due, ShutdownNotice shutdown)
        {
            INetworkSource source = ModuleState.GetNetworkSource();
            while (true)
            {
                TimeSpan left = due - clock.Elapsed;
                TimeSpan look = left < NetworkCheck ? left : NetworkCheck;
                if (Wait(clock, clock.Elapsed + look, shutdown))
                {
                    return true;
                }

                if (clock.Elapsed >= due)
                {
                    return false;
                }

                NetworkSnapshot now = source.Read();
                if (!ReferenceEquals(now, _recordedNetworks) && !now.Equals(_recordedNetworks))
                {
                    WriteVerbose($"The networks changed ({now}): recording at the change.");
                    RecordOnce(path);
                }
            }
        }

        /// <summary>Waits until the next recording is due; true when the system asked the process to end first.</summary>
        private bool Wait(Stopwatch clock, TimeSpan due, ShutdownNotice shutdown)
        {
            var handles = new[] { shutdown.Asked, StopToken.WaitHandle };
            // With per-process recording, the wait is cut into the sockets' sampling interval; each cut is one
            // system wait, chained past the longest the system allows (RecorderWait), and a wait of zero still
            // looks at the stop signals once.
            do
            {
                TimeSpan left = due - clock.Elapsed;
                TimeSpan slice = left > TimeSpan.Zero ? ProcessWait(left) : TimeSpan.Zero;
                if (RecorderWait.Until(handles, clock, clock.Elapsed + slice) != System.Threading.WaitHandle.WaitTimeout)
                {
                    if (StopToken.IsCancellationRequested)
                    {
                        throw new PipelineStoppedException();
                    }

                    return true;
                }

                SampleProcesses(due - clock.Elapsed);
            }
            while (due - clock.Elapsed > TimeSpan.Zero);

            return false;
        }

        /// <summary>
        /// The recording made on the way out. Asked to end just after a recording, it first lets the boot clock
        /// move on (at most <see cref="RecorderWait.ShortestEvery"/>), so its reading is newer than the one this
        /// recorder stored, never taken for another recorder's.
        /// </summary>
        private void RecordLast(string path, Stopwatch clock, TimeSpan recorded)
        {
            TimeSpan spaced = recorded + RecorderWait.ShortestEvery;
            if (clock.Elapsed < spaced)
            {
                System.Threading.Thread.Sleep(spaced - clock.Elapsed);
            }

            RecordOnce(path);
        }

        private void RecordOnce(string path)
        {
            Sampler sampler = ModuleState.GetSampler();
            using HistoryDatabase database = OpenDatabaseAt(path, create: true);
            var notices = new List<string>();
            var networks = new RecordedNetworkSource(ModuleState.GetNetworkSource());
            IRecordingPart? part = ProcessPart();
            IReadOnlyList<NetUsageRecord> records = Guard(() => HistoryReadings.RecordNow(database, sampler, notices, networks, part));
            _recordedNetworks = networks.Last;
            AfterRecording(database, sampler);
            foreach (string notice in notices)
            {
                WriteVerbose(notice);
            }

            WriteVerbose(HistorySummary.Recorded(records, path));
            CheckPlanAlerts(database);
            if (PassThru)
            {
                WriteObject(records, enumerateCollection: true);
            }
        }
    }
}

namespace NetUsageTracker.Commands
{
    /// <summary>A network source that keeps the snapshot it handed to a recording, to compare the next look with.</summary>
    internal sealed class RecordedNetworkSource : INetworkSource
    {
        private readonly INetworkSource _source;

        public RecordedNetworkSource(INetworkSource source) => _source = source;

        public NetworkSnapshot? Last { get; private set; }

        public string Name => _source.Name;

        public string? LastFallbackReason => _source.LastFallbackReason;

        public NetworkSnapshot Read() => Last = _source.Read();

        public void Dispose()
        {
            // The runspace's source outlives a recording.
        }
    }
}
