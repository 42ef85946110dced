-- A report that names two of counter, officer and procedure (one counter's ratings by procedure, say) can only read
-- rating_daily: these let it read that one counter's, officer's or procedure's rows of the period instead of every
-- row of the period.
CREATE INDEX rating_daily_by_counter ON rating_daily (counter, day);
CREATE INDEX rating_daily_by_officer ON rating_daily (officer_id, day);
CREATE INDEX rating_daily_by_procedure ON rating_daily (procedure_code, day);
