using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>
    /// Tells a long-running recorder that the system wants it gone, so it can record once more first:
    /// SIGTERM and SIGHUP on Linux and macOS (systemd stopping the unit, a shutdown, launchd, the terminal
    /// closing), and on Windows the session ending (log off, shut down), when Windows waits a few seconds
    /// for the last recording to be written. Signals come through the runtime's PosixSignalRegistration
    /// (.NET 6+, found at run time because the engine targets netstandard2.0), the session's end through a
    /// hidden window of its own (<see cref="SessionEndWindow"/>).
    /// </summary>
    public sealed class ShutdownNotice : IDisposable
    {
        /// <summary>How long the Windows session end is held for the last recording.</summary>
        public static readonly TimeSpan SessionEndGrace = TimeSpan.FromSeconds(4);

        private readonly ManualResetEvent _asked = new ManualResetEvent(false);
        private readonly ManualResetEvent _done = new ManualResetEvent(false);
        private readonly List<IDisposable> _signals = new List<IDisposable>();
        private SessionEndWindow? _sessionWindow;

        private ShutdownNotice()
        {
        }

        /// <summary>Set when the system asked the process to end.</summary>
        public WaitHandle Asked => _asked;

        /// <summary>Why the process was asked to end (for the verbose stream); null while it was not.</summary>
        public string? Reason { get; private set; }

        /// <summary>Starts listening; what this runtime cannot listen to is left out (see <see cref="Sources"/>).</summary>
        public static ShutdownNotice Listen()
        {
            var notice = new ShutdownNotice();
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                notice.ListenForSessionEnd();
            }
            else
            {
                notice.ListenForSignal("SIGTERM");
                notice.ListenForSignal("SIGHUP");
            }

            return notice;
        }

        /// <summary>What this notice listens to ("SIGTERM", "SIGHUP", "SessionEnded").</summary>
        public List<string> Sources { get; } = new List<string>();

        /// <summary>The recorder's last recording is written: a held session end may go on.</summary>
        public void Finished() => _done.Set();

        /// <summary>Raises the notice as the system would (tests, and a recorder asked to stop another way).</summary>
        public void Raise(string reason)
        {
            Reason ??= reason;
            _asked.Set();
        }

        public void Dispose()
        {
            foreach (IDisposable registration in _signals)
            {
                registration.Dispose();
            }

            _signals.Clear();
            _sessionWindow?.Dispose();
            _sessionWindow = null;

            _done.Set();
        }

        private void ListenForSignal(string name)
        {
            Type? registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration", throwOnError: false);
            Type? signal = Type.GetType("System.Runtime.InteropServices.PosixSignal", throwOnError: false);
            MethodInfo? create = registration?.GetMethod("Create");
            if (create == null || signal == null)
            {
                return; // .NET Framework and .NET Core before 6: the process simply ends on the signal.
            }

            // Action<object> is an Action<PosixSignalContext> by contravariance; Cancel keeps the process
            // alive until the recorder has written and returned.
            Action<object> handler = context =>
            {
                context.GetType().GetProperty("Cancel")?.SetValue(context, true);
                Raise(name);
            };
            _signals.Add((IDisposable)create.Invoke(null, new object[] { Enum.Parse(signal, name), handler })!);
            Sources.Add(name);
        }

        private void ListenForSessionEnd()
        {
            // A window of the notice's own, not SystemEvents: where SystemEvents cannot make its window it
            // throws and (seen under Wine) leaves the loader locked, so the next LoadLibrary never returns.
            _sessionWindow = SessionEndWindow.Open(OnSessionEnded, TimeSpan.FromSeconds(2));
            if (_sessionWindow != null)
            {
                Sources.Add("SessionEnded");
            }
        }

        // Called on the window's thread at WM_ENDSESSION: Windows ends the process once this returns, so it
        // waits (briefly) for the last recording.
        private void OnSessionEnded()
        {
            Raise("SessionEnded");
            _done.WaitOne(SessionEndGrace);
        }
    }
}
