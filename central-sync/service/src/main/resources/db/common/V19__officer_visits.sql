-- The officer's day: one row per ticket and visit to a counter, from its call to its end (served, no-show, or
-- transferred: served here, then called again for another service). The officer's medians and 90th percentiles of
-- waiting and service time, and the idle time between one ticket's end and the next call, are read from these rows.
-- Times are the kiosk's, in epoch milliseconds; a wait or service time is null when it is not known. The queue
-- rollup fills this table in the same transaction as queue_daily and served_daily.
CREATE TABLE officer_visits (
    site_id            TEXT   NOT NULL,
    kiosk_id           TEXT   NOT NULL,
    ticket_id          TEXT   NOT NULL,
    visit              BIGINT NOT NULL,
    day                TEXT   NOT NULL,
    counter            TEXT   NOT NULL,
    officer_id         TEXT   NOT NULL,
    outcome            TEXT   NOT NULL,
    recalls            BIGINT NOT NULL,
    called_at          BIGINT,
    called_boot_id     TEXT,
    called_uptime_ms   BIGINT,
    wait_seconds       BIGINT,
    finished_at        BIGINT,
    finished_boot_id   TEXT,
    finished_uptime_ms BIGINT,
    service_seconds    BIGINT,
    PRIMARY KEY (site_id, kiosk_id, ticket_id, visit)
);

CREATE INDEX officer_visits_day ON officer_visits (day, site_id, officer_id);

-- roll the queue figures up again from the stored ticket events, so the days before this version have their visits
DELETE FROM queue_daily;
DELETE FROM served_daily;
DELETE FROM queue_open_tickets;
UPDATE rollup_state SET last_ingest_id = 0 WHERE name = 'queue';
