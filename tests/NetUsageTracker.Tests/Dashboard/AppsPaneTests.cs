using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using NetUsageTracker.Connection;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Limits;
using NetUsageTracker.Processes;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    /// <summary>
    /// The apps pane in the live view's loop: a terminal of the test's, a clock that moves as the session
    /// waits, and two processes whose sockets and interface counters grow at known rates with that clock.
    /// </summary>
    public class AppsPaneTests
    {
        private const string Interface = "fx0";
        private const int Header = 20 + 20 + 12;

        private readonly ManualClock _clock = new ManualClock();
        private readonly ClockFlows _flows;
        private readonly InterfaceAddressMap _addresses = new InterfaceAddressMap(() => new[]
        {
            (Interface, false, (IEnumerable<IPAddress>)new[] { IPAddress.Parse("192.0.2.10") }),
        });

        private readonly int _link;

        public AppsPaneTests()
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            _flows = new ClockFlows(_clock);
            _link = _addresses.LinkHeaderBytes(Interface);
        }

        /// <summary>Per second: browser (pid 100) receives 40,000 payload bytes in 30 segments, apt (pid 200) 10,000 in 10,
        /// and the interface also counts 5,000 bytes no socket holds.</summary>
        private ulong ReceivedPerSecond => 50_000UL + (40UL * (ulong)(Header + _link)) + 5_000;

        private void Fill(CounterSnapshot snapshot)
        {
            double seconds = _clock.Elapsed.TotalSeconds;
            snapshot.BeginFill();
            ref InterfaceCounters fx = ref snapshot.NextSlot();
            fx.Name = Interface;
            fx.Class = InterfaceClass.Physical;
            fx.BytesReceived = (ulong)Math.Round(seconds * ReceivedPerSecond);
            fx.PacketsReceived = (ulong)Math.Round(seconds * 45);
            snapshot.EndFill((long)Math.Round(seconds * Stopwatch.Frequency), new DateTime(2026, 11, 26, 20, 0, 0, DateTimeKind.Utc).AddSeconds(seconds), CounterWidth.Bits64);
        }

        private (DashboardSession Session, CounterSnapshot First) NewSession()
        {
            var first = new CounterSnapshot();
            Fill(first);
            var model = new DashboardModel(name => name == Interface);
            model.Start(first);
            var connection = new ConnectionMonitor(() => Array.Empty<NetConnectionInfo>(), TimeSpan.FromSeconds(5), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            var session = new DashboardSession(model, new DashboardOptions { Colour = true, ComputerName = "pc" }, Fill, connection, null,
                new DashboardCallbacks(_ => { }, _ => { }, _ => { }), _clock);
            return (session, first);
        }

        private AppsPane NewPane() => new AppsPane(() => new ProcessUsageSampler(new Sampler(new ClockCounters(Fill)), _flows, ownsSource: false, _addresses), name => name == Interface, cpuBudget: 1);

        [Fact]
        public void TheKeyShowsTheProcessesByRateWithTheRemainderLastAndTheRowsAddUpToTheInterface()
        {
            (DashboardSession session, CounterSnapshot first) = NewSession();
            using AppsPane pane = NewPane();
            session.AddPane(pane);
            var terminal = new FakeTerminal(_clock).Type(2.5, 'a').Type(6.5, 'q').Type(6.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            string[] rows = terminal.Rows();
            Assert.DoesNotContain(rows, r => r.StartsWith("Interfaces", StringComparison.Ordinal));
            string heading = rows.Single(r => r.StartsWith("Apps by rate", StringComparison.Ordinal));
            Assert.EndsWith("pid      down/s        up/s    received        sent", heading.TrimEnd());
            int at = Array.IndexOf(rows, heading);
            double browserRate = 40_000 + (30 * (Header + _link));
            double aptRate = 10_000 + (10 * (Header + _link));
            Assert.StartsWith("  browser", rows[at + 1]);
            Assert.Contains(" 100 ", rows[at + 1]);
            Assert.Contains(RateFormat.Format(browserRate, RateUnit.BytesPerSecond), rows[at + 1]);
            Assert.StartsWith("  apt", rows[at + 2]);
            Assert.Contains(RateFormat.Format(aptRate, RateUnit.BytesPerSecond), rows[at + 2]);
            Assert.StartsWith("  Unattributed", rows[at + 3]);
            Assert.Contains(RateFormat.Format(5_000, RateUnit.BytesPerSecond), rows[at + 3]);
            Assert.StartsWith("q quit  space pause  u bits/s  r reset  l limit  ←→ interface  a hide apps", rows[23]);

            // Opened at 2.5 s, last sampled at 6 s: 3.5 s of each, and nothing lost or added.
            AppRow browser = pane.Shown.Single(r => r.ProcessId == 100);
            Assert.Equal((ulong)(3.5 * browserRate), browser.BytesReceived);
            Assert.Equal(ProcessUsageKind.Unattributed, pane.Shown.Last().Owner.Kind);
            ulong sum = pane.Shown.Aggregate(0UL, (s, r) => s + r.BytesReceived);
            Assert.Equal((ulong)Math.Round(3.5 * ReceivedPerSecond), sum);
        }

        [Fact]
        public void HiddenThePaneReadsNoSocketsAndHidingItGivesTheInterfacesBack()
        {
            (DashboardSession session, CounterSnapshot first) = NewSession();
            using AppsPane pane = NewPane();
            session.AddPane(pane);
            var terminal = new FakeTerminal(_clock).Type(3.5, 'a').Type(5.5, 'A').Type(8.5, 'q').Type(8.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            // Shown from 3.5 s to 5.5 s: the baseline and the samples at 4 and 5 s, nothing before or after.
            Assert.Equal(3, _flows.Reads);
            string[] rows = terminal.Rows();
            Assert.Contains(rows, r => r.StartsWith("Interfaces", StringComparison.Ordinal));
            Assert.StartsWith("q quit  space pause  u bits/s  r reset  l limit  ←→ interface  a apps", rows[23]);
        }

        [Fact]
        public void WhereNoSourceCanRunThePaneSaysWhyAndTheViewGoesOn()
        {
            (DashboardSession session, CounterSnapshot first) = NewSession();
            using var pane = new AppsPane(() => throw new FlowSourceUnavailableException("Per-process usage is not available on Plan 9.", null), name => name == Interface);
            session.AddPane(pane);
            var terminal = new FakeTerminal(_clock).Type(1.5, 'a').Type(3.5, 'q').Type(3.6, 'y');

            FrameTimings timings = session.Run(terminal, first, CancellationToken.None);

            Assert.Equal(3, timings.Count);
            Assert.Contains(terminal.Rows(), r => r.TrimEnd() == "  Per-process usage is not available on Plan 9.");
        }

        [Fact]
        public void MoreProcessesThanRowsShowTheBusiestAndTheRemainderStaysOnTheLastRow()
        {
            (DashboardSession session, CounterSnapshot first) = NewSession();
            _flows.Extra = 20;
            using AppsPane pane = NewPane();
            session.AddPane(pane);
            var terminal = new FakeTerminal(_clock).Type(1.5, 'a').Type(3.5, 'q').Type(3.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            string[] rows = terminal.Rows();
            int at = Array.FindIndex(rows, r => r.StartsWith("Apps, top 4 of 22", StringComparison.Ordinal));
            Assert.True(at > 0, string.Join("\n", rows));
            Assert.StartsWith("  browser", rows[at + 1]);
            Assert.StartsWith("  apt", rows[at + 2]);
            Assert.StartsWith("  idle1000", rows[at + 3]);
            Assert.StartsWith("  Unattributed", rows[at + 5]);
            Assert.StartsWith("q quit", rows[23]);
        }

        [Fact]
        public void ReadsThatCostMoreThanItsShareOfACoreAreSpacedOut()
        {
            (DashboardSession session, CounterSnapshot first) = NewSession();
            _flows.Delay = TimeSpan.FromMilliseconds(20);
            // A hundredth of a percent: after the baseline, a 20 ms read is followed by the longest gap, 5 s, without one
            // (the view's clock runs in no time here).
            using var pane = new AppsPane(() => new ProcessUsageSampler(new Sampler(new ClockCounters(Fill)), _flows, ownsSource: false, _addresses), name => name == Interface, cpuBudget: 0.0001);
            session.AddPane(pane);
            var terminal = new FakeTerminal(_clock).Type(1.5, 'a').Type(5.5, 'q').Type(5.6, 'y');

            FrameTimings timings = session.Run(terminal, first, CancellationToken.None);

            Assert.Equal(5, timings.Count);
            Assert.Equal(2, _flows.Reads); // the baseline at 1.5 s and the sample at 2 s; not at 3, 4 and 5 s
            Assert.StartsWith("  browser", terminal.Rows().Single(r => r.StartsWith("  browser", StringComparison.Ordinal)));
        }

        /// <summary>The interface counters of <see cref="Fill"/> as a counter source, for the pane's own sampler.</summary>
        private sealed class ClockCounters : ICounterSource
        {
            private readonly Action<CounterSnapshot> _fill;

            public ClockCounters(Action<CounterSnapshot> fill) => _fill = fill;

            public string Name => "clock";

            public CounterWidth Width => CounterWidth.Bits64;

            public void Read(CounterSnapshot snapshot) => _fill(snapshot);

            public void Dispose()
            {
            }
        }

        /// <summary>browser and apt's sockets, whose counters grow with the session's clock; <see cref="Extra"/> idle processes beside them.</summary>
        private sealed class ClockFlows : IFlowSource
        {
            private readonly ManualClock _clock;

            public ClockFlows(ManualClock clock) => _clock = clock;

            public int Reads { get; private set; }

            public int Extra { get; set; }

            public TimeSpan Delay { get; set; }

            public string Name => "clock";

            public FlowProtocols Coverage => FlowProtocols.Tcp;

            public bool SeesAllUsers => false;

            public bool CountsLinkHeaders => false;

            public string? Limitation => null;

            public void Read(FlowTable table)
            {
                Reads++;
                Thread.Sleep(Delay);
                double seconds = _clock.Elapsed.TotalSeconds;
                table.Clear();
                table.Add() = Flow(1, 100, seconds * 40_000, seconds * 30);
                table.Add() = Flow(2, 200, seconds * 10_000, seconds * 10);
                for (int i = 0; i < Extra; i++)
                {
                    table.Add() = Flow((ulong)(10 + i), 1000 + i, 0, 0);
                }
            }

            public ProcessIdentity? Describe(int processId) =>
                new ProcessIdentity(processId, processId == 100 ? "browser" : processId == 200 ? "apt" : "idle" + processId, null, "someone");

            public string UserName(long userId) => "user" + userId;

            public void Forget(int processId)
            {
            }

            public void Dispose()
            {
            }

            private static FlowSample Flow(ulong key, int pid, double received, double segments) => new FlowSample
            {
                Key = key,
                ProcessId = pid,
                UserId = 1000,
                Inode = key,
                Protocol = FlowProtocols.Tcp,
                Local = FlowAddress.FromIPAddress(IPAddress.Parse("192.0.2.10"), (ushort)(5000 + key)),
                Remote = FlowAddress.FromIPAddress(IPAddress.Parse("198.51.100.1"), 443),
                State = FlowState.Established,
                HasCounters = true,
                PayloadReceived = (ulong)Math.Round(received),
                SegmentsIn = (ulong)Math.Round(segments),
                HeaderBytes = Header,
            };
        }
    }
}
