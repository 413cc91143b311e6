using System.Collections.Generic;
using System.Linq;
using NetUsageTracker.Limits;

namespace NetUsageTracker.History
{
    /// <summary>
    /// The verbose lines that say what a history cmdlet did: what a recording or an import stored and
    /// where, and, for a reader, that the history holds only a baseline so far and when figures appear.
    /// </summary>
    public static class HistorySummary
    {
        private const string NextRecording =
            "the first figures appear after the next recording (Update-NetUsageHistory again, or the job of Register-NetUsageTask, which records every five minutes)";

        /// <summary>What one recording stored into <paramref name="path"/>.</summary>
        public static string Recorded(IReadOnlyList<NetUsageRecord> records, string path)
        {
            if (records.Count == 0)
            {
                return $"Recorded nothing into {path}: no interface was selected for the history.";
            }

            List<NetUsageRecord> first = records.Where(r => r.Kind == StepKind.First).ToList();
            List<NetUsageRecord> counted = records.Where(r => r.Kind != StepKind.First).ToList();
            if (counted.Count == 0)
            {
                return $"Recorded the first reading of {Interfaces(first)} into {path}: a baseline, nothing counted yet; {NextRecording}.";
            }

            string text = $"Recorded {Traffic(counted)} on {Interfaces(counted)} into {path}.";
            return first.Count == 0 ? text : text + $" First reading (a baseline) of {Interfaces(first)}.";
        }

        /// <summary>What an import added to <paramref name="path"/> from <paramref name="lines"/> logged readings.</summary>
        public static string Imported(IReadOnlyList<NetUsageRecord> added, int lines, string path) =>
            added.Count == 0
                ? $"Imported {lines} logged readings into {path}: they added no traffic (a log needs two readings of an interface to count what passed between them)."
                : $"Imported {lines} logged readings into {path}: {Traffic(added)} on {Interfaces(added)}.";

        /// <summary>A reader's line for a history that holds interfaces but no traffic yet.</summary>
        public static string BaselineOnly(int interfaces, string path) =>
            $"The history at {path} holds the first reading of {interfaces} interface{(interfaces == 1 ? "" : "s")} and no traffic yet: {NextRecording}.";

        private static string Traffic(IEnumerable<NetUsageRecord> records)
        {
            ulong received = 0, sent = 0;
            foreach (NetUsageRecord r in records)
            {
                received += r.BytesReceived;
                sent += r.BytesSent;
            }

            return $"{ByteSize.Format((double)received)} received and {ByteSize.Format((double)sent)} sent";
        }

        private static string Interfaces(IEnumerable<NetUsageRecord> records)
        {
            List<string> names = records.Select(r => r.InterfaceName).Distinct().ToList();
            return $"{names.Count} interface{(names.Count == 1 ? "" : "s")} ({string.Join(", ", names)})";
        }
    }
}
