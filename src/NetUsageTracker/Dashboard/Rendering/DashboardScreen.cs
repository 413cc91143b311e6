using System.Text;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>
    /// Draws frames of the view on the terminal: paints the model into a fresh buffer, writes only what
    /// differs from the frame before, and writes every cell again when the terminal's size changes.
    /// </summary>
    public sealed class DashboardScreen
    {
        private readonly ITerminal _terminal;
        private readonly AnsiFrameWriter _writer;
        private readonly StringBuilder _frame = new StringBuilder(16384);
        private ScreenBuffer _current;
        private ScreenBuffer _previous;
        private bool _cleared;

        public DashboardScreen(ITerminal terminal, bool colour)
        {
            _terminal = terminal;
            _writer = new AnsiFrameWriter(colour);
            _current = new ScreenBuffer(terminal.Width, terminal.Height);
            _previous = new ScreenBuffer(terminal.Width, terminal.Height);
        }

        /// <summary>True when the terminal is no longer the size of the last frame.</summary>
        public bool Resized => _terminal.Width != _current.Width || _terminal.Height != _current.Height;

        /// <summary>Draws the view; <paramref name="repaint"/> writes every cell, whatever the last frame was.</summary>
        public void Draw(DashboardModel model, DashboardStatus status, bool repaint)
        {
            if (Resized)
            {
                _current = new ScreenBuffer(_terminal.Width, _terminal.Height);
                _previous = new ScreenBuffer(_terminal.Width, _terminal.Height);
                repaint = true;
            }

            DashboardPainter.Paint(_current, model, status);
            _frame.Clear();
            _writer.Render(repaint || !_cleared ? null : _previous, _current, _frame);
            _terminal.Write(_frame);
            _cleared = true;
            (_previous, _current) = (_current, _previous);
        }
    }
}
