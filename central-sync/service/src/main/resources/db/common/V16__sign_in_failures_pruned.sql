-- Shared by SQLite and PostgreSQL word for word.
-- Subjects are now "user:" + SHA-256 of the name and "addr:" + the client address, so a row has a bounded size
-- whatever name was typed; rows whose window has passed are deleted as sign-ins go by, through this index. The
-- counts kept so far (under whole names, possibly megabytes long) are dropped: a throttle starts afresh once.
DELETE FROM sign_in_failures;

CREATE INDEX sign_in_failures_window ON sign_in_failures (window_start);
