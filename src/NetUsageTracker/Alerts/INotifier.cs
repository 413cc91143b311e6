using System;

namespace NetUsageTracker.Alerts
{
    /// <summary>Shows a desktop notification: one implementation per platform, chosen once by <see cref="Notifier.ForThisPlatform"/>.</summary>
    public interface INotifier
    {
        /// <summary>What shows the notification, for messages ("the freedesktop notification service").</summary>
        string Name { get; }

        /// <summary>
        /// Shows the notification and returns when it was handed over, or throws
        /// <see cref="NotificationException"/> saying why it could not be, within <paramref name="timeout"/>.
        /// </summary>
        void Show(string title, string message, TimeSpan timeout);
    }

    /// <summary>A notification could not be shown; the message says why, in words for the person.</summary>
    public sealed class NotificationException : Exception
    {
        public NotificationException(string message, bool serviceUnavailable, Exception? inner = null)
            : base(message, inner)
        {
            ServiceUnavailable = serviceUnavailable;
        }

        /// <summary>True when nothing that shows notifications could be reached (no desktop session, no server, no program).</summary>
        public bool ServiceUnavailable { get; }
    }
}
