using System;
using System.Runtime.InteropServices;
using NetUsageTracker.Sampling.Windows;
using Xunit;

namespace NetUsageTracker.Tests.Windows
{
    /// <summary>
    /// The declared MIB_IF_ROW2 against the Windows SDK's netioapi.h: the expected offsets are worked out by
    /// hand from the header (NET_LUID 8, NET_IFINDEX 4, GUID 16, WCHAR[257] twice, UCHAR[32] twice, seven
    /// 4-byte fields, the flags byte padded to 4, three more 4-byte fields, a GUID, then 8-aligned ULONG64s),
    /// so a field added, dropped or resized in the declaration fails here and not on a user's machine.
    /// </summary>
    public class IpHelperLayoutTests
    {
        [Fact]
        public void TheRowIs1352BytesAsSizeofMibIfRow2()
        {
            Assert.Equal(1352, Marshal.SizeOf(typeof(IpHelperNative.MibIfRow2)));
            Assert.Equal(1352, IpHelperNative.RowSize);
        }

        [Fact]
        public void TheTableStartsAfterNumEntriesPaddedToTheRowsAlignment()
        {
            Assert.Equal(8, IpHelperNative.TableOffset);
        }

        [Theory]
        [InlineData("InterfaceLuid", 0)]
        [InlineData("InterfaceIndex", 8)]
        [InlineData("InterfaceGuid", 12)]
        [InlineData("Alias", 28)]
        [InlineData("Description", 542)]
        [InlineData("PhysicalAddressLength", 1056)]
        [InlineData("PhysicalAddress", 1060)]
        [InlineData("PermanentPhysicalAddress", 1092)]
        [InlineData("Mtu", 1124)]
        [InlineData("Type", 1128)]
        [InlineData("TunnelType", 1132)]
        [InlineData("DirectionType", 1148)]
        [InlineData("InterfaceAndOperStatusFlags", 1152)]
        [InlineData("OperStatus", 1156)]
        [InlineData("MediaConnectState", 1164)]
        [InlineData("NetworkGuid", 1168)]
        [InlineData("ConnectionType", 1184)]
        [InlineData("TransmitLinkSpeed", 1192)]
        [InlineData("ReceiveLinkSpeed", 1200)]
        [InlineData("InOctets", 1208)]
        [InlineData("InUcastPkts", 1216)]
        [InlineData("InNUcastPkts", 1224)]
        [InlineData("InDiscards", 1232)]
        [InlineData("InErrors", 1240)]
        [InlineData("InUnknownProtos", 1248)]
        [InlineData("OutOctets", 1280)]
        [InlineData("OutUcastPkts", 1288)]
        [InlineData("OutNUcastPkts", 1296)]
        [InlineData("OutDiscards", 1304)]
        [InlineData("OutErrors", 1312)]
        [InlineData("OutQLen", 1344)]
        public void EachFieldIsWhereTheSdkPutsIt(string field, int offset)
        {
            Assert.Equal(offset, IpHelperNative.Offset(field));
        }

        [Fact]
        public void TheStringsHoldIfMaxStringSizePlusOneWideCharacters()
        {
            Assert.Equal(514, Marshal.SizeOf(typeof(IpHelperNative.IfString)));
            Assert.Equal(32, Marshal.SizeOf(typeof(IpHelperNative.PhysicalAddress)));
        }
    }
}
