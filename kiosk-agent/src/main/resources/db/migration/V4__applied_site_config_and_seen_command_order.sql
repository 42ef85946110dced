-- The site configuration last applied from central, exactly as it arrived (signed), with its version. It is written
-- in the transaction that applies it, so after a restart the kiosk runs it again and refuses any older version a
-- replay brings. One row at most.
CREATE TABLE applied_site_config (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    payload    BLOB    NOT NULL,
    applied_at TEXT    NOT NULL
);

-- Seen command ids in the order they were accepted: they are forgotten by count and by the commands' own expiry
-- relative to the newest one, never by the kiosk's wall clock (which can step forward and back again).
CREATE TABLE seen_command_ordered (
    n          INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL
);
INSERT INTO seen_command_ordered (id, expires_at) SELECT id, expires_at FROM seen_command ORDER BY expires_at, id;
DROP TABLE seen_command;
ALTER TABLE seen_command_ordered RENAME TO seen_command;
