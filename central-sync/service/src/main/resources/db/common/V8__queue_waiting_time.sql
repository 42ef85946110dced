-- Waiting time: a ticket waits from its ticket.issued to its first ticket.called. Called, served and no-show rows of
-- queue_daily are now keyed by the ticket's service as well as the counter (service '' when the ticket's
-- ticket.issued was never seen); issued rows keep counter ''. waited counts the calls whose wait is known and
-- plausible, the divisor of wait_seconds.
ALTER TABLE queue_daily ADD COLUMN called BIGINT NOT NULL DEFAULT 0;
ALTER TABLE queue_daily ADD COLUMN waited BIGINT NOT NULL DEFAULT 0;
ALTER TABLE queue_daily ADD COLUMN wait_seconds BIGINT NOT NULL DEFAULT 0;

-- Tickets the queue rollup has seen recently, to find a later event's service and first call; times are the
-- kiosk's, in epoch milliseconds, with the boot and uptime of the issue to measure a wait across a clock step.
-- Rows a few days old are pruned: numbers restart every day, so a ticket is not called days after its issue.
CREATE TABLE queue_open_tickets (
    kiosk_id         TEXT   NOT NULL,
    ticket_id        TEXT   NOT NULL,
    site_id          TEXT   NOT NULL,
    service          TEXT   NOT NULL,
    issued_at        BIGINT,
    issued_boot_id   TEXT,
    issued_uptime_ms BIGINT,
    called_at        BIGINT,
    touched_at       BIGINT NOT NULL,
    PRIMARY KEY (kiosk_id, ticket_id)
);

CREATE INDEX queue_open_tickets_touched ON queue_open_tickets (touched_at);

-- roll the figures up again from the stored ticket events, so the days before this version get waits and services
DELETE FROM queue_daily;
UPDATE rollup_state SET last_ingest_id = 0 WHERE name = 'queue';
