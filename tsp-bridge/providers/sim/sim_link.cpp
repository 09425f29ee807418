#include "sim_link.h"

#include <pthread.h>

#include <chrono>

namespace acd::tsp {

SimLink::SimLink(SimLinkConfig config)
    : m_config(std::move(config))
    , m_model(m_config.switchConfig) {
    m_model.addEventSink([this](const SwitchEvent &event) {
        if (m_monitored.count(event.monitoredDevice))
            m_captured.push_back(event);
    });
    if (m_config.traffic) {
        m_traffic =
            std::make_unique<TrafficGenerator>(m_model, *m_config.traffic, m_model.routePoints());
        m_traffic->start();
    }
    if (m_config.agents)
        m_agents = std::make_unique<SimulatedAgents>(m_model, m_config.agents->first,
                                                     m_config.agents->second);
}

SimLink::~SimLink() {
    stop();
}

void SimLink::start(LinkListener &listener) {
    m_listener = &listener;
    m_up = true;
    listener.onLinkUp();
    if (m_config.realTime && !m_ticker.joinable()) {
        m_stopTicker = false;
        m_ticker = std::thread([this] {
            pthread_setname_np(pthread_self(), "sim-clock");
            auto start = std::chrono::steady_clock::now();
            while (!m_stopTicker) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start);
                {
                    std::lock_guard lock(m_modelMutex);
                    m_model.advanceTo(elapsed.count());
                }
                tick();
            }
        });
    }
}

void SimLink::stop() {
    m_stopTicker = true;
    if (m_ticker.joinable())
        m_ticker.join();
    m_up = false;
    std::lock_guard lock(m_queueMutex);
    m_queue.clear();
    m_listener = nullptr;
}

void SimLink::send(const SwitchRequest &request, Done done) {
    if (!m_up) {
        SwitchResult down;
        down.error = CstaError::LinkDown;
        done(down);
        return;
    }
    SwitchResult result;
    std::vector<SwitchEvent> events;
    {
        std::lock_guard lock(m_modelMutex);
        result = m_model.execute(request);
        if (result.ok() && request.kind == RequestKind::MonitorStart) {
            m_monitored.insert(request.device);
            result.crossRefId = request.device;
        } else if (request.kind == RequestKind::MonitorStop) {
            m_monitored.erase(request.device);
        }
        events.swap(m_captured);
    }
    {
        std::lock_guard lock(m_queueMutex);
        m_queue.push_back([done, result] { done(result); });
        queueEvents(events);
    }
    drain();
}

void SimLink::tick() {
    std::vector<SwitchEvent> events;
    {
        std::lock_guard lock(m_modelMutex);
        events.swap(m_captured);
    }
    if (events.empty())
        return;
    {
        std::lock_guard lock(m_queueMutex);
        queueEvents(events);
    }
    drain();
}

void SimLink::queueEvents(const std::vector<SwitchEvent> &events) {
    for (const auto &event : events) {
        m_queue.push_back([this, event] {
            if (m_listener)
                m_listener->onSwitchEvent(event);
        });
    }
}

void SimLink::drain() {
    std::unique_lock lock(m_queueMutex);
    if (m_delivering)
        return;
    m_delivering = true;
    while (!m_queue.empty()) {
        auto next = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        next();
        lock.lock();
    }
    m_delivering = false;
}

} // namespace acd::tsp
