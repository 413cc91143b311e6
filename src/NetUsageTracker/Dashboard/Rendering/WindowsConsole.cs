using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>
    /// The Windows console calls of the view, in one place: conhost draws VT sequences only with
    /// ENABLE_VIRTUAL_TERMINAL_PROCESSING on its output handle, and the block and box glyphs need the
    /// UTF-8 output code page. Both are set for the view and put back as they were.
    /// </summary>
    internal static class WindowsConsole
    {
        private const int StdOutputHandle = -11;
        private const uint EnableVirtualTerminalProcessing = 0x0004;
        private const uint Utf8CodePage = 65001;

        /// <summary>The console's settings before the view changed them.</summary>
        internal sealed class SavedState
        {
            public SavedState(IntPtr handle, uint mode, uint codePage)
            {
                Handle = handle;
                Mode = mode;
                CodePage = codePage;
            }

            public IntPtr Handle { get; }

            public uint Mode { get; }

            public uint CodePage { get; }
        }

        /// <summary>The output mode with VT processing on, every other flag as it was.</summary>
        internal static uint WithVirtualTerminal(uint mode) => mode | EnableVirtualTerminalProcessing;

        /// <summary>Turns VT processing and UTF-8 output on; null with the reason when this console cannot do VT (before Windows 10).</summary>
        public static SavedState? Enable(out string reason)
        {
            reason = "";
            IntPtr handle = GetStdHandle(StdOutputHandle);
            if (handle == IntPtr.Zero || handle == new IntPtr(-1) || !GetConsoleMode(handle, out uint mode))
            {
                reason = $"the console output handle cannot be read (error {Marshal.GetLastWin32Error()})";
                return null;
            }

            if (!SetConsoleMode(handle, WithVirtualTerminal(mode)))
            {
                reason = "this console does not understand virtual terminal sequences (Windows 10 or later, or Windows Terminal, is needed)";
                return null;
            }

            uint codePage = GetConsoleOutputCP();
            SetConsoleOutputCP(Utf8CodePage);
            return new SavedState(handle, mode, codePage);
        }

        public static void Restore(SavedState saved)
        {
            SetConsoleOutputCP(saved.CodePage);
            SetConsoleMode(saved.Handle, saved.Mode);
        }

        [DllImport("kernel32.dll", SetLastError = true)]
        private static extern IntPtr GetStdHandle(int nStdHandle);

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GetConsoleMode(IntPtr hConsoleHandle, out uint lpMode);

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool SetConsoleMode(IntPtr hConsoleHandle, uint dwMode);

        [DllImport("kernel32.dll")]
        private static extern uint GetConsoleOutputCP();

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool SetConsoleOutputCP(uint wCodePageID);
    }
}
