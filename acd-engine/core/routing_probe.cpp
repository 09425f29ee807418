// Routing decisions through the Engine's own index, without the rest of a call's life.
#include "core/routing_probe.h"

#include "core/engine_impl.h"

namespace acd::core {

RoutingProbe::RoutingProbe(Engine &engine)
    : m_engine(engine)
{}

AgentId RoutingProbe::callArrives(QueueId queue, CallId call, int priority)
{
    Engine::Impl &core = *m_engine.m_impl;
    const Index *q = core.m_queueIndex.find(queue);
    if (!q)
        return 0;
    const Queue &queueRec = core.m_queues[*q];
    // The call record the decision reads, as enterQueue() sets it for a call of the queue's
    // own skill; its slot is released as soon as the call is offered.
    const Index c = takeSlot(core.m_calls, core.m_freeCalls);
    Call &rec = core.m_calls[c];
    rec.id = call;
    rec.queue = *q;
    rec.priority = priority;
    rec.skill = queueRec.cfg.skill;
    rec.extraSkills.clear();
    rec.orderSeq = ++core.m_arrivalSeq;
    core.targetQueue(rec, queueRec);
    rec.indexed = false;
    rec.phase = CallPhase::Queued;

    const Index a = core.findAgentFor(rec);
    if (a == kNil) {
        core.indexCall(c);
        return 0;
    }
    Agent &agent = core.m_agents[a];
    agent.callSession = core.sessionFor(rec, agent);
    core.unindexIdle(a);
    core.m_freeCalls.push_back(c);
    return agent.cfg.id;
}

CallId RoutingProbe::agentFrees(AgentId agentId)
{
    Engine::Impl &core = *m_engine.m_impl;
    const Index *a = core.m_agentIndex.find(agentId);
    if (!a)
        return 0;
    Agent &agent = core.m_agents[*a];
    const Index c = core.findCallFor(agent);
    if (c == kNil) {
        if (!agent.idleIndexed)
            core.indexIdle(*a);
        return 0;
    }
    const Call &rec = core.m_calls[c];
    agent.callSession = core.sessionFor(rec, agent);
    core.unindexCall(c);
    core.m_freeCalls.push_back(c);
    return rec.id;
}

} // namespace acd::core
