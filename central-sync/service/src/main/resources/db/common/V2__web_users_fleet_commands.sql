-- Shared by SQLite and PostgreSQL word for word: times are epoch milliseconds, flags are integers.
CREATE TABLE users (
    username      TEXT PRIMARY KEY,
    password_hash TEXT   NOT NULL,
    role          TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);

-- token_hash: SHA-256 of the cookie value, so a read of this table does not hand out sessions
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT   NOT NULL,
    csrf       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE sign_in_failures (
    subject      TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start BIGINT  NOT NULL
);

CREATE TABLE kiosk_telemetry (
    kiosk_id          TEXT PRIMARY KEY,
    site_id           TEXT   NOT NULL,
    received_at       BIGINT NOT NULL,
    at                TEXT   NOT NULL,
    cpu_temperature_c DOUBLE PRECISION,
    load1             DOUBLE PRECISION,
    memory_used       BIGINT,
    memory_total      BIGINT,
    disk_used         BIGINT,
    disk_total        BIGINT,
    printer           TEXT,
    queue_lengths     TEXT,
    outbox_backlog    BIGINT NOT NULL,
    previous_backlog  BIGINT,
    last_ack_seq      BIGINT,
    config_version    BIGINT
);

-- open_key is kiosk:kind while the alert is not cleared, NULL after: at most one open alert per kind and kiosk,
-- even with several central instances evaluating at once
CREATE TABLE alerts (
    id              TEXT PRIMARY KEY,
    kiosk_id        TEXT   NOT NULL,
    site_id         TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    detail          TEXT,
    raised_at       BIGINT NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at BIGINT,
    cleared_at      BIGINT,
    open_key        TEXT UNIQUE
);

CREATE INDEX alerts_raised ON alerts (raised_at);

CREATE TABLE commands (
    id             TEXT PRIMARY KEY,
    kiosk_id       TEXT   NOT NULL,
    site_id        TEXT   NOT NULL,
    type           TEXT   NOT NULL,
    args           TEXT   NOT NULL,
    issued_by      TEXT   NOT NULL,
    issued_at      BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    result_ok      INTEGER,
    result_message TEXT,
    result_at      BIGINT
);

CREATE INDEX commands_kiosk ON commands (kiosk_id, issued_at);
