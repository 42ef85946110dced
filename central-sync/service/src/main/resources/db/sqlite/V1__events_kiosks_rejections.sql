-- ingest_id is the store order: the events API lists newest first by it
CREATE TABLE events (
    ingest_id    INTEGER PRIMARY KEY,
    kiosk_id     TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    event_id     TEXT    NOT NULL,
    site_id      TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    clock_synced INTEGER NOT NULL,
    boot_id      TEXT    NOT NULL,
    uptime_ms    INTEGER NOT NULL,
    data         TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    UNIQUE (kiosk_id, seq)
);

CREATE INDEX events_type ON events (type);

CREATE TABLE kiosks (
    kiosk_id       TEXT PRIMARY KEY,
    site_id        TEXT    NOT NULL,
    contiguous_seq INTEGER NOT NULL DEFAULT 0,
    last_seq       INTEGER NOT NULL DEFAULT 0,
    last_seen      TEXT,
    online         INTEGER NOT NULL DEFAULT 0,
    version        TEXT,
    boot_id        TEXT,
    status_since   TEXT
);

CREATE TABLE rejections (
    reason TEXT PRIMARY KEY,
    count  INTEGER NOT NULL
);
