using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>
    /// The real terminal the view draws on. Opening it switches to the alternate screen (which starts
    /// blank) with the cursor hidden and line wrap off, and makes Ctrl+C a key (so leaving is an orderly return); disposing it
    /// puts every one of those back, whatever ended the view. Keys are polled, never waited for, so the
    /// sampling goes on while nobody types.
    /// </summary>
    public sealed class ConsoleTerminal : ITerminal, IDisposable
    {
        private const string EnterSequence = "\u001b[?1049h\u001b[?25l\u001b[?7l";
        // The alternate screen is blanked before the switch back: tmux, leaving an alternate screen that was
        // resized, first reflows it to the old size, and rows that no longer fit would go to the scrollback
        // and show on the restored screen.
        private const string LeaveSequence = "\u001b[0m\u001b[H\u001b[2J\u001b[?7h\u001b[?25h\u001b[?1049l";

        private readonly Stream _output;
        private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
        private readonly bool _treatedControlCAsInput;
        private readonly WindowsConsole.SavedState? _windows;
        private char[] _chars = new char[8192];
        private byte[] _bytes = new byte[3 * 8192];
        private bool _open;

        private ConsoleTerminal(Stream output, WindowsConsole.SavedState? windows, bool treatedControlCAsInput)
        {
            _output = output;
            _windows = windows;
            _treatedControlCAsInput = treatedControlCAsInput;
            _open = true;
        }

        /// <summary>Why this process's console cannot show the view (redirected, -NonInteractive, no window); null when it can.</summary>
        public static string? UnavailableReason()
        {
            if (Console.IsOutputRedirected)
            {
                return "the output is redirected";
            }

            if (Console.IsInputRedirected)
            {
                return "the input is redirected, so no key can be read";
            }

            if (HostCommandLine.IsNonInteractive(Environment.GetCommandLineArgs()))
            {
                return "PowerShell was started with -NonInteractive";
            }

            try
            {
                return Console.WindowWidth > 0 && Console.WindowHeight > 0 ? null : "there is no console window";
            }
            catch (IOException)
            {
                return "there is no console";
            }
        }

        /// <summary>Takes over the terminal; throws <see cref="TerminalUnavailableException"/> when it cannot show the view.</summary>
        public static ConsoleTerminal Open()
        {
            WindowsConsole.SavedState? windows = null;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                windows = WindowsConsole.Enable(out string reason);
                if (windows == null)
                {
                    throw new TerminalUnavailableException(reason);
                }
            }

            bool treated;
            try
            {
                treated = Console.TreatControlCAsInput;
                Console.TreatControlCAsInput = true;
            }
            catch (IOException e)
            {
                if (windows != null)
                {
                    WindowsConsole.Restore(windows);
                }

                throw new TerminalUnavailableException($"the console's keyboard cannot be read ({e.Message})");
            }

            var terminal = new ConsoleTerminal(Console.OpenStandardOutput(), windows, treated);
            terminal.WriteRaw(EnterSequence);
            return terminal;
        }

        /// <summary>The visible window in cells.</summary>
        public int Width => Math.Max(1, Console.WindowWidth);

        public int Height => Math.Max(1, Console.WindowHeight);

        /// <summary>A key typed since the last call, if any; never waits.</summary>
        public bool TryReadKey(out ConsoleKeyInfo key)
        {
            if (Console.KeyAvailable)
            {
                key = Console.ReadKey(intercept: true);
                return true;
            }

            key = default;
            return false;
        }

        /// <summary>Writes a frame in one go (UTF-8, whatever the console's own encoding).</summary>
        public void Write(StringBuilder frame)
        {
            if (frame.Length == 0)
            {
                return;
            }

            if (_chars.Length < frame.Length)
            {
                _chars = new char[frame.Length * 2];
                _bytes = new byte[frame.Length * 6];
            }

            frame.CopyTo(0, _chars, 0, frame.Length);
            int count = _encoder.GetBytes(_chars, 0, frame.Length, _bytes, 0, flush: true);
            _output.Write(_bytes, 0, count);
            _output.Flush();
        }

        public void Dispose()
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            try
            {
                WriteRaw(LeaveSequence);
            }
            finally
            {
                // On Unix the stream holds a duplicate of the descriptor: closing it leaves standard output open.
                _output.Dispose();
                Console.TreatControlCAsInput = _treatedControlCAsInput;
                if (_windows != null)
                {
                    WindowsConsole.Restore(_windows);
                }
            }
        }

        private void WriteRaw(string sequence) => Write(new StringBuilder(sequence));
    }
}
