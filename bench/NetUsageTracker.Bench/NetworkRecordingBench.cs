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

        /// <summary>Looks for a change of network a day between the resident recorder's recordings: once a minute, less the
        /// minute of each five-minute recording, which reads the networks itself.</summary>
        private static readonly double LooksPerDay = (300 / 60 - 1) * Judge.RunsPerDay;

        /// <param name="resident">The resident recorder's CPU a day (its recordings read the networks already).</param>
        /// <param name="baseline">The baseline build's, measured alongside; null without -BaselineOut.</param>
        public static IEnumerable<BenchRow> Measure(int rounds, int batchSize, BenchRow? resident, BenchRow? baseline)
        {
            string folder = Path.Combine(Path.GetTempPath(), "nut-netbench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                List<BenchRow> rows = Run(rounds, batchSize, folder);
                double looks = LooksPerDay * rows[0].Median / 1e6;
                rows.Add(new BenchRow($"resident recorder: looks for a change of network a day ({LooksPerDay:0}, once a minute)", "CPU-s", looks, null, new[] { rows[0].Median })
                {
                    Target = "(reference)",
                    Judged = resident == null ? "" : $"{looks / resident.Median * 100:0.0} % of the resident recorder's day",
                });
                if (resident != null && baseline != null)
                {
                    double ratio = (resident.Median + looks) / baseline.Median;
                    rows.Add(new BenchRow("resident recorder with its looks, against the baseline build's: CPU a day", "CPU-s", resident.Median + looks, null,
                        new[] { resident.Median, looks, baseline.Median })
                    {
                        Target = $"<= {MaxRecordingRatio:0.00}x the baseline's",
                        Pass = ratio <= MaxRecordingRatio,
                        Judged = $"{ratio:0.000}x ({resident.Median:0.00} + {looks:0.000} against {baseline.Median:0.00} CPU-s)",
                    });
                }

                return rows;
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
