// Typed reads of the records (round trips, exports, tools).
#include "sqlite_store_impl.h"

namespace acd::db {
namespace {

template<typename E>
E enumOr(std::optional<E> value, E fallback) {
    return value ? *value : fallback;
}

/// Runs a prepared range query and converts each row with `read`.
template<typename Row, typename Read>
Result<std::vector<Row>> readRows(sql::Connection &db, const char *text, TimeRange range,
                                  Read read) {
    auto st = db.prepare(text);
    if (!st)
        return st.status();
    sql::Statement &s = *st.value();
    s.bindAll(range.from, range.to);
    std::vector<Row> rows;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW)
        rows.push_back(read(s));
    s.reset();
    if (rc != SQLITE_DONE)
        return db.error(std::string("running \"") + text + "\"");
    return rows;
}

core::QueueCounters readQueueCounters(const sql::Statement &s, int c) {
    core::QueueCounters q;
    q.offered = s.int64At(c++);
    q.flowedIn = s.int64At(c++);
    q.flowedOut = s.int64At(c++);
    q.answered = s.int64At(c++);
    q.answeredInSl = s.int64At(c++);
    q.abandoned = s.int64At(c++);
    q.abandonedRinging = s.int64At(c++);
    q.abandonedShort = s.int64At(c++);
    q.abandonedInSl = s.int64At(c++);
    q.disconnected = s.int64At(c++);
    q.handled = s.int64At(c++);
    q.waitAnsweredMs = s.int64At(c++);
    q.waitAbandonedMs = s.int64At(c++);
    q.maxWaitMs = s.int64At(c++);
    q.talkMs = s.int64At(c++);
    q.holdMs = s.int64At(c++);
    q.wrapMs = s.int64At(c++);
    return q;
}

core::AgentCounters readAgentCounters(const sql::Statement &s, int c) {
    core::AgentCounters a;
    a.offered = s.int64At(c++);
    a.answered = s.int64At(c++);
    a.ringNoAnswer = s.int64At(c++);
    a.handled = s.int64At(c++);
    a.incomingCalls = s.int64At(c++);
    a.outgoingCalls = s.int64At(c++);
    a.ringMs = s.int64At(c++);
    a.maxRingMs = s.int64At(c++);
    a.talkMs = s.int64At(c++);
    a.holdMs = s.int64At(c++);
    a.wrapMs = s.int64At(c++);
    a.availableMs = s.int64At(c++);
    a.notReadyMs = s.int64At(c++);
    a.ringingMs = s.int64At(c++);
    a.onCallMs = s.int64At(c++);
    a.wrapUpMs = s.int64At(c++);
    a.otherCallMs = s.int64At(c++);
    return a;
}

constexpr core::TimeMs kDayMs = 24LL * 3600 * 1000;

} // namespace

Result<std::vector<CallRecord>> SqliteStore::calls(TimeRange arrived) {
    return readRows<CallRecord>(
        m_db,
        "SELECT call_id, ani, dnis, entry_queue_id, queue_id, agent_id, arrived_at, "
        "offered_at, answered_at, ended_at, wait_ms, ring_ms, talk_ms, hold_ms, wrap_ms, "
        "overflows, disposition FROM calls WHERE arrived_at >= ? AND arrived_at < ? ORDER BY "
        "arrived_at, id",
        arrived, [](const sql::Statement &s) {
            CallRecord r;
            r.call = static_cast<core::CallId>(s.int64At(0));
            r.ani = s.textAt(1);
            r.dnis = s.textAt(2);
            r.entryQueue = static_cast<core::QueueId>(s.int64At(3));
            r.queue = static_cast<core::QueueId>(s.int64At(4));
            r.agent = static_cast<core::AgentId>(s.int64At(5));
            r.arrivedAt = s.int64At(6);
            r.offeredAt = s.optionalInt64At(7);
            r.answeredAt = s.optionalInt64At(8);
            r.endedAt = s.optionalInt64At(9);
            r.waitMs = s.int64At(10);
            r.ringMs = s.int64At(11);
            r.talkMs = s.int64At(12);
            r.holdMs = s.int64At(13);
            r.wrapMs = s.int64At(14);
            r.overflows = static_cast<int>(s.int64At(15));
            if (!s.isNullAt(16))
                r.disposition = core::dispositionFromString(s.textAt(16));
            return r;
        });
}

Result<std::vector<AgentStateRecord>> SqliteStore::agentStates(TimeRange range) {
    using core::AgentActivity;
    using core::AgentStateEx;
    return readRows<AgentStateRecord>(
        m_db,
        "SELECT at, agent_id, session_id, from_state, to_state, next_state, from_activity, "
        "to_activity, reason_code, forced_by FROM agent_state_changes WHERE at >= ? AND at < ? "
        "ORDER BY id",
        range, [](const sql::Statement &s) {
            AgentStateRecord r;
            r.at = s.int64At(0);
            r.agent = static_cast<core::AgentId>(s.int64At(1));
            r.session = static_cast<core::SessionId>(s.int64At(2));
            r.fromState = enumOr(core::agentStateExFromString(s.textAt(3)), AgentStateEx::Unknown);
            r.toState = enumOr(core::agentStateExFromString(s.textAt(4)), AgentStateEx::Unknown);
            r.nextState = enumOr(core::agentStateExFromString(s.textAt(5)), AgentStateEx::None);
            r.fromActivity =
                enumOr(core::agentActivityFromString(s.textAt(6)), AgentActivity::LoggedOut);
            r.toActivity =
                enumOr(core::agentActivityFromString(s.textAt(7)), AgentActivity::LoggedOut);
            r.reason = static_cast<core::ReasonCode>(s.int64At(8));
            r.forcedBy = s.textAt(9);
            return r;
        });
}

Result<std::vector<SessionRecord>> SqliteStore::sessionEvents(TimeRange range) {
    using core::SessionState;
    return readRows<SessionRecord>(
        m_db,
        "SELECT at, session_id, event, agent_id, group_id, station, state, next_state, "
        "forced_by FROM session_events WHERE at >= ? AND at < ? ORDER BY id",
        range, [](const sql::Statement &s) {
            SessionRecord r;
            r.at = s.int64At(0);
            r.session = static_cast<core::SessionId>(s.int64At(1));
            r.event = s.textAt(2);
            r.agent = static_cast<core::AgentId>(s.int64At(3));
            r.group = static_cast<core::GroupId>(s.int64At(4));
            r.station = s.textAt(5);
            r.state = enumOr(core::sessionStateFromString(s.textAt(6)), SessionState::None);
            r.nextState = enumOr(core::sessionStateFromString(s.textAt(7)), SessionState::None);
            r.forcedBy = s.textAt(8);
            return r;
        });
}

Result<std::vector<QueueEventRecord>> SqliteStore::queueEvents(TimeRange range) {
    return readRows<QueueEventRecord>(
        m_db,
        "SELECT at, call_id, queue_id, event, agent_id, other_queue_id, reason, value FROM "
        "queue_events WHERE at >= ? AND at < ? ORDER BY id",
        range, [](const sql::Statement &s) {
            QueueEventRecord r;
            r.at = s.int64At(0);
            r.call = static_cast<core::CallId>(s.int64At(1));
            r.queue = static_cast<core::QueueId>(s.int64At(2));
            r.event = s.textAt(3);
            r.agent = static_cast<core::AgentId>(s.int64At(4));
            r.otherQueue = static_cast<core::QueueId>(s.int64At(5));
            r.reason = s.textAt(6);
            r.value = s.int64At(7);
            return r;
        });
}

Result<std::vector<QueueIntervalRow>> SqliteStore::queueIntervals(TimeRange starts) {
    return readRows<QueueIntervalRow>(
        m_db,
        "SELECT queue_id, start_at, end_at, offered, flowed_in, flowed_out, answered, "
        "answered_in_sl, abandoned, abandoned_ringing, abandoned_short, abandoned_in_sl, "
        "disconnected, handled, wait_answered_ms, wait_abandoned_ms, max_wait_ms, talk_ms, "
        "hold_ms, wrap_ms FROM queue_intervals WHERE start_at >= ? AND start_at < ? ORDER BY "
        "start_at, queue_id",
        starts, [](const sql::Statement &s) {
            return QueueIntervalRow{static_cast<core::QueueId>(s.int64At(0)), s.int64At(1),
                                    s.int64At(2), readQueueCounters(s, 3)};
        });
}

Result<std::vector<AgentIntervalRow>> SqliteStore::agentIntervals(TimeRange starts) {
    return readRows<AgentIntervalRow>(
        m_db,
        "SELECT agent_id, start_at, end_at, offered, answered, ring_no_answer, handled, "
        "incoming_calls, outgoing_calls, ring_ms, max_ring_ms, talk_ms, hold_ms, wrap_ms, "
        "available_ms, not_ready_ms, ringing_ms, on_call_ms, wrap_up_ms, other_call_ms FROM "
        "agent_intervals WHERE start_at >= ? AND start_at < ? ORDER BY start_at, agent_id",
        starts, [](const sql::Statement &s) {
            return AgentIntervalRow{static_cast<core::AgentId>(s.int64At(0)), s.int64At(1),
                                    s.int64At(2), readAgentCounters(s, 3)};
        });
}

Result<std::vector<QueueIntervalRow>> SqliteStore::queueDaily(TimeRange starts) {
    return readRows<QueueIntervalRow>(
        m_db,
        "SELECT queue_id, day_at, offered, flowed_in, flowed_out, answered, answered_in_sl, "
        "abandoned, abandoned_ringing, abandoned_short, abandoned_in_sl, disconnected, "
        "handled, wait_answered_ms, wait_abandoned_ms, max_wait_ms, talk_ms, hold_ms, wrap_ms "
        "FROM queue_daily WHERE day_at >= ? AND day_at < ? ORDER BY day_at, queue_id",
        starts, [](const sql::Statement &s) {
            return QueueIntervalRow{static_cast<core::QueueId>(s.int64At(0)), s.int64At(1),
                                    s.int64At(1) + kDayMs, readQueueCounters(s, 2)};
        });
}

Result<std::vector<AgentIntervalRow>> SqliteStore::agentDaily(TimeRange starts) {
    return readRows<AgentIntervalRow>(
        m_db,
        "SELECT agent_id, day_at, offered, answered, ring_no_answer, handled, incoming_calls, "
        "outgoing_calls, ring_ms, max_ring_ms, talk_ms, hold_ms, wrap_ms, available_ms, "
        "not_ready_ms, ringing_ms, on_call_ms, wrap_up_ms, other_call_ms FROM agent_daily "
        "WHERE day_at >= ? AND day_at < ? ORDER BY day_at, agent_id",
        starts, [](const sql::Statement &s) {
            return AgentIntervalRow{static_cast<core::AgentId>(s.int64At(0)), s.int64At(1),
                                    s.int64At(1) + kDayMs, readAgentCounters(s, 2)};
        });
}

Result<std::vector<AuditRecord>> SqliteStore::auditLog(TimeRange range) {
    return readRows<AuditRecord>(
        m_db,
        "SELECT at, user, action, object, detail FROM audit_log WHERE at >= ? AND at < ? "
        "ORDER BY at, id",
        range, [](const sql::Statement &s) {
            return AuditRecord{s.int64At(0), s.textAt(1), s.textAt(2), s.textAt(3), s.textAt(4)};
        });
}

} // namespace acd::db
