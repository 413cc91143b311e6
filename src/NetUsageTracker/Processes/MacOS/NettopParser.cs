using System;
using System.Globalization;

namespace NetUsageTracker.Processes.MacOS
{
    /// <summary>
    /// Reads what <c>nettop -P -L 1 -x -J bytes_in,bytes_out</c> prints: a CSV header naming the columns
    /// (an unnamed column for the process, "time" first when nettop adds it), then one line per process,
    /// "name.pid" and raw byte counts (-x), cumulative since each process's first socket.
    /// </summary>
    public static class NettopParser
    {
        public static void Parse(string output, FlowTable table)
        {
            table.Clear();
            int process = -1;
            int bytesIn = -1;
            int bytesOut = -1;
            foreach (string raw in output.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                if (line.Length == 0)
                {
                    continue;
                }

                string[] fields = line.Split(',');
                if (bytesIn < 0)
                {
                    bytesIn = Array.IndexOf(fields, "bytes_in");
                    bytesOut = Array.IndexOf(fields, "bytes_out");
                    process = Array.IndexOf(fields, "");
                    if (bytesIn < 0 || bytesOut < 0 || process < 0)
                    {
                        bytesIn = -1; // not the header yet
                    }

                    continue;
                }

                if (fields.Length <= Math.Max(process, Math.Max(bytesIn, bytesOut)) || !TryProcess(fields[process], out int pid)
                    || !ulong.TryParse(fields[bytesIn], NumberStyles.None, CultureInfo.InvariantCulture, out ulong received)
                    || !ulong.TryParse(fields[bytesOut], NumberStyles.None, CultureInfo.InvariantCulture, out ulong sent))
                {
                    continue;
                }

                ref FlowSample flow = ref table.Add();
                flow.Key = (ulong)pid;
                flow.ProcessId = pid;
                flow.UserId = -1;
                flow.Inode = 1;
                flow.Protocol = FlowProtocols.Tcp | FlowProtocols.Udp;
                flow.State = FlowState.Unknown;
                flow.HasCounters = true;
                flow.PayloadReceived = received;
                flow.PayloadSent = sent;
            }
        }

        /// <summary>"Google Chrome H.4242" → 4242: the PID follows the last dot.</summary>
        internal static bool TryProcess(string field, out int pid)
        {
            pid = 0;
            int dot = field.LastIndexOf('.');
            return dot > 0 && int.TryParse(field.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
        }

        /// <summary>The process name of a "name.pid" field.</summary>
        public static string NameOf(string field)
        {
            int dot = field.LastIndexOf('.');
            return dot > 0 ? field.Substring(0, dot) : field;
        }
    }
}
