using NetUsageTracker.Processes;
using Xunit;

namespace NetUsageTracker.Tests.Processes
{
    /// <summary>The link-layer header each interface type's counters hold per packet.</summary>
    public class LinkHeaderTests
    {
        [Theory]
        [InlineData(1, 14)]      // Ethernet, veth: the frame as the driver sends it
        [InlineData(772, 0)]     // loopback: loopback_xmit counts the packet after eth_type_trans pulled the header
        [InlineData(65534, 0)]   // tun, WireGuard: IP from the first byte
        [InlineData(512, 0)]     // PPP
        public void EachInterfaceTypeCountsItsOwnLinkHeader(int arpType, int bytes)
        {
            Assert.Equal(bytes, InterfaceAddressMap.LinkHeaderOfArpType(arpType));
        }
    }
}
