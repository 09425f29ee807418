#pragma once
// BASELINE ONLY, not product code: how a naive ACD routes (Asterisk app_queue scans every
// member per caller; FreeSWITCH mod_callcenter selects over all members/tiers). Same rules
// as the core's longest-idle strategy with skills, levels and priorities, but every decision
// scans all agents (call arrives) or all queues (agent becomes free). It keeps no
// statistics and emits no events, so it is an optimistic baseline.
#include <cstdint>
#include <deque>
#include <vector>

namespace acd::bench {

struct Workload;

class NaiveRouter {
public:
    /// The workload's queues and agents, every agent free (idle in agent order).
    static NaiveRouter forWorkload(const Workload &w);

    struct Skill {
        std::uint32_t skill;
        int level;
    };

    void addQueue(std::uint32_t group, std::uint32_t skill, int minLevel);
    void addAgent(std::uint32_t group, std::vector<Skill> skills);

    /// Returns the agent offered the call, or -1 when it waits.
    int arrive(std::uint64_t call, std::uint32_t queue, int priority, std::int64_t now);
    /// The agent is free again; returns the call it takes, or 0 when it goes idle.
    std::uint64_t agentFree(std::uint32_t agent, std::int64_t now);

private:
    struct Waiting {
        std::uint64_t call;
        int priority;
        std::uint64_t order;
    };
    struct Queue {
        std::uint32_t group;
        std::uint32_t skill;
        int minLevel;
        std::deque<Waiting> waiting; // FIFO within the queue; priority checked on scan
    };
    struct Agent {
        std::uint32_t group;
        std::vector<Skill> skills;
        bool idle = false;
        std::int64_t idleSince = 0;
        std::uint64_t idleOrder = 0;
    };
    int level(const Agent &a, std::uint32_t skill) const;

    std::vector<Queue> m_queues;
    std::vector<Agent> m_agents;
    std::uint64_t m_order = 0;
};

} // namespace acd::bench
