-- Queue figures per local day: tickets issued per service (counter ''), tickets served, no-shows and service time
-- per counter (service ''), from ticket events behind their own watermark.
CREATE TABLE queue_daily (
    day             TEXT   NOT NULL,
    site_id         TEXT   NOT NULL,
    service         TEXT   NOT NULL,
    counter         TEXT   NOT NULL,
    issued          BIGINT NOT NULL,
    served          BIGINT NOT NULL,
    no_shows        BIGINT NOT NULL,
    service_seconds BIGINT NOT NULL,
    PRIMARY KEY (day, site_id, service, counter)
);

INSERT INTO rollup_state (name, last_ingest_id) VALUES ('queue', 0);
