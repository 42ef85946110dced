-- One reading per kiosk and five minutes (the last one of the bucket wins), for the kiosk page's 24-hour charts.
CREATE TABLE telemetry_history (
    kiosk_id          TEXT   NOT NULL,
    bucket            BIGINT NOT NULL,
    cpu_temperature_c DOUBLE PRECISION,
    disk_percent      DOUBLE PRECISION,
    load1             DOUBLE PRECISION,
    outbox_backlog    BIGINT NOT NULL,
    PRIMARY KEY (kiosk_id, bucket)
);

CREATE INDEX telemetry_history_bucket ON telemetry_history (bucket);
