using System;
using System.Collections.Generic;
using System.Net;
using NetUsageTracker.Processes;
using NetUsageTracker.Processes.Linux;
using Xunit;

namespace NetUsageTracker.Tests.Processes
{
    /// <summary>The inet_diag decoder on dumps laid out byte for byte as linux/inet_diag.h and linux/tcp.h
    /// define them, for three generations of struct tcp_info.</summary>
    public class SockDiagParserTests
    {
        [Fact]
        public void ReadsAddressesOwnerAndEveryCounterOfACurrentKernel()
        {
            var dump = new DumpBuilder();
            dump.Socket(2, 1, Ip("192.0.2.10"), 443, Ip("198.51.100.7"), 51000, cookie: 0x1122334455667788, uid: 1000, inode: 4242,
                TcpInfo(232, options: 1, acked: 900, received: 5000, segsOut: 7, segsIn: 9, sent: 1200));
            dump.Done();
            var table = new FlowTable();

            Assert.Equal(DumpProgress.Done, SockDiagParser.Parse(dump.Bytes, dump.Length, table));

            FlowSample flow = Assert.Single(Items(table));
            Assert.Equal("192.0.2.10:443", flow.Local.ToString());
            Assert.Equal("198.51.100.7:51000", flow.Remote.ToString());
            Assert.Equal(FlowState.Established, flow.State);
            Assert.Equal(0x1122334455667788UL, flow.Key);
            Assert.Equal(1000, flow.UserId);
            Assert.Equal(4242UL, flow.Inode);
            Assert.Equal(-1, flow.ProcessId);
            Assert.True(flow.HasCounters);
            Assert.Equal(5000UL, flow.PayloadReceived);
            Assert.Equal(1200UL, flow.PayloadSent); // bytes_sent, retransmissions included, not bytes_acked
            Assert.Equal(7UL, flow.SegmentsOut);
            Assert.Equal(9UL, flow.SegmentsIn);
            Assert.Equal(20 + 20 + 12, flow.HeaderBytes); // IPv4, TCP, timestamps
        }

        [Fact]
        public void AnIPv4MappedSocketIsIPv4AndAnOlderKernelFallsBackToBytesAcked()
        {
            var dump = new DumpBuilder();
            dump.Socket(10, 4, Ip("::ffff:192.0.2.1"), 80, Ip("::ffff:192.0.2.2"), 40000, 1, 0, 7, TcpInfo(144, options: 0, acked: 300, received: 400, segsOut: 3, segsIn: 4, sent: 999));
            dump.Done();
            var table = new FlowTable();

            SockDiagParser.Parse(dump.Bytes, dump.Length, table);

            FlowSample flow = table.ItemAt(0);
            Assert.False(flow.Local.IsIPv6);
            Assert.Equal("192.0.2.1:80", flow.Local.ToString());
            Assert.Equal(FlowState.FinWait1, flow.State);
            Assert.Equal(300UL, flow.PayloadSent); // no bytes_sent before 4.19: the 144-byte struct ends before it
            Assert.Equal(20 + 20, flow.HeaderBytes);
        }

        [Fact]
        public void AKernelWithoutByteCountersListsTheSocketWithoutCounters()
        {
            var dump = new DumpBuilder();
            dump.Socket(10, 1, Ip("2001:db8::1"), 22, Ip("2001:db8::2"), 50000, 2, 0, 8, TcpInfo(104, 1, 0, 0, 0, 0, 0));
            var table = new FlowTable();

            Assert.Equal(DumpProgress.More, SockDiagParser.Parse(dump.Bytes, dump.Length, table));

            FlowSample flow = table.ItemAt(0);
            Assert.True(flow.Local.IsIPv6);
            Assert.Equal("[2001:db8::1]:22", flow.Local.ToString());
            Assert.False(flow.HasCounters);
        }

        [Fact]
        public void AnErrorAnswerAndATruncatedMessageAreErrors()
        {
            var error = new DumpBuilder();
            error.Error(13);
            var e = Assert.Throws<SockDiagException>(() => SockDiagParser.Parse(error.Bytes, error.Length, new FlowTable()));
            Assert.Equal(13, e.Errno);

            var truncated = new DumpBuilder();
            truncated.Socket(2, 1, Ip("192.0.2.1"), 1, Ip("192.0.2.2"), 2, 3, 0, 9, TcpInfo(232, 0, 0, 0, 0, 0, 0));
            Assert.Throws<SockDiagException>(() => SockDiagParser.Parse(truncated.Bytes, truncated.Length - 10, new FlowTable()));
        }

        [Theory]
        [InlineData("socket:[12345]", true, 12345UL)]
        [InlineData("socket:[]", false, 0UL)]
        [InlineData("pipe:[12345]", false, 0UL)]
        [InlineData("socket:[12a45]", false, 0UL)]
        [InlineData("/dev/null", false, 0UL)]
        public void SocketLinksAreRead(string link, bool ok, ulong inode)
        {
            Assert.Equal(ok, ProcSocketOwners.TryParseSocketLink(link, out ulong found));
            Assert.Equal(inode, found);
        }

        internal static IEnumerable<FlowSample> Items(FlowTable table)
        {
            for (int i = 0; i < table.Count; i++)
            {
                yield return table.ItemAt(i);
            }
        }

        private static byte[] Ip(string text)
        {
            byte[] bytes = IPAddress.Parse(text).GetAddressBytes();
            var sixteen = new byte[16];
            Array.Copy(bytes, sixteen, bytes.Length);
            return sixteen;
        }

        /// <summary>A struct tcp_info of <paramref name="length"/> bytes with the counters at their offsets.</summary>
        private static byte[] TcpInfo(int length, byte options, ulong acked, ulong received, uint segsOut, uint segsIn, ulong sent)
        {
            var info = new byte[length];
            info[5] = options;
            void Put64(int at, ulong value)
            {
                if (at + 8 <= length)
                {
                    BitConverter.GetBytes(value).CopyTo(info, at);
                }
            }

            void Put32(int at, uint value)
            {
                if (at + 4 <= length)
                {
                    BitConverter.GetBytes(value).CopyTo(info, at);
                }
            }

            Put64(120, acked);
            Put64(128, received);
            Put32(136, segsOut);
            Put32(140, segsIn);
            Put64(200, sent);
            Put64(208, 0);
            return info;
        }

        /// <summary>Netlink messages as the kernel lays them out: nlmsghdr, inet_diag_msg, rtattrs, 4-byte aligned.</summary>
        private sealed class DumpBuilder
        {
            private readonly List<byte> _bytes = new List<byte>();

            public byte[] Bytes => _bytes.ToArray();

            public int Length => _bytes.Count;

            public void Socket(byte family, byte state, byte[] src, ushort sport, byte[] dst, ushort dport, ulong cookie, uint uid, uint inode, byte[] tcpInfo)
            {
                var body = new List<byte> { family, state, 0, 0 };
                body.Add((byte)(sport >> 8));
                body.Add((byte)sport);
                body.Add((byte)(dport >> 8));
                body.Add((byte)dport);
                body.AddRange(family == 2 ? Four(src) : src);
                body.AddRange(family == 2 ? Four(dst) : dst);
                body.AddRange(BitConverter.GetBytes(0u)); // interface
                body.AddRange(BitConverter.GetBytes(cookie));
                body.AddRange(new byte[12]); // expires, rqueue, wqueue
                body.AddRange(BitConverter.GetBytes(uid));
                body.AddRange(BitConverter.GetBytes(inode));
                body.AddRange(BitConverter.GetBytes((ushort)(4 + tcpInfo.Length)));
                body.AddRange(BitConverter.GetBytes((ushort)2)); // INET_DIAG_INFO
                body.AddRange(tcpInfo);
                Message(20, body);
            }

            public void Done() => Message(3, new List<byte>(BitConverter.GetBytes(0)));

            public void Error(int errno) => Message(2, new List<byte>(BitConverter.GetBytes(-errno)));

            private static byte[] Four(byte[] sixteen)
            {
                var padded = new byte[16];
                Array.Copy(sixteen, padded, 4);
                return padded;
            }

            private void Message(ushort type, List<byte> body)
            {
                _bytes.AddRange(BitConverter.GetBytes((uint)(16 + body.Count)));
                _bytes.AddRange(BitConverter.GetBytes(type));
                _bytes.AddRange(BitConverter.GetBytes((ushort)2)); // NLM_F_MULTI
                _bytes.AddRange(new byte[8]);
                _bytes.AddRange(body);
                while (_bytes.Count % 4 != 0)
                {
                    _bytes.Add(0);
                }
            }
        }
    }
}
