using System;
using System.Globalization;
using System.Linq;
using System.Text;
using NetUsageTracker.Connection;
using NetUsageTracker.Dashboard;
using NetUsageTracker.Dashboard.Rendering;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class DashboardPainterTests
    {
        private const ulong MB = 1024 * 1024;

        public DashboardPainterTests()
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        }

        private static string[] Rows(ScreenBuffer screen) =>
            Enumerable.Range(0, screen.Height).Select(y =>
            {
                var row = new StringBuilder();
                for (int x = 0; x < screen.Width; x++)
                {
                    row.Append(screen[x, y].Char);
                }

                return row.ToString();
            }).ToArray();

        private static (DashboardModel Model, DashboardStatus Status) Busy()
        {
            var at = new Snapshots();
            var model = new DashboardModel(_ => true);
            model.Start(at.At(0, ("eth0", 0, 0), ("lo", 0, 0), ("wlan0", 0, 0)));
            for (ulong s = 1; s <= 30; s++)
            {
                model.Advance(at.At(1, ("eth0", s * 2 * MB, s * MB / 2), ("lo", s * 1000, s * 1000), ("wlan0", 0, 0)), null);
            }

            var status = new DashboardStatus(new ViewInput())
            {
                InterfaceLabel = "eth0,lo,wlan0",
                SampledAt = new DateTime(2026, 11, 26, 21, 59, 40),
                Connection = new ConnectionSummary(true, "eth0", new[] { "192.0.2.2/24" }, new[] { "2001:db8::2/64" },
                    new[] { "192.0.2.1" }, new[] { "192.0.2.53" }, new ProbeResult(true, 1.25, "127.0.0.1:80")),
                TestsInternet = true,
                Limit = (long)(60 * MB),
                Counted = model.All.TotalBytes,
                Banner = "Network usage limit reached: 75 MB total on eth0,lo,wlan0 since the watch began, limit 60 MB (125 %).",
                BannerAt = new DateTime(2026, 11, 26, 21, 59, 30),
            };
            return (model, status);
        }

        [Fact]
        public void EverySectionFitsEightyByTwentyFour()
        {
            (DashboardModel model, DashboardStatus status) = Busy();
            var screen = new ScreenBuffer(80, 24);
            DashboardPainter.Paint(screen, model, status);
            string[] rows = Rows(screen);

            Assert.StartsWith(" Show-NetUsage  eth0,lo,wlan0  every 1 s  for 00:00:30", rows[0]);
            Assert.EndsWith("21:59:40 ", rows[0]);
            Assert.StartsWith("Connection ● connected via eth0  internet reachable (1.3 ms)  IPv4 192.0.2.2/24", rows[1]);
            Assert.Contains("DNS 192.0.2.53", string.Join("\n", rows.Skip(1).Take(2)));
            Assert.Contains("IPv6 2001:db8::2/64", string.Join("\n", rows.Skip(1).Take(2)));
            Assert.StartsWith("Download   2 MB/s  peak 2 MB/s  average 2 MB/s", rows[3]);
            Assert.EndsWith("all interfaces", rows[3]);
            Assert.StartsWith("    5 MB/s┤", rows[4]);
            int upload = Array.FindIndex(rows, r => r.StartsWith("Upload", StringComparison.Ordinal));
            Assert.True(upload > 5);
            Assert.StartsWith("         0┤", rows[upload - 1]);
            // 2 MB/s of a 5 MB/s scale over five rows: the newest column fills the two bottom rows.
            Assert.Equal('█', rows[upload - 2][79]);
            Assert.Equal(' ', rows[upload - 3][79]);
            Assert.StartsWith("Usage      75.06 MB since the view began  down 60.03 MB  up 15.03 MB", rows.Single(r => r.StartsWith("Usage", StringComparison.Ordinal)));
            string limit = rows.Single(r => r.StartsWith("Limit", StringComparison.Ordinal));
            Assert.Matches(@"^Limit      \[█+\] 125\.1 %  75\.06 MB of 60 MB total$", limit.TrimEnd());
            Assert.Single(rows, r => r.StartsWith("▲ 21:59:30  Network usage limit reached: 75 MB", StringComparison.Ordinal));
            int interfaces = Array.FindIndex(rows, r => r.StartsWith("Interfaces", StringComparison.Ordinal));
            Assert.EndsWith("down/s        up/s    received        sent       total", rows[interfaces]);
            Assert.StartsWith("> all", rows[interfaces + 1]);
            Assert.StartsWith("  eth0", rows[interfaces + 2]);
            Assert.EndsWith("2 MB/s    512 KB/s       60 MB       15 MB       75 MB", rows[interfaces + 2].TrimEnd());
            Assert.StartsWith("q quit  space pause  u bits/s  r reset  l limit  ←→ interface", rows[23]);
        }

        [Fact]
        public void ABiggerTerminalGivesTheGraphsTheRoom()
        {
            (DashboardModel model, DashboardStatus status) = Busy();
            var small = new ScreenBuffer(80, 24);
            var big = new ScreenBuffer(160, 48);
            DashboardPainter.Paint(small, model, status);
            DashboardPainter.Paint(big, model, status);

            static int GraphRows(string[] rows) =>
                Array.FindIndex(rows, r => r.StartsWith("Upload", StringComparison.Ordinal)) - Array.FindIndex(rows, r => r.StartsWith("Download", StringComparison.Ordinal)) - 1;
            Assert.True(GraphRows(Rows(big)) > 2 * GraphRows(Rows(small)) - 2);
            // Thirty samples: the wider graph holds them all, ending at its right edge.
            string[] rows = Rows(big);
            int bottom = Array.FindIndex(rows, r => r.StartsWith("Upload", StringComparison.Ordinal)) - 1;
            Assert.Equal(30, rows[bottom].Skip(11).Count(c => c != ' '));
            Assert.Equal('█', rows[bottom][159]);
        }

        [Fact]
        public void ThePromptLineAsksBeforeLeavingAndShowsTheTypedLimit()
        {
            (DashboardModel model, DashboardStatus status) = Busy();
            var screen = new ScreenBuffer(80, 24);
            status.Input.Handle(new ConsoleKeyInfo('q', ConsoleKey.Q, false, false, false));
            DashboardPainter.Paint(screen, model, status);
            Assert.StartsWith(" Exit? (y/n) ", Rows(screen)[22]);

            status.Input.Handle(new ConsoleKeyInfo('n', ConsoleKey.N, false, false, false));
            status.Input.Handle(new ConsoleKeyInfo('l', ConsoleKey.L, false, false, false));
            foreach (char c in "5GB")
            {
                status.Input.Handle(new ConsoleKeyInfo(c, 0, false, false, false));
            }

            DashboardPainter.Paint(screen, model, status);
            Assert.StartsWith(" New limit (such as 5GB; Enter sets it, Esc cancels): 5GB_", Rows(screen)[22]);
        }

        [Fact]
        public void WithoutALimitTheGaugeSaysHowToSetOne()
        {
            (DashboardModel model, DashboardStatus status) = Busy();
            status.Limit = null;
            status.Banner = null;
            var screen = new ScreenBuffer(80, 24);
            DashboardPainter.Paint(screen, model, status);
            Assert.Contains(Rows(screen), r => r.StartsWith("Limit      none (press l to set one)", StringComparison.Ordinal));
            Assert.DoesNotContain(Rows(screen), r => r.StartsWith("▲", StringComparison.Ordinal));
        }

        [Fact]
        public void TheConnectionLineNamesTheNetworkAndWhetherItIsMetered()
        {
            (DashboardModel model, DashboardStatus status) = Busy();
            status.Network = new NetUsageTracker.Networks.InterfaceNetwork("eth0", "Pixel 7", "5d0b1f3e-0000-4000-8000-000000000002", true, NetUsageTracker.Networks.NetworkOrigin.NetworkManager);
            var screen = new ScreenBuffer(80, 24);
            DashboardPainter.Paint(screen, model, status);
            Assert.StartsWith("Connection ● connected via eth0  network Pixel 7 (metered)  ", Rows(screen)[1]);
            Assert.Contains("internet reachable (1.3 ms)", string.Join("\n", Rows(screen).Skip(1).Take(2)));

            // An interface that is its own network says nothing new: no network part.
            status.Network = NetUsageTracker.Networks.InterfaceNetwork.OfInterface("eth0");
            DashboardPainter.Paint(screen, model, status);
            Assert.StartsWith("Connection ● connected via eth0  internet reachable", Rows(screen)[1]);
        }

        [Fact]
        public void ATooSmallTerminalSaysSo()
        {
            (DashboardModel model, DashboardStatus status) = Busy();
            var screen = new ScreenBuffer(40, 10);
            DashboardPainter.Paint(screen, model, status);
            Assert.StartsWith("Show-NetUsage needs 50x16; this termina…", Rows(screen)[0]);
        }
    }
}
