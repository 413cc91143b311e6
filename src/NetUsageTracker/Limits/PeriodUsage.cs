using System;
using System.Collections.Generic;
using System.Globalization;
using NetUsageTracker.History;
using NetUsageTracker.Networks;
using NetUsageTracker.Sampling;

namespace NetUsageTracker.Limits
{
    /// <summary>
    /// The usage of the billing period so far, for a live limit (Watch-NetUsage -Period, Show-NetUsage
    /// -Period): the days the history recorded plus the traffic since its last recording, so the live
    /// limit matches the data cap, also for interfaces the history had not seen.
    /// </summary>
    public sealed class PeriodUsage
    {
        private readonly string _path;
        private readonly Func<string, bool> _include;
        private readonly UsageDirection _direction;
        private readonly NetworkSelection? _networks;
        private readonly Func<NetworkSnapshot>? _currentNetworks;

        /// <param name="path">The history file, resolved (the cmdlet resolves -Path against its current location).</param>
        /// <param name="networks">Counts only what these networks carried, <paramref name="currentNetworks"/> telling
        /// which network each interface is on now; null: every network.</param>
        public PeriodUsage(string path, QuotaPeriod period, int billingDay, UsageDirection direction, Func<string, bool> include,
            NetworkSelection? networks = null, Func<NetworkSnapshot>? currentNetworks = null)
        {
            if (period == QuotaPeriod.Session)
            {
                throw new ArgumentOutOfRangeException(nameof(period), period, "A session is counted live, not from the history.");
            }

            _path = path;
            Period = period;
            BillingDay = billingDay;
            _direction = direction;
            _include = include;
            _networks = networks;
            _currentNetworks = currentNetworks;
        }

        public QuotaPeriod Period { get; }

        public int BillingDay { get; }

        /// <summary>
        /// Records the starting snapshot of a watch or view in the history the cmdlet opened up front (so a bad
        /// file stopped it before it started): from then on the history plus the traffic since its last
        /// recording is exact.
        /// </summary>
        public static void Record(HistoryDatabase database, CounterSnapshot snapshot, Action<string> verbose, NetworkSnapshot? networks = null)
        {
            var notices = new List<string>();
            HistoryReadings.Record(database, snapshot, notices, networks);
            foreach (string notice in notices)
            {
                verbose(notice);
            }
        }

        /// <summary>Runs work against the history; a failure mid-run (a recorder holding the lock too long) is a warning and the run goes on.</summary>
        public static void Try(string path, Action<HistoryDatabase> work, bool create, Action<string> warn)
        {
            try
            {
                using HistoryDatabase database = HistoryDatabase.Open(path, create);
                work(database);
            }
            catch (HistoryStoreException e)
            {
                warn(e.Message);
            }
        }

        /// <summary>Where the counted usage starts, for the alert's words: the first day of the period.</summary>
        public string CountedSince(DateTime local) =>
            "since " + Containing(local).Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        /// <summary>The period in the live view's words: today, this week, this month, or since the billing day.</summary>
        public string Label(DateTime local)
        {
            switch (Period)
            {
                case QuotaPeriod.Day:
                    return "today";
                case QuotaPeriod.Week:
                    return "this week";
                default:
                    return BillingDay == 1
                        ? "this month"
                        : "since " + Containing(local).Start.ToString("MMM d", CultureInfo.CurrentCulture);
            }
        }

        /// <summary>The local start and end of the period that holds <paramref name="local"/>.</summary>
        public (DateTime Start, DateTime End) Containing(DateTime local) => BillingPeriod.Containing(local, Period, BillingDay);

        /// <summary>The bytes the limit counts since the period began; <paramref name="fallback"/> when the history cannot be read.</summary>
        public ulong Count(CounterSnapshot snapshot, ulong fallback, Action<string> warn)
        {
            ulong counted = fallback;
            Try(_path, database =>
            {
                var reader = new HistoryReader(database);
                DateTime now = snapshot.UtcTime;
                (DateTime start, DateTime end) = Containing(now.ToLocalTime());
                (ulong rx, ulong tx) = reader.SumDays(start, end, _include, _networks);
                (ulong prx, ulong ptx) = HistoryReadings.Pending(reader, snapshot, _include, _currentNetworks?.Invoke(), _networks);
                counted = QuotaCalculator.Counted(rx + prx, tx + ptx, _direction);
            }, create: false, warn);
            return counted;
        }
    }
}
