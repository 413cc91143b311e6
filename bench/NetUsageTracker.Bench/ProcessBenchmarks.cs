using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NetUsageTracker.Processes;
using NetUsageTracker.Processes.Linux;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// The per-process snapshot with 10,000 TCP sockets over 100 processes (python3 holders on loopback,
    /// 50 connections each, both ends in the same process): the inet_diag part (dump, decode, owners from
    /// the warm cache) against the raw netlink dump alone (the floor), the whole sampler step, and
    /// `ss -tinp` run for the same sockets.
    /// </summary>
    internal static class ProcessBenchmarks
    {
        private const int Holders = 100;
        private const int PairsEach = 50;

        private const string Holder = @"
import resource, socket, sys
pairs = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_NOFILE, (4 * pairs + 64, max(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 4 * pairs + 64)))
server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen(pairs)
kept = []
for _ in range(pairs):
    c = socket.create_connection(server.getsockname()); a, _ = server.accept(); kept.append((c, a))
    c.sendall(b'x' * 1000); a.recv(1000)
server.close()
print('holding', flush=True)
sys.stdin.read()
";

        public static IEnumerable<BenchRow> Run(BenchOptions options)
        {
            string script = Path.Combine(Path.GetTempPath(), $"nut-bench-holder-{Environment.ProcessId}.py");
            File.WriteAllText(script, Holder);
            var holders = new List<Process>();
            try
            {
                for (int i = 0; i < Holders; i++)
                {
                    var start = new ProcessStartInfo(options.Pythons[0], $"-u {script} {PairsEach}") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
                    Process holder = Process.Start(start)!;
                    holders.Add(holder);
                    if (holder.StandardOutput.ReadLine() != "holding")
                    {
                        throw new InvalidOperationException("A socket holder did not start.");
                    }
                }

                return Measure(options);
            }
            finally
            {
                foreach (Process holder in holders)
                {
                    holder.StandardInput.Close();
                    if (!holder.WaitForExit(5000))
                    {
                        holder.Kill();
                    }

                    holder.Dispose();
                }

                File.Delete(script);
            }
        }

        private static List<BenchRow> Measure(BenchOptions options)
        {
            using var source = new SockDiagFlowSource();
            var table = new FlowTable();
            source.Read(table);
            int sockets = table.Count;
            using var sampler = new ProcessUsageSampler(Sampler.CreateDefault(), new SockDiagFlowSource());
            Func<string, bool> all = _ => true;
            var operations = new[]
            {
                TimedOperation.InProcess("sock_diag dump alone (floor)", () => source.DumpRaw()),
                TimedOperation.InProcess("per-process snapshot: dump, decode, owners", () => source.Read(table)),
                TimedOperation.InProcess("sampler step (snapshot, counters, attribution)", () => sampler.Sample(all)),
                new TimedOperation("ss -tinp (same sockets)", n =>
                {
                    long start = Stopwatch.GetTimestamp();
                    for (int i = 0; i < n; i++)
                    {
                        using Process ss = Process.Start(new ProcessStartInfo("ss", "-tinp") { RedirectStandardOutput = true, UseShellExecute = false })!;
                        ss.StandardOutput.ReadToEnd();
                        ss.WaitForExit();
                    }

                    return Stopwatch.GetElapsedTime(start).Ticks * 100.0;
                }),
            };
            Console.WriteLine($"Per-process snapshot: {sockets} TCP sockets in the dump ({Holders} holders x {2 * PairsEach}), walks of /proc so far: {source.OwnerWalks} ...");
            foreach (TimedOperation operation in operations)
            {
                operation.Calibrate(options.WarmUp, options.Round);
            }

            for (int round = 0; round < options.Rounds; round++)
            {
                foreach (TimedOperation operation in operations)
                {
                    operation.RunRound();
                }
            }

            double floor = operations[0].NanosecondsPerCall.Median;
            var rows = new List<BenchRow>();
            foreach (TimedOperation operation in operations)
            {
                BenchRow row = BenchRow.From($"{operation.Name}, {sockets} sockets", "ms", Scale(operation.NanosecondsPerCall));
                row.RatioToFloor = operation.NanosecondsPerCall.Median / floor;
                rows.Add(row);
            }

            rows[1].Target = "<= 1.5x floor";
            rows[1].Pass = rows[1].RatioToFloor <= 1.5;
            rows[1].Judged = $"{rows[1].RatioToFloor:0.00}x";
            rows[0].Target = $"owner walks after warm-up: {source.OwnerWalks - 1}";
            return rows;
        }

        private static Series Scale(Series nanoseconds)
        {
            var milliseconds = new Series();
            foreach (double value in nanoseconds.Values)
            {
                milliseconds.Add(value / 1e6);
            }

            return milliseconds;
        }
    }
}
