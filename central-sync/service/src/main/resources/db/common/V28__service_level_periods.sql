-- The service-level report over all sites reads one line per site and service for a month (2026-11), a quarter
-- (2026-Q4) or a year (2026), named as the 766 report's periods are: reading every site's days and counters took
-- 11 s for a month. The queue rollup adds each day's counter rows of queue_daily (counter <> '') and its first calls
-- per waiting minute to the day's three periods in the same transaction as to the daily tables. The waits over target
-- are counted from the minutes when the report is read, so a target set later still applies to past periods.
CREATE TABLE service_level_period (
    period   TEXT   NOT NULL,
    site_id  TEXT   NOT NULL,
    service  TEXT   NOT NULL,
    called   BIGINT NOT NULL DEFAULT 0,
    served   BIGINT NOT NULL DEFAULT 0,
    no_shows BIGINT NOT NULL DEFAULT 0,
    waited   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, site_id, service)
);

CREATE TABLE calls_by_wait_period (
    period  TEXT    NOT NULL,
    site_id TEXT    NOT NULL,
    service TEXT    NOT NULL,
    minute  INTEGER NOT NULL,
    called  BIGINT  NOT NULL,
    PRIMARY KEY (period, site_id, service, minute)
);

INSERT INTO service_level_period (period, site_id, service, called, served, no_shows, waited)
SELECT substr(day, 1, 7), site_id, service, SUM(called), SUM(served), SUM(no_shows), SUM(waited)
FROM queue_daily WHERE counter <> ''
GROUP BY substr(day, 1, 7), site_id, service;

INSERT INTO service_level_period (period, site_id, service, called, served, no_shows, waited)
SELECT substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, service,
       SUM(called), SUM(served), SUM(no_shows), SUM(waited)
FROM service_level_period WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, service;

INSERT INTO service_level_period (period, site_id, service, called, served, no_shows, waited)
SELECT substr(period, 1, 4), site_id, service, SUM(called), SUM(served), SUM(no_shows), SUM(waited)
FROM service_level_period WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4), site_id, service;

INSERT INTO calls_by_wait_period (period, site_id, service, minute, called)
SELECT substr(day, 1, 7), site_id, service, minute, SUM(called)
FROM calls_by_wait_minute WHERE counter <> ''
GROUP BY substr(day, 1, 7), site_id, service, minute;

INSERT INTO calls_by_wait_period (period, site_id, service, minute, called)
SELECT substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, service, minute,
       SUM(called)
FROM calls_by_wait_period WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, service, minute;

INSERT INTO calls_by_wait_period (period, site_id, service, minute, called)
SELECT substr(period, 1, 4), site_id, service, minute, SUM(called)
FROM calls_by_wait_period WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4), site_id, service, minute;
