-- A history as NetUsageTracker 0.1.0 wrote it (schema 1), frozen here so every later schema is tested
-- against it: one day of eth0 and lo usage and their baselines. Boot 2026-03-10 10:00 UTC, recorded 12:00.
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
    first_recorded INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO usage VALUES (2, 20260310, 'eth0', 7000000, 300000);
INSERT INTO usage VALUES (3, 202603, 'eth0', 7000000, 300000);
INSERT INTO usage VALUES (4, 2026, 'eth0', 7000000, 300000);
INSERT INTO usage VALUES (2, 20260310, 'lo', 1000, 1000);
INSERT INTO usage VALUES (3, 202603, 'lo', 1000, 1000);
INSERT INTO usage VALUES (4, 2026, 'lo', 1000, 1000);
INSERT INTO interface_state VALUES ('eth0', 1773136800000, 90000000, 4000000, 1773144000000, 1773140400000);
INSERT INTO interface_state VALUES ('lo', 1773136800000, 5000, 5000, 1773144000000, 1773140400000);
INSERT INTO settings VALUES ('retention.FiveMinuteHours', '72');
PRAGMA user_version = 1;
