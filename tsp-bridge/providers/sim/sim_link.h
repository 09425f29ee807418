#pragma once

// SwitchLink over the in-process switch model. Requests execute synchronously; the result is
// delivered before the events the request caused, as a CSTA switch sends them. With
// `realTime` a thread advances the model's virtual clock with the wall clock (traffic and
// simulated agents need it); without it time never moves.

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "acd/tsp/switch_link.h"
#include "acd/tsp/switch_model.h"
#include "acd/tsp/traffic.h"

namespace acd::tsp {

struct SimLinkConfig {
    SwitchConfig switchConfig;
    std::optional<TrafficConfig> traffic;
    std::optional<std::pair<AgentsConfig, std::vector<std::string>>> agents;
    bool realTime = false;
};

class SimLink final : public SwitchLink {
public:
    explicit SimLink(SimLinkConfig config);
    ~SimLink() override;

    void start(LinkListener &listener) override;
    void stop() override;
    void send(const SwitchRequest &request, Done done) override;
    bool isUp() const override { return m_up; }

private:
    void tick();
    /// Appends the delivery of `events` to the queue (m_queueMutex held).
    void queueEvents(const std::vector<SwitchEvent> &events);
    void drain();

    SimLinkConfig m_config;
    LinkListener *m_listener = nullptr;
    std::atomic<bool> m_up{false};

    std::mutex m_modelMutex;
    SwitchModel m_model;
    std::unique_ptr<TrafficGenerator> m_traffic;
    std::unique_ptr<SimulatedAgents> m_agents;
    std::set<std::string> m_monitored;
    std::vector<SwitchEvent> m_captured;

    std::mutex m_queueMutex;
    std::deque<std::function<void()>> m_queue;
    bool m_delivering = false;

    std::atomic<bool> m_stopTicker{false};
    std::thread m_ticker;
};

} // namespace acd::tsp
