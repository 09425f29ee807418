// Calls: arrival, queueing, overflow, ring-no-answer requeue, answer, hold, abandon, end,
// and time-based relaxation of a waiting call's routing.
#include "core/engine_impl.h"

#include <algorithm>

namespace acd::core {
namespace {

std::string callName(CallId id)
{
    return "call " + std::to_string(id);
}

std::int32_t ms32(TimeMs v)
{
    return static_cast<std::int32_t>(std::min<TimeMs>(v, INT32_MAX));
}

const char *phaseName(CallPhase p)
{
    switch (p) {
    case CallPhase::Queued:
        return "queued";
    case CallPhase::Ringing:
        return "ringing";
    case CallPhase::Connected:
        return "connected";
    }
    return "?";
}

/// Makes a recycled call slot like a new Call, keeping its strings' and vectors' capacity.
/// Keep in step with the fields of Call.
void resetCall(Call &call)
{
    call.id = 0;
    call.queue = kNil;
    call.ani.clear();
    call.dnis.clear();
    call.priority = kMinPriority;
    call.skill = {};
    call.extraSkills.clear();
    call.arrivedAt = 0;
    call.queueEnteredAt = 0;
    call.orderSeq = 0;
    call.targets.clear();
    call.indexed = false;
    call.relaxStep = 0;
    call.overflowHops = 0;
    call.maxWaitExpired = false;
    call.relaxBase = 0;
    call.maxWaitTimer = 0;
    call.ringTimer = 0;
    call.phase = CallPhase::Queued;
    call.held = false;
    call.holdSince = 0;
    call.holdMs = 0;
    call.agent = kNil;
    call.session = kNil;
    call.offeredAt = 0;
    call.answeredAt = 0;
    call.retractedFrom = kNil;
    call.retractedOfferAt = 0;
    call.live = false;
}

} // namespace

bool Engine::Impl::stillUnanswered(Index q, const UnansweredEntry &e) const
{
    const Call &call = m_calls[e.slot];
    return call.live && call.id == e.call && call.queue == q && call.queueEnteredAt == e.enteredAt
           && call.phase != CallPhase::Connected;
}

void Engine::Impl::trimUnanswered(Index q) const
{
    auto &fifo = m_queues[q].unanswered;
    while (!fifo.empty() && !stillUnanswered(q, fifo.front()))
        fifo.pop_front();
}

int Engine::Impl::staffed(Index pool, int minLevel) const
{
    int n = 0;
    for (int l = minLevel - 1; l < kLevels; ++l)
        n += m_pools[pool].staffedAtLevel[l];
    return n;
}

int Engine::Impl::staffed(const Queue &queue) const
{
    return staffed(queue.pool, queue.cfg.skill.minLevel);
}

void Engine::Impl::emitQueueChanged(Index q)
{
    const Queue &queue = m_queues[q];
    emit(QueueChanged{queue.cfg.id, queue.waiting, queue.ringing});
}

void Engine::Impl::cancelCallTimers(Call &call)
{
    call.relaxBase = 0;
    call.maxWaitTimer = 0;
    call.ringTimer = 0;
}

Status Engine::Impl::callArrived(const CallArrival &arrival)
{
    if (arrival.id == 0)
        return {ErrorCode::InvalidArgument, "call: field id must be non-zero"};
    if (m_callIndex.contains(arrival.id))
        return {ErrorCode::DuplicateId, callName(arrival.id) + " is already in the ACD"};
    auto fq = findQueue(arrival.queue);
    if (!fq)
        return {ErrorCode::UnknownQueue, callName(arrival.id) + ": " + fq.status().message()};
    if (arrival.priority < kMinPriority || arrival.priority > kMaxPriority)
        return {ErrorCode::InvalidArgument, callName(arrival.id)
                                                + ": field priority must be 1-10, got "
                                                + std::to_string(arrival.priority)};
    auto checkReq = [&](const SkillRequirement &r) -> Status {
        if (!m_skills.count(r.skill))
            return {ErrorCode::UnknownSkill,
                    callName(arrival.id) + ": unknown skill " + std::to_string(r.skill)};
        if (r.minLevel < kMinSkillLevel || r.minLevel > kMaxSkillLevel)
            return {ErrorCode::InvalidArgument,
                    callName(arrival.id) + ": skill " + std::to_string(r.skill)
                        + ": minimum level must be 1-16, got " + std::to_string(r.minLevel)};
        return {};
    };
    if (arrival.skill.skill != 0) {
        if (Status s = checkReq(arrival.skill); !s)
            return s;
    }
    for (const SkillRequirement &r : arrival.extraSkills) {
        if (Status s = checkReq(r); !s)
            return s;
    }

    const Index c = takeSlot(m_calls, m_freeCalls);
    Call &call = m_calls[c];
    resetCall(call); // keeps the capacity of its strings and vectors
    call.id = arrival.id;
    call.ani = arrival.ani;
    call.dnis = arrival.dnis;
    call.priority = arrival.priority;
    call.extraSkills = arrival.extraSkills;
    call.arrivedAt = m_now;
    call.orderSeq = ++m_arrivalSeq;
    call.live = true;
    const Queue &queue = m_queues[fq.value()];
    call.skill = arrival.skill.skill != 0 ? arrival.skill : queue.cfg.skill;
    m_callIndex.set(arrival.id, c);
    enterQueue(c, fq.value(), false);
    return {};
}

Index Engine::Impl::targetQueue(Call &call, const Queue &queue)
{
    const Index pool =
        call.skill == queue.cfg.skill ? queue.pool : poolFor(queue.group, call.skill.skill);
    call.targets.assign(1, CallTarget{pool, static_cast<std::uint8_t>(call.skill.minLevel)});
    return pool;
}

void Engine::Impl::enterQueue(Index c, Index q, bool flowedIn)
{
    Call &call = m_calls[c];
    Queue &queue = m_queues[q];
    call.queue = q;
    call.queueEnteredAt = m_now;
    call.phase = CallPhase::Queued;
    call.relaxStep = 0;
    call.maxWaitExpired = false;
    const Index pool = targetQueue(call, queue);
    queueStat(q, makeRecord(m_now, kQueueEntered, static_cast<std::uint8_t>(flowedIn ? 1 : 0)));
    ++queue.waiting;
    queue.unanswered.push_back(UnansweredEntry{m_now, call.id, c});
    emit(CallQueued{call.id, queue.cfg.id, call.priority, flowedIn});

    if (!isQueueOpen(queue.cfg, m_now, m_timeZones)) {
        overflow(c, OverflowReason::Closed);
        return;
    }
    if (queue.cfg.maxLength > 0 && queue.waiting > queue.cfg.maxLength) {
        overflow(c, OverflowReason::MaxLength);
        return;
    }
    if (queue.cfg.overflowWhenNoAgents && staffed(pool, call.skill.minLevel) == 0) {
        overflow(c, OverflowReason::NoAgents);
        return;
    }
    if (queue.cfg.maxWaitSeconds > 0)
        call.maxWaitTimer = m_timers.schedule(m_now, queue.cfg.maxWaitSeconds * kMsPerSecond,
                                              TimerKind::MaxWait, c);
    scheduleRelaxation(c);
    if (!routeCall(c))
        emitQueueChanged(q);
}

void Engine::Impl::overflow(Index c, OverflowReason reason)
{
    Call &call = m_calls[c];
    const Index from = call.queue;
    Queue &queue = m_queues[from];
    const TimeMs wait = m_now - call.queueEnteredAt;
    if (call.indexed)
        unindexCall(c);
    --queue.waiting;
    cancelCallTimers(call);

    Index target = kNil;
    const QueueId targetId =
        reason == OverflowReason::Closed ? queue.cfg.closedQueue : queue.cfg.overflowQueue;
    if (targetId != 0 && call.overflowHops < kMaxOverflowHops) {
        auto ft = findQueue(targetId);
        if (ft)
            target = ft.value();
    }
    if (target != kNil) {
        queueStat(from, makeRecord(m_now, kQueueFlowedOut, 0, ms32(wait)));
        emit(CallOverflowed{call.id, queue.cfg.id, m_queues[target].cfg.id, reason, wait});
        emitQueueChanged(from);
        ++call.overflowHops;
        call.skill = m_queues[target].cfg.skill;
        enterQueue(c, target, true);
        return;
    }
    queueStat(from, makeRecord(m_now, kQueueDisconnected, 0, ms32(wait)));
    emit(CallOverflowed{call.id, queue.cfg.id, 0, reason, wait});
    emit(DisconnectCall{call.id, queue.cfg.id, reason});
    emit(CallCompleted{call.id, queue.cfg.id, 0, Disposition::OverflowDisconnected, call.arrivedAt,
                       wait, 0, 0, 0});
    emitQueueChanged(from);
    releaseCall(c);
}

void Engine::Impl::requeue(Index c, RequeueReason reason, ReasonCode agentReason)
{
    Call &call = m_calls[c];
    Queue &queue = m_queues[call.queue];
    const Index a = call.agent;
    Agent &agent = m_agents[a];
    call.ringTimer = 0;
    emit(RetractCall{call.id, agent.cfg.id, m_sessions[call.session].station, reason});
    emit(CallRequeued{call.id, queue.cfg.id, agent.cfg.id, reason});
    call.retractedFrom = kNil;
    if (reason == RequeueReason::RingNoAnswer) {
        agentStat(a, makeRecord(m_now, kAgentRingNoAnswer));
        call.retractedFrom = a; // the switch may yet report the agent's answer
        call.retractedOfferAt = call.offeredAt;
    }
    --queue.ringing;
    ++queue.waiting;
    call.phase = CallPhase::Queued;
    call.agent = kNil;
    call.session = kNil;
    agent.call = kNil;
    agent.callSession = kNil;

    std::string forcedBy;
    ReasonCode notReadyReason = agentReason;
    switch (reason) {
    case RequeueReason::RingNoAnswer:
        notReadyReason = m_config.ronaReason;
        forcedBy = "system:rona";
        break;
    case RequeueReason::OfferFailed:
        notReadyReason = m_config.offerFailedReason;
        forcedBy = "system:offer-failed";
        break;
    case RequeueReason::AgentLeft:
    case RequeueReason::LateAnswer: // not a requeue of this kind: see giveBackToAgent()
        break;
    }
    // becomeFree() also carries out session ends deferred while the call rang; that can
    // leave a queue unstaffed and overflow this very call, so check it is still here after.
    const CallId id = call.id;
    const Index q = call.queue;
    becomeFree(a, AgentStateEx::NotReady, notReadyReason, forcedBy);
    if (!m_calls[c].live || m_calls[c].id != id || m_calls[c].queue != q
        || m_calls[c].phase != CallPhase::Queued)
        return;

    if (call.maxWaitExpired) {
        overflow(c, OverflowReason::MaxWait);
        return;
    }
    if (!routeCall(c))
        emitQueueChanged(call.queue);
}

Status Engine::Impl::offerFailed(CallId id)
{
    auto fc = findCall(id);
    if (!fc)
        return fc.status();
    const Call &call = m_calls[fc.value()];
    if (call.phase != CallPhase::Ringing)
        return {ErrorCode::InvalidState,
                callName(id) + " is " + phaseName(call.phase) + ", not ringing at an agent"};
    requeue(fc.value(), RequeueReason::OfferFailed);
    return {};
}

Status Engine::Impl::callAnswered(CallId id)
{
    auto fc = findCall(id);
    if (!fc)
        return fc.status();
    const Index c = fc.value();
    if (m_calls[c].phase != CallPhase::Ringing)
        return {ErrorCode::InvalidState,
                callName(id) + " is " + phaseName(m_calls[c].phase) + ", not ringing at an agent"};
    answer(c);
    return {};
}

Status Engine::Impl::callAnsweredBy(CallId id, AgentId agentId)
{
    auto fc = findCall(id);
    if (!fc)
        return fc.status();
    auto fa = findAgent(agentId);
    if (!fa)
        return fa.status();
    const Index c = fc.value();
    const Call &call = m_calls[c];
    if (call.phase == CallPhase::Ringing && call.agent == fa.value()) {
        answer(c);
        return {};
    }
    if (call.phase == CallPhase::Connected || call.retractedFrom != fa.value())
        return {ErrorCode::InvalidState, callName(id) + " is " + phaseName(call.phase)
                                             + ", not offered to agent " + std::to_string(agentId)};
    return giveBackToAgent(c, fa.value());
}

Status Engine::Impl::giveBackToAgent(Index c, Index a)
{
    Call &call = m_calls[c];
    Agent &agent = m_agents[a];
    const CallId id = call.id;
    if (agent.activity == AgentActivity::LoggedOut || agent.sessions.empty())
        return {ErrorCode::NotLoggedIn, callName(id) + ": agent " + std::to_string(agent.cfg.id)
                                            + " is no longer logged in"};
    if (agent.call != kNil)
        return {ErrorCode::InvalidState, callName(id) + ": agent " + std::to_string(agent.cfg.id)
                                             + " is busy with another ACD call"};
    Queue &queue = m_queues[call.queue];
    // Its next offer, made at the ring timeout, has not reached the switch yet (the router
    // waits for the call to come back first): withdraw it; that agent did nothing wrong.
    Index withdrawnFrom = kNil;
    if (call.phase == CallPhase::Ringing) {
        withdrawnFrom = call.agent;
        emit(CallRequeued{id, queue.cfg.id, m_agents[withdrawnFrom].cfg.id,
                          RequeueReason::LateAnswer}); // becomeFree() below clears their call
    } else {
        if (call.indexed)
            unindexCall(c);
        --queue.waiting;
        ++queue.ringing;
    }
    cancelCallTimers(call);
    if (agent.idleIndexed)
        unindexIdle(a);
    const Index session = sessionFor(call, agent);
    call.phase = CallPhase::Ringing;
    call.agent = a;
    call.session = session;
    call.offeredAt = call.retractedOfferAt;
    call.retractedFrom = kNil;
    agent.call = c;
    agent.callSession = session;
    answer(c);
    if (withdrawnFrom != kNil) {
        const Agent &other = m_agents[withdrawnFrom];
        becomeFree(withdrawnFrom, other.chosen, other.reason, {});
    }
    return {};
}

void Engine::Impl::answer(Index c)
{
    Call &call = m_calls[c];
    Queue &queue = m_queues[call.queue];
    const Index a = call.agent;
    Agent &agent = m_agents[a];
    const TimeMs wait = m_now - call.queueEnteredAt;
    const TimeMs ring = m_now - call.offeredAt;
    cancelCallTimers(call);
    --queue.ringing;
    const bool inSl = wait <= queue.cfg.serviceLevelSeconds * kMsPerSecond;
    queueStat(call.queue,
              makeRecord(m_now, kQueueAnswered, static_cast<std::uint8_t>(inSl ? 1 : 0), ms32(wait)));
    agentStat(a, makeRecord(m_now, kAgentAnswered, 0, ms32(ring)));
    ++agent.answeredSinceLogin;
    SessionCounters &sc = m_sessions[call.session].counters;
    ++sc.answered;
    sc.ringMs += ring;
    sc.maxRingMs = std::max(sc.maxRingMs, ring);
    call.phase = CallPhase::Connected;
    call.answeredAt = m_now;
    emit(CallAnswered{call.id, queue.cfg.id, agent.cfg.id, wait, ring});
    setActivity(a, AgentActivity::OnCall);
    emitQueueChanged(call.queue);
}

Status Engine::Impl::callHeld(CallId id)
{
    auto fc = findCall(id);
    if (!fc)
        return fc.status();
    Call &call = m_calls[fc.value()];
    if (call.phase != CallPhase::Connected || call.held)
        return {ErrorCode::InvalidState,
                callName(id) + " cannot be held: it is "
                    + (call.held ? "already held" : phaseName(call.phase))};
    call.held = true;
    call.holdSince = m_now;
    return {};
}

Status Engine::Impl::callRetrieved(CallId id)
{
    auto fc = findCall(id);
    if (!fc)
        return fc.status();
    Call &call = m_calls[fc.value()];
    if (!call.held)
        return {ErrorCode::InvalidState, callName(id) + " is not on hold"};
    call.held = false;
    call.holdMs += m_now - call.holdSince;
    return {};
}

Status Engine::Impl::callCleared(CallId id)
{
    auto fc = findCall(id);
    if (!fc)
        return fc.status();
    const Index c = fc.value();
    if (m_calls[c].phase == CallPhase::Connected)
        completeAnswered(c);
    else
        abandon(c);
    return {};
}

void Engine::Impl::abandon(Index c)
{
    Call &call = m_calls[c];
    Queue &queue = m_queues[call.queue];
    const bool ringing = call.phase == CallPhase::Ringing;
    const TimeMs wait = m_now - call.queueEnteredAt;
    if (call.indexed)
        unindexCall(c);
    if (ringing)
        --queue.ringing;
    else
        --queue.waiting;
    cancelCallTimers(call);
    std::uint8_t flags = 0;
    if (wait <= queue.cfg.serviceLevelSeconds * kMsPerSecond)
        flags |= 1;
    if (wait < queue.cfg.shortAbandonSeconds * kMsPerSecond)
        flags |= 2;
    if (ringing)
        flags |= 4;
    queueStat(call.queue, makeRecord(m_now, kQueueAbandoned, flags, ms32(wait)));
    const Index a = call.agent;
    emit(CallCompleted{call.id, queue.cfg.id, 0,
                       ringing ? Disposition::AbandonedRinging : Disposition::Abandoned,
                       call.arrivedAt, wait, ringing ? m_now - call.offeredAt : 0, 0, 0});
    const Index q = call.queue;
    releaseCall(c);
    if (ringing) {
        // The agent did nothing wrong: back to what they had chosen.
        Agent &agent = m_agents[a];
        becomeFree(a, agent.chosen, agent.reason, {});
    }
    emitQueueChanged(q);
}

void Engine::Impl::completeAnswered(Index c)
{
    Call &call = m_calls[c];
    const Index a = call.agent;
    Agent &agent = m_agents[a];
    const Queue &queue = m_queues[call.queue];
    if (call.held) {
        call.holdMs += m_now - call.holdSince;
        call.held = false;
    }
    const TimeMs talk = m_now - call.answeredAt - call.holdMs;
    emit(CallCompleted{call.id, queue.cfg.id, agent.cfg.id, Disposition::Answered, call.arrivedAt,
                       call.answeredAt - call.queueEnteredAt, call.answeredAt - call.offeredAt,
                       talk, call.holdMs});
    agent.wrapCall = call.id;
    agent.wrapQueue = call.queue;
    agent.wrapTalkMs = ms32(talk);
    agent.wrapHoldMs = ms32(call.holdMs);
    agent.wrapStart = m_now;
    agent.call = kNil;
    releaseCall(c);
    if (queue.cfg.wrapUpSeconds > 0) {
        agent.wrapTimer = m_timers.schedule(m_now, queue.cfg.wrapUpSeconds * kMsPerSecond,
                                            TimerKind::WrapUpEnd, a);
        setActivity(a, AgentActivity::WrapUp);
    } else {
        endWrapUp(a, {});
    }
}

void Engine::Impl::releaseCall(Index c)
{
    Call &call = m_calls[c];
    m_callIndex.erase(call.id);
    call.live = false;
    call.targets.clear();
    call.extraSkills.clear();
    call.ani.clear();
    call.dnis.clear();
    m_freeCalls.push_back(c);
}

void Engine::Impl::scheduleRelaxation(Index c)
{
    // All steps are set at queue entry (consecutive tokens), so timers of equal duration are
    // always set in time order (see TimerQueue); a step applies only if it is the next one.
    Call &call = m_calls[c];
    const Queue &queue = m_queues[call.queue];
    call.relaxBase = 0;
    for (std::size_t i = 0; i < queue.cfg.relaxation.size(); ++i) {
        const std::uint64_t token = m_timers.schedule(
            m_now, queue.cfg.relaxation[i].afterSeconds * kMsPerSecond, TimerKind::Relaxation, c);
        if (i == 0)
            call.relaxBase = token;
    }
}

void Engine::Impl::applyRelaxation(Index c)
{
    Call &call = m_calls[c];
    const Queue &queue = m_queues[call.queue];
    if (call.relaxStep >= static_cast<int>(queue.cfg.relaxation.size()))
        return;
    const RelaxationStep &step = queue.cfg.relaxation[call.relaxStep];
    const bool wasIndexed = call.indexed;
    if (wasIndexed)
        unindexCall(c);
    switch (step.action) {
    case RelaxAction::LowerMinLevel: {
        auto &t = call.targets.front();
        t.minLevel = static_cast<std::uint8_t>(std::min<int>(t.minLevel, step.value));
        break;
    }
    case RelaxAction::AddQueue: {
        auto fq = findQueue(step.value);
        if (!fq)
            break; // dangling reference: reported by validateReferences(); nothing to add
        const Queue &other = m_queues[fq.value()];
        const auto level = static_cast<std::uint8_t>(other.cfg.skill.minLevel);
        auto it = std::find_if(call.targets.begin(), call.targets.end(),
                               [&](const CallTarget &t) { return t.pool == other.pool; });
        if (it != call.targets.end())
            it->minLevel = std::min(it->minLevel, level);
        else
            call.targets.push_back(CallTarget{other.pool, level});
        break;
    }
    case RelaxAction::RaisePriority:
        call.priority = std::min<int>(kMaxPriority, call.priority + static_cast<int>(step.value));
        break;
    }
    emit(CallRelaxed{call.id, queue.cfg.id, call.relaxStep});
    ++call.relaxStep;
    if (wasIndexed) {
        indexCall(c);
        routeCall(c);
    }
}

} // namespace acd::core
