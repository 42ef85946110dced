-- The same ratings per day, site and level only: what a report without counter, officer or procedure reads
-- (a month of every site is then days x sites x levels rows instead of one row per dimension combination).
CREATE TABLE rating_daily_site (
    day     TEXT   NOT NULL,
    site_id TEXT   NOT NULL,
    level   TEXT   NOT NULL,
    ratings BIGINT NOT NULL,
    PRIMARY KEY (day, site_id, level)
);

INSERT INTO rating_daily_site (day, site_id, level, ratings)
SELECT day, site_id, level, SUM(ratings) FROM rating_daily GROUP BY day, site_id, level;
