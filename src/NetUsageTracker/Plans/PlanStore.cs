using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetUsageTracker.History;
using NetUsageTracker.History.Sqlite;

namespace NetUsageTracker.Plans
{
    /// <summary>
    /// The plans in the history database: every recorder and every version of the module that opens the file
    /// sees the same ones. Names are unique regardless of case.
    /// </summary>
    public sealed class PlanStore
    {
        private const string Columns = "name, scope, targets, limit_bytes, period, billing_day, direction, thresholds, notify, created";

        private readonly HistoryDatabase _database;

        public PlanStore(HistoryDatabase database) => _database = database;

        /// <summary>Every plan, by name.</summary>
        public List<NetUsagePlan> List() => _database.Run(() =>
        {
            var plans = new List<NetUsagePlan>();
            using SqliteStatement select = _database.Command($"SELECT {Columns} FROM plan ORDER BY name COLLATE NOCASE;");
            while (select.Step())
            {
                plans.Add(Read(select));
            }

            return plans;
        });

        /// <summary>The plan of that name (any case), or null.</summary>
        public NetUsagePlan? Find(string name) => _database.Run(() => FindIn(name));

        /// <summary>Stores a new plan; a plan of the same name (any case) is refused and left as it was.</summary>
        public void Add(NetUsagePlan plan)
        {
            plan.Validate();
            _database.Write(() =>
            {
                NetUsagePlan? existing = FindIn(plan.Name);
                if (existing != null)
                {
                    throw new PlanException(PlanFailure.Exists, plan.Name,
                        $"There is already a plan named '{existing.Name}'. Change it with Set-NetUsagePlan, or choose another name.");
                }

                using SqliteStatement insert = _database.Command(
                    $"INSERT INTO plan ({Columns}) VALUES ($name, $scope, $targets, $limit, $period, $billing, $direction, $thresholds, $notify, $created);");
                Bind(insert, plan);
                insert.Execute();
                return true;
            });
        }

        /// <summary>Replaces the stored plan of <paramref name="name"/> by <paramref name="plan"/> (which may rename it).
        /// A change of what the plan counts makes its alerts of the current period start over.</summary>
        public void Update(string name, NetUsagePlan plan)
        {
            plan.Validate();
            _database.Write(() =>
            {
                NetUsagePlan existing = FindIn(name) ?? throw NotFound(name);
                if (!PlanNames.Comparer.Equals(existing.Name, plan.Name) && FindIn(plan.Name) != null)
                {
                    throw new PlanException(PlanFailure.Exists, plan.Name,
                        $"Plan '{existing.Name}' cannot be renamed to '{plan.Name}': there is already a plan of that name.");
                }

                using (SqliteStatement update = _database.Command(
                    @"UPDATE plan SET name = $name, scope = $scope, targets = $targets, limit_bytes = $limit, period = $period,
                          billing_day = $billing, direction = $direction, thresholds = $thresholds, notify = $notify, created = $created
                      WHERE name = $old;"))
                {
                    Bind(update, plan);
                    update.Bind("$old", existing.Name);
                    update.Execute();
                }

                using (SqliteStatement alerts = _database.Command(
                    existing.CountsDifferentlyFrom(plan)
                        ? "DELETE FROM plan_alert WHERE plan = $old;"
                        : "UPDATE plan_alert SET plan = $name WHERE plan = $old;"))
                {
                    alerts.Bind("$old", existing.Name);
                    if (!existing.CountsDifferentlyFrom(plan))
                    {
                        alerts.Bind("$name", plan.Name);
                    }

                    alerts.Execute();
                }

                return true;
            });
        }

        /// <summary>Removes the plan and its alerts.</summary>
        public void Remove(string name) => _database.Write(() =>
        {
            NetUsagePlan existing = FindIn(name) ?? throw NotFound(name);
            foreach (string sql in new[] { "DELETE FROM plan WHERE name = $name;", "DELETE FROM plan_alert WHERE plan = $name;" })
            {
                using SqliteStatement delete = _database.Command(sql);
                delete.Bind("$name", existing.Name);
                delete.Execute();
            }

            return true;
        });

        internal static PlanException NotFound(string name) => new PlanException(PlanFailure.NotFound, name,
            $"There is no plan named '{name}'. Run Get-NetUsagePlan to list the plans.");

        private NetUsagePlan? FindIn(string name)
        {
            using SqliteStatement select = _database.Command($"SELECT {Columns} FROM plan WHERE name = $name;");
            select.Bind("$name", name);
            return select.Step() ? Read(select) : null;
        }

        private static void Bind(SqliteStatement statement, NetUsagePlan plan)
        {
            string[] targets = plan.Scope == PlanScope.Interface ? plan.InterfaceName : plan.Scope == PlanScope.Network ? plan.Network : Array.Empty<string>();
            statement.Bind("$name", plan.Name)
                .Bind("$scope", plan.Scope.ToString())
                .Bind("$targets", string.Join("\n", targets))
                .Bind("$limit", plan.Limit)
                .Bind("$period", plan.Period.ToString())
                .Bind("$billing", plan.BillingDay)
                .Bind("$direction", plan.Direction.ToString())
                .Bind("$thresholds", string.Join(",", plan.Threshold.Select(t => t.ToString("R", CultureInfo.InvariantCulture))))
                .Bind("$notify", plan.Notify ? 1 : 0)
                .Bind("$created", HistoryRecorder.ToUnixMilliseconds(plan.Created == default ? DateTime.UtcNow : plan.Created.ToUniversalTime()));
        }

        private static NetUsagePlan Read(SqliteStatement row)
        {
            var scope = Parse(row.GetString(1), PlanScope.AllPhysical);
            string[] targets = row.GetString(2).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            return new NetUsagePlan
            {
                Name = row.GetString(0),
                Scope = scope,
                InterfaceName = scope == PlanScope.Interface ? targets : Array.Empty<string>(),
                Network = scope == PlanScope.Network ? targets : Array.Empty<string>(),
                Limit = row.GetInt64(3),
                Period = Parse(row.GetString(4), QuotaPeriod.Month),
                BillingDay = row.GetInt32(5),
                Direction = Parse(row.GetString(6), UsageDirection.Total),
                Threshold = row.GetString(7).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray(),
                Notify = row.GetInt64(8) != 0,
                Created = HistoryRecorder.FromUnixMilliseconds(row.GetInt64(9)).ToLocalTime(),
            };
        }

        /// <summary>A stored word as the enum; a word a newer module wrote and this one lacks reads as the fallback.</summary>
        private static T Parse<T>(string text, T fallback)
            where T : struct => Enum.TryParse(text, true, out T value) ? value : fallback;
    }
}
