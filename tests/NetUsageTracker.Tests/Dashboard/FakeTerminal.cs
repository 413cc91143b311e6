using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Dashboard.Rendering;

namespace NetUsageTracker.Tests.Dashboard
{
    /// <summary>A session clock that moves only when the session waits: a test runs minutes of the view in milliseconds.</summary>
    internal sealed class ManualClock : ISessionClock
    {
        public TimeSpan Elapsed { get; private set; }

        public void Wait(TimeSpan span, CancellationToken stop) => Elapsed += span;
    }

    /// <summary>
    /// A terminal for the live view's tests: keys typed and resizes made at chosen times of the session's
    /// clock, and the frames it is sent played on a grid of cells, as a terminal would show them (cursor
    /// positioning and text; the styles are kept as the last SGR sequence seen before each cell).
    /// </summary>
    internal sealed class FakeTerminal : ITerminal
    {
        private readonly ManualClock _clock;
        private readonly List<(TimeSpan At, ConsoleKeyInfo Key)> _keys = new List<(TimeSpan, ConsoleKeyInfo)>();
        private readonly List<(TimeSpan At, int Width, int Height)> _sizes = new List<(TimeSpan, int, int)>();
        private char[,] _cells;
        private string[,] _styles;
        private int _width;
        private int _height;

        public FakeTerminal(ManualClock clock, int width = 80, int height = 24)
        {
            _clock = clock;
            _width = width;
            _height = height;
            _cells = new char[height, width];
            _styles = new string[height, width];
        }

        public int Width
        {
            get
            {
                ApplyResizes();
                return _width;
            }
        }

        public int Height
        {
            get
            {
                ApplyResizes();
                return _height;
            }
        }

        /// <summary>Frames written so far.</summary>
        public int Frames { get; private set; }

        /// <summary>Frames that began with a reset, that is, wrote every cell (the first, after Ctrl+L or a resize).</summary>
        public int FullFrames { get; private set; }

        public FakeTerminal Type(double seconds, char c, ConsoleKey key = 0, bool control = false)
        {
            _keys.Add((TimeSpan.FromSeconds(seconds), new ConsoleKeyInfo(c, key, false, false, control)));
            return this;
        }

        public FakeTerminal Type(double seconds, string text)
        {
            foreach (char c in text)
            {
                Type(seconds, c);
            }

            return this;
        }

        public FakeTerminal Press(double seconds, ConsoleKey key) => Type(seconds, '\0', key);

        public FakeTerminal Resize(double seconds, int width, int height)
        {
            _sizes.Add((TimeSpan.FromSeconds(seconds), width, height));
            return this;
        }

        public bool TryReadKey(out ConsoleKeyInfo key)
        {
            if (_keys.Count > 0 && _keys[0].At <= _clock.Elapsed)
            {
                key = _keys[0].Key;
                _keys.RemoveAt(0);
                return true;
            }

            key = default;
            return false;
        }

        public void Write(StringBuilder frame)
        {
            Frames++;
            string text = frame.ToString();
            if (text.StartsWith("\u001b[0m", StringComparison.Ordinal))
            {
                FullFrames++;
            }

            int x = 0, y = 0;
            string style = "\u001b[0m";
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\u001b')
                {
                    int end = i + 2;
                    while (end < text.Length && !char.IsLetter(text[end]))
                    {
                        end++;
                    }

                    string sequence = text.Substring(i, end - i + 1);
                    if (text[end] == 'H')
                    {
                        string[] place = sequence.Substring(2, sequence.Length - 3).Split(';');
                        y = int.Parse(place[0]) - 1;
                        x = int.Parse(place[1]) - 1;
                    }
                    else if (text[end] == 'm')
                    {
                        style = sequence;
                    }

                    i = end;
                    continue;
                }

                if (y < _height && x < _width)
                {
                    _cells[y, x] = text[i];
                    _styles[y, x] = style;
                }

                x += TextWidth.Of(text[i]);
            }
        }

        /// <summary>The screen's rows as text, each as wide as the terminal.</summary>
        public string[] Rows()
        {
            var rows = new string[_height];
            for (int y = 0; y < _height; y++)
            {
                var row = new StringBuilder(_width);
                for (int x = 0; x < _width; x++)
                {
                    row.Append(_cells[y, x] == '\0' ? ' ' : _cells[y, x]);
                }

                rows[y] = row.ToString();
            }

            return rows;
        }

        /// <summary>The SGR sequence the cell was last written in.</summary>
        public string StyleAt(int x, int y) => _styles[y, x] ?? "";

        private void ApplyResizes()
        {
            while (_sizes.Count > 0 && _sizes[0].At <= _clock.Elapsed)
            {
                (_, _width, _height) = _sizes[0];
                _sizes.RemoveAt(0);
                // A terminal's new size starts blank here; the view must write every cell again.
                _cells = new char[_height, _width];
                _styles = new string[_height, _width];
            }
        }
    }
}
