using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace NetUsageTracker.Alerts
{
    /// <summary>
    /// Shows notifications off the caller's thread, one after another, so a slow or missing
    /// notification service never holds up a watch. Failures wait in a queue for the caller's thread.
    /// </summary>
    public sealed class NotificationDispatcher
    {
        private readonly INotifier _notifier;
        private readonly TimeSpan _timeout;
        private readonly ConcurrentQueue<NotificationException> _failures = new ConcurrentQueue<NotificationException>();
        private readonly object _gate = new object();
        private Task _tail = Task.CompletedTask;

        public NotificationDispatcher(INotifier notifier, TimeSpan timeout)
        {
            _notifier = notifier;
            _timeout = timeout;
        }

        /// <summary>Queues a notification and returns at once.</summary>
        public void Post(string title, string message)
        {
            lock (_gate)
            {
                _tail = _tail.ContinueWith(_ => Show(title, message), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }

        public bool TryTakeFailure(out NotificationException failure) => _failures.TryDequeue(out failure!);

        /// <summary>Waits up to <paramref name="limit"/> for queued notifications; true when none is left.</summary>
        public bool WaitForPending(TimeSpan limit, CancellationToken cancel)
        {
            Task tail;
            lock (_gate)
            {
                tail = _tail;
            }

            try
            {
                return tail.Wait((int)limit.TotalMilliseconds, cancel);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private void Show(string title, string message)
        {
            try
            {
                _notifier.Show(title, message, _timeout);
            }
            catch (NotificationException e)
            {
                _failures.Enqueue(e);
            }
            catch (Exception e)
            {
                // Whatever went wrong, it is reported on the caller's thread, never lost on this one.
                _failures.Enqueue(new NotificationException($"{_notifier.Name} failed ({e.Message})", false, e));
            }
        }
    }
}
