using System;

namespace NetUsageTracker.History
{
    /// <summary>Which boot of the system a reading belongs to: kernel counters restart at every boot.</summary>
    public readonly struct BootState
    {
        public BootState(string? id, DateTime bootUtc, TimeSpan uptime)
        {
            Id = id;
            BootUtc = bootUtc;
            Uptime = uptime;
        }

        /// <summary>The kernel's identity of this boot (Linux boot_id, macOS kern.bootsessionuuid); null where
        /// the system has none (Windows) or it is not known (a history written before it was stored).</summary>
        public string? Id { get; }

        /// <summary>When the system booted, on the wall clock: it moves whenever the clock is set, so it is
        /// shown, never trusted alone.</summary>
        public DateTime BootUtc { get; }

        /// <summary>Time since boot on a clock that counts sleep and ignores wall-clock steps.</summary>
        public TimeSpan Uptime { get; }

        /// <summary>The same boot <paramref name="age"/> earlier (a snapshot taken before this state was read).</summary>
        public BootState Before(TimeSpan age) => new BootState(Id, BootUtc, Uptime - age);
    }

    /// <summary>How a reading relates to the one before it on the boot's own clock.</summary>
    public enum BootOrder
    {
        /// <summary>Same boot, taken later: the counters went on from the earlier reading.</summary>
        Later,

        /// <summary>Same boot, taken at or before the earlier reading (another recorder stored a newer one).</summary>
        NotLater,

        /// <summary>A different boot: the counters restarted from zero since.</summary>
        Rebooted,
    }
}
