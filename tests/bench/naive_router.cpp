#include "naive_router.h"

#include "workload.h"

namespace acd::bench {

NaiveRouter NaiveRouter::forWorkload(const Workload &w)
{
    NaiveRouter router;
    for (const auto &q : w.queues)
        router.addQueue(q.group, q.skill, q.minLevel);
    for (std::size_t a = 0; a < w.agents.size(); ++a) {
        std::vector<Skill> skills;
        for (const auto &[skill, level] : w.agents[a].skills)
            skills.push_back({skill, level});
        router.addAgent(w.agents[a].group, skills);
        router.agentFree(static_cast<std::uint32_t>(a), 0);
    }
    return router;
}

void NaiveRouter::addQueue(std::uint32_t group, std::uint32_t skill, int minLevel)
{
    m_queues.push_back(Queue{group, skill, minLevel, {}});
}

void NaiveRouter::addAgent(std::uint32_t group, std::vector<Skill> skills)
{
    m_agents.push_back(Agent{group, std::move(skills)});
}

int NaiveRouter::level(const Agent &a, std::uint32_t skill) const
{
    for (const Skill &s : a.skills) {
        if (s.skill == skill)
            return s.level;
    }
    return 0;
}

int NaiveRouter::arrive(std::uint64_t call, std::uint32_t queue, int priority, std::int64_t)
{
    const Queue &q = m_queues[queue];
    int best = -1;
    for (std::size_t i = 0; i < m_agents.size(); ++i) { // every member, every time
        const Agent &a = m_agents[i];
        if (!a.idle || a.group != q.group || level(a, q.skill) < q.minLevel)
            continue;
        if (best < 0 || a.idleOrder < m_agents[best].idleOrder)
            best = static_cast<int>(i);
    }
    if (best >= 0) {
        m_agents[best].idle = false;
        return best;
    }
    m_queues[queue].waiting.push_back(Waiting{call, priority, ++m_order});
    return -1;
}

std::uint64_t NaiveRouter::agentFree(std::uint32_t agent, std::int64_t now)
{
    Agent &a = m_agents[agent];
    Queue *bestQueue = nullptr;
    std::size_t bestPos = 0;
    for (Queue &q : m_queues) { // every queue, every time
        if (q.group != a.group || q.waiting.empty() || level(a, q.skill) < q.minLevel)
            continue;
        for (std::size_t i = 0; i < q.waiting.size(); ++i) {
            const Waiting &w = q.waiting[i];
            if (!bestQueue) {
                bestQueue = &q;
                bestPos = i;
                continue;
            }
            const Waiting &b = bestQueue->waiting[bestPos];
            if (w.priority > b.priority || (w.priority == b.priority && w.order < b.order)) {
                bestQueue = &q;
                bestPos = i;
            }
        }
    }
    if (bestQueue) {
        const std::uint64_t call = bestQueue->waiting[bestPos].call;
        bestQueue->waiting.erase(bestQueue->waiting.begin() + static_cast<long>(bestPos));
        return call;
    }
    a.idle = true;
    a.idleSince = now;
    a.idleOrder = ++m_order;
    return 0;
}

} // namespace acd::bench
