#pragma once
// The core's output: commands for the switch and events for subscribers (TAPI server, event
// stream, SQLite writer). Every effect carries a sequence number that increases by one per
// effect, so a consumer can detect a gap and ask for a snapshot.
#include "core/enums.h"
#include "core/stats.h"
#include "core/types.h"

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace acd::core {

// ---- Commands: the shell carries them out on the switch ----------------------------------

/// Deliver (deflect) a queued call to the agent's station; it rings there.
struct OfferCall {
    CallId call;
    QueueId queue;
    AgentId agent;
    SessionId session;
    std::string station;
};

/// Take a ringing call back from the station; the core has put it back in its queue.
struct RetractCall {
    CallId call;
    AgentId agent;
    std::string station;
    RequeueReason reason;
};

/// Disconnect the caller (overflow rule without a target queue).
struct DisconnectCall {
    CallId call;
    QueueId queue;
    OverflowReason reason;
};

// ---- Events: what happened (documented in docs/routing.md, section "Event stream") -------

/// An agent's TAPI state, next state or engine activity changed.
struct AgentStateChanged {
    AgentId agent;
    AgentStateEx oldState;
    AgentStateEx state;
    AgentStateEx nextState;
    AgentActivity oldActivity;
    AgentActivity activity;
    ReasonCode reason;    ///< Not Ready reason (0 when not Not Ready)
    std::string forcedBy; ///< empty when the agent did it; "system:rona", a supervisor ID, ...
};

/// An agent session was created (login to a group at a station).
struct SessionStarted {
    SessionId session;
    AgentId agent;
    GroupId group;
    std::string station;
};

/// An agent session's TAPI state changed (including Ended at logout).
struct SessionStateChanged {
    SessionId session;
    AgentId agent;
    GroupId group;
    SessionState state;
    SessionState nextState;
    std::string forcedBy;
};

/// A call entered a queue (new arrival or flowed in) and waits.
struct CallQueued {
    CallId call;
    QueueId queue;
    int priority;
    bool flowedIn;
};

/// A call was offered to (is ringing at) an agent.
struct CallOffered {
    CallId call;
    QueueId queue;
    AgentId agent;
    SessionId session;
    TimeMs waitMs; ///< time in queue before the offer
};

/// A ringing call went back to its place in the queue.
struct CallRequeued {
    CallId call;
    QueueId queue;
    AgentId agent;
    RequeueReason reason;
};

/// An agent answered a call.
struct CallAnswered {
    CallId call;
    QueueId queue;
    AgentId agent;
    TimeMs waitMs; ///< queue entry to answer, ringing included (CMS-style)
    TimeMs ringMs;
};

/// A waiting call's routing was relaxed by its queue's schedule.
struct CallRelaxed {
    CallId call;
    QueueId queue;
    int step; ///< index into the queue's relaxation list
};

/// A call left its queue for another queue.
struct CallOverflowed {
    CallId call;
    QueueId fromQueue;
    QueueId toQueue; ///< 0 when the call was disconnected
    OverflowReason reason;
    TimeMs waitMs;
};

/// The final record of a call: emitted exactly once per call that entered the ACD.
struct CallCompleted {
    CallId call;
    QueueId queue; ///< the last queue the call was in
    AgentId agent; ///< 0 when never answered
    Disposition disposition;
    TimeMs arrivedAt;
    TimeMs waitMs; ///< in the last queue, until answer or abandon
    TimeMs ringMs;
    TimeMs talkMs;
    TimeMs holdMs;
};

/// An agent's after-call work for a call ended (timer, early end, or state change).
struct WrapUpEnded {
    AgentId agent;
    CallId call;
    QueueId queue;
    TimeMs wrapMs;
};

/// A queue's live figures changed (calls waiting, longest wait, counters).
struct QueueChanged {
    QueueId queue;
    int waiting;
    int ringing;
};

/// A statistics interval closed; records for every queue and every logged-in agent.
struct IntervalClosed {
    std::shared_ptr<const IntervalReport> report;
};

using EffectBody = std::variant<OfferCall, RetractCall, DisconnectCall, AgentStateChanged,
                                SessionStarted, SessionStateChanged, CallQueued, CallOffered,
                                CallRequeued, CallAnswered, CallRelaxed, CallOverflowed,
                                CallCompleted, WrapUpEnded, QueueChanged, IntervalClosed>;

struct Effect {
    Effect() = default;
    template<typename T>
    Effect(std::uint64_t s, TimeMs a, T &&b)
        : seq(s)
        , at(a)
        , body(std::forward<T>(b))
    {}

    std::uint64_t seq = 0;
    TimeMs at = 0;
    EffectBody body;
};

} // namespace acd::core
