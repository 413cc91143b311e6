using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class UsageAccumulatorTests
    {
        // Builds a snapshot from "name rx tx" triples through the real parser.
        private static CounterSnapshot Snap(params (string Name, ulong Rx, ulong Tx)[] interfaces) => Snap(CounterWidth.Bits64, interfaces);

        private static CounterSnapshot Snap(CounterWidth width, params (string Name, ulong Rx, ulong Tx)[] interfaces)
        {
            var text = new StringBuilder();
            foreach (var (name, rx, tx) in interfaces)
            {
                text.Append($"{name}: {rx} 0 0 0 0 0 0 0 {tx} 0 0 0 0 0 0 0\n");
            }

            byte[] bytes = Encoding.ASCII.GetBytes(text.ToString());
            var snapshot = new CounterSnapshot();
            snapshot.BeginFill();
            ProcNetDevParser.Parse(bytes, bytes.Length, snapshot, InterfaceClassifier.FromName);
            snapshot.EndFill(0, System.DateTime.UtcNow, width);
            return snapshot;
        }

        private static UsageAccumulator Run(out List<CounterNotice> notices, params CounterSnapshot[] steps)
        {
            var accumulator = new UsageAccumulator(name => name != "lo");
            accumulator.Start(steps[0]);
            notices = new List<CounterNotice>();
            foreach (CounterSnapshot step in steps.Skip(1))
            {
                accumulator.Advance(step, notices);
            }

            return accumulator;
        }

        [Fact]
        public void AddsTheTrafficOfTheSelectedInterfacesSinceTheStart()
        {
            UsageAccumulator a = Run(out var notices,
                Snap(("lo", 100, 100), ("eth0", 1000, 500), ("wlan0", 10, 10)),
                Snap(("lo", 900, 900), ("eth0", 1600, 700), ("wlan0", 20, 15)),
                Snap(("lo", 999, 999), ("eth0", 2000, 800), ("wlan0", 30, 20)));

            Assert.Equal(1000UL + 20UL, a.BytesReceived);
            Assert.Equal(300UL + 10UL, a.BytesSent);
            Assert.Equal(400UL + 10UL, a.LastBytesReceived);
            Assert.Equal(new[] { "eth0", "wlan0" }, a.Interfaces);
            Assert.Empty(notices);
        }

        [Fact]
        public void AResetCountsFromZeroAndIsReported()
        {
            UsageAccumulator a = Run(out var notices,
                Snap(("ppp0", 5_000_000_000, 100)),
                Snap(("ppp0", 5_000_001_000, 200)),
                Snap(("ppp0", 300, 250)));

            Assert.Equal(1000UL + 300UL, a.BytesReceived);
            Assert.Equal(150UL, a.BytesSent);
            CounterNotice notice = Assert.Single(notices);
            Assert.Contains("went down", notice.Message);
        }

        [Fact]
        public void A32BitWrapCountsThroughTheWrap()
        {
            UsageAccumulator a = Run(out var notices,
                Snap(CounterWidth.Bits32, ("eth0", 4_294_000_000, 0)),
                Snap(CounterWidth.Bits32, ("eth0", 1_000, 0)));

            Assert.Equal(4_294_967_296UL - 4_294_000_000UL + 1_000UL, a.BytesReceived);
            Assert.Contains("wrapped", Assert.Single(notices).Message);
        }

        [Fact]
        public void ADropOfA64BitCounterIsAResetNotAWrap()
        {
            UsageAccumulator a = Run(out var notices,
                Snap(("eth0", 3_000_000_000, 0)),
                Snap(("eth0", 1_000_000_000, 0)));

            Assert.Equal(1_000_000_000UL, a.BytesReceived);
            Assert.Contains("went down", Assert.Single(notices).Message);
        }

        [Fact]
        public void AnInterfaceThatGoesAndComesBackIsCountedWithoutAJump()
        {
            UsageAccumulator a = Run(out var notices,
                Snap(("eth0", 10, 10), ("veth1", 50_000, 40_000)),
                Snap(("eth0", 10, 10), ("veth1", 60_000, 41_000)),
                Snap(("eth0", 10, 10)),
                Snap(("eth0", 10, 10), ("veth1", 700, 0)));

            Assert.Equal(10_000UL + 700UL, a.BytesReceived);
            Assert.Equal(1_000UL, a.BytesSent);
            Assert.Contains(notices, n => n.Message.Contains("disappeared"));
            Assert.Contains(notices, n => n.Message.Contains("is back"));
            Assert.Contains(notices, n => n.Message.Contains("went down"));
        }

        [Fact]
        public void ANewInterfaceCountsFromItsFirstSighting()
        {
            UsageAccumulator a = Run(out var notices,
                Snap(("eth0", 0, 0)),
                Snap(("eth0", 0, 0), ("wlan0", 123_456, 1)),
                Snap(("eth0", 0, 0), ("wlan0", 123_500, 2)));

            Assert.Equal(44UL, a.BytesReceived);
            Assert.Contains(notices, n => n.Message.Contains("appeared"));
        }
    }
}
