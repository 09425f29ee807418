#pragma once
// The routing benchmark's contact center (workload.h) configured in the core: skills, groups,
// 2,000 queues, and every agent logged in at a station of its own and Ready. Drives the whole
// core with arrivals and completions (core/<agents>), or hands its engine to a RoutingProbe
// (routing/<agents>).
#include "workload.h"

#include "core/engine.h"

#include <vector>

namespace acd::bench {

class CoreCenter {
public:
    static constexpr core::TimeMs kT0 = 1'700'001'000'000;

    explicit CoreCenter(Workload &w);

    /// A call arrives at a queue the workload picks, one arrival interval after the last;
    /// an offer is answered at once.
    void arrive();
    /// A random connected call ends; the agent's next call, if any, is answered at once.
    void complete();

    std::size_t connected() const { return m_connected.size(); }
    core::TimeMs stepMs() const { return m_stepMs; }
    core::Engine &engine() { return m_engine; }

private:
    void settle();

    Workload &m_w;
    core::TimeMs m_stepMs; // virtual time between arrivals
    core::Engine m_engine;
    core::TimeMs m_now = kT0;
    core::CallId m_lastCall = 0;
    std::vector<core::CallId> m_connected;
    std::vector<core::Effect> m_fx;
};

} // namespace acd::bench
