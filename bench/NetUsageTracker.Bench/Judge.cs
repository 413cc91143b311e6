using System;
using System.Collections.Generic;

namespace NetUsageTracker.Bench
{
    /// <summary>Turns measurements into table rows and holds them against the targets.</summary>
    internal static class Judge
    {
        private const double MaxSnapshotOverFloor = 2.0;
        private const double MinFasterThanPsutil = 3.0;
        private const double MinFasterThanDotNet = 30.0;
        private const double MaxStartAdded = 0.10;
        private const double MaxWatchPercentOfCore = 0.2;
        private const double MaxWorkingSetGrowthMb = 5.0;

        public static IEnumerable<BenchRow> Snapshots(InProcessBenchmarks b)
        {
            double floor = b.Floor.NanosecondsPerCall.Median;
            double snapshot = b.Snapshot.NanosecondsPerCall.Median;
            BenchRow Timed(TimedOperation o)
            {
                BenchRow row = BenchRow.From(o.Name, "µs", Scale(o.NanosecondsPerCall, 1e-3));
                row.RatioToFloor = o.NanosecondsPerCall.Median / floor;
                return row;
            }

            BenchRow floorRow = Timed(b.Floor);
            floorRow.Target = "(the floor)";
            yield return floorRow;

            BenchRow snapshotRow = Timed(b.Snapshot);
            snapshotRow.Target = $"<= {MaxSnapshotOverFloor}x floor";
            snapshotRow.Pass = snapshotRow.RatioToFloor <= MaxSnapshotOverFloor;
            yield return snapshotRow;

            BenchRow allocated = BenchRow.From("allocated per snapshot (steady state)", "B", b.AllocatedBytesPerSnapshot);
            allocated.Target = "0 B in every round";
            allocated.Pass = b.AllocatedBytesPerSnapshot.Percentile(1.0) == 0;
            allocated.Judged = $"max {b.AllocatedBytesPerSnapshot.Percentile(1.0):0.###} B";
            yield return allocated;

            BenchRow dotNet = Timed(b.DotNet);
            double dotNetFactor = b.DotNet.NanosecondsPerCall.Median / snapshot;
            dotNet.Target = $"sampler >= {MinFasterThanDotNet}x faster";
            dotNet.Judged = $"{dotNetFactor:0.0}x";
            dotNet.Pass = dotNetFactor >= MinFasterThanDotNet;
            yield return dotNet;

            if (b.PsutilCounters != null)
            {
                BenchRow psutil = Timed(b.PsutilCounters);
                double factor = b.PsutilCounters.NanosecondsPerCall.Median / snapshot;
                psutil.Target = $"sampler >= {MinFasterThanPsutil}x faster";
                psutil.Judged = $"{factor:0.0}x";
                psutil.Pass = factor >= MinFasterThanPsutil;
                yield return psutil;
            }

            BenchRow connection = Timed(b.Connection);
            connection.Target = "(reference)";
            yield return connection;

            if (b.PsutilInterfaces != null)
            {
                BenchRow psutilInterfaces = Timed(b.PsutilInterfaces);
                double factor = b.PsutilInterfaces.NanosecondsPerCall.Median / b.Connection.NanosecondsPerCall.Median;
                psutilInterfaces.Target = "(reference)";
                psutilInterfaces.Judged = $"engine {factor:0.00}x as fast";
                yield return psutilInterfaces;
            }
        }

        public static IEnumerable<BenchRow> Start(StartTimes start)
        {
            BenchRow bare = BenchRow.From("pwsh -NoProfile start (bare)", "ms", start.Bare);
            bare.Target = "(reference)";
            yield return bare;

            BenchRow empty = BenchRow.From("pwsh start + Import-Module of an empty module", "ms", start.EmptyModule);
            empty.Target = "(PowerShell's own cost)";
            empty.Judged = $"+{start.EmptyAddedFraction.Median:P1} (median of rounds)";
            yield return empty;

            BenchRow withModule = BenchRow.From("pwsh start + Import-Module NetUsageTracker; Get-NetUsage", "ms", start.WithModule);
            double added = start.AddedFraction.Median;
            withModule.Target = $"adds < {MaxStartAdded:P0}";
            var overEmpty = new Series();
            for (int i = 0; i < start.WithModule.Values.Count; i++)
            {
                overEmpty.Add(start.WithModule.Values[i] - start.EmptyModule.Values[i]);
            }

            withModule.Judged = $"+{added:P1} (median of rounds); {overEmpty.Median:+0;-0} ms over the empty module";
            withModule.Pass = added < MaxStartAdded;
            yield return withModule;
        }

        public static IEnumerable<BenchRow> WatchCpu(WatchCpu watch, TimeSpan warmUp, TimeSpan duration)
        {
            yield return new BenchRow($"Watch-NetUsage -Interval 1, CPU in its first {warmUp.TotalSeconds:0} s", "% core", watch.WarmUpPercent, null, new[] { watch.WarmUpPercent })
            {
                Target = "(reference: JIT warm-up)",
            };

            // The figure is the whole window's; the spread is that of its parts (one clock tick of
            // /proc/<pid>/stat is 10 ms, so a 10-second part resolves 0.1 %).
            double spread = watch.Percent == 0 ? 0 : (watch.Windows.Percentile(0.75) - watch.Windows.Percentile(0.25)) / watch.Percent;
            yield return new BenchRow($"Watch-NetUsage -Interval 1, CPU over the next {duration.TotalSeconds:0} s", "% core", watch.Percent, spread, watch.Windows.Values)
            {
                Target = $"< {MaxWatchPercentOfCore} % of one core",
                Pass = watch.Percent < MaxWatchPercentOfCore,
                Judged = $"{watch.Lines} output lines in all",
            };
        }

        public static IEnumerable<BenchRow> Soak(SoakResult soak)
        {
            const double Mb = 1024 * 1024;
            double warmUp = (soak.WorkingSetBefore - soak.WorkingSetAtStart) / Mb;
            yield return new BenchRow($"working set growth, first {soak.WarmUpSamples:N0} samples", "MB", warmUp, null,
                new[] { soak.WorkingSetAtStart / Mb, soak.WorkingSetBefore / Mb })
            {
                Target = "(reference: JIT, GC budget)",
                Judged = $"{soak.WorkingSetAtStart / Mb:0.0} -> {soak.WorkingSetBefore / Mb:0.0} MB",
            };

            double growth = (soak.WorkingSetAfter - soak.WorkingSetBefore) / Mb;
            yield return new BenchRow($"working set growth, next {soak.Samples:N0} samples", "MB", growth, null,
                new[] { soak.WorkingSetBefore / Mb, soak.WorkingSetAfter / Mb })
            {
                Target = $"< {MaxWorkingSetGrowthMb} MB",
                Pass = growth < MaxWorkingSetGrowthMb,
                Judged = $"{soak.WorkingSetBefore / Mb:0.0} -> {soak.WorkingSetAfter / Mb:0.0} MB, peak {soak.PeakWorkingSet / Mb:0.0} MB; {soak.Samples / soak.Seconds:N0} samples/s",
            };

            double heap = (soak.HeapAfter - soak.HeapBefore) / 1024;
            yield return new BenchRow($"managed heap growth, same {soak.Samples:N0} samples", "KB", heap, null,
                new[] { soak.HeapBefore / 1024, soak.HeapAfter / 1024 })
            {
                Target = "(reference)",
                Judged = $"{soak.HeapBefore / Mb:0.0} -> {soak.HeapAfter / Mb:0.0} MB after a full GC",
            };
        }

        private static Series Scale(Series series, double factor)
        {
            var scaled = new Series();
            foreach (double v in series.Values)
            {
                scaled.Add(v * factor);
            }

            return scaled;
        }
    }
}
