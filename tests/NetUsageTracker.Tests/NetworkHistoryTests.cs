using System;
using System.IO;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Networks;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>
    /// Usage per network in the history: each step is counted to the network its baseline was taken on (a
    /// recorder that notices a change records at it), after a restart to the network of now, and the
    /// interface's total is always the sum of its networks'.
    /// </summary>
    public class NetworkHistoryTests
    {
        private static readonly DateTime T0 = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        private static readonly InterfaceNetwork Home = new InterfaceNetwork("wlan0", "Home", "5d0b1f3e-0000-4000-8000-000000000001", false, NetworkOrigin.NetworkManager);
        private static readonly InterfaceNetwork Hotspot = new InterfaceNetwork("wlan0", "Pixel 7", "5d0b1f3e-0000-4000-8000-000000000002", true, NetworkOrigin.NetworkManager);

        private static readonly Func<string, bool> All = _ => true;

        private static NetworkSnapshot On(params InterfaceNetwork[] networks) => new NetworkSnapshot(networks);

        private static (ulong, ulong) Of(HistoryTestDatabase db, params InterfaceNetwork[] networks) =>
            db.Reader.SumDays(new DateTime(2000, 1, 1), new DateTime(2100, 1, 1), All, new NetworkSelection(networks.Select(n => n.NetworkId)));

        [Fact]
        public void EachStepIsCountedToTheNetworkOfItsBaselineAndTheInterfaceTotalIsTheSum()
        {
            using var db = new HistoryTestDatabase { Networks = On(Home) };
            db.Record(T0, ("wlan0", 1000, 100));
            Assert.Equal("Home", db.Record(T0.AddMinutes(5), ("wlan0", 5000, 600)).Single().NetworkName);

            // The hotspot from now on: the step up to this recording is still the home network's, and it says so.
            db.Networks = On(Hotspot);
            NetUsageRecord atChange = db.Record(T0.AddMinutes(10), ("wlan0", 7000, 700)).Single();
            Assert.Equal((Home.NetworkId, "Home"), (atChange.NetworkId, atChange.NetworkName));
            Assert.Contains(db.Notices, n => n.Contains("changed from 'Home' to 'Pixel 7'") && n.Contains("counted to 'Home'"));

            db.Record(T0.AddMinutes(15), ("wlan0", 10_000, 1000));
            Assert.Equal((6000UL, 600UL), Of(db, Home));
            Assert.Equal((3000UL, 300UL), Of(db, Hotspot));
            Assert.Equal((9000UL, 900UL), Of(db, Home, Hotspot));
            Assert.Equal(db.Total("wlan0"), Of(db, Home, Hotspot));

            NetUsageHistory[] days = db.Reader.Read(HistoryResolution.Day, null, null, All, networks: new NetworkSelection(db.Reader.Networks())).ToArray();
            Assert.Equal(new[] { ("Home", 6600UL), ("Pixel 7", 3300UL) }, days.Select(d => (d.NetworkName!, d.TotalBytes)));
            Assert.All(days, d => Assert.Equal("wlan0", d.InterfaceName));
        }

        [Fact]
        public void AfterARestartTheCountersSinceTheBootAreTheNetworkOfNow()
        {
            using var db = new HistoryTestDatabase { Networks = On(Home) };
            db.Record(T0, ("wlan0", 1000, 100));
            db.Networks = On(Hotspot);
            db.Boot = T0.AddMinutes(2);
            db.BootId = "6a1f0c1e-0000-4000-8000-000000000009";
            NetUsageRecord step = db.Record(T0.AddMinutes(5), ("wlan0", 400, 40)).Single();
            Assert.Equal(StepKind.Reboot, step.Kind);
            Assert.Equal("Pixel 7", step.NetworkName);
            Assert.Equal((400UL, 40UL), Of(db, Hotspot));
            Assert.Equal((0UL, 0UL), Of(db, Home));
        }

        [Fact]
        public void AnInterfaceNothingIsKnownAboutIsItsOwnNetworkAndEveryNetworkIsRemembered()
        {
            using var db = new HistoryTestDatabase { Networks = On(Home) };
            db.Record(T0, ("wlan0", 0, 0), ("eth0", 0, 0));
            db.Record(T0.AddMinutes(5), ("wlan0", 10, 0), ("eth0", 20, 0));
            RecordedNetwork[] networks = db.Reader.Networks().OrderBy(n => n.NetworkName).ToArray();
            Assert.Equal(new[] { ("eth0", NetworkOrigin.Interface, (bool?)null), ("Home", NetworkOrigin.NetworkManager, (bool?)false) },
                networks.Select(n => (n.NetworkName, n.Origin, n.Metered)));
            Assert.Equal(NetworkIds.FromInterface("eth0"), networks[0].NetworkId);
            Assert.Equal((20UL, 0UL), HistoryNetworkUsage.Sum(db.Database, new[] { NetworkIds.FromInterface("eth0") }, new DateTime(2026, 3, 1), new DateTime(2026, 4, 1), db.Zone));
        }

        [Fact]
        public void PendingCountsTheStepToTheNetworkARecordingWouldCountItTo()
        {
            using var db = new HistoryTestDatabase { Networks = On(Home) };
            db.Record(T0, ("wlan0", 1000, 100));
            db.Networks = On(Hotspot);
            CounterReadings readings = db.Readings(T0.AddMinutes(1), ("wlan0", 1500, 150));
            Assert.Equal((500UL, 50UL), db.Reader.Pending(readings, _ => null, All, new NetworkSelection(new[] { Home.NetworkId })));
            Assert.Equal((0UL, 0UL), db.Reader.Pending(readings, _ => null, All, new NetworkSelection(new[] { Hotspot.NetworkId })));
        }

        [Fact]
        public void ReadingsThatKnowNoNetworksAreStoredPerInterfaceOnly()
        {
            using var db = new HistoryTestDatabase();
            db.Record(T0, ("eth0", 0, 0));
            Assert.Null(db.Record(T0.AddMinutes(5), ("eth0", 100, 10)).Single().NetworkId);
            Assert.Equal((100UL, 10UL), db.Total("eth0"));
            Assert.Empty(db.Reader.Networks());
            Assert.Equal(0L, db.Database.File.ScalarInt64("SELECT COUNT(*) FROM network_usage;"));
        }

        [Fact]
        public void RetentionPrunesTheNetworkRollUpsAsItPrunesTheInterfaces()
        {
            using var db = new HistoryTestDatabase { Networks = On(Home) };
            db.Record(T0, ("wlan0", 0, 0));
            db.Record(T0.AddMinutes(5), ("wlan0", 100, 10));
            db.Record(T0.AddDays(3), ("wlan0", 300, 30));
            var home = new NetworkSelection(new[] { Home.NetworkId });
            Assert.Equal(db.Reader.Read(HistoryResolution.FiveMinute, null, null, All).Count, db.Reader.Read(HistoryResolution.FiveMinute, null, null, All, networks: home).Count);
            Assert.Single(db.Reader.Read(HistoryResolution.FiveMinute, null, null, All, networks: home));
            Assert.Equal(330UL, db.Reader.Read(HistoryResolution.Month, null, null, All, networks: home).Single().TotalBytes);
        }

        [Fact]
        public void AQuotaPerNetworkCountsOnlyThatNetwork()
        {
            using var db = new HistoryTestDatabase { Networks = On(Home) };
            db.Record(T0, ("wlan0", 0, 0));
            db.Record(T0.AddMinutes(5), ("wlan0", 4000, 0));
            db.Networks = On(Hotspot);
            db.Record(T0.AddMinutes(10), ("wlan0", 6000, 0));
            db.Record(T0.AddMinutes(15), ("wlan0", 7000, 0));
            var hotspot = new NetworkSelection(db.Reader.Networks().Where(n => n.NetworkName == "Pixel 7"));
            NetUsageQuota quota = QuotaCalculator.Compute(db.Reader, All, "wlan0", 10_000, QuotaPeriod.Month, 1, UsageDirection.Total,
                T0.AddMinutes(16), (0, 0), db.Zone, hotspot);
            Assert.Equal(1000UL, quota.Used);
            Assert.Equal("Pixel 7", quota.NetworkName);
        }
    }

    public sealed class NetworkHistoryMigrationTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nut-netmigrate-" + Guid.NewGuid().ToString("N"));

        public NetworkHistoryMigrationTests() => Directory.CreateDirectory(_folder);

        [Fact]
        public void ASchema2HistoryUpgradesInPlaceItsRowsHaveNoNetworkAndItRecordsPerNetworkOn()
        {
            string path = Path.Combine(_folder, "usage.db");
            using (SqliteDatabase file = SqliteDatabase.Open(path, create: true, TimeSpan.FromSeconds(5)))
            {
                file.Execute(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "history-schema2.sql")));
            }

            using HistoryDatabase database = HistoryDatabase.Open(path, create: false);
            Assert.Equal(HistoryDatabase.SchemaVersion, database.File.ScalarInt64("PRAGMA user_version;"));
            var reader = new HistoryReader(database, HistoryTestDatabase.Berlin);
            Assert.Empty(reader.Networks());
            (ulong before, _) = reader.SumDays(new DateTime(2000, 1, 1), new DateTime(2100, 1, 1), n => n == "eth0");

            var home = new InterfaceNetwork("eth0", "Home", "5d0b1f3e-0000-4000-8000-00000000000a", null, NetworkOrigin.Gateway);
            DateTime now = new DateTime(2026, 3, 10, 12, 5, 0, DateTimeKind.Utc);
            var readings = new CounterReadings(new[] { new CounterReading("eth0", 90_000_000 + 4096, 4_000_000 + 512, Sampling.InterfaceClass.Physical) },
                now, new BootState("boot-b", now - TimeSpan.FromMinutes(125), TimeSpan.FromMinutes(125)), new NetworkSnapshot(new[] { home }));
            NetUsageRecord step = new HistoryRecorder(database, HistoryTestDatabase.Berlin).Record(readings, _ => null).Single();

            // The baseline from before had no network: its step goes to the network of now, the old rows to none.
            Assert.Equal((StepKind.Normal, "Home"), (step.Kind, step.NetworkName));
            var selection = new NetworkSelection(reader.Networks());
            Assert.Equal((4096UL, 512UL), reader.SumDays(new DateTime(2000, 1, 1), new DateTime(2100, 1, 1), _ => true, selection));
            Assert.Equal(before + 4096, reader.SumDays(new DateTime(2000, 1, 1), new DateTime(2100, 1, 1), n => n == "eth0").Received);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
