using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using NetUsageTracker.Processes;
using NetUsageTracker.Processes.MacOS;
using NetUsageTracker.Processes.Windows;
using Xunit;

namespace NetUsageTracker.Tests.Processes
{
    /// <summary>
    /// The decoders of what only Windows and macOS produce, on the documented layouts: the IP Helper
    /// owner-PID tables, TCP_ESTATS_DATA_ROD_v0, Microsoft-Windows-Kernel-Network events, nettop's CSV.
    /// Wine serves the tables for real (the Windows lane checks them); it has no ETW and no EStats, and
    /// nothing here runs nettop: a real Windows or Mac is what shows those end to end.
    /// </summary>
    public class WindowsAndMacSourceTests
    {
        [Fact]
        public void Tcp4OwnerPidRowsGiveEndsStateAndProcess()
        {
            var block = new List<byte>(BitConverter.GetBytes(2));
            block.AddRange(Tcp4Row(5, "192.0.2.10", 50123, "198.51.100.7", 443, 4242));
            block.AddRange(Tcp4Row(2, "0.0.0.0", 80, "0.0.0.0", 0, 4));
            var table = new FlowTable();

            ConnectionTableDecoder.Decode(block.ToArray(), table, FlowProtocols.Tcp, ipv6: false);

            Assert.Equal(2, table.Count);
            FlowSample first = table.ItemAt(0);
            Assert.Equal("192.0.2.10:50123", first.Local.ToString());
            Assert.Equal("198.51.100.7:443", first.Remote.ToString());
            Assert.Equal(FlowState.Established, first.State);
            Assert.Equal(4242, first.ProcessId);
            Assert.Equal(40, first.HeaderBytes);
            Assert.Equal(FlowState.Listen, table.ItemAt(1).State);
            Assert.NotEqual(first.Key, table.ItemAt(1).Key);
        }

        [Fact]
        public void Tcp6AndUdpOwnerPidRowsAreReadAtTheirOffsets()
        {
            var tcp6 = new List<byte>(BitConverter.GetBytes(1));
            tcp6.AddRange(IPAddress.Parse("2001:db8::1").GetAddressBytes());
            tcp6.AddRange(BitConverter.GetBytes(0));
            tcp6.AddRange(Port(8443));
            tcp6.AddRange(IPAddress.Parse("2001:db8::2").GetAddressBytes());
            tcp6.AddRange(BitConverter.GetBytes(0));
            tcp6.AddRange(Port(60000));
            tcp6.AddRange(BitConverter.GetBytes(8)); // CLOSE_WAIT
            tcp6.AddRange(BitConverter.GetBytes(77));
            var udp4 = new List<byte>(BitConverter.GetBytes(1));
            udp4.AddRange(IPAddress.Parse("192.0.2.10").GetAddressBytes());
            udp4.AddRange(Port(53));
            udp4.AddRange(BitConverter.GetBytes(88));
            var table = new FlowTable();

            ConnectionTableDecoder.Decode(tcp6.ToArray(), table, FlowProtocols.Tcp, ipv6: true);
            ConnectionTableDecoder.Decode(udp4.ToArray(), table, FlowProtocols.Udp, ipv6: false);

            Assert.Equal("[2001:db8::1]:8443", table.ItemAt(0).Local.ToString());
            Assert.Equal("[2001:db8::2]:60000", table.ItemAt(0).Remote.ToString());
            Assert.Equal(FlowState.CloseWait, table.ItemAt(0).State);
            Assert.Equal(77, table.ItemAt(0).ProcessId);
            Assert.Equal(60, table.ItemAt(0).HeaderBytes);
            Assert.Equal(FlowProtocols.Udp, table.ItemAt(1).Protocol);
            Assert.Equal("192.0.2.10:53", table.ItemAt(1).Local.ToString());
            Assert.Equal(88, table.ItemAt(1).ProcessId);
            Assert.False(table.ItemAt(1).HasCounters);
        }

        [Fact]
        public void TcpEStatsDataRodGivesDataBytesAndSegments()
        {
            var rod = new byte[96];
            BitConverter.GetBytes(1_000_000UL).CopyTo(rod, 0);   // DataBytesOut
            BitConverter.GetBytes(700UL).CopyTo(rod, 8);         // DataSegsOut
            BitConverter.GetBytes(5_000_000UL).CopyTo(rod, 16);  // DataBytesIn
            BitConverter.GetBytes(3500UL).CopyTo(rod, 24);       // DataSegsIn
            BitConverter.GetBytes(2000UL).CopyTo(rod, 32);       // SegsOut
            BitConverter.GetBytes(3600UL).CopyTo(rod, 40);       // SegsIn
            BitConverter.GetBytes(999_000UL).CopyTo(rod, 72);    // ThruBytesAcked
            BitConverter.GetBytes(4_999_000UL).CopyTo(rod, 88);  // ThruBytesReceived
            var flow = new FlowSample();

            TcpEStatsData.Read(rod, ref flow);

            Assert.True(flow.HasCounters);
            Assert.Equal(1_000_000UL, flow.PayloadSent);
            Assert.Equal(5_000_000UL, flow.PayloadReceived);
            Assert.Equal(2000UL, flow.SegmentsOut);
            Assert.Equal(3600UL, flow.SegmentsIn);
        }

        [Theory]
        [InlineData(10, false, FlowProtocols.Tcp, false)]
        [InlineData(11, true, FlowProtocols.Tcp, false)]
        [InlineData(14, false, FlowProtocols.Tcp, false)]
        [InlineData(26, false, FlowProtocols.Tcp, true)]
        [InlineData(27, true, FlowProtocols.Tcp, true)]
        [InlineData(42, false, FlowProtocols.Udp, false)]
        [InlineData(43, true, FlowProtocols.Udp, false)]
        [InlineData(58, false, FlowProtocols.Udp, true)]
        [InlineData(59, true, FlowProtocols.Udp, true)]
        public void KernelNetworkEventsDecodeAsTheManifestLaysThemOut(ushort id, bool received, FlowProtocols protocol, bool ipv6)
        {
            string here = ipv6 ? "2001:db8::10" : "192.0.2.10";
            string there = ipv6 ? "2001:db8::20" : "198.51.100.20";
            // A send goes from here (saddr) to there (daddr); a receive comes from there (saddr) to here.
            byte[] data = KernelNetworkPayload(4242, 1500, daddr: received ? here : there, saddr: received ? there : here, dport: received ? (ushort)50000 : (ushort)443, sport: received ? (ushort)443 : (ushort)50000);

            Assert.True(KernelNetworkEvent.TryDecode(id, data, out KernelNetworkEvent e));

            Assert.Equal(4242, e.ProcessId);
            Assert.Equal(1500u, e.Size);
            Assert.Equal(protocol, e.Protocol);
            Assert.Equal(received, e.Received);
            Assert.Equal(ipv6 ? $"[{here}]:50000" : $"{here}:50000", e.Local.ToString());
            Assert.Equal(ipv6 ? $"[{there}]:443" : $"{there}:443", e.Remote.ToString());
        }

        [Fact]
        public void OtherKernelNetworkEventsAndShortPayloadsAreNotTraffic()
        {
            byte[] data = KernelNetworkPayload(1, 2, "192.0.2.1", "192.0.2.2", 1, 2);
            Assert.False(KernelNetworkEvent.TryDecode(12, data, out _)); // connect
            Assert.False(KernelNetworkEvent.TryDecode(18, data, out _)); // copy, not on the wire
            Assert.False(KernelNetworkEvent.TryDecode(10, data.Take(19).ToArray(), out _));
        }

        [Fact]
        public void KernelNetworkFlowsAddUpPerConnectionAndDropIdleOnes()
        {
            var flows = new KernelNetworkFlows();
            FlowAddress local = FlowAddress.FromIPAddress(IPAddress.Parse("192.0.2.10"), 50000);
            FlowAddress remote = FlowAddress.FromIPAddress(IPAddress.Parse("198.51.100.20"), 443);
            flows.Add(new KernelNetworkEvent(7, 3000, FlowProtocols.Tcp, true, local, remote));
            flows.Add(new KernelNetworkEvent(7, 100, FlowProtocols.Tcp, false, local, remote));
            flows.Add(new KernelNetworkEvent(7, 512, FlowProtocols.Udp, false, local, remote));
            var table = new FlowTable();

            flows.Fill(table);

            Assert.Equal(2, table.Count);
            FlowSample tcp = SockDiagParserTests.Items(table).Single(f => f.Protocol == FlowProtocols.Tcp);
            Assert.Equal(3000UL, tcp.PayloadReceived);
            Assert.Equal(3UL, tcp.SegmentsIn); // 3,000 bytes are three 1,460-byte segments
            Assert.Equal(100UL, tcp.PayloadSent);
            Assert.Equal(1UL, tcp.SegmentsOut);
            Assert.Equal(40, tcp.HeaderBytes);
            Assert.Equal(28, SockDiagParserTests.Items(table).Single(f => f.Protocol == FlowProtocols.Udp).HeaderBytes);

            flows.Fill(table); // idle once: still there, its totals unchanged
            Assert.Equal(2, table.Count);
            flows.Fill(table); // idle twice: the sampler has all of it
            Assert.Equal(0, table.Count);
        }

        [Fact]
        public void NettopLinesGiveEachProcessItsBytes()
        {
            // nettop -P -L 1 -x -J bytes_in,bytes_out: the time column, the process as name.pid, raw numbers.
            const string output = "time,,bytes_in,bytes_out,\n"
                + "09:41:00.123456,launchd.1,0,0,\n"
                + "09:41:00.123456,Google Chrome H.4242,104857600,5242880,\n"
                + "09:41:00.123456,mDNSResponder.321,20480,10240,\n";
            var table = new FlowTable();

            NettopParser.Parse(output, table);

            Assert.Equal(3, table.Count);
            FlowSample chrome = table.ItemAt(1);
            Assert.Equal(4242, chrome.ProcessId);
            Assert.Equal(104857600UL, chrome.PayloadReceived);
            Assert.Equal(5242880UL, chrome.PayloadSent);
            Assert.Equal(FlowProtocols.Tcp | FlowProtocols.Udp, chrome.Protocol);
            Assert.Equal("Google Chrome H", NettopParser.NameOf("Google Chrome H.4242"));
        }

        [Fact]
        public void NettopWithoutTheTimeColumnOrWithNoiseStillReads()
        {
            const string output = "Refusing nothing\n,bytes_in,bytes_out,\nsshd.77,1,2,\nnot a row\n";
            var table = new FlowTable();

            NettopParser.Parse(output, table);

            FlowSample sshd = Assert.Single(SockDiagParserTests.Items(table));
            Assert.Equal(77, sshd.ProcessId);
            Assert.Equal(1UL, sshd.PayloadReceived);
        }

        [Fact]
        public void TheNettopCommandIsTheDocumentedOne()
        {
            Assert.Equal("/usr/bin/nettop", NettopFlowSource.Executable);
            Assert.Equal(new[] { "-P", "-L", "1", "-x", "-J", "bytes_in,bytes_out" }, NettopFlowSource.Arguments);
        }

        private static byte[] Tcp4Row(uint state, string local, ushort localPort, string remote, ushort remotePort, int pid)
        {
            var row = new List<byte>(BitConverter.GetBytes(state));
            row.AddRange(IPAddress.Parse(local).GetAddressBytes());
            row.AddRange(Port(localPort));
            row.AddRange(IPAddress.Parse(remote).GetAddressBytes());
            row.AddRange(Port(remotePort));
            row.AddRange(BitConverter.GetBytes(pid));
            return row.ToArray();
        }

        /// <summary>A port DWORD as the tables hold it: network byte order in the low 16 bits.</summary>
        private static byte[] Port(ushort port) => new byte[] { (byte)(port >> 8), (byte)port, 0, 0 };

        private static byte[] KernelNetworkPayload(int pid, uint size, string daddr, string saddr, ushort dport, ushort sport)
        {
            var data = new List<byte>(BitConverter.GetBytes(pid));
            data.AddRange(BitConverter.GetBytes(size));
            data.AddRange(IPAddress.Parse(daddr).GetAddressBytes());
            data.AddRange(IPAddress.Parse(saddr).GetAddressBytes());
            data.Add((byte)(dport >> 8));
            data.Add((byte)dport);
            data.Add((byte)(sport >> 8));
            data.Add((byte)sport);
            data.AddRange(new byte[16]); // startime, endtime, seqnum, connid: not read
            return data.ToArray();
        }
    }
}
