-- Where each recent ticket stands, for its public page: waiting, called (at which counter), served or missed.
-- Kept by the ticket_page rollup from the ticket events; times are the kiosk's, in epoch milliseconds. Rows a few
-- days old are pruned. The rollup starts at the newest event stored: older tickets have no public page.
CREATE TABLE ticket_progress (
    ticket_id  TEXT   NOT NULL,
    site_id    TEXT   NOT NULL,
    kiosk_id   TEXT   NOT NULL,
    service    TEXT   NOT NULL,
    display    TEXT   NOT NULL,
    number     BIGINT,
    issued_at  BIGINT,
    state      TEXT   NOT NULL,
    counter    TEXT,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, site_id, kiosk_id)
);

CREATE INDEX ticket_progress_queue ON ticket_progress (site_id, kiosk_id, service, state, number);
CREATE INDEX ticket_progress_changed ON ticket_progress (changed_at);

INSERT INTO rollup_state (name, last_ingest_id) SELECT 'ticket_page', COALESCE(MAX(ingest_id), 0) FROM events;
