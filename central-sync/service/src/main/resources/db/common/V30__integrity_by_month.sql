-- The figures the integrity flags are made of, kept per site and month, so a report of whole months sums these rows
-- instead of reading every rating and the rated tickets' events. One row per officer and per kiosk of a site's
-- month (subject_id '' holds the ratings naming no officer, so the site's total is the sum of its rows): its ratings,
-- those at the top level, and how many of its ratings each per-rating flag marks. A background pass recomputes a
-- site's month from the events whenever integrity_due names it, and replaces its rows.
CREATE TABLE integrity_month (
    month                 TEXT   NOT NULL,
    site_id               TEXT   NOT NULL,
    subject               TEXT   NOT NULL,
    subject_id            TEXT   NOT NULL,
    ratings               BIGINT NOT NULL,
    top_level             BIGINT NOT NULL,
    burst                 BIGINT NOT NULL,
    never_served          BIGINT NOT NULL,
    rated_late            BIGINT NOT NULL,
    anonymous_over_served BIGINT NOT NULL,
    computed_at           BIGINT NOT NULL,
    PRIMARY KEY (month, site_id, subject, subject_id)
);

CREATE INDEX integrity_month_by_site ON integrity_month (site_id, month);

-- A site's month whose kept rows may be out of date: the rating and queue rollups mark it, in the transaction that
-- adds the events, for every site and month an event touches. marks counts the markings, so the pass deletes only
-- a row it has read unchanged.
CREATE TABLE integrity_due (
    site_id TEXT   NOT NULL,
    month   TEXT   NOT NULL,
    marks   BIGINT NOT NULL,
    PRIMARY KEY (site_id, month)
);

INSERT INTO integrity_due (site_id, month, marks)
SELECT DISTINCT site_id, substr(day, 1, 7), 1 FROM rating_daily_officer;
