using System;
using System.Collections.Generic;
using NetUsageTracker.History.Sqlite;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.History
{
    /// <summary>What one recording stored for one interface.</summary>
    public sealed class NetUsageRecord
    {
        public DateTime Timestamp { get; set; }

        public string InterfaceName { get; set; } = "";

        /// <summary>Physical, virtual or loopback, as the counter source said when the reading was taken.</summary>
        public InterfaceClass InterfaceClass { get; set; }

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        public StepKind Kind { get; set; }

        /// <summary>The network the step was counted to; null when the recording knew no networks.</summary>
        public string? NetworkName { get; set; }

        public string? NetworkId { get; set; }

        public override string ToString() => $"{InterfaceName}: {BytesReceived} B received, {BytesSent} B sent ({Kind})";
    }

    /// <summary>
    /// Stores readings: per interface, the traffic since the previous stored reading goes into every
    /// roll-up, and the reading becomes the new baseline, all in one transaction. Two recorders at once
    /// queue on the write lock, so each measures from the other's baseline: nothing lost, nothing twice.
    /// </summary>
    public sealed class HistoryRecorder
    {
        internal static readonly HistoryResolution[] Resolutions =
        {
            HistoryResolution.FiveMinute, HistoryResolution.Hour, HistoryResolution.Day, HistoryResolution.Month, HistoryResolution.Year,
        };

        private readonly HistoryDatabase _database;
        private readonly TimeZoneInfo _zone;
        private readonly StringComparer _names;

        /// <param name="names">How interface names compare (<see cref="InterfaceNaming.Comparer"/> by default).</param>
        public HistoryRecorder(HistoryDatabase database, TimeZoneInfo? zone = null, StringComparer? names = null)
        {
            _database = database;
            _zone = zone ?? TimeZoneInfo.Local;
            _names = names ?? InterfaceNaming.Comparer;
        }

        /// <summary>What else each recording writes in its transaction (the resident recorder's per-process rows).</summary>
        public IRecordingPart? Part { get; set; }

        /// <summary>Records one reading of every interface.</summary>
        /// <param name="linkBytesPerSecond">The link speed of an interface, or null when unknown or varying.</param>
        /// <param name="notices">Receives what is worth telling (reboots, resets, dropped jumps).</param>
        public IReadOnlyList<NetUsageRecord> Record(CounterReadings readings, Func<string, double?> linkBytesPerSecond, IList<string>? notices = null) =>
            Record(() => readings, linkBytesPerSecond, notices);

        /// <summary>
        /// Records a reading taken by <paramref name="read"/> once this recorder holds the write lock, so that
        /// of two recorders the one that stores second also read second.
        /// </summary>
        public IReadOnlyList<NetUsageRecord> Record(Func<CounterReadings> read, Func<string, double?> linkBytesPerSecond, IList<string>? notices = null)
        {
            IReadOnlyList<NetUsageRecord> stored = Store(read, linkBytesPerSecond, notices);
            HistoryCompaction.CompactIfMostlyFree(_database);
            return stored;
        }

        private IReadOnlyList<NetUsageRecord> Store(Func<CounterReadings> read, Func<string, double?> linkBytesPerSecond, IList<string>? notices)
        {
            return _database.Write(() =>
            {
                CounterReadings batch = read();
                Dictionary<string, InterfaceState> stored = InterfaceState.Load(_database, _names);
                DateTime placed = RecordingClock.Place(stored.Values, batch.Utc, batch.Boot, out string? clockNotice);
                if (clockNotice != null)
                {
                    notices?.Add(clockNotice);
                }
                var records = new List<NetUsageRecord>(batch.Readings.Count);
                using var writer = new UsageWriter(_database, _zone);
                using var networks = new NetworkUsageWriter(_database, _zone, batch.Networks, placed, _names);
                using SqliteStatement save = _database.Command(
                    @"INSERT INTO interface_state (interface, boot_time, rx, tx, recorded, first_recorded, boot_id, uptime_ms, class, max_speed, identity)
                      VALUES ($name, $boot, $rx, $tx, $now, $placed, $bootId, $uptime, $class, $speed, $identity)
                      ON CONFLICT (interface) DO UPDATE SET boot_time = excluded.boot_time, rx = excluded.rx, tx = excluded.tx,
                          recorded = excluded.recorded, boot_id = excluded.boot_id, uptime_ms = excluded.uptime_ms,
                          class = excluded.class, max_speed = excluded.max_speed, identity = excluded.identity;");
                save.Bind("$boot", ToUnixMilliseconds(batch.Boot.BootUtc))
                    .Bind("$now", ToUnixMilliseconds(batch.Utc))
                    .Bind("$placed", ToUnixMilliseconds(placed))
                    .Bind("$bootId", batch.Boot.Id)
                    .Bind("$uptime", (long)batch.Boot.Uptime.TotalMilliseconds);

                // By index: an enumerator of this list of structs is more code for the JIT to compile on a first call.
                for (int i = 0; i < batch.Readings.Count; i++)
                {
                    CounterReading reading = batch.Readings[i];
                    bool known = stored.TryGetValue(reading.InterfaceName, out InterfaceState? state);
                    string name = known ? state!.Name : reading.InterfaceName;
                    double? highest = LinkSpeed.Highest(linkBytesPerSecond(reading.InterfaceName), state?.HighestBytesPerSecond);
                    UsageStep step = known
                        ? UsageStep.Compute(state!.Baseline, reading, batch.Utc, batch.Boot, highest)
                        : UsageStep.First();
                    if (step.Notice != null)
                    {
                        notices?.Add(step.Notice);
                    }

                    CountedNetwork? counted = null;
                    if (step.Kind != StepKind.Stale)
                    {
                        writer.Add(name, placed, step.BytesReceived, step.BytesSent);
                        // An interface that the source cannot class this time keeps the class it had.
                        InterfaceClass cls = reading.InterfaceClass != InterfaceClass.Unknown ? reading.InterfaceClass : state?.InterfaceClass ?? InterfaceClass.Unknown;
                        save.Bind("$name", name)
                            .Bind("$rx", reading.BytesReceived)
                            .Bind("$tx", reading.BytesSent)
                            .Bind("$class", (int)cls)
                            .Bind("$speed", highest)
                            .Bind("$identity", reading.Identity)
                            .Execute();
                        counted = networks.Add(name, reading.InterfaceName, step, notices);
                    }

                    records.Add(new NetUsageRecord
                    {
                        Timestamp = placed.ToLocalTime(),
                        InterfaceName = name,
                        InterfaceClass = reading.InterfaceClass,
                        BytesReceived = step.BytesReceived,
                        BytesSent = step.BytesSent,
                        Kind = step.Kind,
                        NetworkName = counted?.Name,
                        NetworkId = counted?.Id,
                    });
                }

                Part?.Write(_database, placed, _zone, records);
                HistoryRetention retention = HistoryRetention.Load(_database);
                writer.Prune(placed, retention);
                networks.Prune(retention);
                return records;
            });
        }

        internal static long ToUnixMilliseconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

        internal static DateTime FromUnixMilliseconds(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

        /// <summary>Adds traffic to every roll-up and prunes what the retention no longer keeps.</summary>
        internal sealed class UsageWriter : IDisposable
        {
            private readonly HistoryDatabase _database;
            private readonly TimeZoneInfo _zone;
            private readonly SqliteStatement _add;

            public UsageWriter(HistoryDatabase database, TimeZoneInfo zone)
            {
                _database = database;
                _zone = zone;
                _add = database.Command(
                    @"INSERT INTO usage (resolution, period, interface, rx, tx) VALUES ($resolution, $period, $name, $rx, $tx)
                      ON CONFLICT (resolution, period, interface) DO UPDATE SET rx = rx + excluded.rx, tx = tx + excluded.tx;");
            }

            public void Add(string interfaceName, DateTime utc, ulong received, ulong sent)
            {
                if (received == 0 && sent == 0)
                {
                    return;
                }

                _add.Bind("$name", interfaceName).Bind("$rx", received).Bind("$tx", sent);
                foreach (HistoryResolution resolution in Resolutions)
                {
                    _add.Bind("$resolution", (int)resolution).Bind("$period", HistoryPeriods.Key(resolution, utc, _zone)).Execute();
                }
            }

            public void Prune(DateTime nowUtc, HistoryRetention retention)
            {
                using SqliteStatement prune = _database.Command("DELETE FROM usage WHERE resolution = $resolution AND period < $oldest;");
                foreach (HistoryResolution r in Resolutions)
                {
                    long? key = retention.OldestKept(r, nowUtc, _zone);
                    if (key.HasValue)
                    {
                        prune.Bind("$resolution", (int)r).Bind("$oldest", key.Value).Execute();
                        ProcessHistoryWriter.Prune(_database, r, key.Value);
                    }
                }
            }

            public void Dispose() => _add.Dispose();
        }
    }
}
