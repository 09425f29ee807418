-- 001: configuration, call detail records, agent and session history, queue events,
-- 15-minute interval statistics and daily roll-ups. Times are milliseconds since the Unix
-- epoch (UTC); durations are milliseconds. Enum columns hold the core's canonical strings
-- (acd-engine/core/enums.cpp). docs/database.md documents every column.

-- ---- Configuration -----------------------------------------------------------------------
CREATE TABLE skills (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE groups (
    id   INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE queues (
    id                        INTEGER PRIMARY KEY,
    name                      TEXT NOT NULL UNIQUE,
    group_id                  INTEGER NOT NULL REFERENCES groups(id),
    skill_id                  INTEGER NOT NULL REFERENCES skills(id),
    min_level                 INTEGER NOT NULL,
    strategy                  TEXT NOT NULL,
    service_level_seconds     INTEGER NOT NULL,
    short_abandon_seconds     INTEGER NOT NULL,
    max_length                INTEGER NOT NULL,
    max_wait_seconds          INTEGER NOT NULL,
    overflow_queue_id         INTEGER NOT NULL,
    overflow_when_no_agents   INTEGER NOT NULL,
    wrap_up_seconds           INTEGER NOT NULL,
    ring_timeout_seconds      INTEGER NOT NULL,
    measurement_period_seconds INTEGER NOT NULL
);

-- Routing rules: a queue's time-based relaxation schedule, in order.
CREATE TABLE routing_rules (
    queue_id      INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
    step          INTEGER NOT NULL,
    after_seconds INTEGER NOT NULL,
    action        TEXT NOT NULL,
    value         INTEGER NOT NULL,
    PRIMARY KEY (queue_id, step)
);

CREATE TABLE agents (
    id                         INTEGER PRIMARY KEY,
    name                       TEXT NOT NULL,
    pin_hash                   TEXT NOT NULL,
    measurement_period_seconds INTEGER NOT NULL
);

CREATE TABLE agent_skills (
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills(id),
    level    INTEGER NOT NULL,
    PRIMARY KEY (agent_id, skill_id)
);

CREATE TABLE reason_codes (
    code INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE stations (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    agent_id      INTEGER NOT NULL DEFAULT 0
);

-- ---- Records -----------------------------------------------------------------------------
-- One row per call that entered the ACD, opened at its first CallQueued and closed by its
-- CallCompleted (disposition set). Rows with a NULL disposition are calls in progress.
CREATE TABLE calls (
    id             INTEGER PRIMARY KEY,
    call_id        INTEGER NOT NULL,
    ani            TEXT NOT NULL DEFAULT '',
    dnis           TEXT NOT NULL DEFAULT '',
    entry_queue_id INTEGER NOT NULL,
    queue_id       INTEGER NOT NULL,
    agent_id       INTEGER NOT NULL DEFAULT 0,
    arrived_at     INTEGER NOT NULL,
    offered_at     INTEGER,
    answered_at    INTEGER,
    ended_at       INTEGER,
    wait_ms        INTEGER NOT NULL DEFAULT 0,
    ring_ms        INTEGER NOT NULL DEFAULT 0,
    talk_ms        INTEGER NOT NULL DEFAULT 0,
    hold_ms        INTEGER NOT NULL DEFAULT 0,
    wrap_ms        INTEGER NOT NULL DEFAULT 0,
    overflows      INTEGER NOT NULL DEFAULT 0,
    disposition    TEXT
);
CREATE INDEX calls_by_call_id ON calls(call_id);
CREATE INDEX calls_by_arrival ON calls(arrived_at);
CREATE INDEX calls_open ON calls(id) WHERE disposition IS NULL;

CREATE TABLE agent_state_changes (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    agent_id      INTEGER NOT NULL,
    session_id    INTEGER NOT NULL,
    from_state    TEXT NOT NULL,
    to_state      TEXT NOT NULL,
    next_state    TEXT NOT NULL,
    from_activity TEXT NOT NULL,
    to_activity   TEXT NOT NULL,
    reason_code   INTEGER NOT NULL,
    forced_by     TEXT NOT NULL
);
CREATE INDEX agent_state_changes_by_agent ON agent_state_changes(agent_id, at);
CREATE INDEX agent_state_changes_by_time ON agent_state_changes(at);

CREATE TABLE session_events (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    session_id INTEGER NOT NULL,
    event      TEXT NOT NULL CHECK (event IN ('started', 'state')),
    agent_id   INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    station    TEXT NOT NULL,
    state      TEXT NOT NULL,
    next_state TEXT NOT NULL,
    forced_by  TEXT NOT NULL
);
CREATE INDEX session_events_by_time ON session_events(at);

CREATE TABLE queue_events (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    call_id  INTEGER NOT NULL,
    queue_id INTEGER NOT NULL,
    event    TEXT NOT NULL,
    agent_id INTEGER NOT NULL,
    other_queue_id INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    value    INTEGER NOT NULL
);
CREATE INDEX queue_events_by_time ON queue_events(at);

-- ---- Interval statistics -----------------------------------------------------------------
CREATE TABLE queue_intervals (
    queue_id          INTEGER NOT NULL,
    start_at          INTEGER NOT NULL,
    end_at            INTEGER NOT NULL,
    offered           INTEGER NOT NULL,
    flowed_in         INTEGER NOT NULL,
    flowed_out        INTEGER NOT NULL,
    answered          INTEGER NOT NULL,
    answered_in_sl    INTEGER NOT NULL,
    abandoned         INTEGER NOT NULL,
    abandoned_ringing INTEGER NOT NULL,
    abandoned_short   INTEGER NOT NULL,
    abandoned_in_sl   INTEGER NOT NULL,
    disconnected      INTEGER NOT NULL,
    handled           INTEGER NOT NULL,
    wait_answered_ms  INTEGER NOT NULL,
    wait_abandoned_ms INTEGER NOT NULL,
    max_wait_ms       INTEGER NOT NULL,
    talk_ms           INTEGER NOT NULL,
    hold_ms           INTEGER NOT NULL,
    wrap_ms           INTEGER NOT NULL,
    PRIMARY KEY (start_at, queue_id)
) WITHOUT ROWID;

CREATE TABLE agent_intervals (
    agent_id        INTEGER NOT NULL,
    start_at        INTEGER NOT NULL,
    end_at          INTEGER NOT NULL,
    offered         INTEGER NOT NULL,
    answered        INTEGER NOT NULL,
    ring_no_answer  INTEGER NOT NULL,
    handled         INTEGER NOT NULL,
    incoming_calls  INTEGER NOT NULL,
    outgoing_calls  INTEGER NOT NULL,
    ring_ms         INTEGER NOT NULL,
    max_ring_ms     INTEGER NOT NULL,
    talk_ms         INTEGER NOT NULL,
    hold_ms         INTEGER NOT NULL,
    wrap_ms         INTEGER NOT NULL,
    available_ms    INTEGER NOT NULL,
    not_ready_ms    INTEGER NOT NULL,
    ringing_ms      INTEGER NOT NULL,
    on_call_ms      INTEGER NOT NULL,
    wrap_up_ms      INTEGER NOT NULL,
    other_call_ms   INTEGER NOT NULL,
    PRIMARY KEY (start_at, agent_id)
) WITHOUT ROWID;

-- Daily roll-ups: the sum of a UTC day's intervals (max_* columns: the maximum), kept up to
-- date as each interval is written.
CREATE TABLE queue_daily (
    queue_id          INTEGER NOT NULL,
    day_at            INTEGER NOT NULL,
    offered           INTEGER NOT NULL,
    flowed_in         INTEGER NOT NULL,
    flowed_out        INTEGER NOT NULL,
    answered          INTEGER NOT NULL,
    answered_in_sl    INTEGER NOT NULL,
    abandoned         INTEGER NOT NULL,
    abandoned_ringing INTEGER NOT NULL,
    abandoned_short   INTEGER NOT NULL,
    abandoned_in_sl   INTEGER NOT NULL,
    disconnected      INTEGER NOT NULL,
    handled           INTEGER NOT NULL,
    wait_answered_ms  INTEGER NOT NULL,
    wait_abandoned_ms INTEGER NOT NULL,
    max_wait_ms       INTEGER NOT NULL,
    talk_ms           INTEGER NOT NULL,
    hold_ms           INTEGER NOT NULL,
    wrap_ms           INTEGER NOT NULL,
    PRIMARY KEY (day_at, queue_id)
) WITHOUT ROWID;

CREATE TABLE agent_daily (
    agent_id        INTEGER NOT NULL,
    day_at          INTEGER NOT NULL,
    offered         INTEGER NOT NULL,
    answered        INTEGER NOT NULL,
    ring_no_answer  INTEGER NOT NULL,
    handled         INTEGER NOT NULL,
    incoming_calls  INTEGER NOT NULL,
    outgoing_calls  INTEGER NOT NULL,
    ring_ms         INTEGER NOT NULL,
    max_ring_ms     INTEGER NOT NULL,
    talk_ms         INTEGER NOT NULL,
    hold_ms         INTEGER NOT NULL,
    wrap_ms         INTEGER NOT NULL,
    available_ms    INTEGER NOT NULL,
    not_ready_ms    INTEGER NOT NULL,
    ringing_ms      INTEGER NOT NULL,
    on_call_ms      INTEGER NOT NULL,
    wrap_up_ms      INTEGER NOT NULL,
    other_call_ms   INTEGER NOT NULL,
    PRIMARY KEY (day_at, agent_id)
) WITHOUT ROWID;
