using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetUsageTracker.Bench
{
    /// <summary>Turns measurements into table rows and holds them against the issue's targets.</summary>
    internal static partial class Judge
    {
        private const double MaxSnapshotOverFloor = 2.0;
        private const double MinFasterThanPsutil = 3.0;
        private const double MinFasterThanDotNet = 30.0;
        private const double MaxStartAdded = 0.10;
        private const double MaxImportOverMinimalMs = 10;
        private const double MaxWatchPercentOfCore = 0.2;
        private const double MaxShowPercentOfCore = 1.0;
        private const double MaxRedrawMilliseconds = 50;
        private const double MaxWorkingSetSlopeMb = 1.0;
        private const double MaxHeapSlopeKb = 64;

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

            // A peer row passes when the sampler is at least so many times faster than the peer.
            BenchRow Peer(TimedOperation peer, double minFaster)
            {
                BenchRow row = Timed(peer);
                double factor = peer.NanosecondsPerCall.Median / snapshot;
                row.Target = $"sampler >= {minFaster}x faster";
                row.Judged = $"{factor:0.0}x";
                row.Pass = factor >= minFaster;
                return row;
            }

            yield return Peer(b.DotNet, MinFasterThanDotNet);
            if (b.PsutilCounters != null)
            {
                yield return Peer(b.PsutilCounters, MinFasterThanPsutil);
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
            string[] names =
            {
                "pwsh -NoProfile start (bare)",
                "pwsh start + Import-Module of an empty module",
                "pwsh start + Import-Module of a one-cmdlet binary module",
                "pwsh start + Import-Module NetUsageTracker",
                "pwsh start + Import-Module NetUsageTracker; Get-NetUsage",
                "pwsh start + Import-Module NetUsageTracker; Update-NetUsageHistory",
            };
            for (int c = 0; c < names.Length; c++)
            {
                BenchRow wall = BenchRow.From(names[c] + ", wall", "ms", start.Wall[c]);
                BenchRow cpu = BenchRow.From(names[c] + ", CPU", "ms", start.Cpu[c]);
                cpu.Target = "(reference)";
                if (c == 0)
                {
                    wall.Target = "(reference)";
                }
                else
                {
                    wall.Judged = $"+{start.WallAdded[c].Median:P1} (median of rounds)";
                    cpu.Judged = $"+{start.CpuAdded[c].Median:P1} (median of rounds)";
                }

                if (c == 1 || c == 2)
                {
                    wall.Target = "(PowerShell's own cost)";
                }

                if (c == 3)
                {
                    wall.Target = "(the import alone)";
                }

                if (c >= 3)
                {
                    // What NetUsageTracker adds to PowerShell's cost of any binary module.
                    wall.Judged += $"; {Difference(start.Wall[c], start.Wall[2]):+0;-0} ms over the minimal module";
                    cpu.Judged += $"; {Difference(start.Cpu[c], start.Cpu[2]):+0;-0} ms over the minimal module";
                }

                if (c == 4)
                {
                    wall.Target = $"adds < {MaxStartAdded:P0}";
                    wall.Pass = start.WallAdded[c].Median < MaxStartAdded;
                }

                if (c == 5)
                {
                    double over = Difference(start.Cpu[c], start.Cpu[2]);
                    wall.Target = "(the job's start, by name)";
                    cpu.Target = $"<= {MaxImportOverMinimalMs} ms over the one-cmdlet module";
                    cpu.Pass = over <= MaxImportOverMinimalMs;
                }

                yield return wall;
                yield return cpu;
            }
        }

        /// <summary>The median of the round-by-round differences.</summary>
        private static double Difference(Series a, Series b)
        {
            var difference = new Series();
            for (int i = 0; i < a.Values.Count; i++)
            {
                difference.Add(a.Values[i] - b.Values[i]);
            }

            return difference.Median;
        }

        public static IEnumerable<BenchRow> WatchCpu(WatchCpu watch, TimeSpan warmUp, TimeSpan duration)
        {
            foreach (BenchRow row in CpuRows("Watch-NetUsage -Interval 1", watch.Watch, MaxWatchPercentOfCore, warmUp, duration))
            {
                row.Judged = row.Pass.HasValue ? $"{watch.Lines} output lines in all" : row.Judged;
                yield return row;
            }

            string show = $"Show-NetUsage -Interval 1 ({PwshBenchmarks.ShowWidth}x{PwshBenchmarks.ShowHeight} tmux pane)";
            foreach (BenchRow row in CpuRows(show, watch.Show, MaxShowPercentOfCore, warmUp, duration))
            {
                yield return row;
            }

            FrameFigures f = watch.Frames;
            yield return new BenchRow("Show-NetUsage, sample to screen (median of frames)", "ms", f.Median, null, new[] { f.Median, f.P99, f.SlowestAfterFirst, f.First })
            {
                Target = $"slowest < {MaxRedrawMilliseconds} ms",
                Pass = f.SlowestAfterFirst < MaxRedrawMilliseconds,
                Judged = $"{f.Frames} frames; 99th percentile {f.P99:0.##} ms, slowest {f.SlowestAfterFirst:0.##} ms; the first (JIT) {f.First:0.#} ms",
            };

            yield return new BenchRow($"tmux server drawing that pane, same {duration.TotalSeconds:0} s", "% core", watch.TmuxPercent, null, new[] { watch.TmuxPercent })
            {
                Target = "(reference: the terminal's share)",
            };

            yield return new BenchRow($"idle pwsh with the module imported, same {duration.TotalSeconds:0} s", "% core", watch.IdlePercent, null, new[] { watch.IdlePercent })
            {
                Target = "(reference: the runtime at rest)",
            };
        }

        private static IEnumerable<BenchRow> CpuRows(string name, CpuFigures cpu, double maxPercent, TimeSpan warmUp, TimeSpan duration)
        {
            yield return new BenchRow($"{name}, CPU in its first {warmUp.TotalSeconds:0} s", "% core", cpu.WarmUpPercent, null, new[] { cpu.WarmUpPercent })
            {
                Target = "(reference: JIT warm-up)",
            };

            // The figure is the whole window's; the spread is that of its parts (one clock tick of
            // /proc/<pid>/stat is 10 ms, so a 10-second part resolves 0.1 %).
            double spread = cpu.Percent == 0 ? 0 : (cpu.Windows.Percentile(0.75) - cpu.Windows.Percentile(0.25)) / cpu.Percent;
            yield return new BenchRow($"{name}, CPU over the next {duration.TotalSeconds:0} s", "% core", cpu.Percent, spread, cpu.Windows.Values)
            {
                Target = $"< {maxPercent} % of one core",
                Pass = cpu.Percent < maxPercent,
            };
        }

        public static IEnumerable<BenchRow> Soak(SoakResult soak)
        {
            yield return new BenchRow($"working set after {soak.WarmUpSamples:N0} samples (the plateau)", "MB", soak.PlateauMb, null, new[] { soak.StartMb, soak.PlateauMb })
            {
                Target = "(reference: JIT, GC budget)",
                Judged = $"{soak.StartMb:0.0} MB before the first sample",
            };

            string chunks = $"{soak.Samples:N0} more in {soak.Points.Length - 2} chunks";
            double[] workingSet = soak.After(0);
            // From the first chunk's end: the warm-up's point is the only one taken before any memory was handed back.
            double slope = soak.Slope(0, from: 2);
            yield return new BenchRow($"working set slope, next {soak.Samples:N0} samples", "MB/100k", slope, null, workingSet)
            {
                Target = "(reference: with the allocators' free pages)",
                Judged = $"least squares over {chunks}: {string.Join(" -> ", workingSet.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))} MB, "
                    + $"peak {soak.PeakWorkingSet / (1024 * 1024):0.0} MB; {soak.Samples / soak.Seconds:N0} samples/s",
            };

            // What the process keeps: the same points once the GC's free space and glibc's free pages are handed back.
            double[] retained = soak.After(3);
            double retainedSlope = soak.Slope(3);
            yield return new BenchRow($"working set slope, spare memory handed back", "MB/100k", retainedSlope, null, retained)
            {
                Target = $"< {MaxWorkingSetSlopeMb} MB per 100,000 samples",
                Pass = retainedSlope < MaxWorkingSetSlopeMb,
                Judged = $"plateau {soak.RetainedPlateauMb:0.0} MB; {string.Join(" -> ", retained.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))} MB",
            };

            double[] heap = soak.After(1);
            double heapSlope = soak.Slope(1) * 1024;
            yield return new BenchRow($"managed heap slope, same {soak.Samples:N0} samples", "KB/100k", heapSlope, null, heap)
            {
                Target = $"< {MaxHeapSlopeKb} KB per 100,000 samples",
                Pass = heapSlope < MaxHeapSlopeKb,
                Judged = $"after a full collection: {string.Join(" -> ", heap.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))} MB",
            };

            double[] descriptors = soak.After(2);
            yield return new BenchRow($"open file descriptors, same {soak.Samples:N0} samples", "fds", descriptors.Last() - descriptors.First(), null, descriptors)
            {
                // A one-time lazy open (an assembly's two handles, a route table) may land in the first half; the
                // second half shows whether anything keeps growing.
                Target = "no growth in the second half",
                Pass = descriptors.Skip(descriptors.Length / 2).Max() <= descriptors.Take((descriptors.Length / 2) + 1).Max(),
                Judged = string.Join(" -> ", descriptors.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))
                    + (soak.Opened.Length == 0 ? "; nothing opened after the warm-up" : "; opened after the warm-up (point:target): " + soak.Opened.Replace("|", ", ")),
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
