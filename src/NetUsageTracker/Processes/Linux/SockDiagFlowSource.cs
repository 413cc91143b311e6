using System;
using System.Collections.Generic;

namespace NetUsageTracker.Processes.Linux
{
    /// <summary>
    /// Linux: every TCP socket (IPv4 and IPv6) from NETLINK_SOCK_DIAG with its tcp_info counters, each
    /// socket's process from /proc/&lt;pid&gt;/fd. Without root a user's own processes are named and other
    /// users' sockets keep only their UID (the sampler counts them as other users). UDP sockets have no
    /// byte counters in sock_diag, so UDP traffic stays in the remainder.
    /// </summary>
    public sealed class SockDiagFlowSource : IFlowSource
    {
        private readonly SockDiagSocket _socket = new SockDiagSocket();
        private readonly ProcSocketOwners _owners = new ProcSocketOwners();
        private readonly Dictionary<int, ProcessIdentity?> _identities = new Dictionary<int, ProcessIdentity?>();

        public SockDiagFlowSource()
        {
            SeesAllUsers = LinuxNative.geteuid() == 0;
        }

        public string Name => "inet_diag (NETLINK_SOCK_DIAG)";

        public FlowProtocols Coverage => FlowProtocols.Tcp;

        public bool SeesAllUsers { get; }

        public bool CountsLinkHeaders => false;

        public string? Limitation => SeesAllUsers
            ? "UDP has no per-socket byte counters in inet_diag: UDP traffic is in the remainder."
            : "Not root: other users' processes are not named (their TCP traffic shows as other users), and UDP traffic is in the remainder.";

        /// <summary>How many /proc walks have found owners of new sockets so far.</summary>
        public int OwnerWalks => _owners.Walks;

        public void Read(FlowTable table)
        {
            table.Clear();
            _socket.Dump(SockDiagParser.AF_INET, table);
            _socket.Dump(SockDiagParser.AF_INET6, table);
            _owners.Resolve(table);
        }

        /// <summary>The two dumps alone, not decoded (the benchmark's floor); returns the bytes read.</summary>
        internal int DumpRaw() => _socket.DumpRaw(SockDiagParser.AF_INET) + _socket.DumpRaw(SockDiagParser.AF_INET6);

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

        public void Dispose() => _socket.Dispose();
    }
}
