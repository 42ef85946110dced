-- The ratings per day, site, level and one dimension each: what a report reads when it filters or groups on the
-- counter only, the officer only or the procedure only (see RatingTable), instead of one row per combination of
-- all three in rating_daily. Backfilled from rating_daily; RatingRollup keeps them in step from here on.
CREATE TABLE rating_daily_counter (
    day     TEXT   NOT NULL,
    site_id TEXT   NOT NULL,
    counter TEXT   NOT NULL,
    level   TEXT   NOT NULL,
    ratings BIGINT NOT NULL,
    PRIMARY KEY (day, site_id, counter, level)
);

CREATE TABLE rating_daily_officer (
    day        TEXT   NOT NULL,
    site_id    TEXT   NOT NULL,
    officer_id TEXT   NOT NULL,
    level      TEXT   NOT NULL,
    ratings    BIGINT NOT NULL,
    PRIMARY KEY (day, site_id, officer_id, level)
);

CREATE TABLE rating_daily_procedure (
    day            TEXT   NOT NULL,
    site_id        TEXT   NOT NULL,
    procedure_code TEXT   NOT NULL,
    level          TEXT   NOT NULL,
    ratings        BIGINT NOT NULL,
    PRIMARY KEY (day, site_id, procedure_code, level)
);

INSERT INTO rating_daily_counter (day, site_id, counter, level, ratings)
SELECT day, site_id, counter, level, SUM(ratings) FROM rating_daily GROUP BY day, site_id, counter, level;

INSERT INTO rating_daily_officer (day, site_id, officer_id, level, ratings)
SELECT day, site_id, officer_id, level, SUM(ratings) FROM rating_daily GROUP BY day, site_id, officer_id, level;

INSERT INTO rating_daily_procedure (day, site_id, procedure_code, level, ratings)
SELECT day, site_id, procedure_code, level, SUM(ratings) FROM rating_daily
GROUP BY day, site_id, procedure_code, level;
