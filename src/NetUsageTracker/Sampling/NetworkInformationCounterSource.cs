using System;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace NetUsageTracker.Sampling
{
    /// <summary>
    /// macOS, and Windows where iphlpapi's table cannot be read: counters from System.Net.NetworkInformation.
    /// It allocates per call and is far slower than /proc/net/dev, but it is the portable source. Its
    /// counters are 64-bit everywhere .NET reads them (GetIfEntry2 on Windows, if_data64 on macOS,
    /// /proc/net/dev on Linux), except on a 32-bit system.
    /// </summary>
    public sealed class NetworkInformationCounterSource : ICounterSource
    {
        private static readonly bool IsLinux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
        private readonly object _gate = new object();

        public string Name => "System.Net.NetworkInformation";

        public CounterWidth Width { get; } = Environment.Is64BitOperatingSystem ? CounterWidth.Bits64 : CounterWidth.Bits32;

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
                    slot.Description = IsLinux ? null : nic.Description;
                    slot.Id = IsLinux ? null : nic.Id;
                    slot.Class = IsLinux ? InterfaceClassifier.Linux(nic.Name)
                        : InterfaceClassifier.FromNetworkInformation(nic.Name, nic.NetworkInterfaceType, nic.Description);
                    slot.BytesReceived = Counter(() => stats.BytesReceived);
                    slot.BytesSent = Counter(() => stats.BytesSent);
                    // Linux's "unicast" count is every packet and its "non-unicast" one is the multicast
                    // part of it (non-unicast sent is not known there); elsewhere the two add up.
                    slot.PacketsReceived = Counter(() => stats.UnicastPacketsReceived) + (IsLinux ? 0 : Counter(() => stats.NonUnicastPacketsReceived));
                    slot.PacketsSent = Counter(() => stats.UnicastPacketsSent) + (IsLinux ? 0 : Counter(() => stats.NonUnicastPacketsSent));
                    slot.ReceiveErrors = Counter(() => stats.IncomingPacketsWithErrors);
                    slot.SendErrors = Counter(() => stats.OutgoingPacketsWithErrors);
                    slot.ReceiveDrops = Counter(() => stats.IncomingPacketsDiscarded);
                    slot.SendDrops = Counter(() => stats.OutgoingPacketsDiscarded);
                }

                snapshot.EndFill(ticks, utc, Width);
            }
        }

        /// <summary>One counter, or 0 where the platform does not keep it (each platform throws
        /// PlatformNotSupportedException for a different property: Linux for non-unicast packets sent,
        /// macOS for outgoing packets discarded).</summary>
        private static ulong Counter(Func<long> read)
        {
            try
            {
                return (ulong)Math.Max(0, read());
            }
            catch (PlatformNotSupportedException)
            {
                return 0;
            }
        }

        public void Dispose()
        {
        }
    }
}
