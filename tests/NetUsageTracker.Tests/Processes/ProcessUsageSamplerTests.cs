using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests.Processes
{
    /// <summary>The attribution rules on fixture flows and counters: headers, the remainder, the clamp,
    /// owners that change or go, and memory that follows the open sockets.</summary>
    public class ProcessUsageSamplerTests
    {
        private const int Header = 20 + 20 + 12;
        private const int Link = 14;

        private readonly FixtureCounters _counters = new FixtureCounters();
        private readonly FixtureFlows _flows = new FixtureFlows();
        private readonly ProcessUsageSampler _sampler;

        public ProcessUsageSamplerTests()
        {
            var addresses = new InterfaceAddressMap(() => new[]
            {
                ("eth0", false, (IEnumerable<IPAddress>)new[] { IPAddress.Parse("192.0.2.10") }),
                ("wlan0", false, (IEnumerable<IPAddress>)new[] { IPAddress.Parse("192.0.2.20") }),
                ("lo", true, (IEnumerable<IPAddress>)new[] { IPAddress.Loopback }),
            });
            _sampler = new ProcessUsageSampler(new Sampler(_counters), _flows, ownsSource: true, addresses);
        }

        private static bool Eth0(string name) => name == "eth0";

        [Fact]
        public void EachProcessGetsPayloadPlusHeadersAndTheRemainderMakesUpTheInterfaceDelta()
        {
            _flows.Set(Flow(1, pid: 100, local: "192.0.2.10"), Flow(2, pid: 200, local: "192.0.2.10"));
            Assert.True(_sampler.Sample(Eth0).IsBaseline);

            _flows.Set(Flow(1, 100, "192.0.2.10", received: 100_000, sent: 2_000, segsIn: 70, segsOut: 35), Flow(2, 200, "192.0.2.10", sent: 50_000, segsOut: 40, segsIn: 20));
            _counters.Add("eth0", received: 200_000, sent: 60_000, packetsIn: 200, packetsOut: 100);
            ProcessUsageStep step = _sampler.Sample(Eth0);

            ProcessTraffic first = Owner(step, 100);
            Assert.Equal(100_000UL + 70 * (Header + Link), first.BytesReceived);
            Assert.Equal(2_000UL + 35 * (Header + Link), first.BytesSent);
            Assert.Equal(1, first.ConnectionCount);
            Assert.Equal(FlowProtocols.Tcp, first.Protocols);
            AssertAddsUp(step, 200_000, 60_000);
            Assert.Equal(0UL, step.ClampedBytes);
            Assert.Equal(100, step.Owners[0].Owner.Id); // largest first
        }

        [Fact]
        public void AnInterfaceThatCountsOffloadedPacketsGetsOneHeaderPerPacketNotPerSegment()
        {
            _flows.Set(Flow(1, 100, "192.0.2.10"));
            _sampler.Sample(Eth0);
            // 1,000 segments went out as 25 offloaded packets of 40 segments each: 25 headers on the wire.
            _flows.Set(Flow(1, 100, "192.0.2.10", sent: 1_448_000, segsOut: 1000));
            _counters.Add("eth0", received: 0, sent: 1_448_000 + 25 * (Header + Link), packetsIn: 0, packetsOut: 25);

            ProcessUsageStep step = _sampler.Sample(Eth0);

            Assert.Equal(1_448_000UL + 25 * (Header + Link), Owner(step, 100).BytesSent);
            Assert.Equal(0UL, step.Remainder.BytesSent);
        }

        [Fact]
        public void AnEstimateAboveTheInterfaceCountIsScaledDownAndSaysSoNeverANegativeRemainder()
        {
            _flows.Set(Flow(1, 100, "192.0.2.10"), Flow(2, 200, "192.0.2.10"));
            _sampler.Sample(Eth0);
            _flows.Set(Flow(1, 100, "192.0.2.10", received: 60_000), Flow(2, 200, "192.0.2.10", received: 60_000));
            _counters.Add("eth0", received: 100_000, sent: 0, packetsIn: 100, packetsOut: 0);

            ProcessUsageStep step = _sampler.Sample(Eth0);

            Assert.Equal(20_000UL, step.ClampedBytes);
            Assert.Contains(step.Notes, n => n.Contains("scaled down"));
            Assert.Equal(50_000UL, Owner(step, 100).BytesReceived);
            AssertAddsUp(step, 100_000, 0);
        }

        [Fact]
        public void ASocketClosedBetweenSamplesLeavesItsBytesInTheRemainderAndIsForgotten()
        {
            _flows.Set(Flow(1, 100, "192.0.2.10"), Flow(2, 200, "192.0.2.10"));
            _sampler.Sample(Eth0);
            Assert.Equal(2, _sampler.TrackedFlowCount);
            _flows.Set(Flow(2, 200, "192.0.2.10")); // flow 1 closed, and its process with it
            _counters.Add("eth0", received: 5_000, sent: 0, packetsIn: 5, packetsOut: 0);

            ProcessUsageStep step = _sampler.Sample(Eth0);

            Assert.Equal(5_000UL, step.Remainder.BytesReceived);
            Assert.Equal(1, _sampler.TrackedFlowCount);
            Assert.Contains(100, _flows.Forgotten);
            Assert.DoesNotContain(200, _flows.Forgotten);
        }

        [Fact]
        public void ASocketItsProcessClosedKeepsThatProcessAndAnotherUsersSocketIsThatUsers()
        {
            _flows.Set(Flow(1, 100, "192.0.2.10", inode: 5), Flow(2, -1, "192.0.2.10", inode: 6, uid: 0));
            _sampler.Sample(Eth0);
            // Flow 1's process closed it (no inode, no process any more) while its last bytes went out.
            _flows.Set(Flow(1, -1, "192.0.2.10", inode: 0, sent: 1_000, segsOut: 1), Flow(2, -1, "192.0.2.10", inode: 6, uid: 0, received: 3_000, segsIn: 3));
            _counters.Add("eth0", received: 3_000 + 3 * (Header + Link), sent: 1_000 + Header + Link, packetsIn: 3, packetsOut: 1);

            ProcessUsageStep step = _sampler.Sample(Eth0);

            Assert.Equal(1_000UL + Header + Link, Owner(step, 100).BytesSent);
            ProcessTraffic other = Assert.Single(step.Owners, o => o.Owner.Kind == ProcessUsageKind.OtherUser);
            Assert.Equal(0, other.Owner.Id);
            Assert.Equal("user0", other.UserName);
            AssertAddsUp(step, 3_000 + 3 * (Header + Link), 1_000 + Header + Link);
        }

        [Fact]
        public void OnlyTheSelectedInterfacesCountAndLoopbackFlowsGoToLoopback()
        {
            _flows.Set(Flow(1, 100, "192.0.2.10"), Flow(2, 200, "192.0.2.20"), Flow(3, 300, "127.0.0.1", remote: "127.0.0.1"), Flow(4, 400, "192.0.2.10", remote: "192.0.2.20"));
            _sampler.Sample(Eth0);
            _flows.Set(
                Flow(1, 100, "192.0.2.10", received: 1_000),
                Flow(2, 200, "192.0.2.20", received: 2_000),
                Flow(3, 300, "127.0.0.1", remote: "127.0.0.1", received: 3_000),
                Flow(4, 400, "192.0.2.10", remote: "192.0.2.20", received: 4_000));
            _counters.Add("eth0", 1_500, 0, 2, 0);
            _counters.Add("wlan0", 2_500, 0, 3, 0);
            _counters.Add("lo", 7_000, 0, 2, 0);

            ProcessUsageStep step = _sampler.Sample(Eth0);

            Assert.Equal(new[] { 100L }, step.Owners.Select(o => o.Owner.Id));
            Assert.Equal(new[] { "eth0" }, step.InterfaceNames);
            AssertAddsUp(step, 1_500, 0);

            ProcessUsageStep loopback = _sampler.Sample(n => n == "lo");
            Assert.DoesNotContain(loopback.Owners, o => o.BytesReceived > 0); // nothing moved since
            _flows.Set(Flow(3, 300, "127.0.0.1", remote: "127.0.0.1", received: 4_000), Flow(4, 400, "192.0.2.10", remote: "192.0.2.20", received: 5_000));
            _counters.Add("lo", 2_000, 0, 2, 0);
            loopback = _sampler.Sample(n => n == "lo");
            Assert.Equal(new[] { 300L, 400L }, loopback.Owners.Select(o => o.Owner.Id).OrderBy(i => i));
            AssertAddsUp(loopback, 2_000, 0);
        }

        [Fact]
        public void AWrappedSegmentCounterCountsThroughTheWrap()
        {
            _flows.Set(Flow(1, 100, "192.0.2.10", segsOut: uint.MaxValue - 1));
            _sampler.Sample(Eth0);
            _flows.Set(Flow(1, 100, "192.0.2.10", segsOut: 2));
            _counters.Add("eth0", 0, 10_000, 0, 10);

            ProcessUsageStep step = _sampler.Sample(Eth0);

            Assert.Equal(4UL * (Header + Link), Owner(step, 100).BytesSent);
        }

        [Fact]
        public void MemoryFollowsTheOpenSockets()
        {
            for (int round = 0; round < 50; round++)
            {
                var flows = new List<FlowSample>();
                for (int i = 0; i < 100; i++)
                {
                    flows.Add(Flow((ulong)(round * 100 + i), 1000 + round * 100 + i, "192.0.2.10", received: 10));
                }

                _flows.Set(flows.ToArray());
                _counters.Add("eth0", 10_000, 0, 100, 0);
                _sampler.Sample(Eth0);
                Assert.Equal(100, _sampler.TrackedFlowCount);
            }

            Assert.Equal(49 * 100, _flows.Forgotten.Count);
        }

        [Fact]
        public void TotalsAddUpOverStepsAndKeepAProcessThatClosedItsConnections()
        {
            var totals = new ProcessUsageTotals();
            _flows.Set(Flow(1, 100, "192.0.2.10"));
            totals.Add(_sampler.Sample(Eth0));
            _flows.Set(Flow(1, 100, "192.0.2.10", received: 1_000));
            _counters.Add("eth0", 1_500, 0, 1, 0);
            totals.Add(_sampler.Sample(Eth0));
            _flows.Set();
            _counters.Add("eth0", 700, 0, 1, 0);
            totals.Add(_sampler.Sample(Eth0));

            ProcessUsageTotals.OwnerTotal process = Assert.Single(totals.Owners());
            Assert.Equal(1_000UL, process.BytesReceived);
            Assert.Equal(0, process.ConnectionCount);
            Assert.Equal(2_200UL, totals.InterfaceBytesReceived);
            Assert.Equal(totals.InterfaceBytesReceived, process.BytesReceived + totals.Remainder.BytesReceived);
        }

        private static ProcessTraffic Owner(ProcessUsageStep step, long pid) =>
            Assert.Single(step.Owners, o => o.Owner.Kind == ProcessUsageKind.Process && o.Owner.Id == pid);

        private static void AssertAddsUp(ProcessUsageStep step, ulong received, ulong sent)
        {
            Assert.Equal(received, step.InterfaceBytesReceived);
            Assert.Equal(sent, step.InterfaceBytesSent);
            Assert.Equal(received, step.Owners.Aggregate(step.Remainder.BytesReceived, (sum, o) => sum + o.BytesReceived));
            Assert.Equal(sent, step.Owners.Aggregate(step.Remainder.BytesSent, (sum, o) => sum + o.BytesSent));
        }

        private static FlowSample Flow(ulong key, int pid, string local, string remote = "198.51.100.1", ulong received = 0, ulong sent = 0, ulong segsIn = 0, ulong segsOut = 0, ulong inode = 1, long uid = 1000) => new FlowSample
        {
            Key = key,
            ProcessId = pid,
            UserId = uid,
            Inode = inode,
            Protocol = FlowProtocols.Tcp,
            Local = FlowAddress.FromIPAddress(IPAddress.Parse(local), 5000),
            Remote = FlowAddress.FromIPAddress(IPAddress.Parse(remote), 443),
            State = FlowState.Established,
            HasCounters = true,
            PayloadReceived = received,
            PayloadSent = sent,
            SegmentsIn = segsIn,
            SegmentsOut = segsOut,
            HeaderBytes = Header,
        };


        /// <summary>Flows a test sets; remembers which processes the sampler said were gone.</summary>
        private sealed class FixtureFlows : IFlowSource
        {
            private FlowSample[] _flows = Array.Empty<FlowSample>();

            public List<int> Forgotten { get; } = new List<int>();

            public string Name => "fixture";

            public FlowProtocols Coverage => FlowProtocols.Tcp;

            public bool SeesAllUsers => false;

            public bool CountsLinkHeaders => false;

            public string? Limitation => null;

            public void Set(params FlowSample[] flows) => _flows = flows;

            public void Read(FlowTable table)
            {
                table.Clear();
                foreach (FlowSample flow in _flows)
                {
                    table.Add() = flow;
                }
            }

            public ProcessIdentity? Describe(int processId) => new ProcessIdentity(processId, $"p{processId}", null, "someone");

            public string UserName(long userId) => $"user{userId}";

            public void Forget(int processId) => Forgotten.Add(processId);

            public void Dispose()
            {
            }
        }
    }
}
