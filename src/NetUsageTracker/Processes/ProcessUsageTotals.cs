using System;
using System.Collections.Generic;

namespace NetUsageTracker.Processes
{
    /// <summary>
    /// Each owner's traffic since the first step it appeared in, summed over the steps of one
    /// <see cref="ProcessUsageSampler"/>, with the remainder, so the rows add up to the interfaces' delta
    /// since the first sample. Owners without an open connection are kept (a download's process may have
    /// exited), up to <see cref="IdleLimit"/>; beyond it the smallest of them are merged into the remainder.
    /// </summary>
    public sealed class ProcessUsageTotals
    {
        /// <summary>How many owners without open connections are kept before the smallest are merged.</summary>
        public const int IdleLimit = 1000;

        private readonly Dictionary<TrafficOwner, OwnerTotal> _owners = new Dictionary<TrafficOwner, OwnerTotal>();

        /// <summary>When the first sample was taken (UTC); null before.</summary>
        public DateTime? SinceUtc { get; private set; }

        public DateTime LastUtc { get; private set; }

        public ulong InterfaceBytesReceived { get; private set; }

        public ulong InterfaceBytesSent { get; private set; }

        public OwnerTotal Remainder { get; } = new OwnerTotal(TrafficOwner.Remainder, DateTime.MinValue);

        /// <summary>Bytes of owners merged into the remainder by the idle limit.</summary>
        public ulong MergedBytes { get; private set; }

        public IReadOnlyList<string> InterfaceNames { get; private set; } = Array.Empty<string>();

        public void Add(ProcessUsageStep step)
        {
            DateTime start = LastUtc;
            LastUtc = step.UtcTime;
            InterfaceNames = step.InterfaceNames;
            if (SinceUtc == null)
            {
                SinceUtc = step.UtcTime;
                return;
            }

            InterfaceBytesReceived += step.InterfaceBytesReceived;
            InterfaceBytesSent += step.InterfaceBytesSent;
            Remainder.BytesReceived += step.Remainder.BytesReceived;
            Remainder.BytesSent += step.Remainder.BytesSent;
            Remainder.Protocols = step.Remainder.Protocols;
            foreach (OwnerTotal total in _owners.Values)
            {
                total.ConnectionCount = 0;
            }

            foreach (ProcessTraffic row in step.Owners)
            {
                if (!_owners.TryGetValue(row.Owner, out OwnerTotal? total))
                {
                    total = new OwnerTotal(row.Owner, start);
                    _owners[row.Owner] = total;
                }

                total.Identity = row.Identity ?? total.Identity;
                total.UserName = row.UserName ?? total.UserName;
                total.BytesReceived += row.BytesReceived;
                total.BytesSent += row.BytesSent;
                total.ConnectionCount = row.ConnectionCount;
                total.Protocols |= row.Protocols;
            }

            MergeIdle();
        }

        /// <summary>Every owner, largest first.</summary>
        public List<OwnerTotal> Owners()
        {
            var list = new List<OwnerTotal>(_owners.Values);
            list.Sort((a, b) =>
            {
                int bytes = (b.BytesReceived + b.BytesSent).CompareTo(a.BytesReceived + a.BytesSent);
                return bytes != 0 ? bytes : a.Owner.Id.CompareTo(b.Owner.Id);
            });
            return list;
        }

        private void MergeIdle()
        {
            var idle = new List<OwnerTotal>();
            foreach (OwnerTotal total in _owners.Values)
            {
                if (total.ConnectionCount == 0)
                {
                    idle.Add(total);
                }
            }

            if (idle.Count <= IdleLimit)
            {
                return;
            }

            idle.Sort((a, b) => (a.BytesReceived + a.BytesSent).CompareTo(b.BytesReceived + b.BytesSent));
            for (int i = 0; i < idle.Count - IdleLimit; i++)
            {
                OwnerTotal gone = idle[i];
                _owners.Remove(gone.Owner);
                Remainder.BytesReceived += gone.BytesReceived;
                Remainder.BytesSent += gone.BytesSent;
                MergedBytes += gone.BytesReceived + gone.BytesSent;
            }
        }

        /// <summary>One owner's running total.</summary>
        public sealed class OwnerTotal
        {
            internal OwnerTotal(TrafficOwner owner, DateTime sinceUtc)
            {
                Owner = owner;
                SinceUtc = sinceUtc;
            }

            public TrafficOwner Owner { get; }

            /// <summary>The start of the step in which the owner first had traffic or connections.</summary>
            public DateTime SinceUtc { get; }

            public ProcessIdentity? Identity { get; internal set; }

            public string? UserName { get; internal set; }

            public ulong BytesReceived { get; internal set; }

            public ulong BytesSent { get; internal set; }

            public int ConnectionCount { get; internal set; }

            public FlowProtocols Protocols { get; internal set; }
        }
    }
}
