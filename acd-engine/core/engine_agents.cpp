// Agents: sessions (login per group and station), chosen state versus engine activity, the
// TAPI state and next-state model, time in state, and staffing of queues.
#include "core/engine_impl.h"

#include <algorithm>

namespace acd::core {
namespace {

std::string agentName(AgentId id)
{
    return "agent " + std::to_string(id);
}

bool isBusy(AgentActivity a)
{
    return a == AgentActivity::Ringing || a == AgentActivity::OnCall || a == AgentActivity::WrapUp
           || a == AgentActivity::OtherCall;
}

} // namespace

AgentStateEx Engine::Impl::reportedState(const Agent &agent) const
{
    switch (agent.activity) {
    case AgentActivity::LoggedOut:
        return AgentStateEx::Released;
    case AgentActivity::NotReady:
        return AgentStateEx::NotReady;
    case AgentActivity::Available:
        return AgentStateEx::Ready;
    case AgentActivity::Ringing:
    case AgentActivity::OnCall:
    case AgentActivity::WrapUp:
        return AgentStateEx::BusyAcd;
    case AgentActivity::OtherCall:
        return agent.otherIncoming ? AgentStateEx::BusyIncoming : AgentStateEx::BusyOutgoing;
    }
    return AgentStateEx::Unknown;
}

SessionState Engine::Impl::reportedState(const Session &session) const
{
    if (session.ended)
        return SessionState::Ended;
    switch (m_agents[session.agent].activity) {
    case AgentActivity::LoggedOut:
        return SessionState::Ended;
    case AgentActivity::NotReady:
        return SessionState::NotReady;
    case AgentActivity::Available:
        return session.chosen;
    case AgentActivity::Ringing:
    case AgentActivity::OnCall:
    case AgentActivity::OtherCall:
        return SessionState::BusyOnCall;
    case AgentActivity::WrapUp:
        return SessionState::BusyWrapUp;
    }
    return SessionState::NotReady;
}

void Engine::Impl::flushActivityTime(Agent &agent)
{
    const TimeMs d = m_now - agent.activitySince;
    agent.activitySince = m_now;
    if (d <= 0)
        return;
    if (TimeMs AgentCounters::*field = timeInStateField(agent.activity)) {
        agent.stats.total.*field += d;
        agent.stats.interval.*field += d;
    }
    // Since-login sums for the least-occupied strategy.
    switch (agent.activity) {
    case AgentActivity::Available:
        agent.availableSinceLoginMs += d;
        break;
    case AgentActivity::Ringing:
    case AgentActivity::OnCall:
    case AgentActivity::WrapUp:
        agent.busySinceLoginMs += d;
        break;
    default:
        break;
    }
}

void Engine::Impl::setActivity(Index a, AgentActivity activity, const std::string &forcedBy)
{
    Agent &agent = m_agents[a];
    flushActivityTime(agent);
    agent.activity = activity;
    m_activityOf[a] = activity;
    if (activity != AgentActivity::Available)
        agent.idlePlaceKept = false; // the idle period is over
    reportStates(a, forcedBy);
}

void Engine::Impl::reportStates(Index a, const std::string &forcedBy)
{
    Agent &agent = m_agents[a];
    const AgentStateEx state = reportedState(agent);
    const ReasonCode reason = agent.activity == AgentActivity::NotReady ? agent.reason : 0;
    if (state != agent.reported || agent.next != agent.reportedNext
        || agent.activity != agent.reportedActivity || reason != agent.reportedReason) {
        emit(AgentStateChanged{agent.cfg.id, agent.reported, state, agent.next,
                               agent.reportedActivity, agent.activity, reason, forcedBy});
        agent.reported = state;
        agent.reportedNext = agent.next;
        agent.reportedActivity = agent.activity;
        agent.reportedReason = reason;
    }
    for (Index s : agent.sessions) {
        Session &session = m_sessions[s];
        const SessionState st = reportedState(session);
        if (st != session.reported || session.next != session.reportedNext) {
            emit(SessionStateChanged{session.id, agent.cfg.id, m_groups[session.group].cfg.id, st,
                                     session.next, forcedBy});
            session.reported = st;
            session.reportedNext = session.next;
        }
    }
}

void Engine::Impl::joinPools(Index a, Index s)
{
    Agent &agent = m_agents[a];
    const Index group = m_sessions[s].group;
    agent.memberships.reserve(agent.memberships.size() + agent.cfg.skills.size());
    for (const AgentSkill &skill : agent.cfg.skills) {
        const auto it = m_poolIndex.find((static_cast<std::uint64_t>(group) << 32) | skill.skill);
        if (it == m_poolIndex.end())
            continue;
        const auto level = static_cast<std::uint8_t>(skill.level);
        agent.memberships.push_back(
            Membership{it->second, level, s, newIdleNode(a, it->second, level)});
        Pool &pool = m_pools[it->second];
        pool.members.emplace_back(a, level);
        ++pool.staffedAtLevel[level - 1];
    }
}

void Engine::Impl::leavePools(Index a, Index s)
{
    Agent &agent = m_agents[a];
    auto &ms = agent.memberships;
    for (const Membership &m : ms) {
        if (m.session != s)
            continue;
        freeIdleNode(m.node);
        Pool &pool = m_pools[m.pool];
        --pool.staffedAtLevel[m.level - 1];
        auto it = std::find(pool.members.begin(), pool.members.end(), std::make_pair(a, m.level));
        if (it != pool.members.end()) {
            *it = pool.members.back();
            pool.members.pop_back();
        }
    }
    ms.erase(
        std::remove_if(ms.begin(), ms.end(), [s](const Membership &m) { return m.session == s; }),
        ms.end());
}

void Engine::Impl::checkStaffing(Index a, Index group)
{
    for (const AgentSkill &skill : m_agents[a].cfg.skills) {
        const auto it = m_poolIndex.find((static_cast<std::uint64_t>(group) << 32) | skill.skill);
        if (it == m_poolIndex.end())
            continue;
        for (Index q : m_pools[it->second].queues) {
            Queue &queue = m_queues[q];
            if (!queue.cfg.overflowWhenNoAgents || queue.waiting == 0 || staffed(queue) > 0)
                continue;
            std::vector<Index> queued;
            Ring<UnansweredEntry> kept;
            while (!queue.unanswered.empty()) {
                const UnansweredEntry e = queue.unanswered.front();
                queue.unanswered.pop_front();
                if (!stillUnanswered(q, e))
                    continue;
                kept.push_back(e);
                if (m_calls[e.slot].phase == CallPhase::Queued)
                    queued.push_back(e.slot);
            }
            queue.unanswered = std::move(kept);
            for (Index c : queued)
                overflow(c, OverflowReason::NoAgents);
        }
    }
}

Result<SessionId> Engine::Impl::createSession(AgentId agentId, GroupId groupId,
                                              const std::string &station)
{
    auto fa = findAgent(agentId);
    if (!fa)
        return fa.status();
    auto fg = findGroup(groupId);
    if (!fg)
        return fg.status();
    if (station.empty())
        return Status(ErrorCode::InvalidArgument,
                      agentName(agentId) + ": field station must not be empty");
    const Index a = fa.value();
    const Index g = fg.value();
    Agent &agent = m_agents[a];
    for (Index s : agent.sessions) {
        if (m_sessions[s].group == g)
            return Status(ErrorCode::DuplicateId, agentName(agentId) + " already has session "
                                                      + std::to_string(m_sessions[s].id)
                                                      + " in group " + std::to_string(groupId));
    }
    const Index s = static_cast<Index>(m_sessions.size());
    reserveForOneMore(m_sessions);
    Session session;
    session.id = ++m_lastSessionId;
    session.agent = a;
    session.group = g;
    session.station = station;
    session.startedAt = m_now;
    m_sessions.push_back(std::move(session));
    m_sessionIndex.set(m_sessions[s].id, s);
    agent.sessions.push_back(s);
    m_groups[g].sessions.push_back(s);
    emit(SessionStarted{m_sessions[s].id, agentId, groupId, station});
    joinPools(a, s);
    if (agent.activity == AgentActivity::LoggedOut) {
        agent.chosen = AgentStateEx::NotReady;
        agent.reason = 0;
        agent.next = AgentStateEx::Ready;
        agent.nextReason = 0;
        agent.answeredSinceLogin = 0;
        agent.busySinceLoginMs = 0;
        agent.availableSinceLoginMs = 0;
        setActivity(a, AgentActivity::NotReady);
    } else {
        reportStates(a, {});
    }
    return m_sessions[s].id;
}

void Engine::Impl::finishSessionEnd(Index s, const std::string &forcedBy)
{
    Session &session = m_sessions[s];
    const Index a = session.agent;
    Agent &agent = m_agents[a];
    unindexIdleKeepingPlace(a);
    leavePools(a, s);
    session.ended = true;
    session.pendingEnd = false;
    session.endedAt = m_now;
    agent.sessions.erase(std::remove(agent.sessions.begin(), agent.sessions.end(), s),
                         agent.sessions.end());
    auto &gs = m_groups[session.group].sessions;
    gs.erase(std::remove(gs.begin(), gs.end(), s), gs.end());
    session.reported = SessionState::Ended;
    emit(SessionStateChanged{session.id, agent.cfg.id, m_groups[session.group].cfg.id,
                             SessionState::Ended, SessionState::None, forcedBy});
    if (agent.sessions.empty()) {
        agent.chosen = AgentStateEx::NotReady;
        agent.reason = 0;
        setActivity(a, AgentActivity::LoggedOut, forcedBy);
    } else if (agent.activity == AgentActivity::Available) {
        routeAgent(a);
    }
    checkStaffing(a, session.group);
}

Status Engine::Impl::endSession(SessionId id, const std::string &forcedBy)
{
    auto fs = findSession(id);
    if (!fs)
        return fs.status();
    const Index s = fs.value();
    Session &session = m_sessions[s];
    if (session.ended)
        return {ErrorCode::InvalidState, "session " + std::to_string(id) + " already ended"};
    Agent &agent = m_agents[session.agent];
    if (agent.activity == AgentActivity::Ringing && agent.callSession == s) {
        requeue(agent.call, RequeueReason::AgentLeft);
        // requeue() left the agent Not Ready; the session can end at once.
    } else if (isBusy(agent.activity)) {
        if (!session.pendingEnd) {
            session.pendingEnd = true;
            m_pendingEndBy[s] = forcedBy;
            if (agent.idleIndexed)
                unindexIdle(session.agent);
        }
        return {};
    }
    finishSessionEnd(s, forcedBy);
    return {};
}

Status Engine::Impl::logoutAgent(AgentId id, const std::string &forcedBy)
{
    auto fa = findAgent(id);
    if (!fa)
        return fa.status();
    const Index a = fa.value();
    if (m_agents[a].sessions.empty())
        return {ErrorCode::NotLoggedIn, agentName(id) + " is not logged in"};
    const std::vector<Index> sessions = m_agents[a].sessions;
    for (Index s : sessions) {
        if (!m_sessions[s].ended)
            (void)endSession(m_sessions[s].id, forcedBy);
    }
    return {};
}

void Engine::Impl::becomeFree(Index a, AgentStateEx target, ReasonCode reason,
                              const std::string &forcedBy)
{
    Agent &agent = m_agents[a];
    agent.call = kNil;
    agent.callSession = kNil;
    // finishSessionEnd() removes from agent.sessions: walk it backwards by index.
    for (std::size_t i = agent.sessions.size(); i-- > 0;) {
        const Index s = agent.sessions[i];
        if (m_sessions[s].pendingEnd) {
            const std::string by = m_pendingEndBy[s];
            m_pendingEndBy.erase(s);
            finishSessionEnd(s, by);
        }
    }
    if (agent.activity == AgentActivity::LoggedOut)
        return;
    if (target == AgentStateEx::NotReady) {
        agent.chosen = AgentStateEx::NotReady;
        agent.reason = reason;
        setActivity(a, AgentActivity::NotReady, forcedBy);
    } else {
        agent.chosen = AgentStateEx::Ready;
        agent.reason = 0;
        setActivity(a, AgentActivity::Available, forcedBy);
        routeAgent(a);
    }
}

Status Engine::Impl::setAgentState(AgentId id, AgentStateEx state, AgentStateEx next,
                                   ReasonCode reason, const std::string &forcedBy)
{
    auto fa = findAgent(id);
    if (!fa)
        return fa.status();
    const Index a = fa.value();
    Agent &agent = m_agents[a];
    auto requestable = [](AgentStateEx s, bool allowReleased) {
        return s == AgentStateEx::None || s == AgentStateEx::Ready || s == AgentStateEx::NotReady
               || (allowReleased && s == AgentStateEx::Released);
    };
    if (!requestable(state, true))
        return {ErrorCode::InvalidState, agentName(id) + ": state " + std::string(toString(state))
                                             + " cannot be requested; the engine sets busy states"};
    if (!requestable(next, false))
        return {ErrorCode::InvalidState, agentName(id) + ": next state "
                                             + std::string(toString(next))
                                             + " cannot be requested (ready or not-ready only)"};
    if (agent.activity == AgentActivity::LoggedOut)
        return {ErrorCode::NotLoggedIn, agentName(id) + " is not logged in"};
    const bool notReadyAsked = state == AgentStateEx::NotReady || next == AgentStateEx::NotReady;
    if (reason != 0 && !notReadyAsked)
        return {ErrorCode::InvalidArgument, agentName(id) + ": reason code "
                                                + std::to_string(reason)
                                                + " given without a not-ready state"};
    if (reason != 0 && !m_config.reasonCodes.count(reason))
        return {ErrorCode::UnknownReasonCode,
                agentName(id) + ": unknown reason code " + std::to_string(reason)};
    if (state == AgentStateEx::Released)
        return logoutAgent(id, forcedBy);

    if (next != AgentStateEx::None) {
        agent.next = next;
        agent.nextReason = next == AgentStateEx::NotReady ? reason : 0;
    }
    switch (state) {
    case AgentStateEx::Ready:
        switch (agent.activity) {
        case AgentActivity::NotReady:
            agent.chosen = AgentStateEx::Ready;
            agent.reason = 0;
            setActivity(a, AgentActivity::Available, forcedBy);
            routeAgent(a);
            return {};
        case AgentActivity::WrapUp:
            finishWrapUp(a);
            becomeFree(a, AgentStateEx::Ready, 0, forcedBy);
            return {};
        case AgentActivity::Ringing:
        case AgentActivity::OnCall:
            if (next == AgentStateEx::None) {
                agent.next = AgentStateEx::Ready;
                agent.nextReason = 0;
            }
            break;
        case AgentActivity::OtherCall:
            agent.chosen = AgentStateEx::Ready;
            break;
        default:
            break;
        }
        break;
    case AgentStateEx::NotReady:
        switch (agent.activity) {
        case AgentActivity::Available:
            unindexIdle(a);
            agent.chosen = AgentStateEx::NotReady;
            agent.reason = reason;
            setActivity(a, AgentActivity::NotReady, forcedBy);
            return {};
        case AgentActivity::NotReady:
            agent.reason = reason;
            break;
        case AgentActivity::Ringing:
            requeue(agent.call, RequeueReason::AgentLeft, reason);
            break;
        case AgentActivity::OnCall:
            if (next == AgentStateEx::None) {
                agent.next = AgentStateEx::NotReady;
                agent.nextReason = reason;
            }
            break;
        case AgentActivity::WrapUp:
            finishWrapUp(a);
            becomeFree(a, AgentStateEx::NotReady, reason, forcedBy);
            return {};
        case AgentActivity::OtherCall:
            agent.chosen = AgentStateEx::NotReady;
            agent.reason = reason;
            break;
        default:
            break;
        }
        break;
    default:
        break;
    }
    reportStates(a, forcedBy);
    return {};
}

Status Engine::Impl::setSessionState(SessionId id, SessionState state, SessionState next,
                                     const std::string &forcedBy)
{
    auto fs = findSession(id);
    if (!fs)
        return fs.status();
    const Index s = fs.value();
    Session &session = m_sessions[s];
    const std::string name = "session " + std::to_string(id);
    if (session.ended)
        return {ErrorCode::InvalidState, name + " has ended"};
    auto requestable = [](SessionState st) {
        return st == SessionState::None || st == SessionState::Ready
               || st == SessionState::NotReady;
    };
    if (!requestable(state) && state != SessionState::Ended)
        return {ErrorCode::InvalidState, name + ": state " + std::string(toString(state))
                                             + " cannot be requested; the engine sets busy states"};
    if (!requestable(next))
        return {ErrorCode::InvalidState, name + ": next state " + std::string(toString(next))
                                             + " cannot be requested (ready or not-ready only)"};
    if (state == SessionState::Ended)
        return endSession(id, forcedBy);
    if (next != SessionState::None)
        session.next = next;
    const Index a = session.agent;
    Agent &agent = m_agents[a];
    if (state != SessionState::None && state != session.chosen) {
        unindexIdleKeepingPlace(a);
        session.chosen = state;
        if (agent.activity == AgentActivity::Available)
            routeAgent(a);
    }
    reportStates(a, forcedBy);
    return {};
}

void Engine::Impl::finishWrapUp(Index a)
{
    Agent &agent = m_agents[a];
    agent.wrapTimer = 0;
    const TimeMs wrap = m_now - agent.wrapStart;
    const StatRecord handled = makeRecord(m_now, kQueueHandled, 0, agent.wrapTalkMs,
                                          agent.wrapHoldMs, static_cast<std::int32_t>(wrap));
    if (agent.wrapQueue != kNil)
        queueStat(agent.wrapQueue, handled);
    StatRecord agentRecord = handled;
    agentRecord.kind = kAgentHandled;
    agentStat(a, agentRecord);
    if (agent.callSession != kNil) {
        SessionCounters &sc = m_sessions[agent.callSession].counters;
        ++sc.handled;
        sc.talkMs += agent.wrapTalkMs;
        sc.holdMs += agent.wrapHoldMs;
        sc.wrapMs += wrap;
    }
    // Each session's next state (TAPI dwNextAgentSessionState) applies after every ACD call.
    for (Index s : agent.sessions) {
        Session &session = m_sessions[s];
        if (session.next != SessionState::None)
            session.chosen = session.next;
    }
    emit(WrapUpEnded{agent.cfg.id, agent.wrapCall,
                     agent.wrapQueue != kNil ? m_queues[agent.wrapQueue].cfg.id : 0, wrap});
    agent.wrapCall = 0;
    agent.wrapQueue = kNil;
}

void Engine::Impl::endWrapUp(Index a, const std::string &forcedBy)
{
    finishWrapUp(a);
    const Agent &agent = m_agents[a];
    becomeFree(a, agent.next, agent.nextReason, forcedBy);
}

Status Engine::Impl::otherCallStarted(AgentId id, bool incoming)
{
    auto fa = findAgent(id);
    if (!fa)
        return fa.status();
    const Index a = fa.value();
    Agent &agent = m_agents[a];
    if (agent.activity != AgentActivity::Available && agent.activity != AgentActivity::NotReady)
        return {ErrorCode::InvalidState, agentName(id) + " cannot start a non-ACD call while "
                                             + std::string(toString(agent.activity))};
    if (agent.idleIndexed)
        unindexIdle(a);
    agent.otherIncoming = incoming;
    agentStat(
        a, makeRecord(m_now, kAgentOtherCall, static_cast<std::uint8_t>(incoming ? 1 : 2)));
    setActivity(a, AgentActivity::OtherCall);
    return {};
}

Status Engine::Impl::otherCallEnded(AgentId id)
{
    auto fa = findAgent(id);
    if (!fa)
        return fa.status();
    const Index a = fa.value();
    Agent &agent = m_agents[a];
    if (agent.activity != AgentActivity::OtherCall)
        return {ErrorCode::InvalidState, agentName(id) + " has no non-ACD call (it is "
                                             + std::string(toString(agent.activity)) + ")"};
    becomeFree(a, agent.chosen, agent.reason, {});
    return {};
}

} // namespace acd::core
