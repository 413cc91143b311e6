using System;
using System.Text;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>
    /// Turns a painted screen into ANSI/VT output. Only the cells that differ from the previous frame
    /// are written, so nothing flickers and an idle second costs a few bytes. Without colour no SGR
    /// sequence is written but the one reset of a full repaint (as PowerShell's PlainText rendering and NO_COLOR ask).
    /// </summary>
    public sealed class AnsiFrameWriter
    {
        /// <summary>Unchanged cells between two changes that are rewritten rather than jumped over (a jump costs more bytes).</summary>
        private const int MaxBridge = 3;

        private readonly bool _colour;

        public AnsiFrameWriter(bool colour)
        {
            _colour = colour;
        }

        /// <summary>
        /// Appends to <paramref name="output"/> what turns the terminal from <paramref name="previous"/> into
        /// <paramref name="current"/>; with no previous frame (the first, or after a resize) every cell is
        /// written, blanks included: nothing is cleared first, so a repaint never flashes blank.
        /// </summary>
        public void Render(ScreenBuffer? previous, ScreenBuffer current, StringBuilder output)
        {
            if (previous != null && (previous.Width != current.Width || previous.Height != current.Height))
            {
                previous = null;
            }

            if (previous == null)
            {
                output.Append("\u001b[0m");
            }

            int pen = -1; // the terminal's style is not known at the start of a frame
            int cursorX = -1, cursorY = -1;
            for (int y = 0; y < current.Height; y++)
            {
                int x = 0;
                while (x < current.Width)
                {
                    if (Same(previous, current, x, y))
                    {
                        x++;
                        continue;
                    }

                    int start = x > 0 && current[x, y].Char == Cell.Continuation ? x - 1 : x;
                    int end = x;
                    for (int scan = x + 1, gap = 0; scan < current.Width; scan++)
                    {
                        if (!Same(previous, current, scan, y))
                        {
                            end = scan;
                            gap = 0;
                        }
                        else if (++gap > MaxBridge)
                        {
                            break;
                        }
                    }

                    if (cursorX != start || cursorY != y)
                    {
                        output.Append("\u001b[");
                        AppendNumber(output, y + 1);
                        output.Append(';');
                        AppendNumber(output, start + 1);
                        output.Append('H');
                    }

                    cursorY = y;
                    cursorX = start;
                    for (int i = start; i <= end; i++)
                    {
                        Cell cell = current[i, y];
                        if (cell.Char == Cell.Continuation)
                        {
                            continue;
                        }

                        int style = Effective(cell.Style);
                        if (style != pen)
                        {
                            if (_colour)
                            {
                                output.Append(Sgr((CellStyle)style));
                            }

                            pen = style;
                        }

                        output.Append(cell.Char);
                        cursorX += TextWidth.Of(cell.Char);
                    }

                    x = end + 1;
                }
            }
        }

        /// <summary>The SGR sequence that draws a style: each style named, so reordering the enum changes no colour.</summary>
        internal static string Sgr(CellStyle style) => style switch
        {
            CellStyle.Plain => "\u001b[0m",
            CellStyle.Title => "\u001b[0;1;97;44m",     // bold white on blue
            CellStyle.Heading => "\u001b[0;1m",
            CellStyle.Dim => "\u001b[0;90m",
            CellStyle.Received => "\u001b[0;36m",
            CellStyle.Sent => "\u001b[0;35m",
            CellStyle.Good => "\u001b[0;32m",
            CellStyle.Warning => "\u001b[0;1;33m",
            CellStyle.Bad => "\u001b[0;1;31m",
            CellStyle.Selected => "\u001b[0;7m",        // reverse video
            CellStyle.Prompt => "\u001b[0;1;30;43m",    // black on yellow
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, "A cell style without a colour."),
        };

        /// <summary>Appends a positive number's digits without making a string.</summary>
        private static void AppendNumber(StringBuilder output, int value)
        {
            int divisor = 1;
            while (value / divisor >= 10)
            {
                divisor *= 10;
            }

            for (; divisor > 0; divisor /= 10)
            {
                output.Append((char)('0' + value / divisor % 10));
            }
        }

        /// <summary>The style as the terminal sees it: without colour every style looks the same.</summary>
        private int Effective(CellStyle style) => _colour ? (int)style : 0;

        /// <summary>Whether a cell shows the same as in the previous frame; with none, nothing on the screen is known.</summary>
        private bool Same(ScreenBuffer? previous, ScreenBuffer current, int x, int y)
        {
            if (previous == null)
            {
                return false;
            }

            Cell before = previous[x, y];
            Cell now = current[x, y];
            return before.Char == now.Char && Effective(before.Style) == Effective(now.Style);
        }
    }
}
