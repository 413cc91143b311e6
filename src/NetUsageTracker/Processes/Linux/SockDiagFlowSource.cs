using System;
using System.Collections.Generic;
using System.IO;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// Linux: every TCP socket (IPv4 and IPv6) from NETLINK_SOCK_DIAG with its tcp_info counters, each
    /// socket's process from /proc/&lt;pid&gt;/fd. Without root a user's own processes are named and other
    /// users' sockets keep only their UID (the sampler counts them as other users). UDP sockets have no
    /// byte counters in sock_diag; as root, where connection tracking accounts bytes
    /// (net.netfilter.nf_conntrack_acct = 1 and a firewall that tracks connections), the UDP sockets get
    /// their conversations' counters from ctnetlink (<see cref="UdpConntrackJoin"/>); otherwise UDP traffic
    /// stays in the remainder.
    /// </summary>
    public sealed unsafe class SockDiagFlowSource : IFlowSource
    {
        private const string AccountingSwitch = "/proc/sys/net/netfilter/nf_conntrack_acct";
        private const int RequestSize = NetlinkMessages.HeaderSize + 56;
        private const byte IPPROTO_TCP = 6;
        private const byte IPPROTO_UDP = 17;

        /// <summary>Every state but LISTEN (no data), TIME_WAIT and NEW_SYN_RECV (mini sockets with no
        /// tcp_info: their bytes were counted while they were full sockets).</summary>
        private const uint TcpStates = 0xFFF & ~((1u << 10) | (1u << 6) | (1u << 12));

        private readonly NetlinkDumpSocket _diag = new NetlinkDumpSocket(LinuxNative.NETLINK_SOCK_DIAG);
        private readonly ProcSocketOwners _owners = new ProcSocketOwners();
        private readonly Dictionary<int, ProcessIdentity?> _identities = new Dictionary<int, ProcessIdentity?>();
        private readonly FlowTable _udpSockets = new FlowTable();
        private readonly ConntrackTable _conversations = new ConntrackTable();
        private readonly UdpConntrackJoin _join = new UdpConntrackJoin();
        private readonly InterfaceAddressMap _addresses = new InterfaceAddressMap();
        private readonly Func<FlowAddress, bool> _isLocal;
        private NetlinkDumpSocket? _conntrack;
        private bool _countsUdp;

        public SockDiagFlowSource()
        {
            SeesAllUsers = LinuxNative.geteuid() == 0;
            _isLocal = _addresses.IsLocal;
        }

        public string Name => "inet_diag (NETLINK_SOCK_DIAG)";

        public FlowProtocols Coverage => _countsUdp ? FlowProtocols.Tcp | FlowProtocols.Udp : FlowProtocols.Tcp;

        public bool SeesAllUsers { get; }

        public bool CountsLinkHeaders => false;

        public string? Limitation => _countsUdp
            ? null
            : SeesAllUsers
                ? "UDP has no per-socket byte counters in inet_diag, and connection tracking does not account bytes here (net.netfilter.nf_conntrack_acct is 0, or no firewall tracks connections): UDP traffic is in the remainder."
                : "Not root: other users' processes are not named (their TCP traffic shows as other users), and UDP traffic is in the remainder (its counters come from connection tracking, which only root may read).";

        /// <summary>How many /proc walks have found owners of new sockets so far.</summary>
        public int OwnerWalks => _owners.Walks;

        [System.Runtime.CompilerServices.MethodImpl(LinuxNative.Optimized)]
        public void Read(FlowTable table)
        {
            table.Clear();
            DumpSockets(SockDiagParser.AF_INET, IPPROTO_TCP, table);
            DumpSockets(SockDiagParser.AF_INET6, IPPROTO_TCP, table);
            _countsUdp = SeesAllUsers && AccountingIsOn() && ReadConversations();
            if (_countsUdp)
            {
                _udpSockets.Clear();
                DumpSockets(SockDiagParser.AF_INET, IPPROTO_UDP, _udpSockets);
                DumpSockets(SockDiagParser.AF_INET6, IPPROTO_UDP, _udpSockets);
                _join.Add(_conversations, _udpSockets, table, _isLocal);
            }

            _owners.Resolve(table);
        }

        private void DumpSockets(byte family, byte protocol, FlowTable into)
        {
            byte* request = stackalloc byte[RequestSize];
            BuildRequest(request, family, protocol);
            var reader = new SockDiagParser.SocketReader(into, protocol == IPPROTO_TCP ? FlowProtocols.Tcp : FlowProtocols.Udp);
            _diag.Dump(request, RequestSize, ref reader);
        }

        private static void BuildRequest(byte* request, byte family, byte protocol)
        {
            for (int i = 0; i < RequestSize; i++)
            {
                request[i] = 0;
            }

            NetlinkDumpSocket.Header(request, RequestSize, SockDiagParser.SOCK_DIAG_BY_FAMILY);
            byte* body = request + NetlinkMessages.HeaderSize;
            body[0] = family;
            body[1] = protocol;
            body[2] = protocol == IPPROTO_TCP ? (byte)(1 << (SockDiagParser.INET_DIAG_INFO - 1)) : (byte)0;
            *(uint*)(body + 4) = protocol == IPPROTO_TCP ? TcpStates : 0xFFFu;
        }

        private static bool AccountingIsOn()
        {
            try
            {
                return File.ReadAllText(AccountingSwitch).Trim() == "1";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false; // no conntrack module
            }
        }

        /// <summary>Dumps the conntrack table (both families); false where ctnetlink cannot be read.</summary>
        private bool ReadConversations()
        {
            const int size = NetlinkMessages.HeaderSize + 4;
            byte* request = stackalloc byte[size];
            for (int i = 0; i < size; i++)
            {
                request[i] = 0;
            }

            NetlinkDumpSocket.Header(request, size, ConntrackParser.MessageGet);
            _conversations.Clear();
            try
            {
                _conntrack ??= new NetlinkDumpSocket(NetlinkDumpSocket.NETLINK_NETFILTER);
                var reader = new ConntrackParser.EntryReader(_conversations);
                _conntrack.Dump(request, size, ref reader);
                return true;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is SockDiagException)
            {
                return false;
            }
        }

        /// <summary>The two TCP dumps alone, not decoded (the benchmark's floor); returns the bytes read.</summary>
        internal int DumpRaw()
        {
            byte* request = stackalloc byte[RequestSize];
            BuildRequest(request, SockDiagParser.AF_INET, IPPROTO_TCP);
            int bytes = _diag.DumpRaw(request, RequestSize);
            BuildRequest(request, SockDiagParser.AF_INET6, IPPROTO_TCP);
            return bytes + _diag.DumpRaw(request, RequestSize);
        }

        public ProcessIdentity? Describe(int processId)
        {
            if (!_identities.TryGetValue(processId, out ProcessIdentity? identity))
            {
                identity = LinuxProcessInfo.Describe(processId);
                _identities[processId] = identity;
            }

            return identity;
        }

        public string UserName(long userId) => LinuxProcessInfo.UserName(userId);

        public void Forget(int processId) => _identities.Remove(processId);

        public void Dispose()
        {
            _diag.Dispose();
            _conntrack?.Dispose();
        }
    }
}
