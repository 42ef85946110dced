-- Ratings pre-aggregated per local day (Asia/Ho_Chi_Minh) and dimension, so a month's report reads at most
-- days x dimensions x levels rows however many ratings there were. Filled by RatingRollup from the events table,
-- behind the watermark in rollup_state; empty dimensions are stored as '' so they take part in the key.
CREATE TABLE rating_daily (
    day            TEXT   NOT NULL,
    site_id        TEXT   NOT NULL,
    counter        TEXT   NOT NULL,
    officer_id     TEXT   NOT NULL,
    procedure_code TEXT   NOT NULL,
    level          TEXT   NOT NULL,
    ratings        BIGINT NOT NULL,
    PRIMARY KEY (day, site_id, counter, officer_id, procedure_code, level)
);

CREATE TABLE low_ratings (
    event_id       TEXT PRIMARY KEY,
    day            TEXT NOT NULL,
    at             TEXT NOT NULL,
    site_id        TEXT NOT NULL,
    kiosk_id       TEXT NOT NULL,
    counter        TEXT NOT NULL,
    officer_id     TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    level          TEXT NOT NULL,
    reasons        TEXT NOT NULL,
    comment        TEXT
);

CREATE INDEX low_ratings_day ON low_ratings (day);

CREATE TABLE rollup_state (
    name            TEXT PRIMARY KEY,
    last_ingest_id  BIGINT NOT NULL
);

INSERT INTO rollup_state (name, last_ingest_id) VALUES ('ratings', 0);
