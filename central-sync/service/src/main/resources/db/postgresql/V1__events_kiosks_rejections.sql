-- ingest_id is the store order: the events API lists newest first by it
CREATE TABLE events (
    ingest_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kiosk_id     TEXT        NOT NULL,
    seq          BIGINT      NOT NULL,
    event_id     UUID        NOT NULL,
    site_id      TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    at           TEXT        NOT NULL,
    clock_synced BOOLEAN     NOT NULL,
    boot_id      TEXT        NOT NULL,
    uptime_ms    BIGINT      NOT NULL,
    data         JSONB       NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (kiosk_id, seq)
);

CREATE INDEX events_type ON events (type);

CREATE TABLE kiosks (
    kiosk_id       TEXT PRIMARY KEY,
    site_id        TEXT        NOT NULL,
    contiguous_seq BIGINT      NOT NULL DEFAULT 0,
    last_seq       BIGINT      NOT NULL DEFAULT 0,
    last_seen      TIMESTAMPTZ,
    online         BOOLEAN     NOT NULL DEFAULT FALSE,
    version        TEXT,
    boot_id        TEXT,
    status_since   TEXT
);

CREATE TABLE rejections (
    reason TEXT PRIMARY KEY,
    count  BIGINT NOT NULL
);
