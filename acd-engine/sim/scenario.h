#pragma once
// A simulated contact center: configuration for the core plus traffic and agent behaviour.
// Built from command-line options (one queue, M/M/N-style) or from a JSON scenario file
// (docs/simulator.md describes the format).
#include "core/config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace acd::sim {

enum class ServiceDistribution { Exponential, Lognormal, Fixed };

struct QueueTraffic {
    core::QueueId queue = 0;
    double arrivalRate = 0;     ///< calls per second (Poisson)
    double ahtSeconds = 180;    ///< mean talk time
    double patienceSeconds = 0; ///< mean patience (exponential); 0 = callers never abandon
    int priority = 1;
};

/// A block of identical simulated agents.
struct AgentBlock {
    int count = 1;
    core::AgentId firstId = 0; ///< 0: numbered after the previous block
    core::GroupId group = 0;
    std::vector<core::AgentSkill> skills;
    double ringDelaySeconds = 0;     ///< time to answer an offered call
    double noAnswerProbability = 0;  ///< chance an offer is left to ring (RONA)
    double ronaRecoverySeconds = 10; ///< back to Ready this long after a RONA
    double loginAtSeconds = 0;
    double logoutAtSeconds = 0; ///< 0: stays logged in; else a forced logout
};

struct Scenario {
    std::vector<core::SkillConfig> skills;
    std::vector<core::GroupConfig> groups;
    std::vector<core::QueueConfig> queues;
    std::vector<QueueTraffic> traffic;
    std::vector<AgentBlock> agents;
    ServiceDistribution serviceDistribution = ServiceDistribution::Exponential;
    double lognormalSigma = 1.0;
    std::uint64_t calls = 10000;      ///< arrivals to generate in all
    std::uint64_t warmupCalls = 1000; ///< first arrivals left out of the results
    std::uint64_t seed = 1;
    double serviceLevelSeconds = 20; ///< threshold for the `sl` result
};

/// The single-queue scenario of the command line: N identical agents, one skill, one queue.
Scenario singleQueueScenario(int agents, double arrivalRate, double ahtSeconds,
                             double patienceSeconds, double slThreshold, core::Strategy strategy);

/// Reads a JSON scenario. On error returns false and sets `error` to a message naming the
/// file, the item and the field.
bool loadScenario(const std::string &path, Scenario &scenario, std::string &error);
bool parseScenario(const std::string &json, const std::string &sourceName, Scenario &scenario,
                   std::string &error);

} // namespace acd::sim
