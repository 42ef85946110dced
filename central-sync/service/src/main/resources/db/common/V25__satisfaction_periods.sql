-- The 766 report's sums per period, as the report is asked for them: a month (2026-11), a quarter (2026-Q4) and a
-- year (2026). One row per site and officer, counter or procedure, one column per rating level: a report of any
-- period reads one row per line and sums nothing (summing twelve months of one row per level for all 1,200 sites
-- took seconds). The rollups add each day's counts to its three periods in the same transaction as to the daily
-- tables. These replace the monthly tables of V24, which they are back-filled from.

CREATE TABLE satisfaction_officer (
    period             TEXT   NOT NULL,
    site_id            TEXT   NOT NULL,
    officer_id         TEXT   NOT NULL,
    served             BIGINT NOT NULL DEFAULT 0,
    very_satisfied     BIGINT NOT NULL DEFAULT 0,
    satisfied          BIGINT NOT NULL DEFAULT 0,
    neutral            BIGINT NOT NULL DEFAULT 0,
    dissatisfied       BIGINT NOT NULL DEFAULT 0,
    very_dissatisfied  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, site_id, officer_id)
);

CREATE TABLE satisfaction_counter (
    period             TEXT   NOT NULL,
    site_id            TEXT   NOT NULL,
    counter            TEXT   NOT NULL,
    served             BIGINT NOT NULL DEFAULT 0,
    very_satisfied     BIGINT NOT NULL DEFAULT 0,
    satisfied          BIGINT NOT NULL DEFAULT 0,
    neutral            BIGINT NOT NULL DEFAULT 0,
    dissatisfied       BIGINT NOT NULL DEFAULT 0,
    very_dissatisfied  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, site_id, counter)
);

CREATE TABLE satisfaction_procedure (
    period             TEXT   NOT NULL,
    site_id            TEXT   NOT NULL,
    procedure_code     TEXT   NOT NULL,
    very_satisfied     BIGINT NOT NULL DEFAULT 0,
    satisfied          BIGINT NOT NULL DEFAULT 0,
    neutral            BIGINT NOT NULL DEFAULT 0,
    dissatisfied       BIGINT NOT NULL DEFAULT 0,
    very_dissatisfied  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, site_id, procedure_code)
);

INSERT INTO satisfaction_officer (period, site_id, officer_id, served, very_satisfied, satisfied, neutral,
       dissatisfied, very_dissatisfied)
SELECT month, site_id, officer_id, SUM(served), SUM(very_satisfied), SUM(satisfied), SUM(neutral), SUM(dissatisfied),
       SUM(very_dissatisfied) FROM (
    SELECT month, site_id, officer_id, served, 0 AS very_satisfied, 0 AS satisfied, 0 AS neutral, 0 AS dissatisfied,
           0 AS very_dissatisfied
    FROM served_monthly_officer
    UNION ALL
    SELECT month, site_id, officer_id, 0,
           CASE WHEN level = 'very_satisfied' THEN ratings ELSE 0 END AS very_satisfied,
           CASE WHEN level = 'satisfied' THEN ratings ELSE 0 END AS satisfied,
           CASE WHEN level = 'neutral' THEN ratings ELSE 0 END AS neutral,
           CASE WHEN level = 'dissatisfied' THEN ratings ELSE 0 END AS dissatisfied,
           CASE WHEN level = 'very_dissatisfied' THEN ratings ELSE 0 END AS very_dissatisfied
    FROM rating_monthly_officer
) m
GROUP BY month, site_id, officer_id;

INSERT INTO satisfaction_officer (period, site_id, officer_id, served, very_satisfied, satisfied, neutral,
       dissatisfied, very_dissatisfied)
SELECT substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, officer_id,
       SUM(served), SUM(very_satisfied), SUM(satisfied), SUM(neutral), SUM(dissatisfied), SUM(very_dissatisfied)
FROM satisfaction_officer WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, officer_id;

INSERT INTO satisfaction_officer (period, site_id, officer_id, served, very_satisfied, satisfied, neutral,
       dissatisfied, very_dissatisfied)
SELECT substr(period, 1, 4), site_id, officer_id, SUM(served), SUM(very_satisfied), SUM(satisfied), SUM(neutral),
       SUM(dissatisfied), SUM(very_dissatisfied)
FROM satisfaction_officer WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4), site_id, officer_id;

INSERT INTO satisfaction_counter (period, site_id, counter, served, very_satisfied, satisfied, neutral, dissatisfied,
       very_dissatisfied)
SELECT month, site_id, counter, SUM(served), SUM(very_satisfied), SUM(satisfied), SUM(neutral), SUM(dissatisfied),
       SUM(very_dissatisfied) FROM (
    SELECT month, site_id, counter, served, 0 AS very_satisfied, 0 AS satisfied, 0 AS neutral, 0 AS dissatisfied,
           0 AS very_dissatisfied
    FROM served_monthly_counter
    UNION ALL
    SELECT month, site_id, counter, 0,
           CASE WHEN level = 'very_satisfied' THEN ratings ELSE 0 END AS very_satisfied,
           CASE WHEN level = 'satisfied' THEN ratings ELSE 0 END AS satisfied,
           CASE WHEN level = 'neutral' THEN ratings ELSE 0 END AS neutral,
           CASE WHEN level = 'dissatisfied' THEN ratings ELSE 0 END AS dissatisfied,
           CASE WHEN level = 'very_dissatisfied' THEN ratings ELSE 0 END AS very_dissatisfied
    FROM rating_monthly_counter
) m
GROUP BY month, site_id, counter;

INSERT INTO satisfaction_counter (period, site_id, counter, served, very_satisfied, satisfied, neutral, dissatisfied,
       very_dissatisfied)
SELECT substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, counter,
       SUM(served), SUM(very_satisfied), SUM(satisfied), SUM(neutral), SUM(dissatisfied), SUM(very_dissatisfied)
FROM satisfaction_counter WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, counter;

INSERT INTO satisfaction_counter (period, site_id, counter, served, very_satisfied, satisfied, neutral, dissatisfied,
       very_dissatisfied)
SELECT substr(period, 1, 4), site_id, counter, SUM(served), SUM(very_satisfied), SUM(satisfied), SUM(neutral),
       SUM(dissatisfied), SUM(very_dissatisfied)
FROM satisfaction_counter WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4), site_id, counter;

INSERT INTO satisfaction_procedure (period, site_id, procedure_code, very_satisfied, satisfied, neutral,
       dissatisfied, very_dissatisfied)
SELECT month, site_id, procedure_code,
       SUM(CASE WHEN level = 'very_satisfied' THEN ratings ELSE 0 END),
           SUM(CASE WHEN level = 'satisfied' THEN ratings ELSE 0 END),
           SUM(CASE WHEN level = 'neutral' THEN ratings ELSE 0 END),
           SUM(CASE WHEN level = 'dissatisfied' THEN ratings ELSE 0 END),
           SUM(CASE WHEN level = 'very_dissatisfied' THEN ratings ELSE 0 END)
FROM rating_monthly_procedure
GROUP BY month, site_id, procedure_code;

INSERT INTO satisfaction_procedure (period, site_id, procedure_code, very_satisfied, satisfied, neutral,
       dissatisfied, very_dissatisfied)
SELECT substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, procedure_code,
       SUM(very_satisfied), SUM(satisfied), SUM(neutral), SUM(dissatisfied), SUM(very_dissatisfied)
FROM satisfaction_procedure WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3), site_id, procedure_code;

INSERT INTO satisfaction_procedure (period, site_id, procedure_code, very_satisfied, satisfied, neutral,
       dissatisfied, very_dissatisfied)
SELECT substr(period, 1, 4), site_id, procedure_code, SUM(very_satisfied), SUM(satisfied), SUM(neutral),
       SUM(dissatisfied), SUM(very_dissatisfied)
FROM satisfaction_procedure WHERE period NOT LIKE '%Q%' AND length(period) = 7
GROUP BY substr(period, 1, 4), site_id, procedure_code;

DROP TABLE served_monthly_officer;
DROP TABLE served_monthly_counter;
DROP TABLE rating_monthly_officer;
DROP TABLE rating_monthly_counter;
DROP TABLE rating_monthly_procedure;
