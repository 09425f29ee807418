#pragma once
// The durable records the store keeps, as read back by queries and reports. They are written
// from the core's effects (see writer.h); docs/database.md documents every column.
#include "core/enums.h"
#include "core/stats.h"
#include "core/types.h"

#include <cstdint>
#include <optional>
#include <string>

namespace acd::db {

using core::TimeMs;

/// Half-open time range [from, to) in ms since the epoch.
struct TimeRange {
    TimeMs from = 0;
    TimeMs to = 0;
};

/// Caller and dialled numbers of a call: not in the core's events, so the shell hands them to
/// the writer beside the effects (from CallArrival or Engine::call()).
struct CallInfo {
    core::CallId call = 0;
    std::string ani;
    std::string dnis;
};

/// One row of the audit log (schema 004): a configuration change or a forced agent state.
struct AuditRecord {
    TimeMs at = 0;
    std::string user;
    std::string action; ///< "admin.put", "admin.delete", "agent.setState", "agent.logout"
    std::string object; ///< "queues:30", "agent:1001"
    std::string detail; ///< the request without secrets
    friend bool operator==(const AuditRecord &, const AuditRecord &) = default;
};

/// A call detail record. Open (disposition empty) while the call is in progress.
struct CallRecord {
    core::CallId call = 0;
    std::string ani;
    std::string dnis;
    core::QueueId entryQueue = 0; ///< the queue the call arrived at
    core::QueueId queue = 0;      ///< the last queue it was in
    core::AgentId agent = 0;      ///< the agent who answered (last offered while open)
    TimeMs arrivedAt = 0;
    std::optional<TimeMs> offeredAt; ///< last offer to an agent
    std::optional<TimeMs> answeredAt;
    std::optional<TimeMs> endedAt;
    TimeMs waitMs = 0; ///< in the last queue until answer or abandon, ringing included
    TimeMs ringMs = 0;
    TimeMs talkMs = 0;
    TimeMs holdMs = 0;
    TimeMs wrapMs = 0;
    int overflows = 0; ///< times the call left a queue by an overflow rule
    std::optional<core::Disposition> disposition;
};

/// One AgentStateChanged effect.
struct AgentStateRecord {
    TimeMs at = 0;
    core::AgentId agent = 0;
    /// The agent's latest session when the change happened (the one that just ended for a
    /// logout; with several concurrent sessions, the newest); 0 when none was seen.
    core::SessionId session = 0;
    core::AgentStateEx fromState = core::AgentStateEx::None;
    core::AgentStateEx toState = core::AgentStateEx::None;
    core::AgentStateEx nextState = core::AgentStateEx::None;
    core::AgentActivity fromActivity = core::AgentActivity::LoggedOut;
    core::AgentActivity toActivity = core::AgentActivity::LoggedOut;
    core::ReasonCode reason = 0;
    std::string forcedBy;
};

/// One SessionStarted ("started", state not-ready) or SessionStateChanged ("state") effect.
struct SessionRecord {
    TimeMs at = 0;
    core::SessionId session = 0;
    std::string event; ///< "started" or "state"
    core::AgentId agent = 0;
    core::GroupId group = 0;
    std::string station;
    core::SessionState state = core::SessionState::None;
    core::SessionState nextState = core::SessionState::None;
    std::string forcedBy;
};

/// One call event in a queue, like a line of Asterisk's queue_log. `event` is one of queued,
/// offered, requeued, answered, relaxed, overflowed, completed; docs/database.md lists what
/// agent, otherQueue, reason and value mean for each.
struct QueueEventRecord {
    TimeMs at = 0;
    core::CallId call = 0;
    core::QueueId queue = 0;
    std::string event;
    core::AgentId agent = 0;
    core::QueueId otherQueue = 0;
    std::string reason;
    std::int64_t value = 0;
};

/// A queue's counters over one interval [start, end) or one UTC day (end = start + 1 day).
struct QueueIntervalRow {
    core::QueueId queue = 0;
    TimeMs start = 0;
    TimeMs end = 0;
    core::QueueCounters counters;
};

struct AgentIntervalRow {
    core::AgentId agent = 0;
    TimeMs start = 0;
    TimeMs end = 0;
    core::AgentCounters counters;
};

} // namespace acd::db
