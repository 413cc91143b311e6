using System;
using System.Runtime.InteropServices;
using NetUsageTracker.Sampling;
using NetUsageTracker.Sampling.Windows;
using Xunit;

namespace NetUsageTracker.Tests.Windows
{
    /// <summary>
    /// The source's decoding of a MIB_IF_TABLE2, on tables built here at the SDK's offsets with the rows a
    /// Windows laptop has (Wine gives no filter or software rows). The real call runs in the Windows lane.
    /// </summary>
    public class IpHelperCounterSourceTests
    {
        private const byte Hardware = 0x01, Filter = 0x02;
        private const uint EthernetType = 6, WirelessType = 71, LoopbackType = 24, TunnelType = 131;

        [Fact]
        public void FilterRowsAreLeftOutAndTheOthersKeepTheirAliasDescriptionAndLuid()
        {
            using var table = new FakeTable(
                new Row(0x0006_0000_0100_0000, "Ethernet", "Intel(R) Ethernet Connection I219-V", EthernetType, Hardware, rx: 1000, tx: 200),
                new Row(0x0006_0000_0101_0000, "Ethernet-WFP Native MAC Layer LightWeight Filter-0000", "Intel(R) Ethernet Connection I219-V", EthernetType, Hardware | Filter, rx: 1000, tx: 200),
                new Row(0x0006_0000_0102_0000, "Ethernet-QoS Packet Scheduler-0000", "Intel(R) Ethernet Connection I219-V", EthernetType, Filter, rx: 1000, tx: 200),
                new Row(0x0047_0000_0100_0000, "Wi-Fi", "Intel(R) Wi-Fi 6 AX201 160MHz", WirelessType, Hardware, rx: 5, tx: 6),
                new Row(0x0018_0000_0000_0000, "Loopback Pseudo-Interface 1", "Software Loopback Interface 1", LoopbackType, 0, rx: 0, tx: 0),
                new Row(0x0083_0000_0100_0000, "Teredo Tunneling Pseudo-Interface", "Teredo Tunneling Pseudo-Interface", TunnelType, 0, rx: 7, tx: 8));
            var snapshot = new CounterSnapshot();

            IpHelperCounterSource.ForTables().Fill(table.Pointer, snapshot, 42, DateTime.UnixEpoch);

            Assert.Equal(new[] { "Ethernet", "Wi-Fi", "Loopback Pseudo-Interface 1", "Teredo Tunneling Pseudo-Interface" }, snapshot.InterfaceNames());
            Assert.True(snapshot.TryGet("Ethernet", out InterfaceCounters ethernet));
            Assert.Equal(InterfaceClass.Physical, ethernet.Class);
            Assert.Equal("Intel(R) Ethernet Connection I219-V", ethernet.Description);
            Assert.Equal(0x0006_0000_0100_0000UL.ToString(), ethernet.Id);
            Assert.True(snapshot.TryGet("Loopback Pseudo-Interface 1", out InterfaceCounters loopback));
            Assert.Equal(InterfaceClass.Loopback, loopback.Class);
            Assert.True(snapshot.TryGet("Teredo Tunneling Pseudo-Interface", out InterfaceCounters teredo));
            Assert.Equal(InterfaceClass.Virtual, teredo.Class);
            Assert.Equal(42, snapshot.MonotonicTicks);
        }

        [Fact]
        public void EveryCounterComesFromItsOwnFieldAndPacketsAddUnicastAndNonUnicast()
        {
            using var table = new FakeTable(new Row(1, "Ethernet", "NIC", EthernetType, Hardware, rx: 0x1_0000_0001, tx: 0x2_0000_0002));
            var snapshot = new CounterSnapshot();

            IpHelperCounterSource.ForTables().Fill(table.Pointer, snapshot, 0, DateTime.UnixEpoch);

            InterfaceCounters c = snapshot[0];
            Assert.Equal(0x1_0000_0001UL, c.BytesReceived);
            Assert.Equal(0x2_0000_0002UL, c.BytesSent);
            Assert.Equal(11UL + 12UL, c.PacketsReceived);
            Assert.Equal(13UL + 14UL, c.PacketsSent);
            Assert.Equal(15UL, c.ReceiveDrops);
            Assert.Equal(16UL, c.ReceiveErrors);
            Assert.Equal(17UL, c.SendDrops);
            Assert.Equal(18UL, c.SendErrors);
        }

        [Fact]
        public void ASecondReadOfTheSameInterfacesHandsOutTheSameStrings()
        {
            using var table = new FakeTable(new Row(1, "Ethernet", "NIC", EthernetType, Hardware, rx: 1, tx: 1), new Row(2, "Wi-Fi", "Wireless", WirelessType, Hardware, rx: 1, tx: 1));
            var source = IpHelperCounterSource.ForTables();
            var first = new CounterSnapshot();
            var second = new CounterSnapshot();

            source.Fill(table.Pointer, first, 0, DateTime.UnixEpoch);
            source.Fill(table.Pointer, second, 0, DateTime.UnixEpoch);

            Assert.Same(first[1].Name, second[1].Name);
            Assert.Same(first[1].Description, second[1].Description);
            Assert.Same(first[1].Id, second[1].Id);
        }

        [Fact]
        public void DecodingATableOfKnownInterfacesAllocatesNothing()
        {
            using var table = new FakeTable(new Row(1, "Ethernet", "NIC", EthernetType, Hardware, rx: 1, tx: 1), new Row(2, "Wi-Fi", "Wireless", WirelessType, Hardware, rx: 1, tx: 1),
                new Row(3, "Ethernet-QoS Packet Scheduler-0000", "NIC", EthernetType, Filter, rx: 1, tx: 1));
            var source = IpHelperCounterSource.ForTables();
            var snapshot = new CounterSnapshot();
            source.Fill(table.Pointer, snapshot, 0, DateTime.UnixEpoch);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                source.Fill(table.Pointer, snapshot, i, DateTime.UnixEpoch);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void ARenamedInterfaceGetsItsNewName()
        {
            var source = IpHelperCounterSource.ForTables();
            var snapshot = new CounterSnapshot();
            using (var before = new FakeTable(new Row(1, "Ethernet", "NIC", EthernetType, Hardware, rx: 1, tx: 1)))
            {
                source.Fill(before.Pointer, snapshot, 0, DateTime.UnixEpoch);
            }

            using var after = new FakeTable(new Row(1, "Office LAN", "NIC", EthernetType, Hardware, rx: 1, tx: 1));
            source.Fill(after.Pointer, snapshot, 0, DateTime.UnixEpoch);

            Assert.Equal(new[] { "Office LAN" }, snapshot.InterfaceNames());
        }

        [Fact]
        public void AnAliasOfTheFullLengthIsReadWithoutRunningPastItsArray()
        {
            string longest = new string('a', 256);
            using var table = new FakeTable(new Row(1, longest, new string('d', 256), EthernetType, Hardware, rx: 1, tx: 1));
            var snapshot = new CounterSnapshot();

            IpHelperCounterSource.ForTables().Fill(table.Pointer, snapshot, 0, DateTime.UnixEpoch);

            Assert.Equal(longest, snapshot[0].Name);
        }

        [Fact]
        public void TheTableCannotBeReadOffWindows()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Assert.Null(IpHelperCounterSource.TryCreate());
            }
        }

        private sealed class Row
        {
            public Row(ulong luid, string alias, string description, uint type, int flags, ulong rx, ulong tx)
            {
                Luid = luid;
                Alias = alias;
                Description = description;
                Type = type;
                Flags = (byte)flags;
                Rx = rx;
                Tx = tx;
            }

            public ulong Luid { get; }

            public string Alias { get; }

            public string Description { get; }

            public uint Type { get; }

            public byte Flags { get; }

            public ulong Rx { get; }

            public ulong Tx { get; }
        }

        /// <summary>A MIB_IF_TABLE2 in unmanaged memory, written at the SDK's offsets (not the declaration's).</summary>
        private sealed class FakeTable : IDisposable
        {
            private const int RowSize = 1352, TableOffset = 8;

            public FakeTable(params Row[] rows)
            {
                int size = TableOffset + (rows.Length * RowSize);
                Pointer = Marshal.AllocHGlobal(size);
                Marshal.Copy(new byte[size], 0, Pointer, size);
                Marshal.WriteInt32(Pointer, rows.Length);
                for (int i = 0; i < rows.Length; i++)
                {
                    var row = new IntPtr(Pointer.ToInt64() + TableOffset + (i * RowSize));
                    Row r = rows[i];
                    Marshal.WriteInt64(row, 0, (long)r.Luid);
                    WriteString(row, 28, r.Alias);
                    WriteString(row, 542, r.Description);
                    Marshal.WriteInt32(row, 1128, (int)r.Type);
                    Marshal.WriteByte(row, 1152, r.Flags);
                    Marshal.WriteInt64(row, 1208, (long)r.Rx);
                    Marshal.WriteInt64(row, 1280, (long)r.Tx);
                    // Distinct small numbers in every other counter, so a field read from the wrong place shows.
                    Marshal.WriteInt64(row, 1216, 11);
                    Marshal.WriteInt64(row, 1224, 12);
                    Marshal.WriteInt64(row, 1288, 13);
                    Marshal.WriteInt64(row, 1296, 14);
                    Marshal.WriteInt64(row, 1232, 15);
                    Marshal.WriteInt64(row, 1240, 16);
                    Marshal.WriteInt64(row, 1304, 17);
                    Marshal.WriteInt64(row, 1312, 18);
                    Marshal.WriteInt64(row, 1248, 99);
                    Marshal.WriteInt64(row, 1344, 99);
                }
            }

            public IntPtr Pointer { get; }

            public void Dispose() => Marshal.FreeHGlobal(Pointer);

            private static void WriteString(IntPtr row, int offset, string text)
            {
                for (int i = 0; i < text.Length; i++)
                {
                    Marshal.WriteInt16(row, offset + (i * 2), (short)text[i]);
                }
            }
        }
    }
}
