using System;
using System.Collections.Generic;
using NetUsageTracker.Processes;

namespace NetUsageTracker.Commands
{
    /// <summary>Turns the engine's steps and totals into the objects Get-NetProcessUsage writes, the remainder last.</summary>
    internal sealed class ProcessUsageRows
    {
        private readonly IFlowSource _source;
        private readonly string _computer;

        public ProcessUsageRows(IFlowSource source, string computer)
        {
            _source = source;
            _computer = computer;
        }

        /// <summary>Each owner over one step, with rates.</summary>
        public List<NetProcessUsage> Processes(ProcessUsageStep step)
        {
            var rows = new List<NetProcessUsage>();
            DateTime since = step.UtcTime.AddSeconds(-step.Seconds).ToLocalTime();
            foreach (ProcessTraffic traffic in step.Owners)
            {
                rows.Add(WithRates(Row(traffic.Owner, traffic.Identity, traffic.UserName, traffic.BytesReceived, traffic.BytesSent, traffic.ConnectionCount, traffic.Protocols, since, step.UtcTime, step.InterfaceNames), step.Seconds));
            }

            ProcessTraffic rest = step.Remainder;
            rows.Add(WithRates(Row(rest.Owner, null, null, rest.BytesReceived, rest.BytesSent, 0, rest.Protocols, since, step.UtcTime, step.InterfaceNames), step.Seconds));
            return rows;
        }

        /// <summary>Each owner since it was first seen in the session.</summary>
        public List<NetProcessUsage> Processes(ProcessUsageTotals totals)
        {
            var rows = new List<NetProcessUsage>();
            foreach (ProcessUsageTotals.OwnerTotal total in totals.Owners())
            {
                rows.Add(Row(total.Owner, total.Identity, total.UserName, total.BytesReceived, total.BytesSent, total.ConnectionCount, total.Protocols, total.SinceUtc.ToLocalTime(), totals.LastUtc, totals.InterfaceNames));
            }

            ProcessUsageTotals.OwnerTotal rest = totals.Remainder;
            rows.Add(Row(rest.Owner, null, null, rest.BytesReceived, rest.BytesSent, 0, rest.Protocols, (totals.SinceUtc ?? totals.LastUtc).ToLocalTime(), totals.LastUtc, totals.InterfaceNames));
            return rows;
        }

        /// <summary>Each connection over one step, with rates; the step's remainder last.</summary>
        public List<NetConnectionUsage> Connections(ProcessUsageStep step)
        {
            var rows = new List<NetConnectionUsage>();
            foreach (ConnectionTraffic connection in step.Connections)
            {
                rows.Add(WithRates(Connection(connection, connection.BytesReceived, connection.BytesSent, step), step.Seconds));
            }

            rows.Add(WithRates(Remainder(step.Remainder.BytesReceived, step.Remainder.BytesSent, step), step.Seconds));
            return rows;
        }

        /// <summary>Each open connection since it was first seen; the last row is everything else the
        /// interfaces counted since the session's first sample (closed connections included).</summary>
        public List<NetConnectionUsage> Connections(ProcessUsageStep step, ProcessUsageTotals totals)
        {
            var rows = new List<NetConnectionUsage>();
            ulong received = 0;
            ulong sent = 0;
            foreach (ConnectionTraffic connection in step.Connections)
            {
                rows.Add(Connection(connection, connection.TotalBytesReceived, connection.TotalBytesSent, step));
                received += connection.TotalBytesReceived;
                sent += connection.TotalBytesSent;
            }

            ulong restReceived = totals.InterfaceBytesReceived > received ? totals.InterfaceBytesReceived - received : 0;
            ulong restSent = totals.InterfaceBytesSent > sent ? totals.InterfaceBytesSent - sent : 0;
            rows.Add(Remainder(restReceived, restSent, step));
            return rows;
        }

        private NetProcessUsage Row(TrafficOwner owner, ProcessIdentity? identity, string? user, ulong received, ulong sent, int connections, FlowProtocols protocols, DateTime since, DateTime utc, IReadOnlyList<string> interfaces) => new NetProcessUsage
        {
            Timestamp = utc.ToLocalTime(),
            ComputerName = _computer,
            Kind = owner.Kind,
            ProcessId = owner.Kind == ProcessUsageKind.Process ? (int)owner.Id : (int?)null,
            ProcessName = NameOf(owner, identity),
            Path = identity?.Path,
            UserName = user,
            BytesReceived = received,
            BytesSent = sent,
            Since = since,
            ConnectionCount = connections,
            Protocols = protocols,
            Source = _source.Name,
            InterfaceName = string.Join(",", interfaces),
        };

        private static NetProcessUsage WithRates(NetProcessUsage row, double seconds)
        {
            row.SampleSeconds = seconds;
            row.ReceivedBytesPerSecond = Sampling.CounterDelta.Rate(row.BytesReceived, seconds);
            row.SentBytesPerSecond = Sampling.CounterDelta.Rate(row.BytesSent, seconds);
            return row;
        }

        private static NetConnectionUsage WithRates(NetConnectionUsage row, double seconds)
        {
            row.SampleSeconds = seconds;
            row.ReceivedBytesPerSecond = Sampling.CounterDelta.Rate(row.BytesReceived, seconds);
            row.SentBytesPerSecond = Sampling.CounterDelta.Rate(row.BytesSent, seconds);
            return row;
        }

        private NetConnectionUsage Connection(ConnectionTraffic connection, ulong received, ulong sent, ProcessUsageStep step)
        {
            ProcessIdentity? identity = connection.Owner.Kind == ProcessUsageKind.Process ? _source.Describe((int)connection.Owner.Id) : null;
            return new NetConnectionUsage
            {
                Timestamp = step.UtcTime.ToLocalTime(),
                ComputerName = _computer,
                Kind = connection.Owner.Kind,
                ProcessId = connection.Owner.Kind == ProcessUsageKind.Process ? (int)connection.Owner.Id : (int?)null,
                ProcessName = NameOf(connection.Owner, identity),
                UserName = identity?.UserName ?? (connection.Owner.Kind == ProcessUsageKind.OtherUser ? _source.UserName(connection.Owner.Id) : null),
                Protocol = connection.Protocol,
                LocalAddress = connection.Local.ToIPAddress().ToString(),
                LocalPort = connection.Local.Port,
                RemoteAddress = connection.Remote.ToIPAddress().ToString(),
                RemotePort = connection.Remote.Port,
                LocalEndPoint = connection.Local.ToString(),
                RemoteEndPoint = connection.Remote.ToString(),
                State = connection.State,
                BytesReceived = received,
                BytesSent = sent,
                Source = _source.Name,
                InterfaceName = connection.InterfaceName,
            };
        }

        private NetConnectionUsage Remainder(ulong received, ulong sent, ProcessUsageStep step) => new NetConnectionUsage
        {
            Timestamp = step.UtcTime.ToLocalTime(),
            ComputerName = _computer,
            Kind = ProcessUsageKind.Unattributed,
            ProcessName = ProcessUsageNames.Unattributed,
            BytesReceived = received,
            BytesSent = sent,
            Source = _source.Name,
            InterfaceName = string.Join(",", step.InterfaceNames),
        };

        private static string NameOf(TrafficOwner owner, ProcessIdentity? identity) => ProcessUsageNames.Of(owner, identity);
    }
}
