using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class CounterDeltaTests
    {
        [Theory]
        [InlineData(100UL, 250UL, 150UL, CounterChange.Normal)]
        [InlineData(5UL, 5UL, 0UL, CounterChange.Normal)]
        // 32-bit wrap: upper half to lower half goes through 2^32.
        [InlineData(4294967000UL, 200UL, 496UL, CounterChange.Wrapped32)]
        [InlineData(3000000000UL, 1000000UL, 1295967296UL, CounterChange.Wrapped32)]
        // Reset of a 64-bit counter: count from zero, never a 2^64 jump.
        [InlineData(9000000000UL, 1200UL, 1200UL, CounterChange.Reset)]
        // A small 32-bit counter going down is a reset (re-created interface), not a 4 GB wrap.
        [InlineData(50000UL, 700UL, 700UL, CounterChange.Reset)]
        [InlineData(4294967000UL, 3000000000UL, 3000000000UL, CounterChange.Reset)]
        public void ThirtyTwoBitDeltasNeverGoNegativeOrJump(ulong previous, ulong current, ulong expected, CounterChange expectedChange)
        {
            ulong delta = CounterDelta.Compute(previous, current, CounterWidth.Bits32, out CounterChange change);

            Assert.Equal(expected, delta);
            Assert.Equal(expectedChange, change);
        }

        [Theory]
        [InlineData(100UL, 250UL, 150UL, CounterChange.Normal)]
        // Windows' GetIfTable2 and macOS's if_data64 count in 64 bits: 3 GB down to 1 GB is an adapter
        // reset, counted from zero, not a 32-bit wrap (which would add 2.3 GB that never happened).
        [InlineData(3000000000UL, 1000000000UL, 1000000000UL, CounterChange.Reset)]
        [InlineData(4294967000UL, 200UL, 200UL, CounterChange.Reset)]
        [InlineData(9000000000UL, 1200UL, 1200UL, CounterChange.Reset)]
        public void SixtyFourBitCountersNeverWrap(ulong previous, ulong current, ulong expected, CounterChange expectedChange)
        {
            ulong delta = CounterDelta.Compute(previous, current, CounterWidth.Bits64, out CounterChange change);

            Assert.Equal(expected, delta);
            Assert.Equal(expectedChange, change);
        }

        [Fact]
        public void RateIsBytesPerSecondAndNullWithoutElapsedTime()
        {
            Assert.Equal(512.0, CounterDelta.Rate(1024, 2.0));
            Assert.Null(CounterDelta.Rate(1024, 0));
        }
    }
}
