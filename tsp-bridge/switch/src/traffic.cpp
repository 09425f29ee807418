#include "acd/tsp/traffic.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace acd::tsp {

double Random::uniform() {
    return static_cast<double>(m_engine() >> 11) * (1.0 / 9007199254740992.0);
}

int64_t Random::exponential(int64_t meanMs) {
    double u = uniform();
    double value = -std::log(1.0 - u) * static_cast<double>(meanMs);
    return std::max<int64_t>(1, static_cast<int64_t>(value));
}

TrafficGenerator::TrafficGenerator(SwitchModel &model, TrafficConfig config,
                                   std::vector<std::string> routePoints)
    : m_model(model)
    , m_config(std::move(config))
    , m_routePoints(std::move(routePoints))
    , m_random(m_config.seed) {}

void TrafficGenerator::start() {
    if (m_config.callsPerHour <= 0)
        return;
    for (const auto &rp : m_routePoints)
        scheduleArrival(rp);
}

void TrafficGenerator::scheduleArrival(const std::string &routePoint) {
    auto meanGapMs = static_cast<int64_t>(3600000.0 / m_config.callsPerHour);
    m_model.schedule(m_random.exponential(std::max<int64_t>(1, meanGapMs)),
                     [this, routePoint] { arrive(routePoint); });
}

void TrafficGenerator::arrive(const std::string &routePoint) {
    scheduleArrival(routePoint);
    ++m_stats.offered;
    SwitchRequest make;
    make.kind = RequestKind::MakeCall;
    if (m_config.callerIdIsArrivalTime) {
        const int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        m_lastArrivalUs = std::max(now, m_lastArrivalUs + 1);
        make.device = std::to_string(m_lastArrivalUs);
    } else {
        make.device = m_config.callerPrefix + std::to_string(1000000 + ++m_callerCounter);
    }
    make.destination = routePoint;
    SwitchResult result = m_model.execute(make);
    if (!result.ok()) {
        ++m_stats.rejected;
        return;
    }
    const ConnectionId caller = result.conn;
    m_model.schedule(m_random.draw(m_config.patience), [this, caller] {
        // Abandon when nobody but the caller is connected yet.
        auto parties = m_model.parties(caller.callId);
        if (parties.empty()
            || m_model.connectionState(caller.callId, caller.deviceId) == ConnState::Null)
            return;
        for (const auto &p : parties) {
            if (p != caller.deviceId
                && m_model.connectionState(caller.callId, p) == ConnState::Connected)
                return;
        }
        ++m_stats.abandoned;
        SwitchRequest clear;
        clear.kind = RequestKind::ClearConnection;
        clear.conn = caller;
        m_model.execute(clear);
    });
}

SimulatedAgents::SimulatedAgents(SwitchModel &model, AgentsConfig config,
                                 std::vector<std::string> stations)
    : m_model(model)
    , m_config(std::move(config))
    , m_stations(stations.begin(), stations.end())
    , m_random(m_config.seed) {
    m_model.addEventSink([this](const SwitchEvent &event) { onEvent(event); });
}

void SimulatedAgents::onEvent(const SwitchEvent &event) {
    if (event.kind != EventKind::Delivered || event.subjectDevice != event.monitoredDevice
        || !m_stations.count(event.monitoredDevice))
        return;
    const ConnectionId conn = event.connection;
    m_model.schedule(m_config.ringDelayMs, [this, conn] {
        if (m_model.connectionState(conn.callId, conn.deviceId) != ConnState::Alerting)
            return;
        SwitchRequest answer;
        answer.kind = RequestKind::AnswerCall;
        answer.conn = conn;
        if (!m_model.execute(answer).ok())
            return;
        ++m_stats.answered;
        m_model.schedule(m_random.draw(m_config.talkTime), [this, conn] {
            if (m_model.connectionState(conn.callId, conn.deviceId) == ConnState::Null)
                return;
            SwitchRequest clear;
            clear.kind = RequestKind::ClearConnection;
            clear.conn = conn;
            if (m_model.execute(clear).ok())
                ++m_stats.hungUp;
        });
    });
}

} // namespace acd::tsp
