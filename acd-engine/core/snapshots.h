#pragma once
// Read-only views of live state and statistics, as the TAPI server and the event stream
// report them (LINEQUEUEINFO, LINEAGENTINFO, LINEAGENTSESSIONINFO and the wallboard).
#include "core/config.h"
#include "core/enums.h"
#include "core/stats.h"

#include <string>
#include <vector>

namespace acd::core {

struct QueueSnapshot {
    QueueId id = 0;
    std::string name;
    GroupId group = 0;
    int waiting = 0;                 ///< queued, not ringing
    int ringing = 0;                 ///< offered to an agent, not yet answered
    bool open = true;                ///< inside its business hours now
    TimeMs currentLongestWaitMs = 0; ///< oldest unanswered call (queued or ringing)
    int agentsStaffed = 0;           ///< logged in to the group with the queue's skill
    int agentsAvailable = 0;
    int agentsOnCall = 0; ///< ringing, talking or holding
    int agentsWrapUp = 0;
    int agentsNotReady = 0;
    int agentsOtherCall = 0;
    TimeMs measurementPeriodMs = 0;
    QueueCounters period;   ///< over the measurement period
    QueueCounters interval; ///< since the current interval began
    QueueCounters total;    ///< since the engine started

    bool operator==(const QueueSnapshot &) const = default;
};

struct AgentSnapshot {
    AgentId id = 0;
    std::string name;
    AgentStateEx state = AgentStateEx::Released;
    AgentStateEx nextState = AgentStateEx::Ready;
    AgentActivity activity = AgentActivity::LoggedOut;
    ReasonCode reason = 0;
    TimeMs activitySince = 0;
    CallId currentCall = 0; ///< ringing, connected or in wrap-up; 0 when none
    QueueId currentQueue = 0;
    std::vector<SessionId> sessions; ///< active sessions
    TimeMs measurementPeriodMs = 0;
    AgentCounters period;
    AgentCounters interval;
    AgentCounters total;
};

struct SessionSnapshot {
    SessionId id = 0;
    AgentId agent = 0;
    GroupId group = 0;
    std::string station;
    SessionState state = SessionState::Ended;
    SessionState nextState = SessionState::Ready;
    TimeMs startedAt = 0;
    TimeMs durationMs = 0;
    AgentCounters counters; ///< over the session's lifetime
};

struct CallSnapshot {
    CallId id = 0;
    QueueId queue = 0;
    std::string ani;
    std::string dnis;
    int priority = 0;
    bool ringing = false;
    bool connected = false;
    bool held = false;
    AgentId agent = 0;
    TimeMs arrivedAt = 0;
    TimeMs queueEnteredAt = 0;
    TimeMs waitMs = 0; ///< in the current queue, so far or until answer
};

} // namespace acd::core
