using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using NetUsageTracker.Alerts;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class NotificationDispatcherTests
    {
        /// <summary>A notifier that takes its time and records what it was asked to show.</summary>
        private sealed class RecordingNotifier : INotifier
        {
            private readonly TimeSpan _delay;
            private readonly string? _failWith;

            public RecordingNotifier(TimeSpan delay, string? failWith = null)
            {
                _delay = delay;
                _failWith = failWith;
            }

            public ConcurrentQueue<string> Shown { get; } = new ConcurrentQueue<string>();

            public int CallerThread { get; set; }

            public string Name => "recording notifier";

            public void Show(string title, string message, TimeSpan timeout)
            {
                Assert.NotEqual(CallerThread, Environment.CurrentManagedThreadId);
                Thread.Sleep(_delay);
                if (_failWith != null)
                {
                    throw new NotificationException(_failWith, true);
                }

                Shown.Enqueue(title + "|" + message);
            }
        }

        [Fact]
        public void PostReturnsAtOnceAndNotificationsAreShownInOrder()
        {
            var notifier = new RecordingNotifier(TimeSpan.FromMilliseconds(150)) { CallerThread = Environment.CurrentManagedThreadId };
            var dispatcher = new NotificationDispatcher(notifier, TimeSpan.FromSeconds(5));

            var clock = Stopwatch.StartNew();
            dispatcher.Post("a", "1");
            dispatcher.Post("b", "2");
            dispatcher.Post("c", "3");
            // Showing them takes 450 ms; posting them must not.
            Assert.True(clock.ElapsedMilliseconds < 300, $"Post blocked for {clock.ElapsedMilliseconds} ms.");

            Assert.True(dispatcher.WaitForPending(TimeSpan.FromSeconds(5), CancellationToken.None));
            Assert.Equal(new[] { "a|1", "b|2", "c|3" }, notifier.Shown.ToArray());
            Assert.False(dispatcher.TryTakeFailure(out _));
        }

        [Fact]
        public void FailuresWaitForTheCallerWithTheirReason()
        {
            var notifier = new RecordingNotifier(TimeSpan.Zero, "no desktop here") { CallerThread = Environment.CurrentManagedThreadId };
            var dispatcher = new NotificationDispatcher(notifier, TimeSpan.FromSeconds(5));

            dispatcher.Post("a", "1");
            dispatcher.Post("b", "2");
            Assert.True(dispatcher.WaitForPending(TimeSpan.FromSeconds(5), CancellationToken.None));

            Assert.True(dispatcher.TryTakeFailure(out NotificationException first));
            Assert.Equal("no desktop here", first.Message);
            Assert.True(dispatcher.TryTakeFailure(out _));
            Assert.False(dispatcher.TryTakeFailure(out _));
        }

        [Fact]
        public void WaitingForPendingNotificationsStopsWhenCancelled()
        {
            var notifier = new RecordingNotifier(TimeSpan.FromSeconds(3)) { CallerThread = Environment.CurrentManagedThreadId };
            var dispatcher = new NotificationDispatcher(notifier, TimeSpan.FromSeconds(5));
            dispatcher.Post("slow", "one");

            // Cancelled as by Ctrl+C: the wait ends at once instead of after the 3-second notification.
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            var clock = Stopwatch.StartNew();
            Assert.False(dispatcher.WaitForPending(TimeSpan.FromSeconds(10), cancel.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The wait took {clock.Elapsed}.");
        }
    }
}
