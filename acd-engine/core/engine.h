#pragma once
// The ACD core: a deterministic state machine. Inputs are method calls carrying the time from
// an injected clock; outputs are Effects (switch commands and events) collected in order and
// taken with takeEffects(). No threads, no I/O, no wall clock, no exceptions across this API:
// every input returns a Status that names what was wrong.
//
// Time: every input first fires the core's timers that are due at or before `now`. `now`
// never goes backwards; an earlier time is treated as the latest time seen. After each input
// the shell arms one timer for nextDeadline() and calls advanceTo() when it fires.
//
// Routing is indexed (see docs/architecture.md): idle agents per (group, skill, level) in
// strategy order, waiting calls per (group, skill, minimum level) in priority/arrival order,
// so a decision costs O(log n) and never scans all agents or all queues.
#include "core/config.h"
#include "core/effects.h"
#include "core/snapshots.h"
#include "core/status.h"

#include <memory>
#include <optional>
#include <vector>

namespace acd::core {

class TimeZones;

class Engine {
public:
    explicit Engine(EngineConfig config = {});
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    // ---- Configuration ------------------------------------------------------------------
    Status addSkill(const SkillConfig &skill);
    Status addGroup(const GroupConfig &group);
    Status addQueue(const QueueConfig &queue);
    /// Changes a queue's rules live. Group and skill may change only while no call waits.
    Status updateQueue(const QueueConfig &queue);
    Status addAgent(const AgentConfig &agent);
    /// Sizes the agent tables for `agents` agents with `skillsPerAgent` skills each, one session
    /// each: a configuration loader that knows its counts calls this first, so the tables carry
    /// no growth slack. Optional; tables grow by a quarter at a time otherwise.
    void reserveAgents(std::size_t agents, std::size_t skillsPerAgent);
    /// Replaces an agent's skills live (re-indexes the agent if logged in).
    Status setAgentSkills(AgentId agent, const std::vector<AgentSkill> &skills);
    Status setReasonCode(ReasonCode code, const std::string &name);
    /// Checks references that may be added in any order (overflow targets, AddQueue steps).
    /// Call it after loading a whole configuration.
    Status validateReferences() const;
    /// Takes a queue out of service (the admin deleted it): unknown from now on, so no call
    /// can enter it; its ID may be added again as a new queue. Refused while calls wait or
    /// ring there, or while another queue overflows, sends closed calls or relaxes to it. Its
    /// figures of the current interval are still reported when the interval ends.
    Status removeQueue(QueueId queue);
    /// Takes a logged-out agent out of service: unknown from now on (cannot log in), its ID
    /// free to be added again. Refused while the agent is logged in.
    Status removeAgent(AgentId agent);
    Status setQueueMeasurementPeriod(QueueId queue, int seconds);
    /// The time zone rules business hours are read with (not owned; must outlive the
    /// engine). Without them, queues' hours are read in UTC.
    void setTimeZones(const TimeZones *zones);
    Status setAgentMeasurementPeriod(AgentId agent, int seconds);

    // ---- Agents ---------------------------------------------------------------------------
    /// Logs an agent in to a group at a station (TAPI lineCreateAgentSession). The new
    /// session starts Not Ready; the first session also moves the agent to Not Ready.
    Result<SessionId> createSession(AgentId agent, GroupId group, const std::string &station,
                                    TimeMs now);
    /// Ends a session (TAPI session state Ended). If the agent is busy on a call the session
    /// ends when the call and its wrap-up are over.
    Status endSession(SessionId session, TimeMs now, const std::string &forcedBy = {});
    /// Ends every session of the agent (logout). `forcedBy` names a supervisor for a forced one.
    Status logoutAgent(AgentId agent, TimeMs now, const std::string &forcedBy = {});
    /// TAPI lineSetAgentStateEx: state and next state (None = unchanged). Ready, NotReady
    /// (with a reason) and Released (logout) may be requested; busy states are engine-driven.
    /// While the agent is busy the requested state becomes the state after the call.
    Status setAgentState(AgentId agent, AgentStateEx state, AgentStateEx nextState,
                         ReasonCode reason, TimeMs now, const std::string &forcedBy = {});
    /// TAPI lineSetAgentSessionState: Ready / NotReady per group, or Ended. A next state
    /// (Ready / NotReady) is taken by the session after every ACD call and its wrap-up.
    Status setSessionState(SessionId session, SessionState state, SessionState nextState,
                           TimeMs now, const std::string &forcedBy = {});
    /// Agent ends after-call work early (same as requesting Ready during wrap-up).
    Status endWrapUp(AgentId agent, TimeMs now);
    /// A non-ACD call started or ended at the agent's station.
    Status otherCallStarted(AgentId agent, bool incoming, TimeMs now);
    Status otherCallEnded(AgentId agent, TimeMs now);

    // ---- Calls ----------------------------------------------------------------------------
    Status callArrived(const CallArrival &call, TimeMs now);
    /// The agent's station answered the offered call.
    Status callAnswered(CallId call, TimeMs now);
    /// The switch reports the call connected at `agent`'s station. As callAnswered when it
    /// rings there. When the ACD had just taken it back from that agent at the ring timeout
    /// (it is queued again, or rings at the next agent because the switch has not rung there
    /// yet), the agent answered before the switch could give it back: the agent keeps the
    /// call, the next agent's offer is withdrawn, and the ring-no-answer stays counted.
    Status callAnsweredBy(CallId call, AgentId agent, TimeMs now);
    Status callHeld(CallId call, TimeMs now);
    Status callRetrieved(CallId call, TimeMs now);
    /// The call was cleared: an abandon while queued or ringing, a normal end after answer.
    Status callCleared(CallId call, TimeMs now);
    /// The switch could not deliver the offer; the call goes back to its place in the queue.
    Status offerFailed(CallId call, TimeMs now);

    // ---- Time -----------------------------------------------------------------------------
    void advanceTo(TimeMs now);
    std::optional<TimeMs> nextDeadline() const;
    TimeMs now() const;

    // ---- Output ---------------------------------------------------------------------------
    /// Moves the effects produced since the last call into `out` (appending).
    void takeEffects(std::vector<Effect> &out);
    /// Drops pending effects (for benchmarks that do not consume them).
    void discardEffects();
    std::uint64_t lastSequence() const;

    // ---- Queries --------------------------------------------------------------------------
    Result<QueueSnapshot> queue(QueueId queue) const;
    Result<AgentSnapshot> agent(AgentId agent) const;
    Result<SessionSnapshot> session(SessionId session) const;
    Result<CallSnapshot> call(CallId call) const;
    std::vector<QueueId> queueIds() const;
    std::vector<AgentId> agentIds() const;
    std::vector<GroupConfig> groups() const;
    std::vector<SessionId> sessionsOf(AgentId agent) const;
    const EngineConfig &config() const;
    std::size_t activeCallCount() const;

    class Impl;

private:
    friend class RoutingProbe; // the benchmark's view of the routing index alone

    std::unique_ptr<Impl> m_impl;
};

} // namespace acd::core
