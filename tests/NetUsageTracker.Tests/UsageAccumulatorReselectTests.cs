using System.Collections.Generic;
using NetUsageTracker.Sampling;
using NetUsageTracker.Tests.Dashboard;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>Watch-NetUsage -Network: an interface counts while it is on a watched network, never what it moved off it.</summary>
    public class UsageAccumulatorReselectTests
    {
        [Fact]
        public void AnInterfaceThatLeavesTheSelectionStopsCountingAndOnReturnCountsFromThenOn()
        {
            bool onNetwork = true;
            var at = new Snapshots();
            var usage = new UsageAccumulator(name => name == "wlan0" && onNetwork);
            usage.Start(at.At(0, ("wlan0", 0, 0)));
            var step = at.At(1, ("wlan0", 100, 10));
            usage.Advance(step);

            onNetwork = false;
            var notices = new List<CounterNotice>();
            usage.Reselect(step, notices);
            Assert.Contains(notices, n => n.Message.Contains("no longer selected"));
            usage.Advance(at.At(1, ("wlan0", 5000, 500)));

            onNetwork = true;
            var back = at.At(1, ("wlan0", 9000, 900));
            usage.Reselect(back);
            usage.Advance(at.At(1, ("wlan0", 9100, 910)));

            Assert.Equal((200UL, 20UL), (usage.BytesReceived, usage.BytesSent));
            Assert.Equal(new[] { "wlan0" }, usage.Interfaces);
        }
    }
}
