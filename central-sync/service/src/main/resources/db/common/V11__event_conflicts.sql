-- Events that arrived under a sequence number already held with another event id: another history of the same
-- kiosk id (a replaced or restored SD card, or two kiosks sharing an id). Kept for an operator, never dropped.
CREATE TABLE event_conflicts (
    kiosk_id      TEXT   NOT NULL,
    event_id      TEXT   NOT NULL,
    seq           BIGINT NOT NULL,
    held_event_id TEXT   NOT NULL,
    site_id       TEXT   NOT NULL,
    type          TEXT   NOT NULL,
    at            TEXT   NOT NULL,
    data          TEXT   NOT NULL,
    received_at   TEXT   NOT NULL,
    PRIMARY KEY (kiosk_id, event_id)
);
