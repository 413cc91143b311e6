using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Alerts
{
    /// <summary>Picks the notifier of the platform the module runs on, once per process.</summary>
    public static class Notifier
    {
        private static readonly Lazy<INotifier> Current = new Lazy<INotifier>(Create);

        /// <summary>How long a notification may take before it counts as failed.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

        public static INotifier ForThisPlatform => Current.Value;

        private static INotifier Create()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return new WindowsToastNotifier();
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return new MacNotifier();
            }

            // Linux and the BSDs: desktops there implement the freedesktop notification specification.
            return new FreedesktopNotifier();
        }
    }
}
