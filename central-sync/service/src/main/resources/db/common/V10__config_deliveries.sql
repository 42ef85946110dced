-- the newest site configuration version sent to each kiosk, and when: a kiosk that keeps reporting an older one
-- (one that refuses its signature, say) is sent it again at most once per resend interval, never in a loop
CREATE TABLE config_deliveries (
    kiosk_id TEXT PRIMARY KEY,
    site_id  TEXT   NOT NULL,
    version  BIGINT NOT NULL,
    sent_at  BIGINT NOT NULL
);
