using System;
using System.Collections.Generic;
using System.Net;
using NetUsageTracker.Processes;
using NetUsageTracker.Processes.Linux;
using Xunit;

namespace NetUsageTracker.Tests.Processes
{
    /// <summary>ctnetlink's dump decoded from messages laid out as nfnetlink_conntrack.h defines them, and
    /// UDP sockets given their conversations' counters.</summary>
    public class ConntrackTests
    {
        [Fact]
        public void AUdpEntryWithCountersIsReadAndOthersAreLeftOut()
        {
            var dump = new List<byte>();
            Message(dump, Entry(17, "127.0.0.1", 40000, "127.0.0.1", 53, orig: (3, 300), reply: (2, 500), id: 77));
            Message(dump, Entry(6, "127.0.0.1", 40001, "127.0.0.1", 80, orig: (3, 300), reply: (2, 500), id: 78)); // TCP
            Message(dump, Entry(17, "127.0.0.1", 40002, "127.0.0.1", 53, orig: null, reply: null, id: 79)); // no accounting
            var table = new ConntrackTable();

            ConntrackParser.Parse(dump.ToArray(), dump.Count, table);

            Assert.Equal(1, table.Count);
            ConntrackEntry e = table[0];
            Assert.Equal(77u, e.Id);
            Assert.Equal("127.0.0.1:40000", e.OriginalSource.ToString());
            Assert.Equal("127.0.0.1:53", e.OriginalDestination.ToString());
            Assert.Equal("127.0.0.1:53", e.ReplySource.ToString());
            Assert.Equal("127.0.0.1:40000", e.ReplyDestination.ToString());
            Assert.Equal(3UL, e.OriginalPackets);
            Assert.Equal(300UL, e.OriginalBytes);
            Assert.Equal(2UL, e.ReplyPackets);
            Assert.Equal(500UL, e.ReplyBytes);
        }

        [Fact]
        public void BothLocalEndsOfAConversationBecomeFlowsOfTheirSocketsAndForwardedTrafficNone()
        {
            var entries = new ConntrackTable();
            ref ConntrackEntry local = ref entries.Add();
            local.Id = 5;
            local.OriginalSource = A("127.0.0.1", 40000);
            local.OriginalDestination = A("127.0.0.1", 9999);
            local.ReplySource = A("127.0.0.1", 9999);
            local.ReplyDestination = A("127.0.0.1", 40000);
            local.OriginalBytes = 1028;
            local.OriginalPackets = 1;
            ref ConntrackEntry forwarded = ref entries.Add();
            forwarded.Id = 6;
            forwarded.OriginalSource = A("198.51.100.1", 40000);
            forwarded.OriginalDestination = A("203.0.113.1", 9999);
            forwarded.ReplySource = A("203.0.113.1", 9999);
            forwarded.ReplyDestination = A("198.51.100.1", 40000);
            forwarded.OriginalBytes = 5000;
            var sockets = new FlowTable();
            Socket(sockets, "0.0.0.0", 40000, inode: 11);   // the sender, bound to the wildcard by sendto
            Socket(sockets, "127.0.0.1", 9999, inode: 12);  // the receiver
            var flows = new FlowTable();

            new UdpConntrackJoin().Add(entries, sockets, flows, a => a.IsLoopback);

            Assert.Equal(2, flows.Count);
            FlowSample sender = flows.ItemAt(0);
            Assert.Equal(11UL, sender.Inode);
            Assert.Equal(1028UL, sender.PayloadSent);
            Assert.Equal(1UL, sender.SegmentsOut);
            Assert.Equal(0, sender.HeaderBytes);
            Assert.Equal(FlowProtocols.Udp, sender.Protocol);
            FlowSample receiver = flows.ItemAt(1);
            Assert.Equal(12UL, receiver.Inode);
            Assert.Equal(1028UL, receiver.PayloadReceived);
            Assert.NotEqual(sender.Key, receiver.Key);
            Assert.True((sender.Key & (1UL << 63)) != 0, "apart from inet_diag's cookies");
        }

        private static FlowAddress A(string ip, ushort port) => FlowAddress.FromIPAddress(IPAddress.Parse(ip), port);

        private static void Socket(FlowTable table, string ip, ushort port, ulong inode)
        {
            ref FlowSample s = ref table.Add();
            s.Protocol = FlowProtocols.Udp;
            s.Local = A(ip, port);
            s.Inode = inode;
            s.UserId = 0;
        }

        private static byte[] Entry(byte protocol, string src, ushort sport, string dst, ushort dport, (ulong, ulong)? orig, (ulong, ulong)? reply, uint id)
        {
            var body = new List<byte> { 2, 0, 0, 0 }; // nfgenmsg: AF_INET, version 0, res_id
            body.AddRange(Nested(1, Tuple(protocol, src, sport, dst, dport)));
            body.AddRange(Nested(2, Tuple(protocol, dst, dport, src, sport)));
            if (orig is (ulong p, ulong b))
            {
                body.AddRange(Nested(9, Counters(p, b)));
            }

            if (reply is (ulong rp, ulong rb))
            {
                body.AddRange(Nested(10, Counters(rp, rb)));
            }

            body.AddRange(Attribute(12, Big(id)));
            return body.ToArray();
        }

        private static byte[] Tuple(byte protocol, string src, ushort sport, string dst, ushort dport)
        {
            var ip = new List<byte>();
            ip.AddRange(Attribute(1, IPAddress.Parse(src).GetAddressBytes()));
            ip.AddRange(Attribute(2, IPAddress.Parse(dst).GetAddressBytes()));
            var proto = new List<byte>();
            proto.AddRange(Attribute(1, new[] { protocol }));
            proto.AddRange(Attribute(2, new[] { (byte)(sport >> 8), (byte)sport }));
            proto.AddRange(Attribute(3, new[] { (byte)(dport >> 8), (byte)dport }));
            var tuple = new List<byte>();
            tuple.AddRange(Nested(1, ip.ToArray()));
            tuple.AddRange(Nested(2, proto.ToArray()));
            return tuple.ToArray();
        }

        private static byte[] Counters(ulong packets, ulong bytes)
        {
            var c = new List<byte>();
            c.AddRange(Attribute(1, Big64(packets)));
            c.AddRange(Attribute(2, Big64(bytes)));
            return c.ToArray();
        }

        private static byte[] Big(uint v) => new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v };

        private static byte[] Big64(ulong v)
        {
            byte[] b = BitConverter.GetBytes(v);
            Array.Reverse(b);
            return b;
        }

        private static byte[] Nested(ushort type, byte[] value) => Attribute((ushort)(type | 0x8000), value);

        private static byte[] Attribute(ushort type, byte[] value)
        {
            var a = new List<byte>(BitConverter.GetBytes((ushort)(4 + value.Length)));
            a.AddRange(BitConverter.GetBytes(type));
            a.AddRange(value);
            while (a.Count % 4 != 0)
            {
                a.Add(0);
            }

            return a.ToArray();
        }

        private static void Message(List<byte> dump, byte[] body)
        {
            dump.AddRange(BitConverter.GetBytes((uint)(16 + body.Length)));
            dump.AddRange(BitConverter.GetBytes(ConntrackParser.MessageNew));
            dump.AddRange(BitConverter.GetBytes((ushort)2));
            dump.AddRange(new byte[8]);
            dump.AddRange(body);
        }
    }
}
