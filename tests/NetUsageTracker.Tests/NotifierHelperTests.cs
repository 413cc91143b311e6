using System;
using System.Diagnostics;
using NetUsageTracker.Alerts;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>The helper programs of the Windows and macOS notifiers, run with real processes.</summary>
    public class NotifierHelperTests
    {
        [Fact]
        public void ASuccessfulHelperReturnsQuietly()
        {
            Notifier.RunHelper(new ProcessStartInfo("/bin/sh", "-c \"exit 0\""), TimeSpan.FromSeconds(10));
        }

        [Fact]
        public void AFailingHelperSaysWhyFromItsErrorOutput()
        {
            var e = Assert.Throws<NotificationException>(() =>
                Notifier.RunHelper(new ProcessStartInfo("/bin/sh", "-c \"echo 'no GUI session' >&2; exit 3\""), TimeSpan.FromSeconds(10)));

            Assert.Equal("sh failed with exit code 3: no GUI session", e.Message);
            Assert.False(e.ServiceUnavailable);
        }

        [Fact]
        public void AMissingHelperMeansNoNotificationService()
        {
            var e = Assert.Throws<NotificationException>(() =>
                Notifier.RunHelper(new ProcessStartInfo("/nonexistent/osascript", ""), TimeSpan.FromSeconds(10)));

            Assert.True(e.ServiceUnavailable);
            Assert.StartsWith("/nonexistent/osascript cannot be started", e.Message);
        }

        [Fact]
        public void AHelperThatHangsIsEndedAtTheDeadline()
        {
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<NotificationException>(() =>
                Notifier.RunHelper(new ProcessStartInfo("/bin/sleep", "30"), TimeSpan.FromMilliseconds(300)));

            Assert.Equal("sleep did not finish within 0.3 s", e.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        }
    }
}
