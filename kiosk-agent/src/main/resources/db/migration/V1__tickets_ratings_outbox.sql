-- Times are ISO-8601 text with offset; service_day is the local date (yyyy-MM-dd) in the kiosk's time zone.

CREATE TABLE ticket (
    id              TEXT    PRIMARY KEY,
    service         TEXT    NOT NULL CHECK (length(service) = 1),
    service_day     TEXT    NOT NULL,
    number          INTEGER NOT NULL CHECK (number >= 1),
    display         TEXT    NOT NULL,
    priority        TEXT,
    status          TEXT    NOT NULL DEFAULT 'waiting',
    issued_at       TEXT    NOT NULL,
    people_ahead    INTEGER NOT NULL,
    idempotency_key TEXT    UNIQUE,
    UNIQUE (service, service_day, number)
);
CREATE INDEX ticket_day_status ON ticket (service_day, status, service);

CREATE TABLE rating (
    id              TEXT    PRIMARY KEY,
    ticket_id       TEXT    UNIQUE REFERENCES ticket (id),
    counter         TEXT,
    officer_id      TEXT,
    procedure_code  TEXT,
    level           TEXT    NOT NULL,
    scale           INTEGER NOT NULL CHECK (scale IN (3, 5)),
    reasons         TEXT    NOT NULL,
    comment         TEXT,
    submitted_at    TEXT    NOT NULL,
    idempotency_key TEXT    UNIQUE
);

-- Events waiting for central's ack. payload is the whole event as the protocol codec encodes it.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY,
    event_id     TEXT    NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    published_at TEXT
);

-- next_seq survives the deletion of acked outbox rows, so a sequence number is never used twice.
CREATE TABLE sync_state (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO sync_state (name, value) VALUES ('next_seq', 1), ('last_ack_seq', 0);
