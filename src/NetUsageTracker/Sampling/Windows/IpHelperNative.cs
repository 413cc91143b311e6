using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Sampling.Windows
{
    /// <summary>
    /// iphlpapi's interface table (netioapi.h): GetIfTable2 returns every interface's MIB_IF_ROW2 in one
    /// block that FreeMibTable releases. The structs below mirror the SDK's layout field for field, so
    /// Marshal.OffsetOf gives the same offsets as the C compiler; the source reads the few fields it needs
    /// at those offsets straight from the returned block, without copying a row.
    /// </summary>
    internal static class IpHelperNative
    {
        /// <summary>IF_MAX_STRING_SIZE + 1 characters: the Alias and Description arrays.</summary>
        public const int StringLength = 257;

        /// <summary>IF_TYPE_SOFTWARE_LOOPBACK (ipifcons.h).</summary>
        public const uint SoftwareLoopbackType = 24;

        /// <summary>Bits of MIB_IF_ROW2.InterfaceAndOperStatusFlags, in declaration order.</summary>
        public const byte HardwareInterfaceFlag = 0x01;
        public const byte FilterInterfaceFlag = 0x02;

        [DllImport("iphlpapi.dll", ExactSpelling = true)]
        public static extern int GetIfTable2(out IntPtr table);

        [DllImport("iphlpapi.dll", ExactSpelling = true)]
        public static extern void FreeMibTable(IntPtr memory);

        /// <summary>Where MIB_IF_TABLE2.Table begins: after NumEntries, padded to the rows' 8-byte alignment.</summary>
        public static readonly int TableOffset = (int)Marshal.OffsetOf(typeof(MibIfTable2), nameof(MibIfTable2.Table));

        public static readonly int RowSize = Marshal.SizeOf(typeof(MibIfRow2));

        public static readonly int LuidOffset = Offset(nameof(MibIfRow2.InterfaceLuid));
        public static readonly int AliasOffset = Offset(nameof(MibIfRow2.Alias));
        public static readonly int DescriptionOffset = Offset(nameof(MibIfRow2.Description));
        public static readonly int TypeOffset = Offset(nameof(MibIfRow2.Type));
        public static readonly int FlagsOffset = Offset(nameof(MibIfRow2.InterfaceAndOperStatusFlags));
        public static readonly int InOctetsOffset = Offset(nameof(MibIfRow2.InOctets));
        public static readonly int InUcastPktsOffset = Offset(nameof(MibIfRow2.InUcastPkts));
        public static readonly int InNUcastPktsOffset = Offset(nameof(MibIfRow2.InNUcastPkts));
        public static readonly int InDiscardsOffset = Offset(nameof(MibIfRow2.InDiscards));
        public static readonly int InErrorsOffset = Offset(nameof(MibIfRow2.InErrors));
        public static readonly int OutOctetsOffset = Offset(nameof(MibIfRow2.OutOctets));
        public static readonly int OutUcastPktsOffset = Offset(nameof(MibIfRow2.OutUcastPkts));
        public static readonly int OutNUcastPktsOffset = Offset(nameof(MibIfRow2.OutNUcastPkts));
        public static readonly int OutDiscardsOffset = Offset(nameof(MibIfRow2.OutDiscards));
        public static readonly int OutErrorsOffset = Offset(nameof(MibIfRow2.OutErrors));

        internal static int Offset(string field) => (int)Marshal.OffsetOf(typeof(MibIfRow2), field);

        /// <summary>MIB_IF_TABLE2: NumEntries, then NumEntries rows (ANY_SIZE declares one).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MibIfTable2
        {
            public uint NumEntries;
            public MibIfRow2 Table;
        }

        /// <summary>MIB_IF_ROW2, 1352 bytes on every Windows architecture the module supports.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MibIfRow2
        {
            public ulong InterfaceLuid;
            public uint InterfaceIndex;
            public Guid InterfaceGuid;
            public IfString Alias;
            public IfString Description;
            public uint PhysicalAddressLength;
            public PhysicalAddress PhysicalAddress;
            public PhysicalAddress PermanentPhysicalAddress;
            public uint Mtu;
            public uint Type;
            public int TunnelType;
            public int MediaType;
            public int PhysicalMediumType;
            public int AccessType;
            public int DirectionType;

            /// <summary>Eight one-bit BOOLEANs in one byte: HardwareInterface, FilterInterface, ConnectorPresent,
            /// NotAuthenticated, NotMediaConnected, Paused, LowPower, EndPointInterface.</summary>
            public byte InterfaceAndOperStatusFlags;
            public int OperStatus;
            public int AdminStatus;
            public int MediaConnectState;
            public Guid NetworkGuid;
            public int ConnectionType;
            public ulong TransmitLinkSpeed;
            public ulong ReceiveLinkSpeed;
            public ulong InOctets;
            public ulong InUcastPkts;
            public ulong InNUcastPkts;
            public ulong InDiscards;
            public ulong InErrors;
            public ulong InUnknownProtos;
            public ulong InUcastOctets;
            public ulong InMulticastOctets;
            public ulong InBroadcastOctets;
            public ulong OutOctets;
            public ulong OutUcastPkts;
            public ulong OutNUcastPkts;
            public ulong OutDiscards;
            public ulong OutErrors;
            public ulong OutUcastOctets;
            public ulong OutMulticastOctets;
            public ulong OutBroadcastOctets;
            public ulong OutQLen;
        }

        /// <summary>WCHAR[IF_MAX_STRING_SIZE + 1], NUL-terminated.</summary>
        [StructLayout(LayoutKind.Sequential, Size = StringLength * 2)]
        internal struct IfString
        {
            public ushort First;
        }

        /// <summary>UCHAR[IF_MAX_PHYS_ADDRESS_LENGTH].</summary>
        [StructLayout(LayoutKind.Sequential, Size = 32)]
        internal struct PhysicalAddress
        {
            public byte First;
        }
    }
}
