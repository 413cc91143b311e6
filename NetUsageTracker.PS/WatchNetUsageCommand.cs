using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.History;
using NetUsageTracker.Limits;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Watch, "NetUsage")]
    [OutputType(typeof(NetUsageWatch), typeof(NetProcessUsage))]
    public sealed partial class WatchNetUsageCommand : InterfaceCommandBase
    {
        private const int ProgressId = 0x4E55;

        private readonly LimitParameters _limit;

        public WatchNetUsageCommand()
        {
            _limit = new LimitParameters(this, QuotaPeriod.Month);
        }

        [Parameter, ByteSizeTransformation, ValidatePositive] public long Limit { get => _limit.Limit; set => _limit.Limit = value; }

        [Parameter] public UsageDirection Direction { get => _limit.Direction; set => _limit.Direction = value; }

        [Parameter]
        [ValidatePositive]
        [ValidateInterval("-Interval")]
        public double Interval { get; set; } = 1.0;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        [Parameter]
        [ValidatePositive]
        public TimeSpan Duration { get; set; }

        [Parameter]
        public ScriptBlock? Action { get; set; }

        protected override void EndProcessing()
        {
            Sampler sampler = ModuleState.GetSampler();
            CounterSnapshot snapshot = sampler.TakeSnapshot();
            ApplyPlan(snapshot);
            InterfaceSelector selector = CreateSelector(snapshot);
            Func<string, bool> include = StartNetworks(selector);
            var accumulator = new UsageAccumulator(include);
            accumulator.Start(snapshot);
            ReportMissing(selector, snapshot.InterfaceNames(), _networkFilter == null ? accumulator.Interfaces.Count : (int?)null);
            StartHistory(selector, include, snapshot);
            StartProcesses(sampler, selector);

            LimitAlerts alerts = StartAlerts();
            var notices = new List<CounterNotice>();
            var clock = Stopwatch.StartNew();
            TimeSpan interval = TimeSpan.FromSeconds(Interval);
            bool hasDuration = MyInvocation.BoundParameters.ContainsKey(nameof(Duration));
            string computer = Environment.MachineName;
            WriteVerbose(_networkFilter == null
                ? $"Watching {string.Join(", ", accumulator.Interfaces)} every {Interval} s with {sampler.Source.Name}."
                : $"Watching the interfaces on networks matching {string.Join(", ", Network!)} (now: {(accumulator.Interfaces.Count == 0 ? "none" : string.Join(", ", accumulator.Interfaces))}) every {Interval} s with {sampler.Source.Name}.");

            for (long step = 1; ; step++)
            {
                // Steps are scheduled from the start, so the interval does not drift with the work done.
                TimeSpan due = TimeSpan.FromTicks(interval.Ticks * step);
                if (hasDuration && due > Duration)
                {
                    due = Duration;
                }

                WaitUntil(clock, due);

                sampler.Read(snapshot);
                notices.Clear();
                accumulator.Advance(snapshot, notices);
                foreach (CounterNotice notice in notices)
                {
                    WriteVerbose(notice.Message);
                }

                bool networksChanged = ReadNetworks();
                RecordHistory(snapshot, networksChanged);
                if (networksChanged && _networkFilter != null)
                {
                    notices.Clear();
                    accumulator.Reselect(snapshot, notices);
                    foreach (CounterNotice notice in notices)
                    {
                        WriteVerbose(notice.Message);
                    }
                }

                NetUsageWatch watch = Describe(alerts, accumulator, snapshot, computer, clock.Elapsed);
                List<NetUsageAlert> raised = alerts.Check(watch);
                if (!WriteProcesses())
                {
                    WriteObject(watch);
                }

                ShowProgress(watch);
                alerts.Raise(raised, RunAction);

                if ((Count > 0 && step >= Count) || (hasDuration && due >= Duration))
                {
                    break;
                }
            }

            // A notification still on its way is given a moment, so a failure is reported before the watch ends.
            alerts.Finish(StopToken);
            WriteProgress(new ProgressRecord(ProgressId, Activity(accumulator), "Done") { RecordType = ProgressRecordType.Completed });
        }

        private NetUsageWatch Describe(LimitAlerts alerts, UsageAccumulator usage, CounterSnapshot snapshot, string computer, TimeSpan elapsed)
        {
            ulong counted = QuotaCalculator.Counted(usage.BytesReceived, usage.BytesSent, Direction);
            counted = CountAgainstPeriod(counted, snapshot);
            double seconds = usage.LastSeconds;
            return alerts.Describe(snapshot.UtcTime.ToLocalTime(), computer, string.Join(",", usage.Interfaces), usage.BytesReceived, usage.BytesSent,
                CounterDelta.Rate(usage.LastBytesReceived, seconds) ?? 0, CounterDelta.Rate(usage.LastBytesSent, seconds) ?? 0, elapsed, counted);
        }

        private void ShowProgress(NetUsageWatch watch)
        {
            string rates = $"down {ByteSize.FormatRate(watch.ReceivedBytesPerSecond)}, up {ByteSize.FormatRate(watch.SentBytesPerSecond)}";
            var record = new ProgressRecord(ProgressId, "Watch-NetUsage " + watch.InterfaceName, "Sampling")
            {
                PercentComplete = -1,
            };

            if (watch.Limit.HasValue)
            {
                record.StatusDescription = $"{ByteSize.Format(watch.CountedBytes)} of {ByteSize.Format(watch.Limit.Value)} ({watch.PercentOfLimit:0.##} %), {rates}";
                record.PercentComplete = (int)Math.Min(100, Math.Floor(watch.PercentOfLimit ?? 0));
            }
            else
            {
                record.StatusDescription = $"{ByteSize.Format(watch.TotalBytes)} since start, {rates}";
            }

            WriteProgress(record);
        }

        private static string Activity(UsageAccumulator usage) => "Watch-NetUsage " + string.Join(",", usage.Interfaces);
    }
}
