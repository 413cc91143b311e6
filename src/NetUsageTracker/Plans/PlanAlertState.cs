using System;
using System.Collections.Generic;
using System.Globalization;
using NetUsageTracker.History;
using NetUsageTracker.History.Sqlite;

namespace NetUsageTracker.Plans
{
    /// <summary>
    /// The alerts the plans have raised, in the history database: a row per plan, period, kind and threshold.
    /// Claiming the row is what makes an alert happen once, whichever recorder process gets there first, and
    /// across reboots; a row not delivered to a desktop waits for the next interactive cmdlet.
    /// </summary>
    public sealed class PlanAlertState
    {
        private readonly HistoryDatabase _database;

        public PlanAlertState(HistoryDatabase database) => _database = database;

        /// <summary>Stores the alert unless its row exists; true when this call stored it (and so raises it).</summary>
        public bool Claim(NetUsagePlanAlert alert) => _database.Write(() =>
        {
            using (SqliteStatement insert = _database.Command(
                @"INSERT OR IGNORE INTO plan_alert (plan, period_start, kind, threshold, raised, title, message, delivered)
                  VALUES ($plan, $start, $kind, $threshold, $raised, $title, $message, $delivered);"))
            {
                Key(insert, alert)
                    .Bind("$raised", HistoryRecorder.ToUnixMilliseconds(alert.Raised.ToUniversalTime()))
                    .Bind("$title", alert.Title)
                    .Bind("$message", alert.Message)
                    .Bind("$delivered", alert.Delivered ? 1 : 0)
                    .Execute();
            }

            return _database.File.ScalarInt64("SELECT changes();") == 1;
        });

        public void MarkDelivered(NetUsagePlanAlert alert) => _database.Write(() =>
        {
            using SqliteStatement update = _database.Command(
                "UPDATE plan_alert SET delivered = 1 WHERE plan = $plan AND period_start = $start AND kind = $kind AND threshold = $threshold;");
            Key(update, alert).Execute();
            alert.Delivered = true;
            return true;
        });

        /// <summary>The alerts no desktop showed and no cmdlet has shown yet, oldest first; marked shown as they are taken.</summary>
        public List<NetUsagePlanAlert> TakeUnshown() => _database.Write(() =>
        {
            var alerts = new List<NetUsagePlanAlert>();
            using (SqliteStatement select = _database.Command(
                "SELECT plan, period_start, kind, threshold, raised, title, message FROM plan_alert WHERE delivered = 0 AND shown = 0 ORDER BY raised;"))
            {
                while (select.Step())
                {
                    alerts.Add(new NetUsagePlanAlert
                    {
                        Plan = select.GetString(0),
                        PeriodStart = DateTime.ParseExact(select.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        Kind = Enum.TryParse(select.GetString(2), out PlanAlertKind kind) ? kind : PlanAlertKind.Threshold,
                        Threshold = select.GetDouble(3),
                        Raised = HistoryRecorder.FromUnixMilliseconds(select.GetInt64(4)).ToLocalTime(),
                        Title = select.GetString(5),
                        Message = select.GetString(6),
                    });
                }
            }

            if (alerts.Count > 0)
            {
                _database.File.Execute("UPDATE plan_alert SET shown = 1 WHERE delivered = 0 AND shown = 0;");
            }

            return alerts;
        });

        /// <summary>Whether any alert waits to be shown: a cheap read for cmdlets that check on every call.</summary>
        public bool AnyUnshown() => _database.Run(() => _database.File.ScalarInt64("SELECT EXISTS (SELECT 1 FROM plan_alert WHERE delivered = 0 AND shown = 0);") == 1);

        private static SqliteStatement Key(SqliteStatement statement, NetUsagePlanAlert alert) => statement
            .Bind("$plan", alert.Plan)
            .Bind("$start", alert.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Bind("$kind", alert.Kind.ToString())
            .Bind("$threshold", alert.Threshold);
    }
}
