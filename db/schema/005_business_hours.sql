-- 005: business hours of queues: a time zone, weekly open spans, holidays, and where calls go
-- while the queue is closed (0: disconnected).
ALTER TABLE queues ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE queues ADD COLUMN closed_queue_id INTEGER NOT NULL DEFAULT 0;

CREATE TABLE queue_open_hours (
    queue_id     INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 Monday
    open_minute  INTEGER NOT NULL CHECK (open_minute BETWEEN 0 AND 1439),
    close_minute INTEGER NOT NULL CHECK (close_minute BETWEEN 1 AND 1440),
    position     INTEGER NOT NULL
);

CREATE TABLE queue_holidays (
    queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
    day      TEXT NOT NULL, -- local date YYYY-MM-DD
    PRIMARY KEY (queue_id, day)
);
