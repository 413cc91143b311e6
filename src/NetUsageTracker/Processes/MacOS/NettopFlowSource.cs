using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace NetUsageTracker.Processes.MacOS
{
    /// <summary>
    /// macOS: each read runs <c>nettop -P -L 1 -x -J bytes_in,bytes_out</c> (the documented interface to
    /// the kernel's per-process network statistics; no root needed) and reads one row per process. nettop
    /// gives payload bytes per process, not per connection or interface: the sampler counts them on the
    /// selected interface that moved most, and the headers stay in the remainder.
    /// </summary>
    public sealed class NettopFlowSource : IFlowSource
    {
        public const string Executable = "/usr/bin/nettop";
        public static readonly string[] Arguments = { "-P", "-L", "1", "-x", "-J", "bytes_in,bytes_out" };

        private readonly Dictionary<int, string> _names = new Dictionary<int, string>();

        public string Name => "nettop";

        public FlowProtocols Coverage => FlowProtocols.Tcp | FlowProtocols.Udp;

        public bool SeesAllUsers => true;

        public bool CountsLinkHeaders => false;

        public string? Limitation => "nettop reports each process's payload: the headers are in the remainder.";

        public void Read(FlowTable table)
        {
            var start = new ProcessStartInfo(Executable, string.Join(" ", Arguments))
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            string output;
            try
            {
                using Process process = Process.Start(start)!;
                output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new FlowSourceException($"nettop exited with {process.ExitCode}: {process.StandardError.ReadToEnd().Trim()}");
                }
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new FlowSourceException($"nettop could not run: {e.Message}", e);
            }

            NettopParser.Parse(output, table);
            foreach (string line in output.Split('\n'))
            {
                string[] fields = line.Split(',');
                int column = Array.IndexOf(fields, "") == 0 ? 0 : 1;
                if (fields.Length > column && NettopParser.TryProcess(fields[column], out int pid))
                {
                    _names[pid] = NettopParser.NameOf(fields[column]);
                }
            }
        }

        public ProcessIdentity? Describe(int processId) =>
            _names.TryGetValue(processId, out string? name) ? new ProcessIdentity(processId, name, null, null) : null;

        public string UserName(long userId) => userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Forget(int processId) => _names.Remove(processId);

        public void Dispose()
        {
        }
    }
}
