using System;
using System.Diagnostics;
using System.Net.NetworkInformation;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// Windows and macOS: counters from System.Net.NetworkInformation. It allocates per call and is
    /// far slower than /proc/net/dev, but it is the portable source (64-bit counters on Windows).
    /// </summary>
    public sealed class NetworkInformationCounterSource : ICounterSource
    {
        private readonly object _gate = new object();

        public string Name => "System.Net.NetworkInformation";

        public void Read(CounterSnapshot snapshot)
        {
            lock (_gate)
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                long ticks = Stopwatch.GetTimestamp();
                DateTime utc = DateTime.UtcNow;
                snapshot.BeginFill();
                foreach (NetworkInterface nic in interfaces)
                {
                    IPInterfaceStatistics stats;
                    try
                    {
                        stats = nic.GetIPStatistics();
                    }
                    catch (NetworkInformationException)
                    {
                        continue; // the interface vanished between enumeration and read
                    }
                    catch (PlatformNotSupportedException)
                    {
                        continue;
                    }

                    ref InterfaceCounters slot = ref snapshot.NextSlot();
                    slot.Name = nic.Name;
                    slot.BytesReceived = (ulong)Math.Max(0, stats.BytesReceived);
                    slot.BytesSent = (ulong)Math.Max(0, stats.BytesSent);
                    slot.PacketsReceived = Sum(stats.UnicastPacketsReceived, stats.NonUnicastPacketsReceived);
                    slot.PacketsSent = Sum(stats.UnicastPacketsSent, stats.NonUnicastPacketsSent);
                    slot.ReceiveErrors = (ulong)Math.Max(0, stats.IncomingPacketsWithErrors);
                    slot.SendErrors = (ulong)Math.Max(0, stats.OutgoingPacketsWithErrors);
                    slot.ReceiveDrops = (ulong)Math.Max(0, stats.IncomingPacketsDiscarded);
                    slot.SendDrops = (ulong)Math.Max(0, stats.OutgoingPacketsDiscarded);
                }

                snapshot.EndFill(ticks, utc);
            }
        }

        private static ulong Sum(long a, long b) => (ulong)Math.Max(0, a) + (ulong)Math.Max(0, b);

        public void Dispose()
        {
        }
    }
}
