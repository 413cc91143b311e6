using System;
using System.Management.Automation;
using System.Threading.Tasks;
using NetUsageTracker.Alerts;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Shows a desktop notification through the notifier Watch-NetUsage -Notify uses, so people can
    /// test their desktop setup and scheduled scripts can notify too. A notification changes nothing
    /// on the system, so there is no -WhatIf.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "NetUsageNotification")]
    [OutputType(typeof(NetUsageNotification))]
    public sealed class SendNetUsageNotificationCommand : CancellableCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string Message { get; set; } = "";

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            INotifier notifier = Alerts.Notifier.ForThisPlatform;
            string title = Title, message = Message;
            // The notifier blocks for up to its timeout; waiting on a task keeps Ctrl+C prompt.
            Task shown = Task.Run(() => notifier.Show(title, message, Alerts.Notifier.DefaultTimeout));
            try
            {
                shown.Wait(StopToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (AggregateException e) when (e.InnerException is NotificationException failure)
            {
                var record = new ErrorRecord(failure,
                    failure.ServiceUnavailable ? "NotificationServiceUnavailable" : "NotificationFailed",
                    failure.ServiceUnavailable ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidOperation,
                    Title)
                {
                    ErrorDetails = new ErrorDetails($"The notification could not be shown by {notifier.Name}: {failure.Message}."),
                };
                if (failure.ServiceUnavailable)
                {
                    // Nothing else in the pipeline could be shown either.
                    ThrowTerminatingError(record);
                }

                WriteError(record);
                return;
            }

            if (PassThru)
            {
                WriteObject(new NetUsageNotification { Timestamp = DateTime.Now, Title = Title, Message = Message, Notifier = notifier.Name });
            }
        }
    }
}
