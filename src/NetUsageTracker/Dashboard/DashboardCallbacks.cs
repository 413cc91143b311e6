using System;

namespace NetUsageTracker.Dashboard
{
    /// <summary>Where the session's text and alerts go: the cmdlet's streams and its engine event.</summary>
    public sealed class DashboardCallbacks
    {
        public DashboardCallbacks(Action<string> warning, Action<string> verbose, Action<NetUsageAlert> publish)
        {
            Warning = warning;
            Verbose = verbose;
            Publish = publish;
        }

        /// <summary>A warning, written when the view has closed (WriteWarning).</summary>
        public Action<string> Warning { get; }

        /// <summary>Verbose text, written when the view has closed (WriteVerbose).</summary>
        public Action<string> Verbose { get; }

        /// <summary>Raises an alert's engine event, at once, on the session's thread.</summary>
        public Action<NetUsageAlert> Publish { get; }
    }
}
