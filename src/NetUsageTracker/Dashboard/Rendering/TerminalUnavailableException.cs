using System;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>The terminal cannot host the full-screen view; the message says why.</summary>
    public sealed class TerminalUnavailableException : Exception
    {
        public TerminalUnavailableException(string message)
            : base(message)
        {
        }
    }
}
