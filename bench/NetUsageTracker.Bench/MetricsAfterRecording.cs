using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NetUsageTracker.History;
using NetUsageTracker.Metrics;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// What -MetricsPath adds to a recording, in this process, warm: each round records once into a history
    /// (as the recorder does: open, record, close) and then writes the metrics file after it
    /// (<see cref="RecorderMetrics"/>, through the temporary file and the rename), each timed on its own.
    /// </summary>
    internal static class MetricsAfterRecording
    {
        private const double MaxMilliseconds = 2;

        public static IEnumerable<BenchRow> Measure(string scratch, int warmRounds, int rounds)
        {
            string folder = Path.Combine(scratch, "metrics-after-recording");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            string history = Path.Combine(folder, "usage.db");
            string metrics = Path.Combine(folder, "netusagetracker.prom");
            Sampler sampler = Sampler.CreateDefault();
            var recording = new Series();
            var writing = new Series();
            var notices = new List<string>();
            for (int round = 0; round < warmRounds + rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                using (HistoryDatabase database = HistoryDatabase.Open(history, create: true))
                {
                    HistoryReadings.RecordNow(database, sampler, notices);
                    double recorded = clock.Elapsed.TotalMilliseconds;
                    clock.Restart();
                    RecorderMetrics.Write(metrics, database, sampler.TakeSnapshot(), System.Array.Empty<PlanQuota>());
                    double written = clock.Elapsed.TotalMilliseconds;
                    if (round >= warmRounds)
                    {
                        recording.Add(recorded);
                        writing.Add(written);
                    }
                }

                notices.Clear();
            }

            BenchRow record = BenchRow.From("a recording, warm, in one process (open, record, close)", "ms", recording);
            record.Target = "(reference: what the metrics are added to)";
            yield return record;
            BenchRow write = BenchRow.From("  ... writing the metrics file after it (-MetricsPath)", "ms", writing);
            write.Target = $"<= {MaxMilliseconds} ms (median, warm)";
            write.Pass = writing.Median <= MaxMilliseconds;
            write.Judged = $"{writing.Median:0.00} ms beside the recording's {recording.Median:0.00} ms, {new FileInfo(metrics).Length} bytes";
            yield return write;
        }
    }
}
