-- The counter side of a ticket. queue_service is the queue it waits in now (a transfer moves it; service keeps the
-- letter it was issued under, which its display and number belong to).
ALTER TABLE ticket ADD COLUMN queue_service   TEXT;
ALTER TABLE ticket ADD COLUMN counter         TEXT;
ALTER TABLE ticket ADD COLUMN officer_id      TEXT;
ALTER TABLE ticket ADD COLUMN called_at       TEXT;
ALTER TABLE ticket ADD COLUMN call_count      INTEGER NOT NULL DEFAULT 0;
-- Order of first calls across the kiosk: the priority rule looks at the most recent calls.
ALTER TABLE ticket ADD COLUMN call_seq        INTEGER;
ALTER TABLE ticket ADD COLUMN finished_at     TEXT;
ALTER TABLE ticket ADD COLUMN service_seconds INTEGER;
-- Whether the ticket came out of the printer; NULL while the print has not been tried.
ALTER TABLE ticket ADD COLUMN printed         INTEGER;
ALTER TABLE ticket ADD COLUMN print_problem   TEXT;

UPDATE ticket SET queue_service = service WHERE queue_service IS NULL;
CREATE INDEX ticket_queue ON ticket (service_day, status, queue_service, issued_at);
CREATE INDEX ticket_display ON ticket (service_day, display);

-- Finished services, newest last: the rolling average behind the estimated wait.
CREATE TABLE service_time (
    id              INTEGER PRIMARY KEY,
    service         TEXT    NOT NULL,
    seconds         INTEGER NOT NULL CHECK (seconds >= 0),
    finished_at     TEXT    NOT NULL
);
CREATE INDEX service_time_recent ON service_time (service, id);
