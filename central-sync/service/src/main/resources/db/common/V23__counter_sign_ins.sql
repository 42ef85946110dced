-- The officer's time signed in: one row per counter.signed_in or counter.signed_out event, in the kiosk's order
-- (seq). The officer's day report pairs them into signed-in intervals per officer and local day. Times are the
-- kiosk's, in epoch milliseconds; reason is null for a sign-in. The queue rollup fills this table in the same
-- transaction as officer_visits. No event of these types was stored before this version (a central without it
-- refused them into quarantine), so nothing is rolled up again.
CREATE TABLE counter_sign_ins (
    site_id    TEXT   NOT NULL,
    kiosk_id   TEXT   NOT NULL,
    event_id   TEXT   NOT NULL,
    seq        BIGINT NOT NULL,
    day        TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    counter    TEXT   NOT NULL,
    officer_id TEXT   NOT NULL,
    signed_in  BIGINT NOT NULL,
    reason     TEXT,
    PRIMARY KEY (site_id, kiosk_id, event_id)
);

CREATE INDEX counter_sign_ins_day ON counter_sign_ins (day, site_id, officer_id);
