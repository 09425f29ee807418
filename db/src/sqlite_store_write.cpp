// Turning the core's effects into rows: call detail records, queue events, agent and session
// history, interval statistics and daily roll-ups. One transaction per batch.
#include "sqlite_store_impl.h"

#include <type_traits>

namespace acd::db {
namespace {

using core::toString;

constexpr TimeMs kDayMs = 24LL * 3600 * 1000;

// A call's current record: the newest row with that call ID (IDs may repeat across runs).
#define ACD_CALL_ROW "(SELECT max(id) FROM calls WHERE call_id = ?)"

} // namespace

Status SqliteStore::writeBatch(const std::vector<WriteItem> &items) {
    if (Status s = m_db.begin(); !s)
        return s;
    m_consumedInfo.clear();
    for (const WriteItem &item : items) {
        if (Status s = writeItem(item); !s) {
            m_db.rollback();
            m_consumedInfo.clear(); // a retry finds the numbers again
            return s;
        }
    }
    if (m_runId != 0) {
        if (Status s = m_db.execute("UPDATE engine_runs SET last_write_at = ? WHERE id = ?",
                                    m_lastWriteAt, m_runId);
            !s) {
            m_db.rollback();
            m_consumedInfo.clear();
            return s;
        }
    }
    if (Status s = m_db.commit(); !s) {
        m_db.rollback();
        m_consumedInfo.clear();
        return s;
    }
    for (core::CallId call : m_consumedInfo)
        m_pendingInfo.erase(call);
    m_consumedInfo.clear();
    return {};
}

Status SqliteStore::writeItem(const WriteItem &item) {
    if (const auto *effect = std::get_if<core::Effect>(&item)) {
        if (effect->at > m_lastWriteAt)
            m_lastWriteAt = effect->at;
        return writeEffect(*effect);
    }
    if (const auto *audit = std::get_if<AuditRecord>(&item))
        return writeAudit(*audit);
    if (const auto *config = std::get_if<ConfigSnapshot>(&item))
        return config->config ? insertConfig(*config->config) : Status{};
    return writeCallInfo(std::get<CallInfo>(item));
}

Status SqliteStore::writeAudit(const AuditRecord &r) {
    return m_db.execute(
        "INSERT INTO audit_log (at, user, action, object, detail) VALUES (?, ?, ?, ?, ?)", r.at,
        r.user, r.action, r.object, r.detail);
}

Status SqliteStore::appendAudit(const AuditRecord &record) {
    if (Status s = m_db.begin(); !s)
        return s;
    Status s = writeAudit(record);
    if (s)
        s = m_db.commit();
    if (!s)
        m_db.rollback();
    return s;
}

Status SqliteStore::writeCallInfo(const CallInfo &info) {
    if (Status s = m_db.execute("UPDATE calls SET ani = ?, dnis = ? WHERE id = " ACD_CALL_ROW,
                                info.ani, info.dnis, info.call);
        !s)
        return s;
    if (m_db.changes() == 0) {
        // Not queued yet: kept for the call's first CallQueued. Bounded against callers that
        // hand in numbers for calls that never reach the ACD.
        if (m_pendingInfo.size() >= 100000)
            m_pendingInfo.clear();
        m_pendingInfo[info.call] = info;
    }
    return {};
}

Status SqliteStore::queueEvent(TimeMs at, core::CallId call, core::QueueId queue,
                               std::string_view event, core::AgentId agent, core::QueueId other,
                               std::string_view reason, std::int64_t value) {
    return m_db.execute("INSERT INTO queue_events (at, call_id, queue_id, event, agent_id, "
                        "other_queue_id, reason, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        at, call, queue, event, agent, other, reason, value);
}

Status SqliteStore::writeEffect(const core::Effect &effect) {
    const TimeMs at = effect.at;
    return std::visit(
        [&](const auto &e) -> Status {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, core::CallQueued>) {
                if (!e.flowedIn) {
                    std::string ani, dnis;
                    if (auto it = m_pendingInfo.find(e.call); it != m_pendingInfo.end()) {
                        ani = it->second.ani;
                        dnis = it->second.dnis;
                        m_consumedInfo.push_back(e.call); // forgotten once committed
                    }
                    if (Status s = m_db.execute(
                            "INSERT INTO calls (call_id, ani, dnis, entry_queue_id, queue_id, "
                            "arrived_at) VALUES (?, ?, ?, ?, ?, ?)",
                            e.call, ani, dnis, e.queue, e.queue, at);
                        !s)
                        return s;
                } else if (Status s = m_db.execute(
                               "UPDATE calls SET queue_id = ? WHERE id = " ACD_CALL_ROW, e.queue,
                               e.call);
                           !s) {
                    return s;
                }
                return queueEvent(at, e.call, e.queue, "queued", 0, 0,
                                  e.flowedIn ? "flowed-in" : "", e.priority);
            } else if constexpr (std::is_same_v<T, core::CallOffered>) {
                if (Status s = m_db.execute("UPDATE calls SET offered_at = ?, agent_id = ? WHERE "
                                            "id = " ACD_CALL_ROW,
                                            at, e.agent, e.call);
                    !s)
                    return s;
                return queueEvent(at, e.call, e.queue, "offered", e.agent, 0, "", e.waitMs);
            } else if constexpr (std::is_same_v<T, core::CallRequeued>) {
                return queueEvent(at, e.call, e.queue, "requeued", e.agent, 0, toString(e.reason),
                                  0);
            } else if constexpr (std::is_same_v<T, core::CallAnswered>) {
                // The offer that rang for ringMs at this agent: after a late answer, the last
                // offer recorded was another agent's, since withdrawn.
                const core::TimeMs offeredAt = at - e.ringMs;
                if (Status s = m_db.execute(
                        "UPDATE calls SET answered_at = ?, offered_at = ?, "
                        "agent_id = ?, wait_ms = ?, ring_ms = ? WHERE id = " ACD_CALL_ROW,
                        at, offeredAt, e.agent, e.waitMs, e.ringMs, e.call);
                    !s)
                    return s;
                return queueEvent(at, e.call, e.queue, "answered", e.agent, 0, "", e.waitMs);
            } else if constexpr (std::is_same_v<T, core::CallRelaxed>) {
                return queueEvent(at, e.call, e.queue, "relaxed", 0, 0, "", e.step);
            } else if constexpr (std::is_same_v<T, core::CallOverflowed>) {
                if (Status s = m_db.execute("UPDATE calls SET overflows = overflows + 1 WHERE "
                                            "id = " ACD_CALL_ROW,
                                            e.call);
                    !s)
                    return s;
                return queueEvent(at, e.call, e.fromQueue, "overflowed", 0, e.toQueue,
                                  toString(e.reason), e.waitMs);
            } else if constexpr (std::is_same_v<T, core::CallCompleted>) {
                const std::string_view disposition = toString(e.disposition);
                if (Status s = m_db.execute(
                        "UPDATE calls SET queue_id = ?, agent_id = ?, disposition = ?, "
                        "ended_at = ?, wait_ms = ?, ring_ms = ?, talk_ms = ?, hold_ms = ? "
                        "WHERE id = " ACD_CALL_ROW " AND disposition IS NULL",
                        e.queue, e.agent, disposition, at, e.waitMs, e.ringMs, e.talkMs, e.holdMs,
                        e.call);
                    !s)
                    return s;
                if (m_db.changes() == 0) {
                    // Its opening record was lost (e.g. purged) or never written: keep the
                    // final record on its own.
                    if (Status s = m_db.execute(
                            "INSERT INTO calls (call_id, entry_queue_id, queue_id, agent_id, "
                            "arrived_at, ended_at, wait_ms, ring_ms, talk_ms, hold_ms, "
                            "disposition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            e.call, e.queue, e.queue, e.agent, e.arrivedAt, at, e.waitMs, e.ringMs,
                            e.talkMs, e.holdMs, disposition);
                        !s)
                        return s;
                }
                return queueEvent(at, e.call, e.queue, "completed", e.agent, 0, disposition,
                                  e.waitMs);
            } else if constexpr (std::is_same_v<T, core::WrapUpEnded>) {
                if (e.call == 0)
                    return {};
                return m_db.execute("UPDATE calls SET wrap_ms = ? WHERE id = " ACD_CALL_ROW,
                                    e.wrapMs, e.call);
            } else if constexpr (std::is_same_v<T, core::AgentStateChanged>) {
                const auto session = m_latestSession.find(e.agent);
                return m_db.execute(
                    "INSERT INTO agent_state_changes (at, agent_id, session_id, from_state, "
                    "to_state, next_state, from_activity, to_activity, reason_code, forced_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    at, e.agent, session == m_latestSession.end() ? 0 : session->second,
                    toString(e.oldState), toString(e.state), toString(e.nextState),
                    toString(e.oldActivity), toString(e.activity), e.reason, e.forcedBy);
            } else if constexpr (std::is_same_v<T, core::SessionStarted>) {
                m_latestSession[e.agent] = e.session;
                m_sessionStation[e.session] = e.station;
                return m_db.execute(
                    "INSERT INTO session_events (at, session_id, event, agent_id, group_id, "
                    "station, state, next_state, forced_by) VALUES (?, ?, 'started', ?, ?, ?, "
                    "?, ?, '')",
                    at, e.session, e.agent, e.group, e.station,
                    toString(core::SessionState::NotReady), toString(core::SessionState::None));
            } else if constexpr (std::is_same_v<T, core::SessionStateChanged>) {
                const std::string station = sessionStation(e.session);
                if (e.state == core::SessionState::Ended)
                    m_sessionStation.erase(e.session);
                return m_db.execute(
                    "INSERT INTO session_events (at, session_id, event, agent_id, group_id, "
                    "station, state, next_state, forced_by) VALUES (?, ?, 'state', ?, ?, ?, ?, "
                    "?, ?)",
                    at, e.session, e.agent, e.group, station, toString(e.state),
                    toString(e.nextState), e.forcedBy);
            } else if constexpr (std::is_same_v<T, core::IntervalClosed>) {
                if (!e.report)
                    return {};
                return writeInterval(*e.report);
            } else {
                return {}; // switch commands and QueueChanged are live state, not records
            }
        },
        effect.body);
}

Status SqliteStore::writeInterval(const core::IntervalReport &report) {
    const TimeMs day = report.start - (report.start % kDayMs);
    for (const auto &q : report.queues) {
        const core::QueueCounters &c = q.counters;
        if (Status s = m_db.execute(
                "INSERT OR IGNORE INTO queue_intervals (queue_id, start_at, end_at, offered, "
                "flowed_in, flowed_out, answered, answered_in_sl, abandoned, abandoned_ringing, "
                "abandoned_short, abandoned_in_sl, disconnected, handled, wait_answered_ms, "
                "wait_abandoned_ms, max_wait_ms, talk_ms, hold_ms, wrap_ms) VALUES (?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                q.queue, report.start, report.end, c.offered, c.flowedIn, c.flowedOut, c.answered,
                c.answeredInSl, c.abandoned, c.abandonedRinging, c.abandonedShort, c.abandonedInSl,
                c.disconnected, c.handled, c.waitAnsweredMs, c.waitAbandonedMs, c.maxWaitMs,
                c.talkMs, c.holdMs, c.wrapMs);
            !s)
            return s;
        if (m_db.changes() == 0)
            continue; // this interval was written before: never count it twice in the day
        if (Status s = m_db.execute(
                "INSERT INTO queue_daily (queue_id, day_at, offered, flowed_in, flowed_out, "
                "answered, answered_in_sl, abandoned, abandoned_ringing, abandoned_short, "
                "abandoned_in_sl, disconnected, handled, wait_answered_ms, wait_abandoned_ms, "
                "max_wait_ms, talk_ms, hold_ms, wrap_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day_at, queue_id) DO UPDATE SET "
                "offered = offered + excluded.offered, flowed_in = flowed_in + "
                "excluded.flowed_in, flowed_out = flowed_out + excluded.flowed_out, answered = "
                "answered + excluded.answered, answered_in_sl = answered_in_sl + "
                "excluded.answered_in_sl, abandoned = abandoned + excluded.abandoned, "
                "abandoned_ringing = abandoned_ringing + excluded.abandoned_ringing, "
                "abandoned_short = abandoned_short + excluded.abandoned_short, abandoned_in_sl "
                "= abandoned_in_sl + excluded.abandoned_in_sl, disconnected = disconnected + "
                "excluded.disconnected, handled = handled + excluded.handled, "
                "wait_answered_ms = wait_answered_ms + excluded.wait_answered_ms, "
                "wait_abandoned_ms = wait_abandoned_ms + excluded.wait_abandoned_ms, "
                "max_wait_ms = max(max_wait_ms, excluded.max_wait_ms), talk_ms = talk_ms + "
                "excluded.talk_ms, hold_ms = hold_ms + excluded.hold_ms, wrap_ms = wrap_ms + "
                "excluded.wrap_ms",
                q.queue, day, c.offered, c.flowedIn, c.flowedOut, c.answered, c.answeredInSl,
                c.abandoned, c.abandonedRinging, c.abandonedShort, c.abandonedInSl, c.disconnected,
                c.handled, c.waitAnsweredMs, c.waitAbandonedMs, c.maxWaitMs, c.talkMs, c.holdMs,
                c.wrapMs);
            !s)
            return s;
    }
    for (const auto &a : report.agents) {
        const core::AgentCounters &c = a.counters;
        if (Status s = m_db.execute(
                "INSERT OR IGNORE INTO agent_intervals (agent_id, start_at, end_at, offered, "
                "answered, ring_no_answer, handled, incoming_calls, outgoing_calls, ring_ms, "
                "max_ring_ms, talk_ms, hold_ms, wrap_ms, available_ms, not_ready_ms, "
                "ringing_ms, on_call_ms, wrap_up_ms, other_call_ms) VALUES (?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.agent, report.start, report.end, c.offered, c.answered, c.ringNoAnswer, c.handled,
                c.incomingCalls, c.outgoingCalls, c.ringMs, c.maxRingMs, c.talkMs, c.holdMs,
                c.wrapMs, c.availableMs, c.notReadyMs, c.ringingMs, c.onCallMs, c.wrapUpMs,
                c.otherCallMs);
            !s)
            return s;
        if (m_db.changes() == 0)
            continue;
        if (Status s = m_db.execute(
                "INSERT INTO agent_daily (agent_id, day_at, offered, answered, ring_no_answer, "
                "handled, incoming_calls, outgoing_calls, ring_ms, max_ring_ms, talk_ms, "
                "hold_ms, wrap_ms, available_ms, not_ready_ms, ringing_ms, on_call_ms, "
                "wrap_up_ms, other_call_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?) ON CONFLICT (day_at, agent_id) DO UPDATE SET offered = offered "
                "+ excluded.offered, answered = answered + excluded.answered, ring_no_answer = "
                "ring_no_answer + excluded.ring_no_answer, handled = handled + "
                "excluded.handled, incoming_calls = incoming_calls + excluded.incoming_calls, "
                "outgoing_calls = outgoing_calls + excluded.outgoing_calls, ring_ms = ring_ms "
                "+ excluded.ring_ms, max_ring_ms = max(max_ring_ms, excluded.max_ring_ms), "
                "talk_ms = talk_ms + excluded.talk_ms, hold_ms = hold_ms + excluded.hold_ms, "
                "wrap_ms = wrap_ms + excluded.wrap_ms, available_ms = available_ms + "
                "excluded.available_ms, not_ready_ms = not_ready_ms + excluded.not_ready_ms, "
                "ringing_ms = ringing_ms + excluded.ringing_ms, on_call_ms = on_call_ms + "
                "excluded.on_call_ms, wrap_up_ms = wrap_up_ms + excluded.wrap_up_ms, "
                "other_call_ms = other_call_ms + excluded.other_call_ms",
                a.agent, day, c.offered, c.answered, c.ringNoAnswer, c.handled, c.incomingCalls,
                c.outgoingCalls, c.ringMs, c.maxRingMs, c.talkMs, c.holdMs, c.wrapMs, c.availableMs,
                c.notReadyMs, c.ringingMs, c.onCallMs, c.wrapUpMs, c.otherCallMs);
            !s)
            return s;
    }
    return {};
}

std::string SqliteStore::sessionStation(core::SessionId session) {
    if (const auto known = m_sessionStation.find(session); known != m_sessionStation.end())
        return known->second;
    // A session of an earlier run (the engine restarted since it started): its 'started'
    // row, found through the session_events_started index (schema 6).
    std::string station;
    auto query = m_db.prepare("SELECT station FROM session_events WHERE session_id = ? AND "
                              "event = 'started' ORDER BY id DESC LIMIT 1");
    if (query) {
        sql::Statement &st = *query.value();
        st.bindAll(session);
        if (st.step() == SQLITE_ROW)
            station = st.textAt(0);
        st.reset();
    }
    m_sessionStation.emplace(session, station);
    return station;
}

} // namespace acd::db

