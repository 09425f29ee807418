-- 004: the audit log: every configuration change (admin API) and every agent state or logout
-- a supervisor forced, with who did it. Never holds a PIN or a password.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,           -- Unix time in ms (the engine clock)
    user   TEXT    NOT NULL,           -- the user name of the session that did it
    action TEXT    NOT NULL,           -- e.g. "admin.put", "admin.delete", "agent.setState"
    object TEXT    NOT NULL,           -- e.g. "queues:30", "agent:1001"
    detail TEXT    NOT NULL DEFAULT '' -- the request (JSON), secrets removed
);
CREATE INDEX audit_log_at ON audit_log (at);
