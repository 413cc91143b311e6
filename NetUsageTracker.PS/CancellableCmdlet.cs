using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using NetUsageTracker.RecorderProcess;

namespace NetUsageTracker.Commands
{
    /// <summary>A cmdlet whose waits end at once on Ctrl+C: StopProcessing cancels the token.</summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        protected CancellationToken StopToken => _stop.Token;

        /// <summary>Waits until <paramref name="clock"/> reaches <paramref name="due"/>; ends the pipeline at
        /// once (PipelineStoppedException, as every stopped cmdlet does) when it is stopped.</summary>
        protected void WaitUntil(Stopwatch clock, TimeSpan due)
        {
            RecorderWait.Until(new[] { _stop.Token.WaitHandle }, clock, due);

            if (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Gives back what the cmdlet holds (a socket, a session) however it ended: PowerShell disposes every cmdlet.</summary>
        protected virtual void ReleaseResources()
        {
        }

        public void Dispose()
        {
            ReleaseResources();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
