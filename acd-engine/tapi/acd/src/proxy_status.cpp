// Status messages: the core's events as LINE_AGENTSTATUSEX, LINE_AGENTSTATUS,
// LINE_AGENTSESSIONSTATUS and LINE_QUEUESTATUS (the rules are in acd_proxy.h).
#include "proxy_impl.h"

#include "acd/tapi/state_map.h"

#include <algorithm>
#include <type_traits>

namespace acd::tapi {

void AcdProxy::Impl::sendOnDevice(DWORD device, DWORD msg, DWORD p1, DWORD p2, DWORD p3)
{
    if (auto line = lineByDevice.find(device); line != lineByDevice.end())
        ctx.server.lineProxyMessage(kEngineClient, line->second, 0, msg, p1, p2, p3);
}

DWORD AcdProxy::Impl::stationDevice(const std::string &station) const
{
    return station.empty() ? LINEMAPPER : ctx.server.deviceByAddress(station);
}

void AcdProxy::Impl::sendAll(DWORD msg, DWORD p1, DWORD p2, DWORD p3)
{
    // Only lines some application outside the engine has open, and not only station-scoped
    // ones: elsewhere the message would reach nobody who wants it (thousands of lines, every
    // event).
    for (DWORD device : ctx.server.devicesWantingAllAcdStatus())
        sendOnDevice(device, msg, p1, p2, p3);
}

void AcdProxy::Impl::sendToScopedStation(const std::string &station, DWORD msg, DWORD p1, DWORD p2,
                                         DWORD p3)
{
    const DWORD device = stationDevice(station);
    if (ctx.server.devicesOfStationScopedClients().count(device)
        && !ctx.server.devicesWantingAllAcdStatus().count(device))
        sendOnDevice(device, msg, p1, p2, p3);
}

void AcdProxy::Impl::queueChanged(core::QueueId queue)
{
    sendAll(LINE_QUEUESTATUS, queue, LINEQUEUESTATUS_UPDATEINFO, 0);
    if (!ctx.server.devicesOfStationScopedClients().empty())
        queuesChangedForStations.insert(queue);
}

std::optional<core::TimeMs> AcdProxy::Impl::stationQueueStatusDue() const
{
    if (stationRound)
        return stationRound->lastTurn + stationRound->gap; // the rest of a round
    if (queuesChangedForStations.empty())
        return std::nullopt;
    if (!lastStationQueueStatus)
        return ctx.now();
    return *lastStationQueueStatus + AcdProxy::kStationQueueStatusMs;
}

void AcdProxy::Impl::sendStationQueueStatus(core::TimeMs now)
{
    const std::optional<core::TimeMs> due = stationQueueStatusDue();
    if (!due || now < *due)
        return;
    if (!stationRound) {
        StationRound round;
        round.queues.assign(queuesChangedForStations.begin(), queuesChangedForStations.end());
        queuesChangedForStations.clear();
        const std::set<DWORD> &wantingAll = ctx.server.devicesWantingAllAcdStatus();
        for (DWORD device : ctx.server.devicesOfStationScopedClients())
            if (!wantingAll.count(device)) // those had every change already
                round.devices.push_back(device);
        // Spread over three quarters of the interval: thousands of desks then cost the engine
        // a steady trickle, not a burst every interval that delays the calls of that moment.
        const std::size_t messages = round.devices.size() * round.queues.size();
        const std::size_t turns = std::max<std::size_t>(1, (messages + stationQueueStatusBatch - 1)
                                                               / stationQueueStatusBatch);
        round.gap = std::max<core::TimeMs>(1, AcdProxy::kStationQueueStatusMs * 3 / 4
                                                  / static_cast<core::TimeMs>(turns));
        lastStationQueueStatus = now;
        stationRound = std::move(round);
    }
    StationRound &round = *stationRound;
    std::size_t sent = 0;
    while (round.next < round.devices.size() && sent < stationQueueStatusBatch) {
        const DWORD device = round.devices[round.next++];
        if (!ctx.server.devicesOfStationScopedClients().count(device))
            continue; // closed since the round began
        for (core::QueueId queue : round.queues)
            sendOnDevice(device, LINE_QUEUESTATUS, queue, LINEQUEUESTATUS_UPDATEINFO, 0);
        sent += round.queues.size();
    }
    // The next turn is due a gap after this one ended (not began): the engine loop runs a due
    // timer before waiting tasks, so a gap measured from the start could leave them none.
    round.lastTurn = std::max(now, ctx.now());
    if (round.next >= round.devices.size())
        stationRound.reset();
}

void AcdProxy::Impl::sendOnStation(const std::string &station, DWORD msg, DWORD p1, DWORD p2,
                                   DWORD p3)
{
    const DWORD device = stationDevice(station);
    if (ctx.server.devicesOpenedByClients().count(device))
        sendOnDevice(device, msg, p1, p2, p3);
}

void AcdProxy::Impl::onEffects(const std::vector<core::Effect> &effects)
{
    for (const core::Effect &effect : effects) {
        std::visit(
            [this](const auto &e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, core::AgentStateChanged>) {
                    AgentSeen &seenAgent = seen[e.agent];
                    auto handle = handleByAgent.find(e.agent);
                    if (handle != handleByAgent.end()) {
                        DWORD bits = 0;
                        if (e.state != e.oldState)
                            bits |= LINEAGENTSTATUSEX_STATE;
                        else if (e.nextState != seenAgent.next)
                            bits |= LINEAGENTSTATUSEX_UPDATEINFO;
                        const DWORD state = (bits & LINEAGENTSTATUSEX_STATE)
                                                ? toAgentStateEx(e.state).value_or(0)
                                                : 0;
                        if (bits) {
                            sendAll(LINE_AGENTSTATUSEX, handle->second, bits, state);
                            sendToScopedStation(seenAgent.station, LINE_AGENTSTATUSEX,
                                                handle->second, bits, state);
                        }
                    }
                    const DWORD oldState = toAgentState(e.oldState, e.oldActivity);
                    const DWORD newState = toAgentState(e.state, e.activity);
                    const DWORD oldNext = e.oldActivity == core::AgentActivity::LoggedOut
                                              ? 0
                                              : nextAgentState(seenAgent.next);
                    const DWORD newNext = e.activity == core::AgentActivity::LoggedOut
                                              ? 0
                                              : nextAgentState(e.nextState);
                    DWORD bits = 0;
                    if (oldState != newState)
                        bits |= LINEAGENTSTATUS_STATE;
                    if (oldNext != newNext)
                        bits |= LINEAGENTSTATUS_NEXTSTATE;
                    if (e.reason != seenAgent.reason)
                        bits |= LINEAGENTSTATUS_ACTIVITY;
                    if (bits)
                        sendOnStation(seenAgent.station, LINE_AGENTSTATUS, 0, bits,
                                      (bits & LINEAGENTSTATUS_STATE) ? newState : 0);
                    if (e.state != e.oldState || e.reason != seenAgent.reason)
                        seenAgent.changedBy = e.forcedBy;
                    seenAgent.next = e.nextState;
                    seenAgent.reason = e.reason;
                } else if constexpr (std::is_same_v<T, core::SessionStarted>) {
                    const HAGENTSESSION handle = sessionHandleFor(e.session);
                    seenSessions[e.session].station = e.station;
                    seen[e.agent].station = e.station;
                    sendAll(LINE_AGENTSESSIONSTATUS, handle, LINEAGENTSESSIONSTATUS_NEWSESSION, 0);
                    sendToScopedStation(e.station, LINE_AGENTSESSIONSTATUS, handle,
                                        LINEAGENTSESSIONSTATUS_NEWSESSION, 0);
                    sendOnStation(e.station, LINE_AGENTSTATUS, 0, LINEAGENTSTATUS_GROUP, 0);
                } else if constexpr (std::is_same_v<T, core::SessionStateChanged>) {
                    SessionSeen &s = seenSessions[e.session];
                    const HAGENTSESSION handle = sessionHandleFor(e.session);
                    DWORD bits = 0, state = 0;
                    if (e.state != s.state) {
                        bits = LINEAGENTSESSIONSTATUS_STATE;
                        state = toAgentSessionState(e.state).value_or(0);
                    } else if (e.nextState != s.next) {
                        bits = LINEAGENTSESSIONSTATUS_UPDATEINFO;
                    }
                    if (bits) {
                        sendAll(LINE_AGENTSESSIONSTATUS, handle, bits, state);
                        sendToScopedStation(s.station, LINE_AGENTSESSIONSTATUS, handle, bits,
                                            state);
                    }
                    if (e.state == core::SessionState::Ended && s.state != e.state)
                        sendOnStation(s.station, LINE_AGENTSTATUS, 0, LINEAGENTSTATUS_GROUP, 0);
                    s.state = e.state;
                    s.next = e.nextState;
                } else if constexpr (
                    std::is_same_v<
                        T,
                        core::
                            CallQueued> || std::is_same_v<T, core::CallAnswered> || std::is_same_v<T, core::CallCompleted> || std::is_same_v<T, core::QueueChanged>) {
                    queueChanged(e.queue);
                } else if constexpr (std::is_same_v<T, core::CallOverflowed>) {
                    queueChanged(e.fromQueue);
                    if (e.toQueue != 0)
                        queueChanged(e.toQueue);
                }
            },
            effect.body);
    }
}

} // namespace acd::tapi
