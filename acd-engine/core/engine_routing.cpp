// Routing: the idle-agent and waiting-call indexes and the matching between them.
//
// Invariant after every input: no idle agent in the index could take any indexed waiting
// call. Each event that can break it (an agent becomes available, a call arrives, a call is
// relaxed or requeued) restores it by trying exactly the new candidate, so a decision costs
// O(levels * log n) and never scans all agents or all queues.
#include "core/engine_impl.h"

#include <bit>

namespace acd::core {
namespace {

/// Bits for levels >= minLevel (bit l stands for level l + 1).
std::uint32_t levelsFrom(int minLevel)
{
    return ~((1u << (minLevel - 1)) - 1u) & 0xFFFFu;
}
/// Bits for minimum levels <= level.
std::uint32_t levelsUpTo(int level)
{
    return (1u << level) - 1u;
}

} // namespace

std::uint64_t Engine::Impl::idleKeyFor(const Agent &agent, int slot)
{
    switch (slot) {
    case 0: { // least occupied: occupancy since login, parts per million
        const TimeMs busy = agent.busySinceLoginMs;
        const TimeMs total = busy + agent.availableSinceLoginMs;
        return total > 0
                   ? static_cast<std::uint64_t>(busy) * 1000000u / static_cast<std::uint64_t>(total)
                   : 0;
    }
    case 1:
        return agent.answeredSinceLogin; // fewest calls
    case 2:
        return agent.lastOfferSeq; // round robin: least recently offered
    case 3:
        return m_rng(); // random
    default:
        return 0;
    }
}

Index Engine::Impl::newIdleNode(Index a, Index pool, int level)
{
    const Index n = takeSlot(m_idleNodes, m_freeIdleNodes);
    m_idleNodes[n] = IdleNode{a, IdleNode::pack(pool, level), kDetached, kNil};
    return n;
}

void Engine::Impl::freeIdleNode(Index n)
{
    if (m_idleNodes[n].linked())
        unlinkNode(n);
    m_freeIdleNodes.push_back(n);
}

void Engine::Impl::linkNode(Index n)
{
    IdleNode &node = m_idleNodes[n];
    IdleBucket &bucket = idleBucket(node.pool(), node.level());
    // After the last node that went idle before this agent. A new idle period is the newest,
    // so this stops at the tail at once; an agent put back in a kept place (a session or
    // skill change) walks back past the agents that went idle since.
    const std::uint64_t seq = m_idleLive[node.agent];
    Index after = bucket.tail;
    while (after != kNil && m_idleLive[m_idleNodes[after].agent] > seq)
        after = m_idleNodes[after].prev;
    node.prev = after;
    node.next = after != kNil ? m_idleNodes[after].next : bucket.head;
    if (node.next != kNil)
        m_idleNodes[node.next].prev = n;
    else
        bucket.tail = n;
    if (after != kNil)
        m_idleNodes[after].next = n;
    else
        bucket.head = n;
    m_poolMasks[node.pool()].idle |= 1u << (node.level() - 1);
}

void Engine::Impl::unlinkNode(Index n)
{
    IdleNode &node = m_idleNodes[n];
    IdleBucket &bucket = idleBucket(node.pool(), node.level());
    if (node.prev != kNil)
        m_idleNodes[node.prev].next = node.next;
    else
        bucket.head = node.next;
    if (node.next != kNil)
        m_idleNodes[node.next].prev = node.prev;
    else
        bucket.tail = node.prev;
    if (bucket.head == kNil)
        m_poolMasks[node.pool()].idle &= ~(1u << (node.level() - 1));
    node.prev = kDetached;
    node.next = kNil;
}

void Engine::Impl::indexIdle(Index a)
{
    Agent &agent = m_agents[a];
    // A kept place was routable, so its keys were drawn then.
    bool keysDrawn = agent.idlePlaceKept;
    if (!agent.idlePlaceKept)
        agent.idleSeq = ++m_idleSeq;
    agent.idlePlaceKept = false;
    agent.idleIndexed = true;
    m_idleLive[a] = agent.idleSeq;
    for (const Membership &m : agent.memberships) {
        const Session &session = m_sessions[m.session];
        if (session.chosen != SessionState::Ready || session.pendingEnd)
            continue;
        if (!keysDrawn) {
            for (int slot = 0; slot < kKeyedStrategies; ++slot)
                agent.idleKeys[slot] = idleKeyFor(agent, slot);
            keysDrawn = true;
        }
        linkNode(m.node);
        if (const std::uint8_t keyedMask = m_poolMasks[m.pool].keyed) {
            Pool &pool = m_pools[m.pool];
            for (int slot = 0; slot < kKeyedStrategies; ++slot) {
                if (keyedMask & (1u << slot))
                    (*pool.keyed)[m.level - 1][slot].insert(
                        KeyedIdle{agent.idleKeys[slot], agent.idleSeq, a});
            }
            agent.keyedIndexed = true;
        }
    }
}

void Engine::Impl::unindexIdle(Index a)
{
    Agent &agent = m_agents[a];
    if (!agent.idleIndexed)
        return;
    // Keyed sets are ordered by key, not time: their entries go at once (O(log n) each).
    // Memberships cannot change while the agent is indexed (every change unindexes first), so
    // they name every keyed set it was put in; erasing from one it is not in is a no-op.
    if (agent.keyedIndexed) {
        for (const Membership &m : agent.memberships) {
            const std::uint8_t keyedMask = m_poolMasks[m.pool].keyed;
            if (!keyedMask)
                continue;
            Pool &pool = m_pools[m.pool];
            for (int slot = 0; slot < kKeyedStrategies; ++slot) {
                if (keyedMask & (1u << slot))
                    (*pool.keyed)[m.level - 1][slot].erase(
                        KeyedIdle{agent.idleKeys[slot], agent.idleSeq, a});
            }
        }
        agent.keyedIndexed = false;
    }
    for (const Membership &m : agent.memberships) {
        if (m_idleNodes[m.node].linked())
            unlinkNode(m.node);
    }
    agent.idleIndexed = false;
    m_idleLive[a] = 0;
}

void Engine::Impl::unindexIdleKeepingPlace(Index a)
{
    Agent &agent = m_agents[a];
    if (!agent.idleIndexed)
        return;
    // Only an agent some queue could reach (a node linked: a Ready session) has a place; one
    // without starts its idle period when a session of it becomes Ready.
    bool routable = false;
    for (const Membership &m : agent.memberships)
        routable = routable || m_idleNodes[m.node].linked();
    unindexIdle(a);
    agent.idlePlaceKept = routable;
}

Index Engine::Impl::firstQualifying(Index p, int l, const Call &call)
{
    for (Index n = idleBucket(p, l + 1).head; n != kNil; n = m_idleNodes[n].next) {
        if (agentQualifies(m_agents[m_idleNodes[n].agent], call))
            return n;
    }
    return kNil;
}

void Engine::Impl::addKeyedStrategy(Index p, int slot)
{
    Pool &pool = m_pools[p];
    std::uint8_t &keyedMask = m_poolMasks[p].keyed;
    if (keyedMask & (1u << slot))
        return;
    if (!pool.keyed)
        pool.keyed = std::make_unique<KeyedBuckets>();
    keyedMask |= static_cast<std::uint8_t>(1u << slot);
    for (int l = 0; l < kLevels; ++l) {
        for (Index n = idleBucket(p, l + 1).head; n != kNil; n = m_idleNodes[n].next) {
            const IdleNode &node = m_idleNodes[n];
            Agent &agent = m_agents[node.agent];
            (*pool.keyed)[l][slot].insert(
                KeyedIdle{agent.idleKeys[slot], agent.idleSeq, node.agent});
            agent.keyedIndexed = true;
        }
    }
}

void Engine::Impl::indexCall(Index c)
{
    Call &call = m_calls[c];
    const WaitKey key{-call.priority, call.orderSeq, c};
    for (const CallTarget &t : call.targets) {
        Pool &pool = m_pools[t.pool];
        pool.waiting[t.minLevel - 1].insert(key);
        m_poolMasks[t.pool].wait |= 1u << (t.minLevel - 1);
    }
    call.indexed = true;
}

void Engine::Impl::unindexCall(Index c)
{
    Call &call = m_calls[c];
    const WaitKey key{-call.priority, call.orderSeq, c};
    for (const CallTarget &t : call.targets) {
        Pool &pool = m_pools[t.pool];
        auto &bucket = pool.waiting[t.minLevel - 1];
        bucket.erase(key);
        if (bucket.empty())
            m_poolMasks[t.pool].wait &= ~(1u << (t.minLevel - 1));
    }
    call.indexed = false;
}

bool Engine::Impl::agentQualifies(const Agent &agent, const Call &call) const
{
    for (const SkillRequirement &req : call.extraSkills) {
        if (skillLevel(agent, req.skill) < req.minLevel)
            return false;
    }
    return true;
}

Index Engine::Impl::findAgentFor(const Call &call)
{
    const Strategy strategy = m_queues[call.queue].cfg.strategy;
    const int slot = keyedSlot(strategy);
    Index best = kNil;
    int bestLevel = 0;
    std::uint64_t bestKey = 0;
    std::uint64_t bestSeq = 0;
    auto consider = [&](Index a, int level, std::uint64_t key) {
        bool better;
        if (best == kNil)
            better = true;
        else if (strategy == Strategy::MostSkilled && level != bestLevel)
            better = level > bestLevel;
        else if (key != bestKey)
            better = key < bestKey;
        else
            better = m_idleLive[a] < bestSeq;
        if (better) {
            best = a;
            bestLevel = level;
            bestKey = key;
            bestSeq = m_idleLive[a];
        }
    };

    for (const CallTarget &t : call.targets) {
        std::uint32_t mask = m_poolMasks[t.pool].idle & levelsFrom(t.minLevel);
        if (!mask)
            continue;
        const Pool &pool = m_pools[t.pool];
        const bool keyed = slot >= 0 && (m_poolMasks[t.pool].keyed & (1u << slot));
        if (strategy == Strategy::MostSkilled) {
            // Highest level first: the first qualifying agent of the top bucket wins here.
            while (mask) {
                const int l = 31 - std::countl_zero(mask);
                mask &= ~(1u << l);
                const Index n = firstQualifying(t.pool, l, call);
                if (n != kNil) {
                    consider(m_idleNodes[n].agent, l + 1, 0);
                    break;
                }
            }
            continue;
        }
        while (mask) {
            const int l = std::countr_zero(mask);
            mask &= mask - 1;
            if (keyed) {
                for (const KeyedIdle &k : (*pool.keyed)[l][slot]) {
                    if (agentQualifies(m_agents[k.agent], call)) {
                        consider(k.agent, l + 1, k.key);
                        break;
                    }
                }
            } else {
                const Index n = firstQualifying(t.pool, l, call);
                if (n != kNil)
                    consider(m_idleNodes[n].agent, l + 1, 0);
            }
        }
    }
    return best;
}

Index Engine::Impl::findCallFor(const Agent &agent) const
{
    const WaitKey *best = nullptr;
    for (const Membership &m : agent.memberships) {
        std::uint32_t mask = m_poolMasks[m.pool].wait & levelsUpTo(m.level);
        if (!mask)
            continue;
        const Session &session = m_sessions[m.session];
        if (session.chosen != SessionState::Ready || session.pendingEnd)
            continue;
        const Pool &pool = m_pools[m.pool];
        while (mask) {
            const int l = std::countr_zero(mask);
            mask &= mask - 1;
            for (const WaitKey &key : pool.waiting[l]) {
                if (best && !(key < *best))
                    break; // the rest of this bucket is no better
                if (agentQualifies(agent, m_calls[key.call])) {
                    best = &key;
                    break;
                }
            }
        }
    }
    return best ? best->call : kNil;
}

void Engine::Impl::routeAgent(Index a)
{
    Agent &agent = m_agents[a];
    if (agent.activity != AgentActivity::Available)
        return;
    const Index c = findCallFor(agent);
    if (c != kNil)
        offer(c, a);
    else if (!agent.idleIndexed)
        indexIdle(a);
}

bool Engine::Impl::routeCall(Index c)
{
    Call &call = m_calls[c];
    if (call.phase != CallPhase::Queued)
        return false;
    const Index a = findAgentFor(call);
    if (a != kNil) {
        offer(c, a);
        return true;
    }
    if (!call.indexed)
        indexCall(c);
    return false;
}

Index Engine::Impl::sessionFor(const Call &call, const Agent &agent) const
{
    // Most agents work in one group: then that session it is, without reading the sessions.
    if (agent.sessions.size() == 1)
        return agent.sessions.front();
    // The queue's own group first, unless a relaxation step added another.
    for (const CallTarget &t : call.targets) {
        for (const Membership &m : agent.memberships) {
            if (m.pool == t.pool && m.level >= t.minLevel
                && m_sessions[m.session].chosen == SessionState::Ready)
                return m.session;
        }
    }
    return agent.sessions.front();
}

void Engine::Impl::offer(Index c, Index a)
{
    Call &call = m_calls[c];
    Agent &agent = m_agents[a];
    Queue &queue = m_queues[call.queue];
    unindexIdle(a);
    if (call.indexed)
        unindexCall(c);
    const Index session = sessionFor(call, agent);
    --queue.waiting;
    ++queue.ringing;
    call.phase = CallPhase::Ringing;
    call.agent = a;
    call.session = session;
    call.offeredAt = m_now;
    agent.call = c;
    agent.callSession = session;
    agent.lastOfferSeq = ++m_offerSeq;
    if (queue.cfg.ringTimeoutSeconds > 0)
        call.ringTimer = m_timers.schedule(m_now, queue.cfg.ringTimeoutSeconds * kMsPerSecond,
                                           TimerKind::RingTimeout, c);
    agentStat(a, makeRecord(m_now, kAgentOffered));
    ++m_sessions[session].counters.offered;

    emit(OfferCall{call.id, queue.cfg.id, agent.cfg.id, m_sessions[session].id,
                   m_sessions[session].station});
    emit(CallOffered{call.id, queue.cfg.id, agent.cfg.id, m_sessions[session].id,
                     m_now - call.queueEnteredAt});
    setActivity(a, AgentActivity::Ringing);
    emitQueueChanged(call.queue);
}

} // namespace acd::core
