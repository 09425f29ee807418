// Read-only snapshots of queues, agents, sessions and calls.
#include "core/engine_impl.h"

#include <array>

namespace acd::core {

Result<QueueSnapshot> Engine::Impl::queueSnapshot(QueueId id) const
{
    auto fq = findQueue(id);
    if (!fq)
        return fq.status();
    const Queue &queue = m_queues[fq.value()];
    QueueSnapshot s;
    s.id = queue.cfg.id;
    s.name = queue.cfg.name;
    s.group = queue.cfg.group;
    s.waiting = queue.waiting;
    s.ringing = queue.ringing;
    s.open = isQueueOpen(queue.cfg, m_now, m_timeZones);
    trimUnanswered(fq.value());
    s.currentLongestWaitMs =
        queue.unanswered.empty() ? 0 : m_now - queue.unanswered.front().enteredAt;
    // Counted without a branch per member: which member counts and in which state is
    // unpredictable, and mispredictions were most of a snapshot's time.
    std::array<int, kActivityCount> byActivity{};
    const int minLevel = queue.cfg.skill.minLevel;
    for (const auto &[a, level] : m_pools[queue.pool].members)
        byActivity[static_cast<std::size_t>(m_activityOf[a])] += level >= minLevel ? 1 : 0;
    auto count = [&](AgentActivity activity) {
        return byActivity[static_cast<std::size_t>(activity)];
    };
    for (int n : byActivity)
        s.agentsStaffed += n;
    s.agentsAvailable = count(AgentActivity::Available);
    s.agentsOnCall = count(AgentActivity::Ringing) + count(AgentActivity::OnCall);
    s.agentsWrapUp = count(AgentActivity::WrapUp);
    s.agentsNotReady = count(AgentActivity::NotReady);
    s.agentsOtherCall = count(AgentActivity::OtherCall);
    s.measurementPeriodMs = m_queueWindows.periodMs(fq.value());
    s.period = m_queueWindows.at(fq.value(), m_now);
    s.interval = queue.stats.interval;
    s.total = queue.stats.total;
    return s;
}

Result<AgentSnapshot> Engine::Impl::agentSnapshot(AgentId id) const
{
    auto fa = findAgent(id);
    if (!fa)
        return fa.status();
    const Agent &agent = m_agents[fa.value()];
    AgentSnapshot s;
    s.id = agent.cfg.id;
    s.name = agent.cfg.name;
    s.state = reportedState(agent);
    s.nextState = agent.next;
    s.activity = agent.activity;
    s.reason = agent.activity == AgentActivity::NotReady ? agent.reason : 0;
    s.activitySince = agent.activitySince;
    if (agent.call != kNil) {
        s.currentCall = m_calls[agent.call].id;
        s.currentQueue = m_queues[m_calls[agent.call].queue].cfg.id;
    } else if (agent.activity == AgentActivity::WrapUp) {
        s.currentCall = agent.wrapCall;
        s.currentQueue = agent.wrapQueue != kNil ? m_queues[agent.wrapQueue].cfg.id : 0;
    }
    for (Index sess : agent.sessions)
        s.sessions.push_back(m_sessions[sess].id);
    s.measurementPeriodMs = m_agentWindows.periodMs(fa.value());
    static_cast<AgentCallCounters &>(s.period) = m_agentWindows.at(fa.value(), m_now);
    // Time in state includes the activity in progress up to now.
    s.interval = agent.stats.interval;
    s.total = agent.stats.total;
    if (TimeMs AgentCounters::*field = timeInStateField(agent.activity)) {
        const TimeMs running = m_now - agent.activitySince;
        s.interval.*field += running;
        s.total.*field += running;
    }
    return s;
}

Result<SessionSnapshot> Engine::Impl::sessionSnapshot(SessionId id) const
{
    auto fs = findSession(id);
    if (!fs)
        return fs.status();
    const Session &session = m_sessions[fs.value()];
    SessionSnapshot s;
    s.id = session.id;
    s.agent = m_agents[session.agent].cfg.id;
    s.group = m_groups[session.group].cfg.id;
    s.station = session.station;
    s.state = reportedState(session);
    s.nextState = session.next;
    s.startedAt = session.startedAt;
    s.durationMs = (session.ended ? session.endedAt : m_now) - session.startedAt;
    const SessionCounters &c = session.counters;
    s.counters.offered = c.offered;
    s.counters.answered = c.answered;
    s.counters.handled = c.handled;
    s.counters.ringMs = c.ringMs;
    s.counters.maxRingMs = c.maxRingMs;
    s.counters.talkMs = c.talkMs;
    s.counters.holdMs = c.holdMs;
    s.counters.wrapMs = c.wrapMs;
    return s;
}

Result<CallSnapshot> Engine::Impl::callSnapshot(CallId id) const
{
    auto fc = findCall(id);
    if (!fc)
        return fc.status();
    const Call &call = m_calls[fc.value()];
    CallSnapshot s;
    s.id = call.id;
    s.queue = m_queues[call.queue].cfg.id;
    s.ani = call.ani;
    s.dnis = call.dnis;
    s.priority = call.priority;
    s.ringing = call.phase == CallPhase::Ringing;
    s.connected = call.phase == CallPhase::Connected;
    s.held = call.held;
    s.agent = call.agent != kNil ? m_agents[call.agent].cfg.id : 0;
    s.arrivedAt = call.arrivedAt;
    s.queueEnteredAt = call.queueEnteredAt;
    s.waitMs = (call.phase == CallPhase::Connected ? call.answeredAt : m_now) - call.queueEnteredAt;
    return s;
}

} // namespace acd::core
