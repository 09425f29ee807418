-- 006: find a session's 'started' row (its station) by session id. A session state change
-- written after an engine restart copies the station from there; without this index each such
-- lookup scanned the whole table.
CREATE INDEX session_events_started ON session_events(session_id, id) WHERE event = 'started';
