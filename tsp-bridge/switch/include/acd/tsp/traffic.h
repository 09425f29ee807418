#pragma once

// Load for the switch model: a traffic generator (Poisson arrivals of external callers per
// route point, caller patience) and simulated agents (answer after a ring delay, hang up
// after a talk time). Both run on the model's virtual clock and a seeded generator, so the
// same seed and the same inputs give the same calls.

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "acd/tsp/switch_model.h"

namespace acd::tsp {

enum class TalkTimeKind { Fixed, Exponential };

struct Duration {
    TalkTimeKind kind = TalkTimeKind::Exponential;
    int64_t meanMs = 0;
};

/// A deterministic random source (the bits of mt19937_64, not a library distribution, so
/// every standard library draws the same numbers).
class Random {
public:
    explicit Random(uint64_t seed)
        : m_engine(seed) {}
    /// Uniform in [0, 1).
    double uniform();
    /// Exponential with the given mean (ms), at least 1.
    int64_t exponential(int64_t meanMs);
    int64_t draw(const Duration &d) {
        return d.kind == TalkTimeKind::Fixed ? d.meanMs : exponential(d.meanMs);
    }

private:
    std::mt19937_64 m_engine;
};

struct TrafficConfig {
    /// Calls per hour offered to each route point (0 = none).
    double callsPerHour = 0;
    /// Caller patience: the caller hangs up when nobody answered within it (mean, ms).
    Duration patience{TalkTimeKind::Exponential, 60000};
    /// The calling numbers are "<callerPrefix><n>".
    std::string callerPrefix = "0170";
    /// Instead, each calling number is the wall-clock time of its arrival, in microseconds
    /// since the Unix epoch (16 digits, strictly increasing): a load tool on the same machine
    /// reads from a call's caller ID when the switch made it. Not deterministic.
    bool callerIdIsArrivalTime = false;
    uint64_t seed = 1;
};

struct TrafficStats {
    uint64_t offered = 0;
    uint64_t rejected = 0; ///< no free trunk
    uint64_t abandoned = 0;
};

class TrafficGenerator {
public:
    TrafficGenerator(SwitchModel &model, TrafficConfig config,
                     std::vector<std::string> routePoints);
    /// Schedules the first arrival per route point.
    void start();
    const TrafficStats &stats() const { return m_stats; }

private:
    void scheduleArrival(const std::string &routePoint);
    void arrive(const std::string &routePoint);

    SwitchModel &m_model;
    TrafficConfig m_config;
    std::vector<std::string> m_routePoints;
    Random m_random;
    TrafficStats m_stats;
    uint64_t m_callerCounter = 0;
    int64_t m_lastArrivalUs = 0;
};

struct AgentsConfig {
    int64_t ringDelayMs = 2000;
    Duration talkTime{TalkTimeKind::Exponential, 120000};
    uint64_t seed = 2;
};

struct AgentStats {
    uint64_t answered = 0;
    uint64_t hungUp = 0;
};

/// Simulated agents on the given stations: every call alerting at one is answered after
/// the ring delay and cleared after a talk time (unless it ended before).
class SimulatedAgents {
public:
    SimulatedAgents(SwitchModel &model, AgentsConfig config, std::vector<std::string> stations);
    const AgentStats &stats() const { return m_stats; }

private:
    void onEvent(const SwitchEvent &event);

    SwitchModel &m_model;
    AgentsConfig m_config;
    std::set<std::string> m_stations;
    Random m_random;
    AgentStats m_stats;
};

} // namespace acd::tsp
