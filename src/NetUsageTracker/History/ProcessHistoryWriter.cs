using System;
using System.Collections.Generic;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>
    /// The resident recorder's per-process rows: at each recording, for each interface it stored, the
    /// processes that moved most since the last one (by name), the rest of them as "Other processes", other
    /// users, and "Unattributed" for what the interface counted beyond them, so the rows of every period add
    /// up to the interface's own. Where the sockets' figures exceed the interface's step (its reading and
    /// theirs are moments apart), they are scaled down to it; nothing is written for a step that stored nothing.
    /// </summary>
    public sealed class ProcessHistoryWriter : IRecordingPart
    {
        /// <summary>Processes kept by name per interface and recording; the others are summed.</summary>
        public const int TopProcesses = 10;

        private readonly ProcessUsageCollector _collector;

        public ProcessHistoryWriter(ProcessUsageCollector collector)
        {
            _collector = collector ?? throw new ArgumentNullException(nameof(collector));
        }

        public void Write(HistoryDatabase database, DateTime utc, TimeZoneInfo zone, IReadOnlyList<NetUsageRecord> records)
        {
            List<ProcessTrafficTotal> taken = _collector.Take();
            using SqliteStatement add = database.Command(
                @"INSERT INTO process_usage (resolution, period, interface, kind, process, rx, tx) VALUES ($resolution, $period, $name, $kind, $process, $rx, $tx)
                  ON CONFLICT (resolution, period, interface, kind, process) DO UPDATE SET rx = rx + excluded.rx, tx = tx + excluded.tx;");
            foreach (NetUsageRecord record in records)
            {
                if (record.Kind == StepKind.Stale || record.TotalBytes == 0)
                {
                    continue;
                }

                foreach (ProcessTrafficTotal row in Rows(record, taken))
                {
                    if (row.TotalBytes == 0)
                    {
                        continue;
                    }

                    add.Bind("$name", record.InterfaceName).Bind("$kind", (int)row.Key.Kind).Bind("$process", row.Key.Name)
                        .Bind("$rx", row.BytesReceived).Bind("$tx", row.BytesSent);
                    foreach (HistoryResolution resolution in HistoryRecorder.Resolutions)
                    {
                        add.Bind("$resolution", (int)resolution).Bind("$period", HistoryPeriods.Key(resolution, utc, zone)).Execute();
                    }
                }
            }
        }

        /// <summary>One interface's rows of a recording: the top processes, the others, other users, the remainder; they sum to the record.</summary>
        internal static List<ProcessTrafficTotal> Rows(NetUsageRecord record, IEnumerable<ProcessTrafficTotal> taken)
        {
            var processes = new List<ProcessTrafficTotal>();
            var rows = new List<ProcessTrafficTotal>();
            foreach (ProcessTrafficTotal total in taken)
            {
                if (string.Equals(total.Key.InterfaceName, record.InterfaceName, InterfaceNaming.Comparison))
                {
                    (total.Key.Kind == ProcessUsageKind.Process ? processes : rows).Add(total);
                }
            }

            processes.Sort((a, b) =>
            {
                int bytes = b.TotalBytes.CompareTo(a.TotalBytes);
                return bytes != 0 ? bytes : string.CompareOrdinal(a.Key.Name, b.Key.Name);
            });
            var others = new ProcessTrafficTotal(new ProcessTrafficKey(record.InterfaceName, ProcessUsageKind.OtherProcesses, ProcessUsageNames.OtherProcesses));
            for (int i = 0; i < processes.Count; i++)
            {
                if (i < TopProcesses)
                {
                    rows.Add(processes[i]);
                }
                else
                {
                    others.BytesReceived += processes[i].BytesReceived;
                    others.BytesSent += processes[i].BytesSent;
                }
            }

            rows.Add(others);
            var rest = new ProcessTrafficTotal(new ProcessTrafficKey(record.InterfaceName, ProcessUsageKind.Unattributed, ProcessUsageNames.Unattributed));
            rest.BytesReceived = Fit(rows, record.BytesReceived, received: true);
            rest.BytesSent = Fit(rows, record.BytesSent, received: false);
            rows.Add(rest);
            return rows;
        }

        /// <summary>Scales the rows' one direction down to <paramref name="bytes"/> where they exceed it; returns what is left.</summary>
        private static ulong Fit(List<ProcessTrafficTotal> rows, ulong bytes, bool received)
        {
            ulong sum = 0;
            foreach (ProcessTrafficTotal row in rows)
            {
                sum += received ? row.BytesReceived : row.BytesSent;
            }

            if (sum <= bytes)
            {
                return bytes - sum;
            }

            double scale = bytes / (double)sum;
            ulong kept = 0;
            foreach (ProcessTrafficTotal row in rows)
            {
                ulong value = (ulong)Math.Floor((received ? row.BytesReceived : row.BytesSent) * scale);
                value = Math.Min(value, bytes - kept);
                kept += value;
                if (received)
                {
                    row.BytesReceived = value;
                }
                else
                {
                    row.BytesSent = value;
                }
            }

            return bytes - kept;
        }

        /// <summary>Drops one roll-up's per-process rows older than the retention keeps, as the interfaces' rows are.</summary>
        internal static void Prune(HistoryDatabase database, HistoryResolution resolution, long oldest)
        {
            using SqliteStatement prune = database.Command("DELETE FROM process_usage WHERE resolution = $resolution AND period < $oldest;");
            prune.Bind("$resolution", (int)resolution).Bind("$oldest", oldest).Execute();
        }
    }
}
