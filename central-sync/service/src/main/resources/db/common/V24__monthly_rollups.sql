-- The same sums per month (YYYY-MM): the 766 satisfaction report covers whole months only, and summing a year of
-- daily rows for every site took over a minute. The rollups add to these in the same transaction as to the daily
-- tables. Keys lead with the month, as the daily tables' lead with the day: all sites' month is read in key order
-- and summed without sorting; one site's months are read through its index.
CREATE TABLE served_monthly_officer (
    site_id    TEXT   NOT NULL,
    month      TEXT   NOT NULL,
    officer_id TEXT   NOT NULL,
    served     BIGINT NOT NULL,
    PRIMARY KEY (month, site_id, officer_id)
);

CREATE TABLE served_monthly_counter (
    site_id TEXT   NOT NULL,
    month   TEXT   NOT NULL,
    counter TEXT   NOT NULL,
    served  BIGINT NOT NULL,
    PRIMARY KEY (month, site_id, counter)
);

CREATE TABLE rating_monthly_officer (
    site_id    TEXT   NOT NULL,
    month      TEXT   NOT NULL,
    officer_id TEXT   NOT NULL,
    level      TEXT   NOT NULL,
    ratings    BIGINT NOT NULL,
    PRIMARY KEY (month, site_id, officer_id, level)
);

CREATE TABLE rating_monthly_counter (
    site_id TEXT   NOT NULL,
    month   TEXT   NOT NULL,
    counter TEXT   NOT NULL,
    level   TEXT   NOT NULL,
    ratings BIGINT NOT NULL,
    PRIMARY KEY (month, site_id, counter, level)
);

CREATE TABLE rating_monthly_procedure (
    site_id        TEXT   NOT NULL,
    month          TEXT   NOT NULL,
    procedure_code TEXT   NOT NULL,
    level          TEXT   NOT NULL,
    ratings        BIGINT NOT NULL,
    PRIMARY KEY (month, site_id, procedure_code, level)
);

CREATE INDEX served_monthly_officer_by_site ON served_monthly_officer (site_id, month);
CREATE INDEX served_monthly_counter_by_site ON served_monthly_counter (site_id, month);
CREATE INDEX rating_monthly_officer_by_site ON rating_monthly_officer (site_id, month);
CREATE INDEX rating_monthly_counter_by_site ON rating_monthly_counter (site_id, month);
CREATE INDEX rating_monthly_procedure_by_site ON rating_monthly_procedure (site_id, month);

INSERT INTO served_monthly_officer (site_id, month, officer_id, served)
SELECT site_id, substr(day, 1, 7), officer_id, SUM(served) FROM served_daily
GROUP BY site_id, substr(day, 1, 7), officer_id;

INSERT INTO served_monthly_counter (site_id, month, counter, served)
SELECT site_id, substr(day, 1, 7), counter, SUM(served) FROM served_daily
GROUP BY site_id, substr(day, 1, 7), counter;

INSERT INTO rating_monthly_officer (site_id, month, officer_id, level, ratings)
SELECT site_id, substr(day, 1, 7), officer_id, level, SUM(ratings) FROM rating_daily_officer
GROUP BY site_id, substr(day, 1, 7), officer_id, level;

INSERT INTO rating_monthly_counter (site_id, month, counter, level, ratings)
SELECT site_id, substr(day, 1, 7), counter, level, SUM(ratings) FROM rating_daily_counter
GROUP BY site_id, substr(day, 1, 7), counter, level;

INSERT INTO rating_monthly_procedure (site_id, month, procedure_code, level, ratings)
SELECT site_id, substr(day, 1, 7), procedure_code, level, SUM(ratings) FROM rating_daily_procedure
GROUP BY site_id, substr(day, 1, 7), procedure_code, level;
