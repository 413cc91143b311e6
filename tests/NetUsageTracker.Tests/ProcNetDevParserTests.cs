using System;
using System.IO;
using System.Text;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    public class ProcNetDevParserTests
    {
        private static CounterSnapshot Parse(string text, CounterSnapshot? into = null)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            var snapshot = into ?? new CounterSnapshot(2);
            snapshot.BeginFill();
            ProcNetDevParser.Parse(bytes, bytes.Length, snapshot, InterfaceClassifier.FromName);
            return snapshot;
        }

        private static string Fixture(string name) =>
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

        [Fact]
        public void OddSpacingLongNamesAndHugeValuesParse()
        {
            CounterSnapshot s = Parse(Fixture("proc_net_dev_odd.txt"));

            Assert.Equal(4, s.Count);
            Assert.Equal(new[] { "lo", "eth0", "veryLongName123", "wlan0" }, new[] { s[0].Name, s[1].Name, s[2].Name, s[3].Name });

            Assert.Equal(98765432101UL, s[1].BytesReceived);
            Assert.Equal(7654321UL, s[1].PacketsReceived);
            Assert.Equal(3UL, s[1].ReceiveErrors);
            Assert.Equal(4UL, s[1].ReceiveDrops);
            Assert.Equal(1234567890UL, s[1].BytesSent);
            Assert.Equal(654321UL, s[1].PacketsSent);
            Assert.Equal(5UL, s[1].SendErrors);
            Assert.Equal(6UL, s[1].SendDrops);

            Assert.Equal(ulong.MaxValue, s[2].BytesReceived);
            Assert.Equal(ulong.MaxValue - 1, s[2].BytesSent);
            Assert.Equal(9UL, s[2].PacketsSent);

            Assert.Equal(10UL, s[3].BytesReceived);
            Assert.Equal(80UL, s[3].SendDrops);
        }

        [Fact]
        public void RealDebianFileParsesEveryInterface()
        {
            CounterSnapshot s = Parse(Fixture("proc_net_dev_debian12.txt"));

            Assert.Equal(4, s.Count);
            Assert.True(s.TryGet("eth0", out InterfaceCounters eth0));
            Assert.Equal(56312485UL, eth0.BytesReceived);
            Assert.Equal(111929UL, eth0.BytesSent);
            Assert.Equal(1695UL, eth0.PacketsReceived);
        }

        [Fact]
        public void ValueBeyondUInt64SaturatesInsteadOfWrapping()
        {
            CounterSnapshot s = Parse("  x: 99999999999999999999999 1 2 3 0 0 0 0 4 5 6 7 0 0 0 0\n");

            Assert.Equal(ulong.MaxValue, s[0].BytesReceived);
            Assert.Equal(4UL, s[0].BytesSent);
        }

        [Theory]
        [InlineData("")]
        [InlineData("Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n")]
        [InlineData("  eth0: 1 2 3\n")]
        [InlineData("no colon here 1 2 3 4 5 6 7 8 9 10 11 12\n")]
        public void HeadersAndTruncatedLinesAreSkipped(string text)
        {
            Assert.Equal(0, Parse(text).Count);
        }

        [Fact]
        public void ReparsingTheSameNamesReusesTheStrings()
        {
            string text = Fixture("proc_net_dev_odd.txt");
            CounterSnapshot s = Parse(text);
            string first = s[1].Name;

            Parse(text, s);

            Assert.Same(first, s[1].Name);
        }

        [Fact]
        public void ARenamedInterfaceGetsItsNewName()
        {
            CounterSnapshot s = Parse("  eth0: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n");
            Parse("  eth1: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n", s);

            Assert.Equal("eth1", s[0].Name);
        }

        [Fact]
        public void ManyInterfacesGrowTheSnapshot()
        {
            var text = new StringBuilder();
            for (int i = 0; i < 100; i++)
            {
                text.Append($"veth{i}: {i} 0 0 0 0 0 0 0 {i * 2} 0 0 0 0 0 0 0\n");
            }

            CounterSnapshot s = Parse(text.ToString());

            Assert.Equal(100, s.Count);
            Assert.Equal(198UL, s[99].BytesSent);
        }
   
        [Fact]
        public void NamesAreUtf8AsTheKernelKeepsThemAndStayPutAcrossParses()
        {
            // 'nutpwlé0' as the kernel writes it: 'é' is the two bytes C3 A9 (issue 20, point 10).
            byte[] bytes = Encoding.UTF8.GetBytes("nutpwl\u00e90: 10 0 0 0 0 0 0 0 20 0 0 0 0 0 0 0\n  eth0: 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0\n");
            var snapshot = new CounterSnapshot(2);
            snapshot.BeginFill();
            ProcNetDevParser.Parse(bytes, bytes.Length, snapshot, InterfaceClassifier.FromName);
            Assert.Equal("nutpwl\u00e90", snapshot[0].Name);
            string first = snapshot[0].Name;
            snapshot.BeginFill();
            ProcNetDevParser.Parse(bytes, bytes.Length, snapshot, InterfaceClassifier.FromName);
            Assert.Same(first, snapshot[0].Name);
            Assert.Equal("eth0", snapshot[1].Name);
        }
    }
}
