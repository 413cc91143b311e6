using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetUsageTracker.RecorderProcess
{
    /// <summary>
    /// Windows tells a process that the session ends (log off, shut down) with WM_QUERYENDSESSION and
    /// WM_ENDSESSION, broadcast to top-level windows only: a console process has none, so this gives it
    /// one, never shown, on a thread of its own with a message loop. When the session ends it calls back
    /// and holds Windows there (a few seconds) until the last recording is written. Where no window can
    /// be made (no window station; Wine without a display), it reports so and does nothing.
    /// </summary>
    internal sealed class SessionEndWindow : IDisposable
    {
        private const uint WmClose = 0x0010, WmQueryEndSession = 0x0011, WmEndSession = 0x0016, WmDestroy = 0x0002;

        private readonly Action _ended;
        private readonly ManualResetEvent _ready = new ManualResetEvent(false);
        private readonly WindowProcedure _procedure;
        private IntPtr _window;

        private SessionEndWindow(Action ended)
        {
            _ended = ended;
            _procedure = Procedure; // kept alive: the window calls it for as long as it exists
        }

        private delegate IntPtr WindowProcedure(IntPtr window, uint message, IntPtr wParam, IntPtr lParam);

        /// <summary>Starts the window's thread; null when no window could be made.</summary>
        public static SessionEndWindow? Open(Action ended, TimeSpan wait)
        {
            var session = new SessionEndWindow(ended);
            var thread = new Thread(session.Run) { IsBackground = true, Name = "NetUsageTracker session end" };
            thread.Start();
            if (!session._ready.WaitOne(wait) || session._window == IntPtr.Zero)
            {
                return null;
            }

            return session;
        }

        public void Dispose()
        {
            IntPtr window = Interlocked.Exchange(ref _window, IntPtr.Zero);
            if (window != IntPtr.Zero)
            {
                PostMessageW(window, WmClose, IntPtr.Zero, IntPtr.Zero);
            }
        }

        private void Run()
        {
            try
            {
                IntPtr instance = GetModuleHandleW(null);
                string className = "NetUsageTracker.SessionEnd." + Environment.CurrentManagedThreadId;
                var windowClass = new WindowClass
                {
                    Size = Marshal.SizeOf<WindowClass>(),
                    Procedure = Marshal.GetFunctionPointerForDelegate(_procedure),
                    Instance = instance,
                    ClassName = className,
                };
                if (RegisterClassExW(ref windowClass) == 0)
                {
                    return;
                }

                _window = CreateWindowExW(0, className, "NetUsageTracker", 0, 0, 0, 0, 0, IntPtr.Zero, IntPtr.Zero, instance, IntPtr.Zero);
            }
            finally
            {
                _ready.Set();
            }

            if (_window == IntPtr.Zero)
            {
                return;
            }

            while (GetMessageW(out Message message, IntPtr.Zero, 0, 0) > 0)
            {
                TranslateMessage(ref message);
                DispatchMessageW(ref message);
            }
        }

        private IntPtr Procedure(IntPtr window, uint message, IntPtr wParam, IntPtr lParam)
        {
            switch (message)
            {
                case WmQueryEndSession:
                    return new IntPtr(1); // the session may end; the recording comes at WM_ENDSESSION
                case WmEndSession:
                    if (wParam != IntPtr.Zero)
                    {
                        _ended();
                    }

                    return IntPtr.Zero;
                case WmClose:
                    DestroyWindow(window);
                    return IntPtr.Zero;
                case WmDestroy:
                    PostQuitMessage(0);
                    return IntPtr.Zero;
                default:
                    return DefWindowProcW(window, message, wParam, lParam);
            }
        }

        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        private struct WindowClass
        {
            public int Size;
            public uint Style;
            public IntPtr Procedure;
            public int ClassExtra;
            public int WindowExtra;
            public IntPtr Instance;
            public IntPtr Icon;
            public IntPtr Cursor;
            public IntPtr Background;
            public string? MenuName;
            public string ClassName;
            public IntPtr SmallIcon;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct Message
        {
            public IntPtr Window;
            public uint Id;
            public IntPtr WParam;
            public IntPtr LParam;
            public uint Time;
            public int X;
            public int Y;
        }

        [DllImport("user32", CharSet = CharSet.Unicode)]
        private static extern ushort RegisterClassExW(ref WindowClass windowClass);

        [DllImport("user32", CharSet = CharSet.Unicode)]
        private static extern IntPtr CreateWindowExW(int exStyle, string className, string windowName, int style,
            int x, int y, int width, int height, IntPtr parent, IntPtr menu, IntPtr instance, IntPtr parameter);

        [DllImport("user32")]
        private static extern IntPtr DefWindowProcW(IntPtr window, uint message, IntPtr wParam, IntPtr lParam);

        [DllImport("user32")]
        private static extern int GetMessageW(out Message message, IntPtr window, uint first, uint last);

        [DllImport("user32")]
        private static extern bool TranslateMessage(ref Message message);

        [DllImport("user32")]
        private static extern IntPtr DispatchMessageW(ref Message message);

        [DllImport("user32")]
        private static extern bool PostMessageW(IntPtr window, uint message, IntPtr wParam, IntPtr lParam);

        [DllImport("user32")]
        private static extern bool DestroyWindow(IntPtr window);

        [DllImport("user32")]
        private static extern void PostQuitMessage(int exitCode);

        [DllImport("kernel32", CharSet = CharSet.Unicode)]
        private static extern IntPtr GetModuleHandleW(string? moduleName);
    }
}
