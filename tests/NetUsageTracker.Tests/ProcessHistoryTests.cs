using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using NetUsageTracker.History;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;
using NetUsageTracker.Tests.Processes;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>
    /// The resident recorder's per-process rows in a real SQLite history: what the sockets moved between
    /// two recordings goes in with the interfaces' rows, the top processes by name, the rest together, and
    /// the remainder, so that every period's rows add up to the interface's own; read back by period.
    /// </summary>
    public class ProcessHistoryTests
    {
        private const int Header = 20 + 20 + 12;
        private static readonly DateTime T0 = new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc);
        private static readonly Func<string, bool> All = _ => true;

        private readonly FixtureCounters _counters = new FixtureCounters();
        private readonly FixtureFlows _flows = new FixtureFlows();
        private readonly InterfaceAddressMap _addresses;
        private readonly ProcessUsageCollector _collector;
        private TimeSpan _now;

        public ProcessHistoryTests()
        {
            _addresses = new InterfaceAddressMap(() => new[]
            {
                ("eth0", false, (IEnumerable<IPAddress>)new[] { IPAddress.Parse("192.0.2.10") }),
                ("wlan0", false, (IEnumerable<IPAddress>)new[] { IPAddress.Parse("192.0.2.20") }),
            });
            _collector = new ProcessUsageCollector(new ProcessUsageSampler(new Sampler(_counters), _flows, ownsSource: true, _addresses));
        }

        private ulong Link => (ulong)new InterfaceAddressMap(() => Array.Empty<(string, bool, IEnumerable<IPAddress>)>()).LinkHeaderBytes("eth0");

        /// <summary>The collector samples, then the recorder records eth0 (and wlan0) at their counters now, with the per-process part.</summary>
        private void Record(HistoryTestDatabase db, DateTime utc)
        {
            _collector.Sample();
            db.Recorder.Part = new ProcessHistoryWriter(_collector);
            db.Record(utc, ("eth0", _counters.Received("eth0"), _counters.Sent("eth0")), ("wlan0", _counters.Received("wlan0"), _counters.Sent("wlan0")));
        }

        /// <summary>Process <paramref name="pid"/>'s socket on eth0 has received <paramref name="payload"/> in all, and the interface counted it with headers.</summary>
        private void Receive(int pid, ulong payload, ulong segments, string local = "192.0.2.10", string name = "eth0")
        {
            _flows.Grow(pid, local, payload, segments);
            _counters.Add(name, payload + (segments * (Header + Link)), 0, segments, 0);
        }

        [Fact]
        public void EachProcessIsRecordedByNameWithTheRemainderAndThePeriodAddsUpToTheInterface()
        {
            using var db = new HistoryTestDatabase();
            _flows.SetName(100, "firefox");
            _flows.SetName(200, "apt");
            _flows.SetName(300, "firefox"); // a second firefox process: one name in the history
            Receive(100, 0, 0);
            Receive(200, 0, 0);
            Receive(300, 0, 0);
            Record(db, T0);

            Receive(100, 1_000_000, 700);
            Receive(200, 400_000, 280);
            Receive(300, 100_000, 70);
            _counters.Add("eth0", 30_000, 5_000, 20, 10); // what no socket holds: DNS, ARP, a closed socket
            Record(db, T0.AddMinutes(5));

            var reader = new ProcessHistoryReader(db.Database, db.Zone);
            List<NetProcessUsageHistory> day = reader.Read(HistoryResolution.Day, null, null, n => n == "eth0");
            Assert.Equal(new[] { "firefox", "apt", ProcessUsageNames.Unattributed }, day.Select(r => r.ProcessName));
            Assert.Equal(1_100_000UL + (770 * (Header + Link)), day[0].BytesReceived);
            Assert.Equal(400_000UL + (280 * (Header + Link)), day[1].BytesReceived);
            Assert.Equal((30_000UL, 5_000UL), (day[2].BytesReceived, day[2].BytesSent));
            NetUsageHistory usage = db.Reader.Read(HistoryResolution.Day, null, null, n => n == "eth0").Single();
            Assert.Equal(usage.BytesReceived, day.Aggregate(0UL, (s, r) => s + r.BytesReceived));
            Assert.Equal(usage.BytesSent, day.Aggregate(0UL, (s, r) => s + r.BytesSent));
            Assert.Equal(100.0, day.Sum(r => r.Percent), 6);
            Assert.All(day, r => Assert.Equal("eth0", r.InterfaceName));

            // Every roll-up holds the same rows.
            foreach (HistoryResolution by in new[] { HistoryResolution.FiveMinute, HistoryResolution.Hour, HistoryResolution.Month, HistoryResolution.Year })
            {
                Assert.Equal(day.Select(r => (r.ProcessName, r.BytesReceived, r.BytesSent)), reader.Read(by, null, null, n => n == "eth0").Select(r => (r.ProcessName, r.BytesReceived, r.BytesSent)));
            }

            // The stored rows themselves add up to the interface's row of each period.
            Assert.Equal(0L, Scalar(db, @"SELECT COUNT(*) FROM usage u WHERE u.rx <> (SELECT SUM(p.rx) FROM process_usage p
                WHERE p.resolution = u.resolution AND p.period = u.period AND p.interface = u.interface)"));
        }

        [Fact]
        public void BeyondTheTopProcessesTheRestAreRecordedTogetherAsOtherProcesses()
        {
            using var db = new HistoryTestDatabase();
            for (int pid = 1; pid <= 15; pid++)
            {
                _flows.SetName(pid, "app" + pid.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
                Receive(pid, 0, 0);
            }

            Record(db, T0);
            for (int pid = 1; pid <= 15; pid++)
            {
                Receive(pid, (ulong)pid * 10_000, (ulong)pid * 7);
            }

            Record(db, T0.AddMinutes(5));

            List<NetProcessUsageHistory> day = new ProcessHistoryReader(db.Database, db.Zone).Read(HistoryResolution.Day, null, null, All);
            Assert.Equal(ProcessHistoryWriter.TopProcesses, day.Count(r => r.Kind == ProcessUsageKind.Process));
            Assert.Equal("app15", day[0].ProcessName);
            NetProcessUsageHistory others = day.Single(r => r.Kind == ProcessUsageKind.OtherProcesses);
            Assert.Equal(ProcessUsageNames.OtherProcesses, others.ProcessName);
            Assert.Equal((1UL + 2 + 3 + 4 + 5) * 10_000 + ((1UL + 2 + 3 + 4 + 5) * 7 * (Header + Link)), others.BytesReceived);
            Assert.Equal(0UL, day.Last().TotalBytes);
            Assert.Equal(ProcessUsageKind.Unattributed, day.Last().Kind);
        }

        [Fact]
        public void SocketFiguresAboveTheInterfacesStepAreScaledDownToItAndNeverMakeANegativeRemainder()
        {
            var record = new NetUsageRecord { InterfaceName = "eth0", BytesReceived = 1_000, BytesSent = 90, Kind = StepKind.Normal };
            var taken = new[]
            {
                Total("eth0", "a", 900, 60),
                Total("eth0", "b", 300, 10),
                Total("wlan0", "c", 5_000, 5_000),
            };

            List<ProcessTrafficTotal> rows = ProcessHistoryWriter.Rows(record, taken);

            Assert.Equal(1_000UL, rows.Aggregate(0UL, (s, r) => s + r.BytesReceived));
            Assert.Equal(90UL, rows.Aggregate(0UL, (s, r) => s + r.BytesSent));
            Assert.Equal(750UL, rows.Single(r => r.Key.Name == "a").BytesReceived);
            Assert.DoesNotContain(rows, r => r.Key.Name == "c");
            Assert.Equal(20UL, rows.Single(r => r.Key.Kind == ProcessUsageKind.Unattributed).BytesSent);
        }

        [Fact]
        public void TrafficRecordedWithoutPerProcessRecordingIsUnattributedAndOtherInterfacesStayApart()
        {
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("eth0", 0, 0), ("wlan0", 0, 0));
            db.Record(T0.AddMinutes(5), ("eth0", 70_000, 7_000), ("wlan0", 0, 0)); // a scheduled job's recording: no sockets read
            _flows.SetName(100, "downloader");
            Receive(100, 0, 0, "192.0.2.20", "wlan0");
            _counters.Add("eth0", 70_000, 7_000, 50, 5);
            Record(db, T0.AddMinutes(10));
            Receive(100, 50_000, 35, "192.0.2.20", "wlan0");
            Record(db, T0.AddMinutes(15));

            var reader = new ProcessHistoryReader(db.Database, db.Zone);
            NetProcessUsageHistory eth0 = reader.Read(HistoryResolution.Day, null, null, n => n == "eth0").Single();
            Assert.Equal((ProcessUsageKind.Unattributed, 70_000UL, 7_000UL), (eth0.Kind, eth0.BytesReceived, eth0.BytesSent));
            List<NetProcessUsageHistory> both = reader.Read(HistoryResolution.Day, null, null, All);
            Assert.Equal(new[] { "downloader", ProcessUsageNames.Unattributed }, both.Select(r => r.ProcessName));
            Assert.Equal("eth0,wlan0", both[0].InterfaceName);
            Assert.Equal(50_000UL + (35 * (Header + Link)), both[0].BytesReceived);
            Assert.Equal(70_000UL, both[1].BytesReceived);
        }

        [Fact]
        public void RetentionPrunesTheProcessRowsWithTheInterfacesRows()
        {
            using var db = new HistoryTestDatabase();
            _flows.SetName(100, "downloader");
            Receive(100, 0, 0);
            Record(db, T0);
            Receive(100, 10_000, 7);
            _counters.Add("eth0", 1_000, 0, 1, 0);
            Record(db, T0.AddMinutes(5));
            Assert.Equal(2L, Scalar(db, $"SELECT COUNT(*) FROM process_usage WHERE resolution = {(int)HistoryResolution.FiveMinute}"));

            Record(db, T0.AddDays(3));

            Assert.Equal(0L, Scalar(db, $"SELECT COUNT(*) FROM process_usage WHERE resolution = {(int)HistoryResolution.FiveMinute}"));
            Assert.Equal(2L, Scalar(db, $"SELECT COUNT(*) FROM process_usage WHERE resolution = {(int)HistoryResolution.Day}"));
        }

        [Fact]
        public void TheReportReadsThisMonthsProcessesFromTheHistory()
        {
            using var db = new HistoryTestDatabase();
            _flows.SetName(100, "downloader");
            Receive(100, 0, 0);
            Record(db, T0);
            Receive(100, 10_000, 7);
            Record(db, T0.AddMinutes(5));

            List<NetProcessUsageHistory> month = NetUsageTracker.Reports.HistoryReportSource.TopApps(db.Database, new[] { "eth0", "wlan0" }, T0.AddDays(1), db.Zone);

            Assert.Equal(new[] { "downloader", ProcessUsageNames.Unattributed }, month.Select(r => r.ProcessName));
            Assert.Equal(HistoryResolution.Month, month[0].Period);
            Assert.Empty(NetUsageTracker.Reports.HistoryReportSource.TopApps(db.Database, new[] { "eth0" }, T0.AddMonths(1), db.Zone));
        }

        [Fact]
        public void TheCollectorForgetsWhatItHandedToARecording()
        {
            _flows.SetName(100, "downloader");
            Receive(100, 0, 0);
            _collector.Sample();
            Receive(100, 10_000, 7);
            _collector.Sample();
            Assert.Equal(1, _collector.PendingCount);
            Assert.Single(_collector.Take());
            Assert.Equal(0, _collector.PendingCount);
        }

        [Fact]
        public void WhileNoInterfaceMovesAByteTheSocketsAreNotReadAndNothingIsLostAfter()
        {
            _flows.SetName(100, "downloader");
            Receive(100, 0, 0);
            _collector.Sample();
            int reads = _flows.Reads;
            _collector.Sample();
            _collector.Sample();
            Assert.Equal(reads, _flows.Reads);
            Assert.Equal(2, _collector.IdleSkips);

            Receive(100, 10_000, 7);
            _collector.Sample();

            Assert.Equal(reads + 1, _flows.Reads);
            ProcessTrafficTotal downloader = Assert.Single(_collector.Take());
            Assert.Equal(10_000UL + (7 * (Header + Link)), downloader.BytesReceived);
        }

        [Fact]
        public void BetweenRecordingsATrickleWaitsForAMinuteAndTheOpenSocketsLoseNothingByIt()
        {
            using var collector = Started("chat");
            int reads = _flows.Reads;

            // 10 KB every 10 s: under QuietBytes, so no read until a minute after the last one.
            for (int step = 1; step <= 5; step++)
            {
                _now = TimeSpan.FromSeconds(10 * step);
                Receive(100, 10_000, 7);
                collector.Sample(betweenRecordings: true);
            }

            Assert.Equal(reads, _flows.Reads);
            Assert.Equal(5, collector.QuietSkips);

            _now = ProcessUsageCollector.LongestInterval;
            Receive(100, 10_000, 7);
            collector.Sample(betweenRecordings: true);

            Assert.Equal(reads + 1, _flows.Reads);
            ProcessTrafficTotal chat = Assert.Single(collector.Take());
            Assert.Equal(6 * (10_000UL + (7 * (Header + Link))), chat.BytesReceived);
        }

        [Fact]
        public void BetweenRecordingsADownloadIsReadAtOnce()
        {
            using var collector = Started("downloader");
            int reads = _flows.Reads;

            _now = TimeSpan.FromSeconds(10);
            Receive(100, ProcessUsageCollector.QuietBytes, 200);
            collector.Sample(betweenRecordings: true);

            Assert.Equal(reads + 1, _flows.Reads);
            Assert.Equal(0, collector.QuietSkips);
        }

        [Fact]
        public void TheReadBeforeARecordingTakesEvenATrickle()
        {
            using var collector = Started("chat");
            int reads = _flows.Reads;

            _now = TimeSpan.FromSeconds(10);
            Receive(100, 1_000, 1);
            collector.Sample();

            Assert.Equal(reads + 1, _flows.Reads);
            Assert.Equal(1_000UL + Header + Link, Assert.Single(collector.Take()).BytesReceived);
        }

        /// <summary>A collector on the test's clock (<see cref="_now"/>), its baseline taken with process 100 named <paramref name="name"/>.</summary>
        private ProcessUsageCollector Started(string name)
        {
            var collector = new ProcessUsageCollector(new ProcessUsageSampler(new Sampler(_counters), _flows, ownsSource: false, _addresses), () => _now);
            _flows.SetName(100, name);
            Receive(100, 0, 0);
            collector.Sample();
            return collector;
        }

        [Theory]
        [InlineData(0.001, 10)]
        [InlineData(0.005, 20)]
        [InlineData(0.5, 60)]
        public void ReadsThatCostMoreThanTheBudgetAreSpacedOutToStayWithinIt(double readSeconds, double gapSeconds)
        {
            Assert.Equal(gapSeconds, ProcessUsageCollector.Spaced(readSeconds).TotalSeconds, 6);
        }

        private static ProcessTrafficTotal Total(string name, string process, ulong received, ulong sent) =>
            new ProcessTrafficTotal(new ProcessTrafficKey(name, ProcessUsageKind.Process, process)) { BytesReceived = received, BytesSent = sent };

        private static long Scalar(HistoryTestDatabase db, string sql) => db.Database.File.ScalarInt64(sql);


        /// <summary>One socket per process, whose received payload and segments grow as the test says.</summary>
        private sealed class FixtureFlows : IFlowSource
        {
            private readonly Dictionary<int, FlowSample> _flows = new Dictionary<int, FlowSample>();
            private readonly Dictionary<int, string> _names = new Dictionary<int, string>();

            public string Name => "fixture";

            public FlowProtocols Coverage => FlowProtocols.Tcp;

            public bool SeesAllUsers => false;

            public bool CountsLinkHeaders => false;

            public string? Limitation => null;

            public void SetName(int pid, string name) => _names[pid] = name;

            public void Grow(int pid, string local, ulong payload, ulong segments)
            {
                if (!_flows.TryGetValue(pid, out FlowSample flow))
                {
                    flow = new FlowSample
                    {
                        Key = (ulong)pid,
                        ProcessId = pid,
                        UserId = 1000,
                        Inode = (ulong)pid,
                        Protocol = FlowProtocols.Tcp,
                        Local = FlowAddress.FromIPAddress(IPAddress.Parse(local), (ushort)(5000 + pid)),
                        Remote = FlowAddress.FromIPAddress(IPAddress.Parse("198.51.100.1"), 443),
                        State = FlowState.Established,
                        HasCounters = true,
                        HeaderBytes = Header,
                    };
                }

                flow.PayloadReceived += payload;
                flow.SegmentsIn += segments;
                _flows[pid] = flow;
            }

            public int Reads { get; private set; }

            public void Read(FlowTable table)
            {
                Reads++;
                table.Clear();
                foreach (FlowSample flow in _flows.Values)
                {
                    table.Add() = flow;
                }
            }

            public ProcessIdentity? Describe(int processId) => new ProcessIdentity(processId, _names[processId], null, "someone");

            public string UserName(long userId) => "user" + userId;

            public void Forget(int processId)
            {
            }

            public void Dispose()
            {
            }
        }
    }
}
