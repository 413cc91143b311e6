using System;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>
    /// The screen as a grid of cells that a frame is painted into; the writer compares it with the
    /// previous frame's grid. Everything written is clipped to the grid, and text that does not fit is
    /// cut with an ellipsis.
    /// </summary>
    public sealed class ScreenBuffer
    {
        public const char Ellipsis = '…';

        private readonly Cell[] _cells;

        public ScreenBuffer(int width, int height)
        {
            if (width < 1 || height < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(width), $"A screen is at least 1x1, not {width}x{height}.");
            }

            Width = width;
            Height = height;
            _cells = new Cell[width * height];
            Clear();
        }

        public int Width { get; }

        public int Height { get; }

        public Cell this[int x, int y] => _cells[y * Width + x];

        public void Clear()
        {
            for (int i = 0; i < _cells.Length; i++)
            {
                _cells[i] = new Cell(' ', CellStyle.Plain);
            }
        }

        /// <summary>Puts one character at (x, y); returns the columns it took (0 when clipped or a combining mark).</summary>
        public int Put(int x, int y, char c, CellStyle style)
        {
            if ((uint)y >= (uint)Height || x < 0)
            {
                return 0;
            }

            // Control characters and lone surrogate halves would move the terminal's cursor or show garbage.
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                c = '?';
            }

            int width = TextWidth.Of(c);
            if (width == 0 || x + width > Width)
            {
                return 0;
            }

            Split(x, y);
            if (width == 2)
            {
                Split(x + 1, y);
                _cells[y * Width + x + 1] = new Cell(Cell.Continuation, style);
            }

            _cells[y * Width + x] = new Cell(c, style);
            return width;
        }

        /// <summary>Writes <paramref name="text"/> from (x, y) within <paramref name="maxColumns"/> columns; returns the columns used.</summary>
        public int Write(int x, int y, string text, CellStyle style, int maxColumns = int.MaxValue)
        {
            int room = Math.Min(maxColumns, Width - x);
            if (room <= 0)
            {
                return 0;
            }

            bool cut = TextWidth.Columns(text) > room;
            int limit = cut ? room - 1 : room;
            int used = 0;
            foreach (char c in text)
            {
                int width = TextWidth.Of(c);
                if (used + width > limit)
                {
                    break;
                }

                used += Put(x + used, y, c, style);
            }

            if (cut)
            {
                used += Put(x + used, y, Ellipsis, style);
            }

            return used;
        }

        /// <summary>Writes text so that it ends at column <paramref name="right"/> (exclusive); returns where it starts.</summary>
        public int WriteRight(int right, int y, string text, CellStyle style)
        {
            int start = Math.Max(0, right - TextWidth.Columns(text));
            Write(start, y, text, style, right - start);
            return start;
        }

        public void Fill(int x, int y, int count, char c, CellStyle style)
        {
            for (int i = 0; i < count; i++)
            {
                Put(x + i, y, c, style);
            }
        }

        /// <summary>Before (x, y) is overwritten: a double-width character it was half of loses its other half too.</summary>
        private void Split(int x, int y)
        {
            int at = y * Width + x;
            if (_cells[at].Char == Cell.Continuation && x > 0)
            {
                _cells[at - 1] = new Cell(' ', _cells[at - 1].Style);
            }
            else if (x + 1 < Width && _cells[at + 1].Char == Cell.Continuation)
            {
                _cells[at + 1] = new Cell(' ', _cells[at + 1].Style);
            }
        }
    }
}
