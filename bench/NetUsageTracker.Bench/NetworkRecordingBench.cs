using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// The Recording section's network rows (issue 23): what finding the networks costs a recording (the system's
    /// network source, warm: the same snapshot handed back while nothing changes), and a whole recording, the history
    /// opened, written and closed as each recording does, with the networks and without them, in alternating rounds.
    /// </summary>
    internal static class NetworkRecordingBench
    {
        private const double MaxFindMicroseconds = 1000;
        private const double MaxRecordingRatio = 1.10;

        public static IEnumerable<BenchRow> Measure(int rounds, int batchSize)
        {
            string folder = Path.Combine(Path.GetTempPath(), "nut-netbench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                return Run(rounds, batchSize, folder);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static List<BenchRow> Run(int rounds, int batchSize, string folder)
        {
            using INetworkSource networks = NetworkSources.CreateDefault();
            var find = new Series();
            for (int i = 0; i < batchSize; i++)
            {
                networks.Read();
            }

            for (int r = 0; r < rounds; r++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < batchSize; i++)
                {
                    networks.Read();
                }

                find.Add((Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency / batchSize);
            }

            using var counters = new ProcNetDevCounterSource();
            var snapshot = new CounterSnapshot();
            string plain = Path.Combine(folder, "plain.db"), withNetworks = Path.Combine(folder, "networks.db");
            var before = new Series();
            var after = new Series();
            var ratio = new Series();
            for (int r = -3; r < rounds; r++)
            {
                // Alternating which goes first, so that a busy moment of the machine falls on both alike.
                double a, b;
                if (r % 2 == 0)
                {
                    a = Recording(plain, counters, snapshot, null);
                    b = Recording(withNetworks, counters, snapshot, networks);
                }
                else
                {
                    b = Recording(withNetworks, counters, snapshot, networks);
                    a = Recording(plain, counters, snapshot, null);
                }

                if (r >= 0)
                {
                    before.Add(a);
                    after.Add(b);
                    ratio.Add(b / a);
                }
            }

            var found = BenchRow.From($"recording: finding the networks ({networks.Read().Known.Count} known, warm)", "µs", find);
            found.Target = $"<= {MaxFindMicroseconds:0} µs a recording";
            found.Pass = find.Median <= MaxFindMicroseconds;
            found.Judged = $"{networks.Name}";
            var plainRow = BenchRow.From("recording: history opened, written, closed, per interface only (before)", "ms", before);
            plainRow.Target = "(the floor)";
            var networkRow = BenchRow.From("recording: the same with each interface's network (after)", "ms", after);
            networkRow.Target = $"<= {MaxRecordingRatio:0.00}x before";
            networkRow.Pass = ratio.Median <= MaxRecordingRatio;
            networkRow.Judged = $"{ratio.Median:0.000}x before (median of rounds, ±{ratio.RelativeSpread * 100:0}%)";
            return new List<BenchRow> { found, plainRow, networkRow };
        }

        /// <summary>Milliseconds of one recording as the recorder makes it: open, read the counters (and the networks), record, close.</summary>
        private static double Recording(string path, ProcNetDevCounterSource counters, CounterSnapshot snapshot, INetworkSource? networks)
        {
            long start = Stopwatch.GetTimestamp();
            using (HistoryDatabase database = HistoryDatabase.Open(path, create: true))
            {
                new HistoryRecorder(database).Record(() =>
                {
                    counters.Read(snapshot);
                    return HistoryReadings.From(snapshot, networks?.Read());
                }, _ => null);
            }

            return (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        }
    }
}
