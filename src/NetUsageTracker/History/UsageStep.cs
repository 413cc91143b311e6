using System;
using NetUsageTracker.Limits;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>One interface's byte counters at one instant, as the history records them.</summary>
    public readonly struct CounterReading
    {
        public CounterReading(string interfaceName, ulong bytesReceived, ulong bytesSent)
        {
            InterfaceName = interfaceName;
            BytesReceived = bytesReceived;
            BytesSent = bytesSent;
        }

        public string InterfaceName { get; }

        public ulong BytesReceived { get; }

        public ulong BytesSent { get; }
    }

    /// <summary>The reading a delta is measured from: the last one stored, with its boot and time.</summary>
    public readonly struct CounterBaseline
    {
        public CounterBaseline(ulong bytesReceived, ulong bytesSent, DateTime utc, DateTime? bootUtc)
        {
            BytesReceived = bytesReceived;
            BytesSent = bytesSent;
            Utc = utc;
            BootUtc = bootUtc;
        }

        public ulong BytesReceived { get; }

        public ulong BytesSent { get; }

        public DateTime Utc { get; }

        /// <summary>Null when the boot is unknown (imported logs).</summary>
        public DateTime? BootUtc { get; }
    }

    /// <summary>How a step's traffic was counted.</summary>
    public enum StepKind
    {
        /// <summary>The first reading of the interface: the baseline, nothing counted.</summary>
        First,
        Normal,
        Wrapped32,

        /// <summary>A counter went down without a reboot (interface re-created, PPP reconnect): counted from zero.</summary>
        Reset,

        /// <summary>The system rebooted since the baseline: the counters restarted and count from zero.</summary>
        Reboot,

        /// <summary>The reading is older than the stored baseline (another recorder stored a newer one
        /// first): nothing counted, the newer baseline kept, so the traffic is counted once, by the newer.</summary>
        Stale,
    }

    /// <summary>The traffic between a baseline and a reading, with the reason for anything unusual.</summary>
    public readonly struct UsageStep
    {
        private UsageStep(StepKind kind, ulong received, ulong sent, string? notice)
        {
            Kind = kind;
            BytesReceived = received;
            BytesSent = sent;
            Notice = notice;
        }

        public StepKind Kind { get; }

        public ulong BytesReceived { get; }

        public ulong BytesSent { get; }

        /// <summary>What is worth telling on the verbose stream (a reboot, a reset, a dropped jump); null when nothing.</summary>
        public string? Notice { get; }

        public static UsageStep First() => new UsageStep(StepKind.First, 0, 0, null);

        public static UsageStep Stale(string interfaceName, DateTime baselineUtc) => new UsageStep(StepKind.Stale, 0, 0,
            $"Skipped '{interfaceName}': the history already holds a newer reading ({baselineUtc.ToLocalTime():HH:mm:ss.fff}) from another recorder.");

        /// <summary>
        /// The traffic from <paramref name="baseline"/> to <paramref name="reading"/>. After a reboot the
        /// counters restarted, so the reading itself is the traffic. Otherwise a counter that went down is a
        /// 32-bit wrap or a reset (<see cref="CounterDelta.Compute"/>). A delta the link could not have carried
        /// in the elapsed time is dropped, so a broken counter never adds a phantom 4 GB.
        /// </summary>
        public static UsageStep Compute(CounterBaseline baseline, CounterReading reading, DateTime nowUtc, DateTime? bootUtc, double? linkBytesPerSecond)
        {
            string name = reading.InterfaceName;
            bool rebooted = bootUtc.HasValue && baseline.BootUtc.HasValue
                && bootUtc.Value > baseline.BootUtc.Value && !BootClock.IsSameBoot(bootUtc.Value, baseline.BootUtc.Value);
            StepKind kind;
            ulong received, sent;
            double seconds;
            string? notice = null;
            if (rebooted)
            {
                kind = StepKind.Reboot;
                received = reading.BytesReceived;
                sent = reading.BytesSent;
                seconds = (nowUtc - (bootUtc!.Value > baseline.Utc ? bootUtc.Value : baseline.Utc)).TotalSeconds;
                notice = $"The system restarted at {bootUtc.Value.ToLocalTime():yyyy-MM-dd HH:mm:ss}; counting '{name}' from zero since then.";
            }
            else
            {
                received = CounterDelta.Compute(baseline.BytesReceived, reading.BytesReceived, out CounterChange rx);
                sent = CounterDelta.Compute(baseline.BytesSent, reading.BytesSent, out CounterChange tx);
                kind = rx == CounterChange.Reset || tx == CounterChange.Reset ? StepKind.Reset
                    : rx == CounterChange.Wrapped32 || tx == CounterChange.Wrapped32 ? StepKind.Wrapped32
                    : StepKind.Normal;
                seconds = (nowUtc - baseline.Utc).TotalSeconds;
                if (kind == StepKind.Reset)
                {
                    notice = $"The counters of '{name}' went down ({baseline.BytesReceived}/{baseline.BytesSent} -> {reading.BytesReceived}/{reading.BytesSent} bytes received/sent) without a restart: the interface was reset or re-created; counted from zero.";
                }
                else if (kind == StepKind.Wrapped32)
                {
                    notice = $"A byte counter of '{name}' wrapped at 2^32; counted through the wrap.";
                }
            }

            double ceiling = LinkSpeed.Ceiling(linkBytesPerSecond, seconds);
            if (received > ceiling || sent > ceiling)
            {
                string what = received > ceiling && sent > ceiling ? "received and sent" : received > ceiling ? "received" : "sent";
                notice = (notice == null ? "" : notice + " ") +
                    $"Dropped an impossible jump of '{name}' ({what}: {ByteSize.Format(Math.Max(received, sent))} in {Math.Max(seconds, 0):0.#} s, " +
                    $"more than the link's {ByteSize.FormatRate(linkBytesPerSecond ?? LinkSpeed.UnknownBytesPerSecond)} could carry).";
                received = received > ceiling ? 0 : received;
                sent = sent > ceiling ? 0 : sent;
            }

            return new UsageStep(kind, received, sent, notice);
        }
    }
}
