using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using NetUsageTracker.Platform;

namespace NetUsageTracker.Alerts
{
    /// <summary>Picks the notifier of the platform the module runs on, once per process.</summary>
    public static class Notifier
    {
        private static readonly Lazy<INotifier> Current = new Lazy<INotifier>(Create);

        /// <summary>How long a notification may take before it counts as failed.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

        public static INotifier ForThisPlatform => Current.Value;

        /// <summary>
        /// Runs the helper program of a notifier (powershell.exe, osascript) within <paramref name="timeout"/>;
        /// a helper that cannot start means no notification service, one that fails says why from its output.
        /// </summary>
        internal static void RunHelper(ProcessStartInfo startInfo, TimeSpan timeout)
        {
            ProcessResult result;
            try
            {
                result = ProcessRunner.Run(startInfo, timeout);
            }
            catch (Win32Exception e)
            {
                throw new NotificationException($"{startInfo.FileName} cannot be started ({e.Message})", true, e);
            }
            catch (ProcessTimeoutException e)
            {
                throw new NotificationException(e.Message, false);
            }

            if (result.ExitCode != 0)
            {
                string why = ProcessRunner.FirstLines(result.Error);
                if (why.Length == 0)
                {
                    why = ProcessRunner.FirstLines(result.Output);
                }

                string program = System.IO.Path.GetFileName(startInfo.FileName);
                throw new NotificationException($"{program} failed with exit code {result.ExitCode}{(why.Length > 0 ? ": " + why : "")}", false);
            }
        }

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
