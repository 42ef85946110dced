-- A kiosk is the pair (site_id, kiosk_id) everywhere: two sites may both have a kiosk-01. An event is stored once per
-- event id, and several events may carry the same sequence number (a kiosk's database restored from an old copy
-- numbers from an earlier point again: both histories are kept). kiosk_seqs says which numbers central holds for each
-- kiosk, and with which event first: the contiguous sequence that acks report is counted over it. An event the
-- database refuses is kept whole in quarantine, and its number is held too.

-- 1. the numbers central holds, from the stored events and from those kept aside as conflicts
CREATE TABLE kiosk_seqs (
    site_id  TEXT   NOT NULL,
    kiosk_id TEXT   NOT NULL,
    seq      BIGINT NOT NULL,
    event_id TEXT   NOT NULL,
    PRIMARY KEY (site_id, kiosk_id, seq)
);

INSERT INTO kiosk_seqs (site_id, kiosk_id, seq, event_id)
SELECT site_id, kiosk_id, seq, event_id::text FROM events ORDER BY ingest_id
ON CONFLICT DO NOTHING;

INSERT INTO kiosk_seqs (site_id, kiosk_id, seq, event_id)
SELECT site_id, kiosk_id, seq, event_id FROM event_conflicts ORDER BY received_at
ON CONFLICT DO NOTHING;

-- 2. events: one row per (site, kiosk, event id). An event stored twice under two numbers (a renumbered resend)
-- keeps its newest row.
CREATE TEMPORARY TABLE events_dropped_v14 AS
SELECT ingest_id FROM events
WHERE ingest_id NOT IN (SELECT MAX(ingest_id) FROM events GROUP BY site_id, kiosk_id, event_id);

DELETE FROM events WHERE ingest_id IN (SELECT ingest_id FROM events_dropped_v14);

ALTER TABLE events DROP CONSTRAINT events_kiosk_id_seq_key;
ALTER TABLE events ADD CONSTRAINT events_site_kiosk_event_key UNIQUE (site_id, kiosk_id, event_id);

-- Events held aside in event_conflicts were events of another history of a kiosk, or of another site's kiosk with the
-- same id: they are events like any other and count in reports. Their boot and uptime were not kept.
INSERT INTO events (site_id, kiosk_id, seq, event_id, type, at, clock_synced, boot_id, uptime_ms, data, received_at)
SELECT c.site_id, c.kiosk_id, c.seq, c.event_id::uuid, c.type, c.at, FALSE, '', 0, c.data::jsonb,
       c.received_at::timestamptz
FROM event_conflicts c ORDER BY c.received_at
ON CONFLICT (site_id, kiosk_id, event_id) DO NOTHING;

-- events counted twice by the rollups: figure everything again from the events
DELETE FROM rating_daily WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DELETE FROM rating_daily_site WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DELETE FROM rating_daily_counter WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DELETE FROM rating_daily_officer WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DELETE FROM rating_daily_procedure WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DELETE FROM low_ratings WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DELETE FROM queue_daily WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DELETE FROM queue_open_tickets WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
UPDATE rollup_state SET last_ingest_id = 0 WHERE EXISTS (SELECT 1 FROM events_dropped_v14);
DROP TABLE events_dropped_v14;

-- 3. conflicts: now only a record of which event arrived under a number held by which (the events are stored);
-- rows that named another site's event were no conflict at all
DELETE FROM event_conflicts c
WHERE NOT EXISTS (SELECT 1 FROM events e
                  WHERE e.site_id = c.site_id AND e.kiosk_id = c.kiosk_id AND e.event_id::text = c.held_event_id);
ALTER TABLE event_conflicts DROP CONSTRAINT event_conflicts_pkey;
ALTER TABLE event_conflicts DROP COLUMN type, DROP COLUMN at, DROP COLUMN data;
ALTER TABLE event_conflicts ADD PRIMARY KEY (site_id, kiosk_id, event_id);

-- 4. kiosks, with their progress counted again per site
ALTER TABLE kiosks DROP CONSTRAINT kiosks_pkey;
ALTER TABLE kiosks ADD PRIMARY KEY (site_id, kiosk_id);

INSERT INTO kiosks (site_id, kiosk_id) SELECT DISTINCT site_id, kiosk_id FROM kiosk_seqs ON CONFLICT DO NOTHING;

-- the contiguous sequence ends at the first held number whose successor is not held (0 when 1 is not held)
UPDATE kiosks k SET
    last_seq = COALESCE((SELECT MAX(s.seq) FROM kiosk_seqs s WHERE s.site_id = k.site_id AND s.kiosk_id = k.kiosk_id),
                        0),
    contiguous_seq = CASE WHEN EXISTS (SELECT 1 FROM kiosk_seqs s WHERE s.site_id = k.site_id
                                           AND s.kiosk_id = k.kiosk_id AND s.seq = 1)
        THEN (SELECT MIN(s.seq) FROM kiosk_seqs s
              WHERE s.site_id = k.site_id AND s.kiosk_id = k.kiosk_id AND s.seq >= 1
                AND NOT EXISTS (SELECT 1 FROM kiosk_seqs n WHERE n.site_id = s.site_id AND n.kiosk_id = s.kiosk_id
                                    AND n.seq = s.seq + 1))
        ELSE 0 END;

-- 5. telemetry; the history did not name the site: it takes the site of the kiosk's latest reading
ALTER TABLE kiosk_telemetry DROP CONSTRAINT kiosk_telemetry_pkey;
ALTER TABLE kiosk_telemetry ADD PRIMARY KEY (site_id, kiosk_id);

ALTER TABLE telemetry_history ADD COLUMN site_id TEXT NOT NULL DEFAULT '';
UPDATE telemetry_history h SET site_id = t.site_id FROM kiosk_telemetry t WHERE t.kiosk_id = h.kiosk_id;
ALTER TABLE telemetry_history ALTER COLUMN site_id DROP DEFAULT;
ALTER TABLE telemetry_history DROP CONSTRAINT telemetry_history_pkey;
ALTER TABLE telemetry_history ADD PRIMARY KEY (site_id, kiosk_id, bucket);

-- 6. alerts: one open alert per site, kiosk and kind
UPDATE alerts SET open_key = site_id || ':' || kiosk_id || ':' || kind WHERE open_key IS NOT NULL;
CREATE INDEX alerts_kiosk ON alerts (site_id, kiosk_id, raised_at);

-- 7. commands are listed per site and kiosk
DROP INDEX commands_kiosk;
CREATE INDEX commands_kiosk ON commands (site_id, kiosk_id, issued_at);

-- 8. configuration deliveries
ALTER TABLE config_deliveries DROP CONSTRAINT config_deliveries_pkey;
ALTER TABLE config_deliveries ADD PRIMARY KEY (site_id, kiosk_id);

-- 9. the queue rollup's open tickets
ALTER TABLE queue_open_tickets DROP CONSTRAINT queue_open_tickets_pkey;
ALTER TABLE queue_open_tickets ADD PRIMARY KEY (site_id, kiosk_id, ticket_id);

-- 10. events the database refused, kept whole (raw: the event's JSON as the protocol writes it, as text, which takes
-- any JSON; only jsonb refuses some) until an operator admits them again; times in epoch milliseconds
CREATE TABLE quarantine (
    id              TEXT    PRIMARY KEY,
    site_id         TEXT    NOT NULL,
    kiosk_id        TEXT    NOT NULL,
    seq             BIGINT  NOT NULL,
    event_id        TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    raw             TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    quarantined_at  BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL,
    last_attempt_at BIGINT  NOT NULL,
    UNIQUE (site_id, kiosk_id, event_id)
);

CREATE INDEX quarantine_newest ON quarantine (quarantined_at);
