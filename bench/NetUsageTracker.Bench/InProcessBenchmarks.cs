using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.NetworkInformation;
using NetUsageTracker.Connection;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// The per-snapshot figures, measured side by side: every round runs each operation once, in a
    /// rotating order, so a busy moment on the machine hits them all alike.
    /// </summary>
    internal sealed class InProcessBenchmarks : IDisposable
    {
        private readonly ProcNetDevCounterSource _floorSource = new ProcNetDevCounterSource();
        private readonly Sampler _sampler = new Sampler(new ProcNetDevCounterSource());
        private readonly CounterSnapshot _snapshot = new CounterSnapshot();
        private readonly PsutilPeer? _psutil;
        private ulong _sink;

        public InProcessBenchmarks(PsutilPeer? psutil)
        {
            _psutil = psutil;
            Floor = TimedOperation.InProcess("floor: re-read /proc/net/dev (open handle, no parsing)",
                () => _sink += (ulong)_floorSource.ReadAll());
            Snapshot = new TimedOperation("sampler: Sampler.Read into a reused CounterSnapshot", ReadSnapshots);
            DotNet = TimedOperation.InProcess(".NET: GetAllNetworkInterfaces + GetIPStatistics", ReadDotNet);
            Connection = TimedOperation.InProcess("Get-NetConnectionInfo engine: ConnectionInfoProvider.GetAll",
                () => _sink += (ulong)ConnectionInfoProvider.GetAll(InterfaceClassifier.Linux).Count);
            if (psutil != null)
            {
                PsutilCounters = new TimedOperation($"psutil {psutil.Version}: net_io_counters(pernic=True)", n => psutil.Run("net_io", n));
                PsutilInterfaces = new TimedOperation($"psutil {psutil.Version}: net_if_addrs + net_if_stats", n => psutil.Run("if_info", n));
            }
        }

        public TimedOperation Floor { get; }

        public TimedOperation Snapshot { get; }

        public TimedOperation DotNet { get; }

        public TimedOperation Connection { get; }

        public TimedOperation? PsutilCounters { get; }

        public TimedOperation? PsutilInterfaces { get; }

        /// <summary>Bytes allocated per snapshot, one value per round of the sampler.</summary>
        public Series AllocatedBytesPerSnapshot { get; } = new Series();

        private IEnumerable<TimedOperation> All =>
            new[] { Floor, Snapshot, DotNet, Connection, PsutilCounters, PsutilInterfaces }.Where(o => o != null)!;

        public void Run(int rounds, TimeSpan warmUp, TimeSpan round)
        {
            List<TimedOperation> operations = All.ToList();
            foreach (TimedOperation operation in operations)
            {
                operation.Calibrate(warmUp, round);
            }

            // Calibration's calls include the first ones, which allocate the snapshot's names.
            AllocatedBytesPerSnapshot.Clear();
            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < operations.Count; i++)
                {
                    operations[(i + r) % operations.Count].RunRound();
                }
            }
        }

        private double ReadSnapshots(int n)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                _sampler.Read(_snapshot);
            }

            double ns = Stopwatch.GetElapsedTime(start).Ticks * 100.0;
            AllocatedBytesPerSnapshot.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)n);
            _sink += _snapshot[0].BytesReceived;
            return ns;
        }

        private void ReadDotNet()
        {
            foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                _sink += (ulong)nic.GetIPStatistics().BytesReceived;
            }
        }

        public void Dispose()
        {
            _floorSource.Dispose();
            _sampler.Dispose();
            GC.KeepAlive(_sink);
        }
    }
}
