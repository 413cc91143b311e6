using System.Collections.Generic;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class DashboardModelTests
    {
        private readonly Snapshots _at = new Snapshots();

        private static DashboardModel NewModel() => new DashboardModel(name => name != "lo", capacity: 16);

        [Fact]
        public void CountsEachInterfaceAndTheirSumWithRatesOverTheRealInterval()
        {
            DashboardModel model = NewModel();
            model.Start(_at.At(0, ("eth0", 1000, 500), ("wlan0", 0, 0), ("lo", 7, 7)));
            model.Advance(_at.At(0.5, ("eth0", 3000, 1500), ("wlan0", 100, 50), ("lo", 900, 900)), null);

            Assert.Equal(new[] { "eth0", "wlan0" }, new[] { model.Interfaces[0].Name, model.Interfaces[1].Name });
            Assert.Equal(2100UL, model.All.BytesReceived);
            Assert.Equal(1050UL, model.All.BytesSent);
            Assert.Equal(4200, model.All.ReceivedRate, 6);   // 2100 bytes in half a second
            Assert.Equal(2100, model.All.SentRate, 6);
            Assert.Equal(4000, model.Interfaces[0].ReceivedRate, 6);
            Assert.Equal(200, model.Interfaces[1].ReceivedRate, 6);
            Assert.Equal(100, model.Interfaces[1].SentRate, 6);
        }

        [Fact]
        public void ThePeakIsTheHighestRateAndTheAverageIsBytesOverTime()
        {
            DashboardModel model = NewModel();
            model.Start(_at.At(0, ("eth0", 0, 0)));
            model.Advance(_at.At(1, ("eth0", 1000, 0)), null);   // 1000 B/s
            model.Advance(_at.At(1, ("eth0", 4000, 0)), null);   // 3000 B/s
            model.Advance(_at.At(2, ("eth0", 6000, 0)), null);   // 1000 B/s over two seconds

            TrafficTrack all = model.All;
            Assert.Equal(3000, all.PeakReceivedRate, 6);
            Assert.Equal(1500, all.AverageReceivedRate, 6);      // 6000 bytes in 4 seconds
            Assert.Equal(4, all.Seconds, 6);
            Assert.Equal(new double[] { 1000, 3000, 1000 }, new[] { all.Received[0], all.Received[1], all.Received[2] });
            Assert.Equal(0, all.PeakSentRate);
        }

        [Fact]
        public void AResetRestartsTheSessionButKeepsTheGraph()
        {
            DashboardModel model = NewModel();
            model.Start(_at.At(0, ("eth0", 0, 0)));
            model.Advance(_at.At(1, ("eth0", 5000, 100)), null);
            CounterSnapshot now = _at.At(1, ("eth0", 9000, 200));
            model.Advance(now, null);
            model.ResetSession(now);

            Assert.Equal(0UL, model.All.TotalBytes);
            Assert.Equal(0UL, model.Interfaces[0].TotalBytes);
            Assert.Equal(0, model.All.PeakReceivedRate);
            Assert.Equal(0, model.All.Seconds);
            Assert.Equal(2, model.All.Received.Count);

            model.Advance(_at.At(1, ("eth0", 9500, 200)), null);
            Assert.Equal(500UL, model.All.BytesReceived);
            Assert.Equal(500, model.All.PeakReceivedRate, 6);
        }

        [Fact]
        public void AnInterfaceThatAppearsIsCountedFromItsFirstSighting()
        {
            DashboardModel model = NewModel();
            var notices = new List<CounterNotice>();
            model.Start(_at.At(0, ("eth0", 0, 0)));
            model.Advance(_at.At(1, ("eth0", 10, 10), ("wwan0", 1_000_000, 1_000_000)), notices);
            Assert.Equal(2, model.Interfaces.Count);
            Assert.Equal(0UL, model.Interfaces[1].TotalBytes);
            Assert.Contains(notices, n => n.InterfaceName == "wwan0");

            model.Advance(_at.At(1, ("eth0", 10, 10), ("wwan0", 1_000_300, 1_000_000)), notices);
            Assert.Equal(300UL, model.Interfaces[1].BytesReceived);
            Assert.Equal(310UL, model.All.BytesReceived);
        }

        [Fact]
        public void TheSelectionGoesRoundAllThenEachInterface()
        {
            DashboardModel model = NewModel();
            model.Start(_at.At(0, ("eth0", 0, 0), ("wlan0", 0, 0)));
            Assert.Equal(-1, model.Selected);
            Assert.Same(model.All, model.SelectedTrack);

            model.Select(1);
            Assert.Same(model.Interfaces[0], model.SelectedTrack);
            model.Select(1);
            Assert.Same(model.Interfaces[1], model.SelectedTrack);
            model.Select(1);
            Assert.Equal(-1, model.Selected);
            model.Select(-1);
            Assert.Equal(1, model.Selected);
            Assert.Same(model.Interfaces[1].Received, model.GraphReceived);
        }

        [Fact]
        public void APausedGraphStaysAsItWasWhileCountingGoesOn()
        {
            DashboardModel model = NewModel();
            model.Start(_at.At(0, ("eth0", 0, 0)));
            model.Advance(_at.At(1, ("eth0", 100, 0)), null);
            model.TogglePause();
            model.Advance(_at.At(1, ("eth0", 900, 0)), null);

            Assert.Equal(1, model.GraphReceived.Count);
            Assert.Equal(100, model.GraphReceived[0], 6);
            Assert.Equal(900UL, model.All.BytesReceived);
            Assert.Equal(800, model.All.ReceivedRate, 6);

            model.TogglePause();
            Assert.Equal(2, model.GraphReceived.Count);
            Assert.Equal(800, model.GraphReceived[0], 6);
        }

        [Fact]
        public void TheUnitSwitchesBetweenBytesAndBits()
        {
            DashboardModel model = NewModel();
            Assert.Equal(RateUnit.BytesPerSecond, model.Unit);
            model.ToggleUnit();
            Assert.Equal(RateUnit.BitsPerSecond, model.Unit);
            model.ToggleUnit();
            Assert.Equal(RateUnit.BytesPerSecond, model.Unit);
        }
    }
}
