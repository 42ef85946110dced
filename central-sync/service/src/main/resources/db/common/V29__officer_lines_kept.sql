-- The officer's day of all sites, kept: each site's lines of a day, ISO week ('2026-W45') or month ('2026-11') as
-- computed by the one-site report, a JSON array of arrays (OfficerLineCodec), with the time the computation began.
-- A site's period without lines keeps '[]'. Medians and percentiles cannot be summed across days, so a period is
-- recomputed whole from officer_visits, counter_sign_ins and rating_daily_officer whenever one of its days changes.
CREATE TABLE officer_lines_kept (
    kind        TEXT   NOT NULL,
    period      TEXT   NOT NULL,
    site_id     TEXT   NOT NULL,
    computed_at BIGINT NOT NULL,
    lines       TEXT   NOT NULL,
    PRIMARY KEY (kind, period, site_id)
);

-- The site's local days whose kept lines are out of date: the queue and rating rollups mark every site and day they
-- touch in the same transaction as their daily rows; each marking of a day already due counts its version up, so the
-- refresher deletes only the markings it read. marked_at is the first marking, for the oldest to be refreshed first.
CREATE TABLE officer_lines_due (
    site_id   TEXT   NOT NULL,
    day       TEXT   NOT NULL,
    marked_at BIGINT NOT NULL,
    version   BIGINT NOT NULL,
    PRIMARY KEY (site_id, day)
);

CREATE INDEX officer_lines_due_day ON officer_lines_due (day, site_id);

-- every site and day rolled up before this version is due, so existing data gets kept lines after the upgrade
INSERT INTO officer_lines_due (site_id, day, marked_at, version)
SELECT site_id, day, 0, 1 FROM (
    SELECT site_id, day FROM officer_visits
    UNION SELECT site_id, day FROM counter_sign_ins
    UNION SELECT site_id, day FROM rating_daily_officer
) touched;
