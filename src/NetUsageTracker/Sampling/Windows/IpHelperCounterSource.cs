using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using static NetUsageTracker.Sampling.Windows.IpHelperNative;

namespace NetUsageTracker.Sampling.Windows
{
    /// <summary>
    /// Windows: one GetIfTable2 call gives every interface's 64-bit counters. Names are the interface
    /// aliases users know ("Ethernet", "Wi-Fi"); filter rows (lightweight filters, QoS, WFP), which repeat
    /// an adapter's counters, are left out; the row's flags say hardware from software. Names,
    /// descriptions and identities are kept per LUID and compared in place, so a read allocates nothing
    /// while the interfaces stay as they are.
    /// </summary>
    public sealed class IpHelperCounterSource : ICounterSource
    {
        private readonly object _gate = new object();
        private readonly Dictionary<ulong, InterfaceIdentity> _identities = new Dictionary<ulong, InterfaceIdentity>();

        private IpHelperCounterSource()
        {
        }

        public string Name => "iphlpapi GetIfTable2";

        public CounterWidth Width => CounterWidth.Bits64;

        /// <summary>The source, when the table can be read here; null elsewhere (not Windows, no iphlpapi, the call fails).</summary>
        public static IpHelperCounterSource? TryCreate()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return null;
            }

            var source = new IpHelperCounterSource();
            try
            {
                source.Read(new CounterSnapshot());
                return source;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is NetworkInformationException)
            {
                return null;
            }
        }

        /// <summary>A source that only decodes tables given to <see cref="Fill"/> (tests).</summary>
        internal static IpHelperCounterSource ForTables() => new IpHelperCounterSource();

        public void Read(CounterSnapshot snapshot)
        {
            lock (_gate)
            {
                int status = GetIfTable2(out IntPtr table);
                if (status != 0)
                {
                    throw new NetworkInformationException(status);
                }

                try
                {
                    Fill(table, snapshot, Stopwatch.GetTimestamp(), DateTime.UtcNow);
                }
                finally
                {
                    FreeMibTable(table);
                }
            }
        }

        /// <summary>Decodes a MIB_IF_TABLE2 into the snapshot. Callers hold the lock.</summary>
        internal void Fill(IntPtr table, CounterSnapshot snapshot, long ticks, DateTime utc)
        {
            int count = Marshal.ReadInt32(table);
            snapshot.BeginFill();
            for (int i = 0; i < count; i++)
            {
                var row = new IntPtr(table.ToInt64() + TableOffset + ((long)i * RowSize));
                byte flags = Marshal.ReadByte(row, FlagsOffset);
                if ((flags & FilterInterfaceFlag) != 0)
                {
                    continue;
                }

                InterfaceIdentity identity = Identify(row, flags);
                ref InterfaceCounters slot = ref snapshot.NextSlot();
                slot.Name = identity.Name;
                slot.Description = identity.Description;
                slot.Id = identity.Id;
                slot.Class = identity.Class;
                slot.BytesReceived = Counter(row, InOctetsOffset);
                slot.PacketsReceived = Counter(row, InUcastPktsOffset) + Counter(row, InNUcastPktsOffset);
                slot.ReceiveErrors = Counter(row, InErrorsOffset);
                slot.ReceiveDrops = Counter(row, InDiscardsOffset);
                slot.BytesSent = Counter(row, OutOctetsOffset);
                slot.PacketsSent = Counter(row, OutUcastPktsOffset) + Counter(row, OutNUcastPktsOffset);
                slot.SendErrors = Counter(row, OutErrorsOffset);
                slot.SendDrops = Counter(row, OutDiscardsOffset);
            }

            snapshot.EndFill(ticks, utc, Width);
        }

        /// <summary>The class a row's type and flags give: software loopback, else hardware or not.</summary>
        internal static InterfaceClass Classify(uint type, byte flags)
        {
            if (type == SoftwareLoopbackType)
            {
                return InterfaceClass.Loopback;
            }

            return (flags & HardwareInterfaceFlag) != 0 ? InterfaceClass.Physical : InterfaceClass.Virtual;
        }

        private InterfaceIdentity Identify(IntPtr row, byte flags)
        {
            ulong luid = (ulong)Marshal.ReadInt64(row, LuidOffset);
            uint type = (uint)Marshal.ReadInt32(row, TypeOffset);
            InterfaceClass interfaceClass = Classify(type, flags);
            IntPtr alias = new IntPtr(row.ToInt64() + AliasOffset);
            IntPtr description = new IntPtr(row.ToInt64() + DescriptionOffset);
            if (_identities.TryGetValue(luid, out InterfaceIdentity known)
                && known.Class == interfaceClass
                && EqualsNative(alias, known.Alias)
                && EqualsNative(description, known.Description))
            {
                return known;
            }

            string aliasText = ReadString(alias);
            string descriptionText = ReadString(description);
            var identity = new InterfaceIdentity(
                aliasText.Length > 0 ? aliasText : descriptionText,
                aliasText,
                descriptionText,
                luid.ToString(CultureInfo.InvariantCulture),
                interfaceClass);
            _identities[luid] = identity;
            return identity;
        }

        private static ulong Counter(IntPtr row, int offset) => (ulong)Marshal.ReadInt64(row, offset);

        /// <summary>The length of a NUL-terminated WCHAR array of <see cref="StringLength"/> characters.</summary>
        private static int Length(IntPtr text)
        {
            int length = 0;
            while (length < StringLength - 1 && Marshal.ReadInt16(text, length * 2) != 0)
            {
                length++;
            }

            return length;
        }

        private static string ReadString(IntPtr text) => Marshal.PtrToStringUni(text, Length(text));

        private static bool EqualsNative(IntPtr text, string value)
        {
            if (Length(text) != value.Length)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (Marshal.ReadInt16(text, i * 2) != value[i])
                {
                    return false;
                }
            }

            return true;
        }

        public void Dispose()
        {
        }

        /// <summary>What a row's LUID stands for, as last seen: its strings are handed to every snapshot.</summary>
        private sealed class InterfaceIdentity
        {
            public InterfaceIdentity(string name, string alias, string description, string id, InterfaceClass interfaceClass)
            {
                Name = name;
                Alias = alias;
                Description = description;
                Id = id;
                Class = interfaceClass;
            }

            public string Name { get; }

            public string Alias { get; }

            public string Description { get; }

            public string Id { get; }

            public InterfaceClass Class { get; }
        }
    }
}
