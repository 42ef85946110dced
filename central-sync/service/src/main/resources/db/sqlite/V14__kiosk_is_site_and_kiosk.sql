-- A kiosk is the pair (site_id, kiosk_id) everywhere: two sites may both have a kiosk-01. An event is stored once per
-- event id, and several events may carry the same sequence number (a kiosk's database restored from an old copy
-- numbers from an earlier point again: both histories are kept). kiosk_seqs says which numbers central holds for each
-- kiosk, and with which event first: the contiguous sequence that acks report is counted over it. An event the
-- database refuses is kept whole in quarantine, and its number is held too. SQLite changes a key by rebuilding the
-- table; ingest_id values are kept, so the rollups' watermarks stay valid.

-- 1. the numbers central holds, from the stored events and from those kept aside as conflicts
CREATE TABLE kiosk_seqs (
    site_id  TEXT    NOT NULL,
    kiosk_id TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    event_id TEXT    NOT NULL,
    PRIMARY KEY (site_id, kiosk_id, seq)
);

INSERT OR IGNORE INTO kiosk_seqs (site_id, kiosk_id, seq, event_id)
SELECT site_id, kiosk_id, seq, event_id FROM events ORDER BY ingest_id;

INSERT OR IGNORE INTO kiosk_seqs (site_id, kiosk_id, seq, event_id)
SELECT site_id, kiosk_id, seq, event_id FROM event_conflicts ORDER BY received_at;

-- 2. events: one row per (site, kiosk, event id). An event stored twice under two numbers (a renumbered resend)
-- keeps its newest row, so the highest ingest_id stays in use and is never handed out again.
CREATE TABLE events_dropped_v14 AS
SELECT ingest_id FROM events
WHERE ingest_id NOT IN (SELECT MAX(ingest_id) FROM events GROUP BY site_id, kiosk_id, event_id);

CREATE TABLE events_v14 (
    ingest_id    INTEGER PRIMARY KEY,
    site_id      TEXT    NOT NULL,
    kiosk_id     TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    event_id     TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    clock_synced INTEGER NOT NULL,
    boot_id      TEXT    NOT NULL,
    uptime_ms    INTEGER NOT NULL,
    data         TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    UNIQUE (site_id, kiosk_id, event_id)
);

INSERT INTO events_v14 (ingest_id, site_id, kiosk_id, seq, event_id, type, at, clock_synced, boot_id, uptime_ms,
                        data, received_at)
SELECT ingest_id, site_id, kiosk_id, seq, event_id, type, at, clock_synced, boot_id, uptime_ms, data, received_at
FROM events WHERE ingest_id NOT IN (SELECT ingest_id FROM events_dropped_v14);

-- Events held aside in event_conflicts were events of another history of a kiosk, or of another site's kiosk with the
-- same id: they are events like any other and count in reports. Their boot and uptime were not kept.
INSERT INTO events_v14 (site_id, kiosk_id, seq, event_id, type, at, clock_synced, boot_id, uptime_ms, data,
                        received_at)
SELECT c.site_id, c.kiosk_id, c.seq, c.event_id, c.type, c.at, 0, '', 0, c.data,
       strftime('%Y-%m-%dT%H:%M:%fZ', c.received_at)
FROM event_conflicts c
WHERE NOT EXISTS (SELECT 1 FROM events_v14 e
                  WHERE e.site_id = c.site_id AND e.kiosk_id = c.kiosk_id AND e.event_id = c.event_id)
ORDER BY c.received_at;

DROP TABLE events;
ALTER TABLE events_v14 RENAME TO events;
CREATE INDEX events_type ON events (type);

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
CREATE TABLE event_conflicts_v14 (
    site_id       TEXT    NOT NULL,
    kiosk_id      TEXT    NOT NULL,
    event_id      TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    held_event_id TEXT    NOT NULL,
    received_at   TEXT    NOT NULL,
    PRIMARY KEY (site_id, kiosk_id, event_id)
);

INSERT INTO event_conflicts_v14 (site_id, kiosk_id, event_id, seq, held_event_id, received_at)
SELECT c.site_id, c.kiosk_id, c.event_id, c.seq, c.held_event_id, c.received_at FROM event_conflicts c
WHERE EXISTS (SELECT 1 FROM events e
              WHERE e.site_id = c.site_id AND e.kiosk_id = c.kiosk_id AND e.event_id = c.held_event_id);

DROP TABLE event_conflicts;
ALTER TABLE event_conflicts_v14 RENAME TO event_conflicts;

-- 4. kiosks, with their progress counted again per site
CREATE TABLE kiosks_v14 (
    site_id        TEXT    NOT NULL,
    kiosk_id       TEXT    NOT NULL,
    contiguous_seq INTEGER NOT NULL DEFAULT 0,
    last_seq       INTEGER NOT NULL DEFAULT 0,
    last_seen      TEXT,
    online         INTEGER NOT NULL DEFAULT 0,
    version        TEXT,
    boot_id        TEXT,
    status_since   TEXT,
    PRIMARY KEY (site_id, kiosk_id)
);

INSERT INTO kiosks_v14 (site_id, kiosk_id, last_seen, online, version, boot_id, status_since)
SELECT site_id, kiosk_id, last_seen, online, version, boot_id, status_since FROM kiosks;

INSERT OR IGNORE INTO kiosks_v14 (site_id, kiosk_id) SELECT DISTINCT site_id, kiosk_id FROM kiosk_seqs;

-- the contiguous sequence ends at the first held number whose successor is not held (0 when 1 is not held)
UPDATE kiosks_v14 SET
    last_seq = COALESCE((SELECT MAX(s.seq) FROM kiosk_seqs s
                         WHERE s.site_id = kiosks_v14.site_id AND s.kiosk_id = kiosks_v14.kiosk_id), 0),
    contiguous_seq = CASE WHEN EXISTS (SELECT 1 FROM kiosk_seqs s WHERE s.site_id = kiosks_v14.site_id
                                           AND s.kiosk_id = kiosks_v14.kiosk_id AND s.seq = 1)
        THEN (SELECT MIN(s.seq) FROM kiosk_seqs s
              WHERE s.site_id = kiosks_v14.site_id AND s.kiosk_id = kiosks_v14.kiosk_id AND s.seq >= 1
                AND NOT EXISTS (SELECT 1 FROM kiosk_seqs n WHERE n.site_id = s.site_id AND n.kiosk_id = s.kiosk_id
                                    AND n.seq = s.seq + 1))
        ELSE 0 END;

DROP TABLE kiosks;
ALTER TABLE kiosks_v14 RENAME TO kiosks;

-- 5. telemetry
CREATE TABLE kiosk_telemetry_v14 (
    site_id           TEXT   NOT NULL,
    kiosk_id          TEXT   NOT NULL,
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
    config_version    BIGINT,
    PRIMARY KEY (site_id, kiosk_id)
);

INSERT INTO kiosk_telemetry_v14 (site_id, kiosk_id, received_at, at, cpu_temperature_c, load1, memory_used,
                                 memory_total, disk_used, disk_total, printer, queue_lengths, outbox_backlog,
                                 previous_backlog, last_ack_seq, config_version)
SELECT site_id, kiosk_id, received_at, at, cpu_temperature_c, load1, memory_used, memory_total, disk_used, disk_total,
       printer, queue_lengths, outbox_backlog, previous_backlog, last_ack_seq, config_version
FROM kiosk_telemetry;

-- the history did not name the site: it takes the site of the kiosk's latest reading
CREATE TABLE telemetry_history_v14 (
    site_id           TEXT   NOT NULL,
    kiosk_id          TEXT   NOT NULL,
    bucket            BIGINT NOT NULL,
    cpu_temperature_c DOUBLE PRECISION,
    disk_percent      DOUBLE PRECISION,
    load1             DOUBLE PRECISION,
    outbox_backlog    BIGINT NOT NULL,
    PRIMARY KEY (site_id, kiosk_id, bucket)
);

INSERT OR IGNORE INTO telemetry_history_v14 (site_id, kiosk_id, bucket, cpu_temperature_c, disk_percent, load1,
                                             outbox_backlog)
SELECT COALESCE((SELECT t.site_id FROM kiosk_telemetry t WHERE t.kiosk_id = h.kiosk_id), ''), h.kiosk_id, h.bucket,
       h.cpu_temperature_c, h.disk_percent, h.load1, h.outbox_backlog
FROM telemetry_history h;

DROP TABLE kiosk_telemetry;
ALTER TABLE kiosk_telemetry_v14 RENAME TO kiosk_telemetry;
DROP TABLE telemetry_history;
ALTER TABLE telemetry_history_v14 RENAME TO telemetry_history;
CREATE INDEX telemetry_history_bucket ON telemetry_history (bucket);

-- 6. alerts: one open alert per site, kiosk and kind
UPDATE alerts SET open_key = site_id || ':' || kiosk_id || ':' || kind WHERE open_key IS NOT NULL;
CREATE INDEX alerts_kiosk ON alerts (site_id, kiosk_id, raised_at);

-- 7. commands are listed per site and kiosk
DROP INDEX commands_kiosk;
CREATE INDEX commands_kiosk ON commands (site_id, kiosk_id, issued_at);

-- 8. configuration deliveries
CREATE TABLE config_deliveries_v14 (
    site_id  TEXT   NOT NULL,
    kiosk_id TEXT   NOT NULL,
    version  BIGINT NOT NULL,
    sent_at  BIGINT NOT NULL,
    PRIMARY KEY (site_id, kiosk_id)
);

INSERT INTO config_deliveries_v14 (site_id, kiosk_id, version, sent_at)
SELECT site_id, kiosk_id, version, sent_at FROM config_deliveries;

DROP TABLE config_deliveries;
ALTER TABLE config_deliveries_v14 RENAME TO config_deliveries;

-- 9. the queue rollup's open tickets
CREATE TABLE queue_open_tickets_v14 (
    site_id          TEXT   NOT NULL,
    kiosk_id         TEXT   NOT NULL,
    ticket_id        TEXT   NOT NULL,
    service          TEXT   NOT NULL,
    issued_at        BIGINT,
    issued_boot_id   TEXT,
    issued_uptime_ms BIGINT,
    called_at        BIGINT,
    touched_at       BIGINT NOT NULL,
    PRIMARY KEY (site_id, kiosk_id, ticket_id)
);

INSERT INTO queue_open_tickets_v14 (site_id, kiosk_id, ticket_id, service, issued_at, issued_boot_id,
                                    issued_uptime_ms, called_at, touched_at)
SELECT site_id, kiosk_id, ticket_id, service, issued_at, issued_boot_id, issued_uptime_ms, called_at, touched_at
FROM queue_open_tickets;

DROP TABLE queue_open_tickets;
ALTER TABLE queue_open_tickets_v14 RENAME TO queue_open_tickets;
CREATE INDEX queue_open_tickets_touched ON queue_open_tickets (touched_at);

-- 10. events the database refused, kept whole (raw: the event's JSON as the protocol writes it) until an operator
-- admits them again; times in epoch milliseconds
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
