-- A history as NetUsageTracker writes schema 2 (the schema of the first gallery package), frozen here so
-- the next schema's migration is tested from it: the tables exactly as SQLite keeps them after schema 2's
-- migration, and a day of eth0, wlan0 and lo with baselines that know their boot (boot_id, uptime), class
-- and fastest link. Boot 2026-03-10 10:00 UTC, recorded 12:00 UTC; five-minute and hourly periods are
-- keyed by their UTC start in Unix seconds (11:55 and 11:00 UTC), the others by the Berlin calendar.
CREATE TABLE usage (
                  resolution INTEGER NOT NULL,
                  period     INTEGER NOT NULL,
                  interface  TEXT    NOT NULL,
                  rx         INTEGER NOT NULL,
                  tx         INTEGER NOT NULL,
                  PRIMARY KEY (resolution, period, interface)) WITHOUT ROWID;
CREATE TABLE interface_state (
                  interface      TEXT    NOT NULL PRIMARY KEY,
                  boot_time      INTEGER NOT NULL,
                  rx             INTEGER NOT NULL,
                  tx             INTEGER NOT NULL,
                  recorded       INTEGER NOT NULL,
                  first_recorded INTEGER NOT NULL, boot_id TEXT, uptime_ms INTEGER, class INTEGER NOT NULL DEFAULT 0, max_speed REAL) WITHOUT ROWID;
CREATE TABLE settings (
                  name  TEXT NOT NULL PRIMARY KEY,
                  value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO usage VALUES (0, 1773143700, 'eth0', 4096, 512);
INSERT INTO usage VALUES (1, 1773140400, 'eth0', 1000000, 50000);
INSERT INTO usage VALUES (2, 20260310, 'eth0', 7000000, 300000);
INSERT INTO usage VALUES (3, 202603, 'eth0', 9000000, 400000);
INSERT INTO usage VALUES (4, 2026, 'eth0', 9000000, 400000);
INSERT INTO usage VALUES (2, 20260310, 'wlan0', 2000, 1000);
INSERT INTO usage VALUES (3, 202603, 'wlan0', 2000, 1000);
INSERT INTO usage VALUES (4, 2026, 'wlan0', 2000, 1000);
INSERT INTO usage VALUES (2, 20260310, 'lo', 1000, 1000);
INSERT INTO usage VALUES (3, 202603, 'lo', 1000, 1000);
INSERT INTO usage VALUES (4, 2026, 'lo', 1000, 1000);
INSERT INTO interface_state VALUES ('eth0', 1773136800000, 90000000, 4000000, 1773144000000, 1772352000000, 'boot-b', 7200000, 1, 125000000.0);
INSERT INTO interface_state VALUES ('wlan0', 1773136800000, 60000, 30000, 1773144000000, 1773140400000, 'boot-b', 7200000, 1, NULL);
INSERT INTO interface_state VALUES ('lo', 1773136800000, 5000, 5000, 1773144000000, 1772352000000, 'boot-b', 7200000, 3, NULL);
INSERT INTO settings VALUES ('retention.FiveMinuteHours', '72');
INSERT INTO settings VALUES ('retention.DayDays', '90');
PRAGMA user_version = 2;
