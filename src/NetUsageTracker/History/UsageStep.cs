using System;
using System.Collections.Generic;
using NetUsageTracker.Limits;
using NetUsageTracker.Networks;
using NetUsageTracker.RecorderProcess;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>One interface's byte counters at one instant, as the history records them.</summary>
    public readonly struct CounterReading
    {
        /// <param name="width">How wide the source's counters are; logs of unknown origin are taken as 64-bit,
        /// so a drop counts from zero and never as a 4 GB wrap.</param>
        public CounterReading(string interfaceName, ulong bytesReceived, ulong bytesSent,
            InterfaceClass interfaceClass = InterfaceClass.Unknown, CounterWidth width = CounterWidth.Bits64)
        {
            InterfaceName = interfaceName;
            BytesReceived = bytesReceived;
            BytesSent = bytesSent;
            InterfaceClass = interfaceClass;
            Width = width;
        }

        public string InterfaceName { get; }

        public ulong BytesReceived { get; }

        public ulong BytesSent { get; }

        public InterfaceClass InterfaceClass { get; }

        public CounterWidth Width { get; }
    }

    /// <summary>Every interface's reading at one instant, with the boot it belongs to.</summary>
    public sealed class CounterReadings
    {
        public CounterReadings(IReadOnlyList<CounterReading> readings, DateTime utc, BootState boot)
            : this(readings, utc, boot, null)
        {
        }

        /// <param name="networks">The network each interface is on at the reading; null where it is not known
        /// (an imported log): the traffic is then stored per interface only.</param>
        public CounterReadings(IReadOnlyList<CounterReading> readings, DateTime utc, BootState boot, NetworkSnapshot? networks)
        {
            Readings = readings;
            Utc = utc;
            Boot = boot;
            Networks = networks;
        }

        public IReadOnlyList<CounterReading> Readings { get; }

        /// <summary>The wall-clock time of the reading: it decides which hour, day and month the traffic lands in.</summary>
        public DateTime Utc { get; }

        public BootState Boot { get; }

        public NetworkSnapshot? Networks { get; }
    }

    /// <summary>The reading a delta is measured from: the last one stored, with its boot and time.</summary>
    public readonly struct CounterBaseline
    {
        public CounterBaseline(ulong bytesReceived, ulong bytesSent, DateTime utc, BootState? boot)
        {
            BytesReceived = bytesReceived;
            BytesSent = bytesSent;
            Utc = utc;
            Boot = boot;
        }

        public ulong BytesReceived { get; }

        public ulong BytesSent { get; }

        public DateTime Utc { get; }

        /// <summary>Null when the boot is unknown (imported logs).</summary>
        public BootState? Boot { get; }
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

        /// <summary>The reading is not newer than the stored baseline (another recorder stored a newer one
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

        /// <summary>
        /// The traffic from <paramref name="baseline"/> to <paramref name="reading"/> taken at <paramref name="nowUtc"/>
        /// in boot <paramref name="boot"/> (null when unknown, as for imported logs). Whether the system rebooted
        /// in between, and how much time passed, come from the boot's own clock (<see cref="BootClock.Compare"/>),
        /// never from the wall clock, which may have been set meanwhile. After a reboot the counters restarted,
        /// so the reading itself is the traffic. Otherwise a counter that went down is a 32-bit wrap or a reset
        /// (<see cref="CounterDelta.Compute"/>). A delta the link could not have carried in the elapsed time at
        /// <paramref name="ceilingBytesPerSecond"/> (null: <see cref="LinkSpeed.UnknownBytesPerSecond"/>) is dropped,
        /// so a broken counter never adds a phantom 4 GB.
        /// </summary>
        public static UsageStep Compute(CounterBaseline baseline, CounterReading reading, DateTime nowUtc, BootState? boot, double? ceilingBytesPerSecond)
        {
            string name = reading.InterfaceName;
            BootOrder order;
            double seconds;
            if (baseline.Boot.HasValue && boot.HasValue)
            {
                order = BootClock.Compare(baseline.Boot.Value, boot.Value);
                seconds = order == BootOrder.Rebooted ? boot.Value.Uptime.TotalSeconds : (boot.Value.Uptime - baseline.Boot.Value.Uptime).TotalSeconds;
            }
            else
            {
                // An imported log: its lines come in time order (two in the same second too), and know no boot.
                order = BootOrder.Later;
                seconds = (nowUtc - baseline.Utc).TotalSeconds;
            }

            if (order == BootOrder.NotLater)
            {
                return new UsageStep(StepKind.Stale, 0, 0,
                    $"Skipped '{name}': the history already holds a newer reading ({baseline.Utc.ToLocalTime():HH:mm:ss.fff}) from another recorder.");
            }

            StepKind kind;
            ulong received, sent;
            string? notice = null;
            if (order == BootOrder.Rebooted)
            {
                kind = StepKind.Reboot;
                received = reading.BytesReceived;
                sent = reading.BytesSent;
                notice = $"The system restarted at {boot!.Value.BootUtc.ToLocalTime():yyyy-MM-dd HH:mm:ss}; counting '{name}' from zero since then.";
            }
            else
            {
                received = CounterDelta.Compute(baseline.BytesReceived, reading.BytesReceived, reading.Width, out CounterChange rx);
                sent = CounterDelta.Compute(baseline.BytesSent, reading.BytesSent, reading.Width, out CounterChange tx);
                kind = rx == CounterChange.Reset || tx == CounterChange.Reset ? StepKind.Reset
                    : rx == CounterChange.Wrapped32 || tx == CounterChange.Wrapped32 ? StepKind.Wrapped32
                    : StepKind.Normal;
                if (kind == StepKind.Reset)
                {
                    notice = $"The counters of '{name}' went down ({baseline.BytesReceived}/{baseline.BytesSent} -> {reading.BytesReceived}/{reading.BytesSent} bytes received/sent) without a restart: the interface was reset or re-created; counted from zero.";
                }
                else if (kind == StepKind.Wrapped32)
                {
                    notice = $"A byte counter of '{name}' wrapped at 2^32; counted through the wrap.";
                }
            }

            double ceiling = LinkSpeed.Ceiling(ceilingBytesPerSecond, seconds);
            if (received > ceiling || sent > ceiling)
            {
                string what = received > ceiling && sent > ceiling ? "received and sent" : received > ceiling ? "received" : "sent";
                notice = (notice == null ? "" : notice + " ") +
                    $"Dropped an impossible jump of '{name}' ({what}: {ByteSize.Format(Math.Max(received, sent))} in {Math.Max(seconds, 0):0.#} s, " +
                    $"more than the link's {ByteSize.FormatRate(ceilingBytesPerSecond ?? LinkSpeed.UnknownBytesPerSecond)} could carry).";
                received = received > ceiling ? 0 : received;
                sent = sent > ceiling ? 0 : sent;
            }

            return new UsageStep(kind, received, sent, notice);
        }
    }
}
