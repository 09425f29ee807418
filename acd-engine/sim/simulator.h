#pragma once
// Runs the ACD core under a virtual clock with generated traffic: Poisson arrivals per queue,
// exponential patience, exponential / lognormal / fixed talk times, simulated agents that
// answer after a ring delay (or leave the call ringing), wrap up and log in or out.
#include "sim/scenario.h"

#include "core/engine.h"

#include <cstdint>
#include <functional>
#include <string>

namespace acd::sim {

struct SimResult {
    std::uint64_t calls = 0; ///< arrivals after warm-up
    std::uint64_t answered = 0;
    std::uint64_t abandoned = 0;    ///< in queue or while ringing
    std::uint64_t disconnected = 0; ///< by overflow rules
    std::uint64_t waited = 0;       ///< not offered at the moment they arrived
    std::uint64_t answeredInSl = 0;
    double pWait = 0;
    double asa = 0;        ///< mean wait of answered calls (ringing included), seconds
    double avgWaitAll = 0; ///< mean wait of answered and abandoned calls, seconds
    double sl = 0;         ///< answered within threshold / calls
    double abandonRate = 0;
    double occupancy = 0; ///< all agents, whole run
    double aht = 0;       ///< talk + hold + wrap-up of answered calls, seconds
    double maxWait = 0;   ///< seconds
    double simulatedSeconds = 0;
    double wallSeconds = 0;
    std::uint64_t effects = 0;
    // Conservation across the whole run (warm-up included).
    std::uint64_t totalArrivals = 0;
    std::uint64_t totalCompleted = 0; ///< CallCompleted records
    std::uint64_t duplicateCompletions = 0;
    std::uint64_t rona = 0;
};

class Simulator {
public:
    explicit Simulator(Scenario scenario);
    ~Simulator();

    /// Runs to completion: every generated call has ended.
    SimResult run();
    core::Engine &engine();
    /// Called for every effect the core produces (for tests that check the stream).
    void setEffectObserver(std::function<void(const core::Effect &)> observer);

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

std::string toJson(const SimResult &r);
std::string toText(const SimResult &r);

} // namespace acd::sim
