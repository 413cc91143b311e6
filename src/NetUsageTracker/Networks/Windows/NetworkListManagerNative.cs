using System;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Networks.Windows
{
    /// <summary>
    /// Windows: the Network List Manager's COM interfaces (netlistmgr.h), declared for the runtime's own COM
    /// interop so the same code runs in Windows PowerShell 5.1 (.NET Framework) and PowerShell 7 (no WinRT
    /// projection needed). Each interface declares its methods in vtable order up to the last one called.
    /// </summary>
    internal static class NetworkListManagerNative
    {
        /// <summary>CLSID_NetworkListManager.</summary>
        public static readonly Guid NetworkListManagerClass = new Guid("DCB00C01-570F-4A9B-8D69-199FDBA5723B");

        /// <summary>NLM_CONNECTION_COST flags (netlistmgr.h).</summary>
        [Flags]
        public enum ConnectionCost : uint
        {
            Unknown = 0,
            Unrestricted = 0x1,
            Fixed = 0x2,
            Variable = 0x4,
            OverDataLimit = 0x10000,
            Congested = 0x20000,
            Roaming = 0x40000,
            ApproachingDataLimit = 0x80000,
        }

        [ComImport]
        [Guid("DCB00000-570F-4A9B-8D69-199FDBA5723B")]
        [InterfaceType(ComInterfaceType.InterfaceIsDual)]
        public interface INetworkListManager
        {
            [return: MarshalAs(UnmanagedType.IUnknown)]
            object GetNetworks(int flags);

            INetwork GetNetwork(Guid networkId);

            IEnumNetworkConnections GetNetworkConnections();
        }

        [ComImport]
        [Guid("DCB00002-570F-4A9B-8D69-199FDBA5723B")]
        [InterfaceType(ComInterfaceType.InterfaceIsDual)]
        public interface INetwork
        {
            [return: MarshalAs(UnmanagedType.BStr)]
            string GetName();

            void SetName([MarshalAs(UnmanagedType.BStr)] string name);

            [return: MarshalAs(UnmanagedType.BStr)]
            string GetDescription();

            void SetDescription([MarshalAs(UnmanagedType.BStr)] string description);

            Guid GetNetworkId();
        }

        [ComImport]
        [Guid("DCB00006-570F-4A9B-8D69-199FDBA5723B")]
        [InterfaceType(ComInterfaceType.InterfaceIsDual)]
        public interface IEnumNetworkConnections
        {
            /// <summary>The [propget] _NewEnum.</summary>
            [return: MarshalAs(UnmanagedType.IUnknown)]
            object GetNewEnum();

            /// <summary>S_OK with one connection, S_FALSE at the end.</summary>
            [PreserveSig]
            int Next(uint count, [MarshalAs(UnmanagedType.Interface)] out INetworkConnection? connection, out uint fetched);
        }

        [ComImport]
        [Guid("DCB00005-570F-4A9B-8D69-199FDBA5723B")]
        [InterfaceType(ComInterfaceType.InterfaceIsDual)]
        public interface INetworkConnection
        {
            INetwork GetNetwork();

            short IsConnectedToInternet { get; }

            short IsConnected { get; }

            int GetConnectivity();

            Guid GetConnectionId();

            Guid GetAdapterId();
        }

        /// <summary>Obtained from an INetworkConnection with QueryInterface.</summary>
        [ComImport]
        [Guid("DCB0000A-570F-4A9B-8D69-199FDBA5723B")]
        [InterfaceType(ComInterfaceType.InterfaceIsIUnknown)]
        public interface INetworkConnectionCost
        {
            uint GetCost();
        }
    }
}
