using System.Net;
using System.Net.Sockets;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>On Linux both counter sources read the kernel: they must agree to within the traffic
    /// that passed between their reads.</summary>
    public class CounterSourceAgreementTests
    {
        [LinuxFact]
        public void ProcNetDevAndNetworkInformationAgreeWithinTheTrafficBetweenTheirReads()
        {
            using var proc = new ProcNetDevCounterSource();
            using var portable = new NetworkInformationCounterSource();
            var first = new CounterSnapshot();
            var middle = new CounterSnapshot();
            var last = new CounterSnapshot();

            SendLoopbackBytes(64 * 1024);
            proc.Read(first);
            portable.Read(middle);
            SendLoopbackBytes(64 * 1024);
            proc.Read(last);

            Assert.True(middle.TryGet("lo", out InterfaceCounters lo), "NetworkInformation does not list lo.");
            Assert.True(lo.BytesReceived >= 64 * 1024, "the traffic sent before the reads is missing");
            int compared = 0;
            for (int i = 0; i < middle.Count; i++)
            {
                InterfaceCounters m = middle[i];
                // Other processes may add or remove interfaces meanwhile: compare those in all three reads.
                if (!first.TryGet(m.Name, out InterfaceCounters f) || !last.TryGet(m.Name, out InterfaceCounters l))
                {
                    continue;
                }

                Between(f.BytesReceived, m.BytesReceived, l.BytesReceived, m.Name, "bytes received");
                Between(f.BytesSent, m.BytesSent, l.BytesSent, m.Name, "bytes sent");
                Between(f.PacketsReceived, m.PacketsReceived, l.PacketsReceived, m.Name, "packets received");
                Between(f.PacketsSent, m.PacketsSent, l.PacketsSent, m.Name, "packets sent");
                compared++;
            }

            Assert.True(last.TryGet("lo", out InterfaceCounters loLast));
            Assert.True(loLast.BytesReceived - lo.BytesReceived >= 64 * 1024, "the traffic sent after the middle read is missing");
            Assert.True(compared >= 1);
        }

        private static void Between(ulong before, ulong value, ulong after, string name, string counter) =>
            Assert.True(before <= value && value <= after, $"{name} {counter}: {value} is not within [{before}, {after}]");

        private static void SendLoopbackBytes(int count)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            using TcpClient server = listener.AcceptTcpClient();
            client.GetStream().Write(new byte[count], 0, count);
            client.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[65536];
            int received = 0;
            int n;
            while ((n = server.GetStream().Read(buffer, 0, buffer.Length)) > 0)
            {
                received += n;
            }

            Assert.Equal(count, received);
        }
    }
}
