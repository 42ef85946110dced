-- Alerts about a kiosk's queue name what they are about: the service (a long wait, a long queue) or the counter (an
-- idle counter). open_key then ends in ':' and the subject, so one alert stays open per kiosk, kind and subject;
-- the kiosk's own alerts keep no subject and their keys as they were.
ALTER TABLE alerts ADD COLUMN subject TEXT;

-- The counters signed in on each kiosk's counter console, as its latest telemetry says; since: when central first
-- saw the counter signed in, seen_at: the latest telemetry that said so (central's clock, epoch milliseconds).
CREATE TABLE counters_signed_in (
    site_id  TEXT   NOT NULL,
    kiosk_id TEXT   NOT NULL,
    counter  TEXT   NOT NULL,
    since    BIGINT NOT NULL,
    seen_at  BIGINT NOT NULL,
    PRIMARY KEY (site_id, kiosk_id, counter)
);

-- the queue alerts read the waiting tickets of every kiosk every few seconds
CREATE INDEX ticket_progress_waiting ON ticket_progress (state, issued_at);
