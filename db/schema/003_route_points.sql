-- 003: route points (queue entry numbers at the switch) and the queue their calls enter.
CREATE TABLE route_points (
    address  TEXT PRIMARY KEY,
    name     TEXT NOT NULL DEFAULT '',
    queue_id INTEGER NOT NULL REFERENCES queues(id),
    priority INTEGER NOT NULL DEFAULT 1
);
