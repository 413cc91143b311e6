using System;
using System.Text;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>
    /// What the live view draws on and reads keys from: the console (<see cref="ConsoleTerminal"/>), or a
    /// test's stand-in that records the frames and types the keys.
    /// </summary>
    public interface ITerminal
    {
        /// <summary>The visible window in cells.</summary>
        int Width { get; }

        int Height { get; }

        /// <summary>A key typed since the last call, if any; never waits.</summary>
        bool TryReadKey(out ConsoleKeyInfo key);

        /// <summary>Writes a frame in one go.</summary>
        void Write(StringBuilder frame);
    }
}
