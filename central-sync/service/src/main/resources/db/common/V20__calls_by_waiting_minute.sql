-- Calls per local day, site, service, counter and waiting minute, for the share of tickets that waited longer than
-- their service's target: a first call after w seconds (issue to first call, as queue_daily.wait_seconds counts it)
-- is counted under minute ceil(w / 60), so "longer than T minutes" is the calls under minutes above T for any whole
-- T, whatever target a site sets later. Waits above 481 minutes count under 481, past every allowed target. Filled
-- by the queue rollup in the same transaction as queue_daily.
CREATE TABLE calls_by_wait_minute (
    day     TEXT    NOT NULL,
    site_id TEXT    NOT NULL,
    service TEXT    NOT NULL,
    counter TEXT    NOT NULL,
    minute  INTEGER NOT NULL,
    called  BIGINT  NOT NULL,
    PRIMARY KEY (day, site_id, service, counter, minute)
);

-- roll the queue figures up again from the stored ticket events, so the days before this version have their waits
-- by minute; the remembered tickets go too, or every first call would be read as a recall
DELETE FROM queue_daily;
DELETE FROM served_daily;
DELETE FROM queue_open_tickets;
DELETE FROM officer_visits;
UPDATE rollup_state SET last_ingest_id = 0 WHERE name = 'queue';
