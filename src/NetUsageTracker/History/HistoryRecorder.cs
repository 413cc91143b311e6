using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace NetUsageTracker.History
{
    /// <summary>What one recording stored for one interface.</summary>
    public sealed class NetUsageRecord
    {
        public DateTime Timestamp { get; set; }

        public string InterfaceName { get; set; } = "";

        public ulong BytesReceived { get; set; }

        public ulong BytesSent { get; set; }

        public ulong TotalBytes => BytesReceived + BytesSent;

        public StepKind Kind { get; set; }

        public override string ToString() => $"{InterfaceName}: {BytesReceived} B received, {BytesSent} B sent ({Kind})";
    }

    /// <summary>
    /// Stores readings: per interface, the traffic since the previous stored reading goes into every
    /// roll-up, and the reading becomes the new baseline, all in one transaction. Two recorders at once
    /// queue on the write lock, so each measures from the other's baseline: nothing lost, nothing twice.
    /// </summary>
    public sealed class HistoryRecorder
    {
        private static readonly HistoryResolution[] Resolutions =
        {
            HistoryResolution.FiveMinute, HistoryResolution.Hour, HistoryResolution.Day, HistoryResolution.Month, HistoryResolution.Year,
        };

        private readonly HistoryDatabase _database;
        private readonly TimeZoneInfo _zone;

        public HistoryRecorder(HistoryDatabase database, TimeZoneInfo? zone = null)
        {
            _database = database;
            _zone = zone ?? TimeZoneInfo.Local;
        }

        /// <summary>Records one reading of every interface taken at <paramref name="nowUtc"/>.</summary>
        /// <param name="linkBytesPerSecond">The link speed of an interface, or null when unknown.</param>
        /// <param name="notices">Receives what is worth telling (reboots, resets, dropped jumps).</param>
        public IReadOnlyList<NetUsageRecord> Record(IReadOnlyList<CounterReading> readings, DateTime nowUtc, DateTime bootUtc,
            Func<string, double?> linkBytesPerSecond, IList<string>? notices = null) =>
            Record(() => (readings, nowUtc), bootUtc, linkBytesPerSecond, notices);

        /// <summary>
        /// Records a reading taken by <paramref name="read"/> once this recorder holds the write lock, so that
        /// of two recorders the one that stores second also read second.
        /// </summary>
        public IReadOnlyList<NetUsageRecord> Record(Func<(IReadOnlyList<CounterReading> Readings, DateTime Utc)> read, DateTime bootUtc,
            Func<string, double?> linkBytesPerSecond, IList<string>? notices = null)
        {
            return _database.Write(transaction =>
            {
                (IReadOnlyList<CounterReading> readings, DateTime nowUtc) = read();
                var records = new List<NetUsageRecord>(readings.Count);
                using var writer = new UsageWriter(_database, transaction, _zone);
                using SqliteCommand baselineQuery = BaselineQuery(_database, transaction);
                using SqliteCommand save = _database.Command(
                    @"INSERT INTO interface_state (interface, boot_time, rx, tx, recorded, first_recorded)
                      VALUES ($name, $boot, $rx, $tx, $now, $now)
                      ON CONFLICT (interface) DO UPDATE SET boot_time = excluded.boot_time, rx = excluded.rx, tx = excluded.tx, recorded = excluded.recorded;",
                    transaction);
                SqliteParameter saveName = save.Parameters.Add("$name", SqliteType.Text);
                SqliteParameter boot = save.Parameters.Add("$boot", SqliteType.Integer);
                SqliteParameter rx = save.Parameters.Add("$rx", SqliteType.Integer);
                SqliteParameter tx = save.Parameters.Add("$tx", SqliteType.Integer);
                SqliteParameter now = save.Parameters.Add("$now", SqliteType.Integer);
                boot.Value = ToUnixMilliseconds(bootUtc);
                now.Value = ToUnixMilliseconds(nowUtc);

                foreach (CounterReading reading in readings)
                {
                    bool known = TryReadBaseline(baselineQuery, reading.InterfaceName, out CounterBaseline baseline);
                    // A reading taken before the stored one (a watch's snapshot, a recorder that lost the race
                    // for the lock) would see the counters go down and count a phantom reset.
                    UsageStep step = !known ? UsageStep.First()
                        : nowUtc <= baseline.Utc ? UsageStep.Stale(reading.InterfaceName, baseline.Utc)
                        : UsageStep.Compute(baseline, reading, nowUtc, bootUtc, linkBytesPerSecond(reading.InterfaceName));
                    if (step.Notice != null)
                    {
                        notices?.Add(step.Notice);
                    }

                    if (step.Kind != StepKind.Stale)
                    {
                        writer.Add(reading.InterfaceName, nowUtc, step.BytesReceived, step.BytesSent);
                        saveName.Value = reading.InterfaceName;
                        rx.Value = unchecked((long)reading.BytesReceived);
                        tx.Value = unchecked((long)reading.BytesSent);
                        save.ExecuteNonQuery();
                    }

                    records.Add(new NetUsageRecord
                    {
                        Timestamp = nowUtc.ToLocalTime(),
                        InterfaceName = reading.InterfaceName,
                        BytesReceived = step.BytesReceived,
                        BytesSent = step.BytesSent,
                        Kind = step.Kind,
                    });
                }

                writer.Prune(nowUtc, HistoryRetention.Load(_database, transaction));
                return records;
            });
        }

        /// <summary>The query of an interface's stored baseline, for <see cref="TryReadBaseline"/>.</summary>
        internal static SqliteCommand BaselineQuery(HistoryDatabase database, SqliteTransaction? transaction = null)
        {
            SqliteCommand command = database.Command("SELECT boot_time, rx, tx, recorded FROM interface_state WHERE interface = $name;", transaction);
            command.Parameters.Add("$name", SqliteType.Text);
            return command;
        }

        internal static bool TryReadBaseline(SqliteCommand query, string interfaceName, out CounterBaseline baseline)
        {
            query.Parameters[0].Value = interfaceName;
            using SqliteDataReader row = query.ExecuteReader();
            baseline = row.Read()
                ? new CounterBaseline(unchecked((ulong)row.GetInt64(1)), unchecked((ulong)row.GetInt64(2)), FromUnixMilliseconds(row.GetInt64(3)), FromUnixMilliseconds(row.GetInt64(0)))
                : default;
            return row.HasRows;
        }

        internal static long ToUnixMilliseconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

        internal static DateTime FromUnixMilliseconds(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

        /// <summary>Adds traffic to every roll-up and prunes what the retention no longer keeps.</summary>
        internal sealed class UsageWriter : IDisposable
        {
            private readonly HistoryDatabase _database;
            private readonly SqliteTransaction _transaction;
            private readonly TimeZoneInfo _zone;
            private readonly SqliteCommand _add;
            private readonly SqliteParameter _resolution, _period, _name, _rx, _tx;

            public UsageWriter(HistoryDatabase database, SqliteTransaction transaction, TimeZoneInfo zone)
            {
                _database = database;
                _transaction = transaction;
                _zone = zone;
                _add = database.Command(
                    @"INSERT INTO usage (resolution, period, interface, rx, tx) VALUES ($resolution, $period, $name, $rx, $tx)
                      ON CONFLICT (resolution, period, interface) DO UPDATE SET rx = rx + excluded.rx, tx = tx + excluded.tx;",
                    transaction);
                _resolution = _add.Parameters.Add("$resolution", SqliteType.Integer);
                _period = _add.Parameters.Add("$period", SqliteType.Integer);
                _name = _add.Parameters.Add("$name", SqliteType.Text);
                _rx = _add.Parameters.Add("$rx", SqliteType.Integer);
                _tx = _add.Parameters.Add("$tx", SqliteType.Integer);
            }

            public void Add(string interfaceName, DateTime utc, ulong received, ulong sent)
            {
                if (received == 0 && sent == 0)
                {
                    return;
                }

                _name.Value = interfaceName;
                _rx.Value = unchecked((long)received);
                _tx.Value = unchecked((long)sent);
                foreach (HistoryResolution resolution in Resolutions)
                {
                    _resolution.Value = (int)resolution;
                    _period.Value = HistoryPeriods.Key(resolution, utc, _zone);
                    _add.ExecuteNonQuery();
                }
            }

            public void Prune(DateTime nowUtc, HistoryRetention retention)
            {
                using SqliteCommand prune = _database.Command("DELETE FROM usage WHERE resolution = $resolution AND period < $oldest;", _transaction);
                SqliteParameter resolution = prune.Parameters.Add("$resolution", SqliteType.Integer);
                SqliteParameter oldest = prune.Parameters.Add("$oldest", SqliteType.Integer);
                foreach (HistoryResolution r in Resolutions)
                {
                    long? key = retention.OldestKept(r, nowUtc, _zone);
                    if (key.HasValue)
                    {
                        resolution.Value = (int)r;
                        oldest.Value = key.Value;
                        prune.ExecuteNonQuery();
                    }
                }
            }

            public void Dispose() => _add.Dispose();
        }
    }
}
