using System;

namespace NetUsageTracker
{
    /// <summary>A notification that Send-NetUsageNotification handed to the desktop (its -PassThru output).</summary>
    public sealed class NetUsageNotification
    {
        public DateTime Timestamp { get; set; }

        public string Title { get; set; } = "";

        public string Message { get; set; } = "";

        /// <summary>What showed it, e.g. "the freedesktop notification service".</summary>
        public string Notifier { get; set; } = "";

        public override string ToString() => $"{Title}: {Message}";
    }
}
