using System;
using System.Globalization;
using System.Linq;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// Whether a long watch keeps its memory flat: one pwsh runs Watch-NetUsage at its fastest pace
    /// through a warm-up that takes the working set to its plateau (the JIT's last tier, the
    /// collector's young generation filled once), then through equal chunks, reading at each chunk's
    /// end, after a full collection, the working set, the managed heap and the open file descriptors.
    /// The slope is the least-squares line through those points, not the difference of two of them:
    /// a one-time step of the runtime lands in one chunk and tilts a line far less than an end point.
    /// </summary>
    internal sealed class SoakBenchmark
    {
        private readonly PwshLauncher _pwsh;

        public SoakBenchmark(PwshLauncher pwsh)
        {
            _pwsh = pwsh;
        }

        public SoakResult Measure(int warmUpSamples, int samples, int chunks, double interval)
        {
            string i = interval.ToString(CultureInfo.InvariantCulture);
            int chunk = samples / chunks;
            string script = string.Join("; ",
                "$ErrorActionPreference = 'Stop'",
                "Import-Module NetUsageTracker",
                "$null = Get-NetUsage",
                // Each point after a full collection, the first one too: the collection itself moves the working set.
                // Then once more after the spare memory is handed back as the resident recorder does it (the GC's
                // free space decommitted, glibc's free pages trimmed): what the process really keeps, without the
                // allocators' caches, which rise and fall by several MB from chunk to chunk.
                "function Point { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect(); $ws = [Environment]::WorkingSet; $heap = [GC]::GetTotalMemory($false); "
                    + "$fds = [IO.Directory]::GetFiles('/proc/self/fd').Length; [NetUsageTracker.RecorderProcess.ResidentMemory]::Release(); Opened; '{0},{1},{2},{3}' -f $ws, $heap, $fds, [Environment]::WorkingSet }",
                // What each descriptor names, so one that appears later is named: a file, a pipe, a socket, an assembly.
                "$seen = [Collections.Generic.HashSet[string]]::new(); $opened = [Collections.Generic.List[string]]::new()",
                "function Opened { foreach ($f in [IO.Directory]::GetFiles('/proc/self/fd')) { $t = [IO.FileInfo]::new($f).LinkTarget; if ($seen.Add($t) -and $points.Count -gt 1) { $opened.Add(('{0}:{1}' -f $points.Count, $t)) } } }",
                "$points = [Collections.Generic.List[string]]::new()",
                "$points.Add((Point))",
                $"Watch-NetUsage -Interval {i} -Count {warmUpSamples} | Out-Null",
                "$points.Add((Point))",
                "$clock = [Diagnostics.Stopwatch]::StartNew()",
                $"for ($c = 0; $c -lt {chunks}; $c++) {{ Watch-NetUsage -Interval {i} -Count {chunk} | Out-Null; $points.Add((Point)) }}",
                "$seconds = $clock.Elapsed.TotalSeconds",
                "$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64",
                "'soak {0} {1} {2}' -f ($points -join ';'), $seconds, $peak",
                "'opened ' + ($opened -join '|')");
            string output = PwshLauncher.RunToEnd(_pwsh.Command(script), out string errors);
            string line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("soak ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("The soak run printed no result: " + errors);
            string[] parts = line.Substring(5).Split(' ');
            double[][] points = parts[0].Split(';').Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            string opened = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("opened", StringComparison.Ordinal))?.Substring(6).Trim() ?? "";
            return new SoakResult(warmUpSamples, chunk, points,
                double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), opened);
        }
    }

    /// <param name="Points">Working set (bytes), managed heap after a full collection (bytes), open file
    /// descriptors, and the working set once spare memory is handed back (bytes): before the warm-up, after
    /// it, and after each chunk.</param>
    /// <param name="Opened">What each descriptor opened after the warm-up names, as "point:target" joined by '|'.</param>
    internal sealed record SoakResult(int WarmUpSamples, int ChunkSamples, double[][] Points, double Seconds, double PeakWorkingSet, string Opened)
    {
        private const double Mb = 1024 * 1024;

        /// <summary>The samples after the warm-up.</summary>
        public int Samples => ChunkSamples * (Points.Length - 2);

        /// <summary>The working set at the end of the warm-up.</summary>
        public double PlateauMb => Points[1][0] / Mb;

        /// <summary>The working set at the end of the warm-up, spare memory handed back.</summary>
        public double RetainedPlateauMb => Points[1][3] / Mb;

        public double StartMb => Points[0][0] / Mb;

        /// <summary>Growth per 100,000 samples after the warm-up, from the least-squares line: working sets and heap in MB, descriptors in count.</summary>
        /// <param name="from">The first point of the line: 1 is the end of the warm-up.</param>
        public double Slope(int figure, int from = 1)
        {
            double[] x = Enumerable.Range(0, Points.Length - from).Select(c => c * (double)ChunkSamples).ToArray();
            double[] y = Points.Skip(from).Select(p => figure == 2 ? p[2] : p[figure] / Mb).ToArray();
            double mx = x.Average(), my = y.Average();
            double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
            double sxx = x.Sum(a => (a - mx) * (a - mx));
            return sxy / sxx * 100_000;
        }

        /// <summary>The figure at each point after the warm-up, as the table shows it (MB, or a count of descriptors).</summary>
        public double[] After(int figure) => Points.Skip(1).Select(p => figure == 2 ? p[2] : p[figure] / Mb).ToArray();
    }
}
