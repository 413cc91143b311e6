using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using NetUsageTracker.Alerts;
using NetUsageTracker.Connection;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Dashboard.Rendering;
using NetUsageTracker.Sampling;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    /// <summary>
    /// The live view's loop, driven through a terminal of the test's: keys and resizes at chosen times of a
    /// clock that moves only as the session waits, counters that grow at known rates, and the frames played
    /// on a grid as a terminal shows them.
    /// </summary>
    public class DashboardSessionTests
    {
        private const ulong KB = 1024;

        private readonly ManualClock _clock = new ManualClock();
        private readonly List<string> _warnings = new List<string>();
        private readonly List<string> _verbose = new List<string>();
        private readonly List<NetUsageAlert> _published = new List<NetUsageAlert>();

        public DashboardSessionTests()
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        }

        /// <summary>eth0 receives <paramref name="receivedPerSecond"/> and sends a quarter of it; lo stays still.</summary>
        private Action<CounterSnapshot> Counters(ulong receivedPerSecond) => snapshot =>
        {
            double seconds = _clock.Elapsed.TotalSeconds;
            snapshot.BeginFill();
            ref InterfaceCounters eth = ref snapshot.NextSlot();
            eth.Name = "eth0";
            eth.BytesReceived = (ulong)(seconds * receivedPerSecond);
            eth.BytesSent = (ulong)(seconds * receivedPerSecond / 4);
            ref InterfaceCounters lo = ref snapshot.NextSlot();
            lo.Name = "lo";
            snapshot.EndFill((long)Math.Round(seconds * Stopwatch.Frequency), new DateTime(2026, 11, 26, 20, 0, 0, DateTimeKind.Utc).AddSeconds(seconds), CounterWidth.Bits64);
        };

        private (DashboardSession Session, CounterSnapshot First, DashboardModel Model) NewSession(
            ulong receivedPerSecond, DashboardOptions? options = null, INotifier? notifier = null, Action<CounterSnapshot>? counters = null)
        {
            Action<CounterSnapshot> read = counters ?? Counters(receivedPerSecond);
            var first = new CounterSnapshot();
            read(first);
            var model = new DashboardModel(name => name == "eth0");
            model.Start(first);
            var connection = new ConnectionMonitor(() => Array.Empty<NetConnectionInfo>(), TimeSpan.FromSeconds(5), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
            var session = new DashboardSession(model, options ?? new DashboardOptions { Colour = true, ComputerName = "pc" }, read, connection, null,
                new DashboardCallbacks(_warnings.Add, _verbose.Add, _published.Add), _clock, notifier);
            return (session, first, model);
        }

        /// <summary>The local time the view shows for a sample <paramref name="seconds"/> into the session.</summary>
        private static string Local(double seconds) =>
            new DateTime(2026, 11, 26, 20, 0, 0, DateTimeKind.Utc).AddSeconds(seconds).ToLocalTime().ToString("T", CultureInfo.InvariantCulture);

        private static string Row(string[] rows, string start) => rows.Single(r => r.StartsWith(start, StringComparison.Ordinal));

        [Fact]
        public void SamplesOnScheduleAndShowsTheRatesUntilQThenYLeaves()
        {
            (DashboardSession session, CounterSnapshot first, DashboardModel model) = NewSession(64 * KB);
            var terminal = new FakeTerminal(_clock).Type(10.5, 'q').Type(10.7, 'y');

            FrameTimings timings = session.Run(terminal, first, CancellationToken.None);

            // Ten samples, one a second from the start, then the keys: q asks, y leaves.
            Assert.Equal(10, timings.Count);
            Assert.Equal(10.7, _clock.Elapsed.TotalSeconds, 1);
            string[] rows = terminal.Rows();
            Assert.StartsWith(" Show-NetUsage  eth0  every 1 s  for 00:00:10", rows[0]);
            Assert.StartsWith("Download   64 KB/s  peak 64 KB/s  average 64 KB/s", Row(rows, "Download"));
            Assert.StartsWith("Upload     16 KB/s", Row(rows, "Upload"));
            Assert.StartsWith("Usage      800 KB since the view began  down 640 KB  up 160 KB", Row(rows, "Usage"));
            Assert.StartsWith(" Exit? (y/n) ", rows[22]);
            Assert.Equal(10 * 64 * KB, model.All.BytesReceived);
        }

        [Fact]
        public void NOnTheExitQuestionStaysAndTheKeysChangeTheView()
        {
            (DashboardSession session, CounterSnapshot first, DashboardModel model) = NewSession(8 * KB);
            var terminal = new FakeTerminal(_clock)
                .Type(1.5, 'q').Type(1.6, 'n')
                .Type(2.5, 'u')
                .Type(3.5, ' ')
                .Press(4.5, ConsoleKey.RightArrow)
                .Type(5.5, 'r')
                .Type(6.5, 'q').Type(6.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            Assert.Equal(RateUnit.BitsPerSecond, model.Unit);
            Assert.True(model.Paused);
            Assert.Equal(0, model.Selected);
            // r restarted the session counters at 5.5 s: the last sample at 6 s counts one second.
            Assert.Equal(8 * KB, model.All.BytesReceived);
            string[] rows = terminal.Rows();
            Assert.Contains("graph paused", rows[0]);
            Assert.StartsWith("q quit  space resume  u bytes/s  r reset", rows[23]);
            Assert.Matches(@"^Download\s+\S+ kbit/s  peak", Row(rows, "Download"));
            Assert.EndsWith("eth0", Row(rows, "Download").TrimEnd());
        }

        [Fact]
        public void CrossingTheLimitPutsOneBannerUpAndKeepsTheWarningUntilTheViewCloses()
        {
            var notifier = new RecordingNotifier();
            var options = new DashboardOptions { Limit = (long)(100 * KB), Thresholds = new[] { 50.0, 100.0 }, Notify = true, ComputerName = "pc" };
            (DashboardSession session, CounterSnapshot first, _) = NewSession(10 * KB, options, notifier);
            var terminal = new FakeTerminal(_clock).Type(12.5, 'q').Type(12.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            // 10 KB/s received and 2.5 KB/s sent: 50 % after 4 s (50 KB), 100 % after 8 s, each once.
            Assert.Equal(new[] { 50.0, 100.0 }, _published.Select(a => a.Threshold));
            Assert.Equal("pc", _published[0].ComputerName);
            Assert.Equal("since the view began", _published[1].CountedSince);
            string[] rows = terminal.Rows();
            string banner = Row(rows, "▲ ");
            Assert.StartsWith("▲ " + Local(8) + "  Network usage limit reached: ", banner);
            Assert.Matches(@"^Limit      \[█+\] 150\.0 %  150 KB of 100 KB total", Row(rows, "Limit"));
            Assert.StartsWith("\u001b[0;1;31m", terminal.StyleAt(0, Array.FindIndex(rows, r => r.StartsWith("▲ ", StringComparison.Ordinal))));
            // An alert's warning is on the banner, not on the prompt line; none reached the host while the view was open.
            Assert.Null(session.Status.Message);
            Assert.Empty(_warnings);

            session.Close(CancellationToken.None);
            Assert.Equal(2, _warnings.Count);
            Assert.StartsWith("Network usage at 50 % of the limit: ", _warnings[0]);
            Assert.StartsWith("Network usage limit reached", _warnings[1]);
            Assert.Equal(2, notifier.Shown.Count);
        }

        [Fact]
        public void ALimitTypedInTheViewIsCheckedAtTheNextSample()
        {
            (DashboardSession session, CounterSnapshot first, _) = NewSession(4 * KB);
            var terminal = new FakeTerminal(_clock)
                .Type(2.5, 'l').Type(2.6, "8KB").Press(2.7, ConsoleKey.Enter)
                .Type(4.5, 'q').Type(4.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            Assert.Equal(8 * (long)KB, session.Status.Limit);
            // 15 KB at 3 s counted against 8 KB: past both default thresholds, 80 % and the limit, at the first sample
            // after it was typed, which is one alert naming the limit.
            Assert.Equal(new[] { 100.0 }, _published.Select(a => a.Threshold));
            Assert.All(_published, a => Assert.Equal(new DateTime(2026, 11, 26, 20, 0, 3, DateTimeKind.Utc).ToLocalTime(), a.Timestamp));
            Assert.Contains("of 8 KB total", Row(terminal.Rows(), "Limit"));
        }

        [Fact]
        public void AResizedTerminalGetsAWholeFrameAtItsNewSizeBeforeTheNextSample()
        {
            (DashboardSession session, CounterSnapshot first, _) = NewSession(KB);
            var terminal = new FakeTerminal(_clock).Resize(1.25, 120, 40).Type(1.5, 'q').Type(1.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            string[] rows = terminal.Rows();
            Assert.Equal(40, rows.Length);
            Assert.StartsWith("q quit", rows[39]);
            Assert.EndsWith(Local(1) + " ", rows[0]);
            // The first frame, then the resize's whole frame; the sample at 1 s and the question drew only changes.
            Assert.Equal(2, terminal.FullFrames);
        }

        [Fact]
        public void CtrlCLeavesAtOnceAndAStopEndsTheRun()
        {
            (DashboardSession session, CounterSnapshot first, _) = NewSession(KB);
            session.Run(new FakeTerminal(_clock).Type(0.3, '\u0003', ConsoleKey.C, control: true), first, CancellationToken.None);
            Assert.Equal(0.3, _clock.Elapsed.TotalSeconds, 2);

            using var stop = new CancellationTokenSource();
            stop.Cancel();
            Assert.Throws<OperationCanceledException>(() => session.Run(new FakeTerminal(_clock), first, stop.Token));
        }

        [Fact]
        public void AnotherWarningShowsOnThePromptLineAndReachesTheHostWhenTheViewCloses()
        {
            DashboardSession? session = null;
            Action<CounterSnapshot> counters = Counters(KB);
            Action<CounterSnapshot> warnOnce = snapshot =>
            {
                counters(snapshot);
                if (_clock.Elapsed == TimeSpan.FromSeconds(2))
                {
                    session!.Warn("The usage history is busy.");
                    session.Verbose("Recorded nothing.");
                }
            };
            (session, CounterSnapshot first, _) = NewSession(KB, counters: warnOnce);
            var terminal = new FakeTerminal(_clock).Type(3.5, 'q').Type(3.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            Assert.Empty(_warnings);
            Assert.StartsWith(" Exit? (y/n) ", terminal.Rows()[22]);
            Assert.Equal("The usage history is busy.", session.Status.Message);
            session.Close(CancellationToken.None);
            Assert.Equal(new[] { "The usage history is busy." }, _warnings);
            Assert.Equal(new[] { "Recorded nothing." }, _verbose);

            // Once the view has closed, text goes straight to the host.
            session.Warn("late");
            Assert.Equal("late", _warnings.Last());
        }

        [Fact]
        public void APaneShowsInPlaceOfTheInterfaceTableOnItsKeyAndSamplesWithTheView()
        {
            (DashboardSession session, CounterSnapshot first, _) = NewSession(KB);
            var pane = new CountingPane();
            session.AddPane(pane);
            // Wide enough for the pane's key: at 80 columns the view's own keys fill the key line.
            var terminal = new FakeTerminal(_clock, width: 120).Type(2.5, 'a').Type(4.5, 'q').Type(4.6, 'y');

            session.Run(terminal, first, CancellationToken.None);

            string[] rows = terminal.Rows();
            Assert.DoesNotContain(rows, r => r.StartsWith("Interfaces", StringComparison.Ordinal));
            Assert.Equal("Samples seen: 4", Row(rows, "Samples seen").TrimEnd());
            Assert.Contains("←→ interface  a hide samples", rows[23]);
            Assert.Equal(4, pane.Samples);
        }

        [Fact]
        public void WithoutThePaneKeyTheInterfaceTableStaysAndTheKeyLineOffersIt()
        {
            (DashboardSession session, CounterSnapshot first, _) = NewSession(KB);
            session.AddPane(new CountingPane());
            var terminal = new FakeTerminal(_clock, width: 120).Type(1.5, 'x').Type(1.6, 'q').Type(1.7, 'y');

            session.Run(terminal, first, CancellationToken.None);

            string[] rows = terminal.Rows();
            Assert.Contains(rows, r => r.StartsWith("Interfaces", StringComparison.Ordinal));
            Assert.Contains("←→ interface  a samples", rows[23]);
        }

        private sealed class RecordingNotifier : INotifier
        {
            public List<string> Shown { get; } = new List<string>();

            public string Name => "test";

            public void Show(string title, string message, TimeSpan timeout)
            {
                lock (Shown)
                {
                    Shown.Add(title);
                }
            }
        }

        private sealed class CountingPane : IDashboardPane
        {
            public int Samples { get; private set; }

            public char Key => 'a';

            public string KeyLabel => "samples";

            public bool Visible { get; set; }

            public int Rows => 1;

            public void Sample(CounterSnapshot snapshot, DashboardModel model) => Samples++;

            public void Paint(ScreenBuffer screen, int top, int rows, DashboardModel model, DashboardStatus status) =>
                screen.Write(0, top, "Samples seen: " + Samples.ToString(CultureInfo.InvariantCulture), CellStyle.Heading);
        }
    }
}
