-- 002: one row per time the engine opened the store, and when it last wrote, so restarts
-- after a crash are visible and calls left open can be closed as interrupted.
CREATE TABLE engine_runs (
    id             INTEGER PRIMARY KEY,
    started_at     INTEGER NOT NULL,
    last_write_at  INTEGER NOT NULL,
    closed_cleanly INTEGER NOT NULL DEFAULT 0,
    interrupted_calls INTEGER NOT NULL DEFAULT 0
);
