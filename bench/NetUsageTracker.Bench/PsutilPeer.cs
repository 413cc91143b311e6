using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace NetUsageTracker.Bench
{
    /// <summary>
    /// psutil in its own python3 process (psutil_peer.py): the benchmark asks for a number of calls and
    /// reads back the nanoseconds python measured, so the pipe between the two is not in the figure.
    /// </summary>
    internal sealed class PsutilPeer : IDisposable
    {
        private readonly Process _process;

        private PsutilPeer(Process process, string version)
        {
            _process = process;
            Version = version;
        }

        public string Version { get; }

        /// <summary>Starts the peer with the first python that imports psutil, or says why none did.</summary>
        public static PsutilPeer? TryStart(string[] pythons, out string reason)
        {
            string script = Path.Combine(AppContext.BaseDirectory, "psutil_peer.py");
            reason = "no python3 found";
            foreach (string python in pythons)
            {
                Process process;
                try
                {
                    var start = new ProcessStartInfo(python)
                    {
                        RedirectStandardInput = true,
                        RedirectStandardOutput = true,
                        UseShellExecute = false,
                    };
                    start.ArgumentList.Add(script);
                    process = Process.Start(start)!;
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    continue;
                }

                string first = process.StandardOutput.ReadLine() ?? "missing no answer";
                if (first.StartsWith("ready ", StringComparison.Ordinal))
                {
                    return new PsutilPeer(process, first.Substring(6));
                }

                reason = $"{python}: psutil is not installed ({first}); install Debian's python3-psutil";
                process.WaitForExit();
                process.Dispose();
            }

            return null;
        }

        /// <summary>Runs an operation of psutil_peer.py <paramref name="iterations"/> times; returns nanoseconds.</summary>
        public double Run(string operation, int iterations)
        {
            _process.StandardInput.WriteLine($"{operation} {iterations}");
            _process.StandardInput.Flush();
            string answer = _process.StandardOutput.ReadLine()
                ?? throw new InvalidOperationException("The psutil peer stopped answering.");
            return double.Parse(answer, CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
