-- Events a report rollup could not aggregate (a time a report cannot hold, a body it cannot read, a row the
-- database refused): the rollup moves past them and keeps them here with the reason, so one bad event never stops
-- the reports and none disappears unseen. Keyed by the rollup and the event's place in the store.
CREATE TABLE rollup_set_aside (
    rollup       TEXT   NOT NULL,
    ingest_id    BIGINT NOT NULL,
    event_id     TEXT   NOT NULL,
    site_id      TEXT   NOT NULL,
    kiosk_id     TEXT   NOT NULL,
    seq          BIGINT NOT NULL,
    reason       TEXT   NOT NULL,
    set_aside_at BIGINT NOT NULL,
    PRIMARY KEY (rollup, ingest_id)
);
