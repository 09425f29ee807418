#pragma once
// The routing benchmark's contact center: `agents` agents in 4 groups, 2,000 queues (one per
// group and skill), 500 skills, 10 random skills per agent at levels 1-16, queue minimum
// levels 1-4. Arrivals go to a queue some agent can serve, in proportion to staffing.
#include <cstdint>
#include <random>
#include <vector>

namespace acd::bench {

struct Workload {
    static constexpr int kGroups = 4;
    static constexpr int kSkills = 500;
    static constexpr int kQueues = kGroups * kSkills;
    static constexpr int kSkillsPerAgent = 10;

    struct AgentSpec {
        std::uint32_t group;
        std::vector<std::pair<std::uint32_t, int>> skills; // (skill 1-500, level 1-16)
    };
    struct QueueSpec {
        std::uint32_t group;
        std::uint32_t skill;
        int minLevel;
    };

    explicit Workload(int agentCount, std::uint64_t seed = 42)
        : rng(seed)
    {
        for (int q = 0; q < kQueues; ++q)
            queues.push_back(QueueSpec{static_cast<std::uint32_t>(q / kSkills),
                                       static_cast<std::uint32_t>(q % kSkills + 1),
                                       1 + static_cast<int>(rng() % 4)});
        for (int a = 0; a < agentCount; ++a) {
            AgentSpec spec{static_cast<std::uint32_t>(a % kGroups), {}};
            while (spec.skills.size() < kSkillsPerAgent) {
                const auto skill = static_cast<std::uint32_t>(rng() % kSkills + 1);
                bool dup = false;
                for (const auto &s : spec.skills)
                    dup = dup || s.first == skill;
                if (!dup)
                    spec.skills.emplace_back(skill, 1 + static_cast<int>(rng() % 16));
            }
            agents.push_back(std::move(spec));
        }
    }

    /// Index (0-based) of a queue that a random agent qualifies for (its group, one of its
    /// skills at or above the queue's minimum level), so every call can be served. Drawn in
    /// advance, a block at a time: drawing reads a random agent's skills (cache misses in a
    /// 10,000-agent workload) and is the benchmark's work, not the router's, so it is kept out
    /// of the measured decisions as far as possible (one sequential read each).
    int pickQueue()
    {
        if (m_nextPick == m_picks.size()) {
            m_picks.resize(kPicksPerBlock);
            for (int &q : m_picks)
                q = drawQueue();
            m_nextPick = 0;
        }
        return m_picks[m_nextPick++];
    }

    std::mt19937_64 rng;
    std::vector<QueueSpec> queues;
    std::vector<AgentSpec> agents;

private:
    static constexpr std::size_t kPicksPerBlock = 1 << 16;

    int drawQueue()
    {
        for (;;) {
            const AgentSpec &a = agents[rng() % agents.size()];
            const auto &skill = a.skills[rng() % a.skills.size()];
            const int q = static_cast<int>(a.group) * kSkills + static_cast<int>(skill.first) - 1;
            if (skill.second >= queues[q].minLevel)
                return q;
        }
    }

    std::vector<int> m_picks;
    std::size_t m_nextPick = 0;
};

} // namespace acd::bench
