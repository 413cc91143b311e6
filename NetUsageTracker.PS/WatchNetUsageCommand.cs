using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using NetUsageTracker.Limits;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Commands
{
    [Cmdlet(VerbsCommon.Watch, "NetUsage")]
    [OutputType(typeof(NetUsageWatch))]
    public sealed partial class WatchNetUsageCommand : InterfaceCommandBase
    {
        private const int ProgressId = 0x4E55;

        [Parameter]
        [ByteSizeTransformation]
        [ValidatePositive]
        public long Limit { get; set; }

        [Parameter]
        public UsageDirection Direction { get; set; } = UsageDirection.Total;

        [Parameter]
        [ValidatePositive]
        public double Interval { get; set; } = 1.0;

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        [Parameter]
        [ValidatePositive]
        public TimeSpan Duration { get; set; }

        [Parameter]
        public ScriptBlock? Action { get; set; }

        private bool HasLimit => MyInvocation.BoundParameters.ContainsKey(nameof(Limit));

        protected override void EndProcessing()
        {
            Sampler sampler = ModuleState.GetSampler();
            CounterSnapshot snapshot = sampler.TakeSnapshot();
            InterfaceSelector selector = CreateSelector(snapshot);
            var accumulator = new UsageAccumulator(selector.Includes);
            accumulator.Start(snapshot);
            ReportMissing(selector, snapshot.InterfaceNames(), accumulator.Interfaces.Count);
            StartHistory(selector, snapshot);

            ThresholdMonitor? monitor = StartAlerts();
            var notices = new List<CounterNotice>();
            var clock = Stopwatch.StartNew();
            TimeSpan interval = TimeSpan.FromSeconds(Interval);
            bool hasDuration = MyInvocation.BoundParameters.ContainsKey(nameof(Duration));
            string computer = Environment.MachineName;
            WriteVerbose($"Watching {string.Join(", ", accumulator.Interfaces)} every {Interval} s with {sampler.Source.Name}.");

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

                RecordHistory(snapshot);

                NetUsageWatch watch = Describe(accumulator, snapshot, monitor, computer, clock.Elapsed);
                List<NetUsageAlert> alerts = CheckAlerts(watch);
                WriteObject(watch);
                ShowProgress(watch);
                RaiseAlerts(alerts);

                if ((Count > 0 && step >= Count) || (hasDuration && due >= Duration))
                {
                    break;
                }
            }

            FinishAlerts();
            WriteProgress(new ProgressRecord(ProgressId, Activity(accumulator), "Done") { RecordType = ProgressRecordType.Completed });
        }

        private NetUsageWatch Describe(UsageAccumulator usage, CounterSnapshot snapshot, ThresholdMonitor? monitor, string computer, TimeSpan elapsed)
        {
            ulong counted = Direction switch
            {
                UsageDirection.Received => usage.BytesReceived,
                UsageDirection.Sent => usage.BytesSent,
                _ => usage.TotalBytes,
            };
            counted = CountAgainstPeriod(counted, snapshot);

            double seconds = usage.LastSeconds;
            return new NetUsageWatch
            {
                Timestamp = snapshot.UtcTime.ToLocalTime(),
                ComputerName = computer,
                InterfaceName = string.Join(",", usage.Interfaces),
                BytesReceived = usage.BytesReceived,
                BytesSent = usage.BytesSent,
                ReceivedBytesPerSecond = CounterDelta.Rate(usage.LastBytesReceived, seconds) ?? 0,
                SentBytesPerSecond = CounterDelta.Rate(usage.LastBytesSent, seconds) ?? 0,
                Elapsed = elapsed,
                Direction = Direction,
                CountedBytes = counted,
                Limit = monitor?.Limit,
                PercentOfLimit = monitor == null ? (double?)null : Math.Round(monitor.PercentOf(counted), 2),
                LimitExceeded = monitor != null && counted >= (ulong)monitor.Limit,
            };
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
