using System;
using System.Collections.Generic;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class UsageAccumulatorStepTests
    {
        private long _ticks;

        /// <summary>A snapshot of the given interfaces as (name, bytes received, bytes sent).</summary>
        private CounterSnapshot Snapshot(params (string Name, ulong Received, ulong Sent)[] interfaces)
        {
            var snapshot = new CounterSnapshot(1);
            Fill(snapshot, interfaces);
            return snapshot;
        }

        private void Fill(CounterSnapshot snapshot, params (string Name, ulong Received, ulong Sent)[] interfaces)
        {
            snapshot.BeginFill();
            foreach ((string name, ulong received, ulong sent) in interfaces)
            {
                ref InterfaceCounters slot = ref snapshot.NextSlot();
                slot.Name = name;
                slot.BytesReceived = received;
                slot.BytesSent = sent;
            }

            _ticks += System.Diagnostics.Stopwatch.Frequency;
            snapshot.EndFill(_ticks, DateTime.UtcNow, CounterWidth.Bits64);
        }

        [Fact]
        public void AnInterfaceThatGoesAndComesBackIsNamedAndCountedFromZeroWithoutAJump()
        {
            var usage = new UsageAccumulator(_ => true);
            var notices = new List<CounterNotice>();
            usage.Start(Snapshot(("veth0", 1000, 500)));

            usage.Advance(Snapshot(("veth0", 5000, 900)), notices);
            Assert.Equal(4400UL, usage.TotalBytes);
            Assert.Empty(notices);

            usage.Advance(Snapshot(), notices);
            Assert.Equal("Interface 'veth0' disappeared; its usage so far is kept.", Assert.Single(notices).Message);
            Assert.Equal(4400UL, usage.TotalBytes);

            notices.Clear();
            usage.Advance(Snapshot(("veth0", 300, 20)), notices);
            Assert.Contains(notices, n => n.Message == "Interface 'veth0' is back.");
            Assert.Contains(notices, n => n.Message.StartsWith("The received byte counter of 'veth0' went down (5000 -> 300)", StringComparison.Ordinal));
            Assert.Equal(4400UL + 320UL, usage.TotalBytes);
            Assert.Equal(300UL, usage.LastBytesReceived);
        }

        [Fact]
        public void ASteadyStepAllocatesNothing()
        {
            var usage = new UsageAccumulator(name => name != "lo");
            var notices = new List<CounterNotice>();
            var snapshot = new CounterSnapshot(4);
            Fill(snapshot, ("lo", 1, 1), ("eth0", 10, 10), ("wlan0", 5, 5));
            usage.Start(snapshot);
            Fill(snapshot, ("lo", 2, 2), ("eth0", 20, 20), ("wlan0", 6, 6));
            usage.Advance(snapshot, notices);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (ulong i = 0; i < 1000; i++)
            {
                Refill(snapshot, i);
                usage.Advance(snapshot, notices);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Empty(notices);
            // 22 bytes in the first step, 22 when eth0 jumps to 30 and wlan0 to 7, then 4 per step.
            Assert.Equal(22UL + 22UL + (4UL * 999), usage.TotalBytes);
        }

        /// <summary>Refills the slots in place, names kept, as a counter source does.</summary>
        private static void Refill(CounterSnapshot snapshot, ulong step)
        {
            snapshot.BeginFill();
            Set(ref snapshot.NextSlot(), 3 + step);
            Set(ref snapshot.NextSlot(), 30 + step);
            Set(ref snapshot.NextSlot(), 7 + step);
            snapshot.EndFill(snapshot.MonotonicTicks + 1, snapshot.UtcTime, CounterWidth.Bits64);
        }

        private static void Set(ref InterfaceCounters slot, ulong value)
        {
            slot.BytesReceived = value;
            slot.BytesSent = value;
        }
    }
}
