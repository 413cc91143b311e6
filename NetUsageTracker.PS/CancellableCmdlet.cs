using System;
using System.Management.Automation;
using System.Threading;

namespace NetUsageTracker.Commands
{
    /// <summary>A cmdlet whose waits end at once on Ctrl+C: StopProcessing cancels the token.</summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        protected CancellationToken StopToken => _stop.Token;

        /// <summary>Waits, or returns false at once when the pipeline is stopped.</summary>
        protected bool Wait(TimeSpan delay)
        {
            if (delay > TimeSpan.Zero)
            {
                _stop.Token.WaitHandle.WaitOne(delay);
            }

            return !_stop.IsCancellationRequested;
        }

        protected override void StopProcessing() => _stop.Cancel();

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
