using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using static NetUsageTracker.Processes.Windows.IpHelperTcpNative;

namespace NetUsageTracker.Processes.Windows
{
    /// <summary>
    /// Windows without elevation: every TCP and UDP endpoint with its owning process from
    /// GetExtendedTcpTable/GetExtendedUdpTable, and each TCP connection's bytes and segments from
    /// GetPerTcpConnectionEStats (TCP_ESTATS_DATA_ROD_v0) where collection is enabled for it (an
    /// administrator's tool turns it on per connection; Windows keeps it off by default). Connections
    /// without collection are listed without counters, so their traffic is in the remainder.
    /// </summary>
    public sealed unsafe class IpHelperFlowSource : IFlowSource
    {
        private readonly WindowsProcessInfo _identities = new WindowsProcessInfo();
        private readonly byte[] _rod = new byte[TcpEStatsData.Size];
        private IntPtr _buffer;
        private int _size;
        private int _withCounters;
        private int _tcpConnections;
        private bool _noExtendedStatistics;

        public IpHelperFlowSource()
        {
            _size = 64 * 1024;
            _buffer = Marshal.AllocHGlobal(_size);
        }

        public string Name => "IP Helper tables and TCP extended statistics";

        public FlowProtocols Coverage => FlowProtocols.Tcp;

        public bool SeesAllUsers => false;

        public bool CountsLinkHeaders => false;

        public string? Limitation => _noExtendedStatistics
            ? "This system has no TCP extended statistics (GetPerTcpConnectionEStats; Wine has none): connections are listed with their processes, their traffic is in the remainder."
            : _withCounters < _tcpConnections
            ? $"Not elevated: {_tcpConnections - _withCounters} of {_tcpConnections} TCP connections have no extended statistics (collection is off), and UDP has no byte counters; their traffic is in the remainder. Run elevated for the ETW source."
            : "Not elevated: UDP has no byte counters here; UDP traffic is in the remainder. Run elevated for the ETW source.";

        public void Read(FlowTable table)
        {
            table.Clear();
            _withCounters = 0;
            _tcpConnections = 0;
            ReadTable(tcp: true, AF_INET, table);
            ReadTable(tcp: true, AF_INET6, table);
            ReadTable(tcp: false, AF_INET, table);
            ReadTable(tcp: false, AF_INET6, table);
        }

        private void ReadTable(bool tcp, int family, FlowTable table)
        {
            while (true)
            {
                int size = _size;
                uint status = tcp
                    ? GetExtendedTcpTable(_buffer, ref size, false, family, TCP_TABLE_OWNER_PID_ALL, 0)
                    : GetExtendedUdpTable(_buffer, ref size, false, family, UDP_TABLE_OWNER_PID, 0);
                if (status == ERROR_INSUFFICIENT_BUFFER)
                {
                    Marshal.FreeHGlobal(_buffer);
                    _size = Math.Max(size, _size * 2);
                    _buffer = Marshal.AllocHGlobal(_size);
                    continue;
                }

                if (status != 0)
                {
                    throw new FlowSourceException($"GetExtended{(tcp ? "Tcp" : "Udp")}Table failed with error {status}.");
                }

                break;
            }

            byte* block = (byte*)_buffer;
            int first = table.Count;
            if (tcp && family == AF_INET)
            {
                ConnectionTableDecoder.Tcp4(block, table);
            }
            else if (tcp)
            {
                ConnectionTableDecoder.Tcp6(block, table);
            }
            else if (family == AF_INET)
            {
                ConnectionTableDecoder.Udp4(block, table);
            }
            else
            {
                ConnectionTableDecoder.Udp6(block, table);
            }

            if (tcp && !_noExtendedStatistics)
            {
                try
                {
                    AddStatistics(block, family, table, first);
                }
                catch (EntryPointNotFoundException)
                {
                    _noExtendedStatistics = true;
                }
            }
        }

        /// <summary>Asks each connection's extended statistics, keyed by the MIB_TCPROW or MIB_TCP6ROW built
        /// from its owner-PID row.</summary>
        private void AddStatistics(byte* block, int family, FlowTable table, int first)
        {
            byte* key = stackalloc byte[Tcp6KeySize];
            byte rw = 0;
            fixed (byte* rod = _rod)
            {
                for (int i = first; i < table.Count; i++)
                {
                    ref FlowSample flow = ref table[i];
                    if (flow.State == FlowState.Listen || flow.State == FlowState.TimeWait)
                    {
                        continue;
                    }

                    _tcpConnections++;
                    byte* row = block + 4 + (i - first) * (family == AF_INET ? Tcp4RowSize : Tcp6RowSize);
                    uint status;
                    if (family == AF_INET)
                    {
                        Copy(row, key, TcpRowSize);
                        status = GetPerTcpConnectionEStats((IntPtr)key, TcpConnectionEstatsData, (IntPtr)(&rw), 0, 1, IntPtr.Zero, 0, 0, (IntPtr)rod, 0, TcpEStatsData.Size);
                    }
                    else
                    {
                        *(uint*)key = *(uint*)(row + 48);
                        Copy(row, key + 4, 48);
                        status = GetPerTcp6ConnectionEStats((IntPtr)key, TcpConnectionEstatsData, (IntPtr)(&rw), 0, 1, IntPtr.Zero, 0, 0, (IntPtr)rod, 0, TcpEStatsData.Size);
                    }

                    if (status == 0 && rw != 0)
                    {
                        TcpEStatsData.Read(_rod, ref flow);
                        _withCounters++;
                    }
                }
            }
        }

        private static void Copy(byte* from, byte* to, int count)
        {
            for (int i = 0; i < count; i++)
            {
                to[i] = from[i];
            }
        }

        public ProcessIdentity? Describe(int processId) => _identities.Describe(processId);

        public string UserName(long userId) => userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Forget(int processId) => _identities.Forget(processId);

        public void Dispose()
        {
            if (_buffer != IntPtr.Zero)
            {
                Marshal.FreeHGlobal(_buffer);
                _buffer = IntPtr.Zero;
            }
        }
    }

    /// <summary>Windows processes' names and, where this user may open them, executables; cached per PID
    /// until the sampler says the process has gone.</summary>
    internal sealed class WindowsProcessInfo
    {
        private readonly Dictionary<int, ProcessIdentity?> _cache = new Dictionary<int, ProcessIdentity?>();

        public ProcessIdentity? Describe(int processId)
        {
            if (!_cache.TryGetValue(processId, out ProcessIdentity? identity))
            {
                identity = Read(processId);
                _cache[processId] = identity;
            }

            return identity;
        }

        public void Forget(int processId) => _cache.Remove(processId);

        private static ProcessIdentity? Read(int processId)
        {
            try
            {
                using Process process = Process.GetProcessById(processId);
                string? path = null;
                try
                {
                    path = process.MainModule?.FileName;
                }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is InvalidOperationException || e is NotSupportedException)
                {
                    // another user's or a protected process: the name is all there is
                }

                return new ProcessIdentity(processId, processId == 0 ? "Idle" : process.ProcessName, path, null);
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException)
            {
                return null; // gone
            }
        }
    }
}
