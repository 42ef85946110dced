-- ids of commands already executed, kept until they expire, so a replayed command is refused even after a restart
CREATE TABLE seen_command (
    id         TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
);
