using System;
using System.Diagnostics;
using System.Globalization;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// What one timed wake-up costs on this machine, and whether it grows with the memory a process holds: a
    /// python3 that wakes once a second and does nothing else, with nothing of its own or with <see cref="HeldMb"/> MB
    /// written in 4 KB pages. On most machines both cost some tens of microseconds. In some virtual machines a
    /// switch into a process costs in proportion to its page tables; there every pwsh (some 90 MB resident) pays
    /// far more for each of the runtime's own wake-ups than a small C daemon such as vnstatd pays for its own.
    /// </summary>
    internal sealed class WakeProbe : IDisposable
    {
        public const int HeldMb = 100;

        private const string Script =
            "import mmap, sys, time\n"
            + "n = int(sys.argv[1]) << 20\n"
            + "if n:\n"
            + "    m = mmap.mmap(-1, n)\n"
            + "    m.madvise(mmap.MADV_NOHUGEPAGE)\n"
            + "    for i in range(0, n, 4096):\n"
            + "        m[i] = 1\n"
            + "print('ready', flush=True)\n"
            + "while True:\n"
            + "    time.sleep(1)\n";

        private readonly Process _process;
        private (long Nanoseconds, long Runs) _start;

        private WakeProbe(Process process, int mb)
        {
            _process = process;
            Mb = mb;
        }

        public int Mb { get; }

        /// <summary>Starts one probe holding <paramref name="mb"/> MB and waits until it holds it; null (with the reason) when python3 cannot run.</summary>
        public static WakeProbe? TryStart(string python, int mb, out string? missing)
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(mb.ToString(CultureInfo.InvariantCulture));
            try
            {
                Process process = Process.Start(start)!;
                if (process.StandardOutput.ReadLine() != "ready")
                {
                    missing = $"{python} did not start the wake-up probe (exit {(process.WaitForExit(5000) ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "?")})";
                    process.Dispose();
                    return null;
                }

                missing = null;
                return new WakeProbe(process, mb);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                missing = $"{python}: {e.Message}";
                return null;
            }
        }

        public void StartWindow() => _start = ProcFs.MainThreadRuns(_process.Id);

        /// <summary>CPU per wake-up over the window (schedstat's time over its count of runs), in microseconds.</summary>
        public (double MicrosecondsEach, long WakeUps) EndWindow()
        {
            (long nanoseconds, long runs) = ProcFs.MainThreadRuns(_process.Id);
            long wakeUps = runs - _start.Runs;
            return (wakeUps > 0 ? (nanoseconds - _start.Nanoseconds) / 1e3 / wakeUps : 0, wakeUps);
        }

        public void Dispose()
        {
            try
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // It had ended.
            }

            _process.Dispose();
        }
    }
}
