-- Tickets served per local day, site, counter, officer and service: what the satisfaction report after Decision
-- 766/QĐ-TTg divides by, per officer as well as per counter. queue_daily has no officer, so the queue rollup now
-- fills this table too, in the same transaction.
CREATE TABLE served_daily (
    day        TEXT   NOT NULL,
    site_id    TEXT   NOT NULL,
    counter    TEXT   NOT NULL,
    officer_id TEXT   NOT NULL,
    service    TEXT   NOT NULL,
    served     BIGINT NOT NULL,
    PRIMARY KEY (day, site_id, counter, officer_id, service)
);

-- roll the queue figures up again from the stored ticket events, so the days before this version have their
-- officers; the remembered tickets go too, or every first call would be read as a recall
DELETE FROM queue_daily;
DELETE FROM queue_open_tickets;
UPDATE rollup_state SET last_ingest_id = 0 WHERE name = 'queue';
