// Status messages: the core's events as LINE_AGENTSTATUSEX, LINE_AGENTSTATUS,
// LINE_AGENTSESSIONSTATUS and LINE_QUEUESTATUS (the rules are in acd_proxy.h).
#include "proxy_impl.h"

#include "acd/tapi/state_map.h"

#include <type_traits>

namespace acd::tapi {

void AcdProxy::Impl::sendAll(DWORD msg, DWORD p1, DWORD p2, DWORD p3)
{
    // Only lines some application outside the engine has open: elsewhere the message would
    // reach nobody but the engine's own router (thousands of lines, every event).
    for (DWORD device : ctx.server.devicesOpenedByClients())
        if (auto line = lineByDevice.find(device); line != lineByDevice.end())
            ctx.server.lineProxyMessage(kEngineClient, line->second, 0, msg, p1, p2, p3);
}

void AcdProxy::Impl::sendOnStation(const std::string &station, DWORD msg, DWORD p1, DWORD p2,
                                   DWORD p3)
{
    if (station.empty())
        return;
    DWORD device = ctx.server.deviceByAddress(station);
    if (device == LINEMAPPER || !ctx.server.devicesOpenedByClients().count(device))
        return;
    if (auto line = lineByDevice.find(device); line != lineByDevice.end())
        ctx.server.lineProxyMessage(kEngineClient, line->second, 0, msg, p1, p2, p3);
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
                        if (bits)
                            sendAll(LINE_AGENTSTATUSEX, handle->second, bits,
                                    (bits & LINEAGENTSTATUSEX_STATE)
                                        ? toAgentStateEx(e.state).value_or(0)
                                        : 0);
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
                    sendOnStation(e.station, LINE_AGENTSTATUS, 0, LINEAGENTSTATUS_GROUP, 0);
                } else if constexpr (std::is_same_v<T, core::SessionStateChanged>) {
                    SessionSeen &s = seenSessions[e.session];
                    const HAGENTSESSION handle = sessionHandleFor(e.session);
                    if (e.state != s.state)
                        sendAll(LINE_AGENTSESSIONSTATUS, handle, LINEAGENTSESSIONSTATUS_STATE,
                                toAgentSessionState(e.state).value_or(0));
                    else if (e.nextState != s.next)
                        sendAll(LINE_AGENTSESSIONSTATUS, handle, LINEAGENTSESSIONSTATUS_UPDATEINFO,
                                0);
                    if (e.state == core::SessionState::Ended && s.state != e.state)
                        sendOnStation(s.station, LINE_AGENTSTATUS, 0, LINEAGENTSTATUS_GROUP, 0);
                    s.state = e.state;
                    s.next = e.nextState;
                } else if constexpr (
                    std::is_same_v<
                        T,
                        core::
                            CallQueued> || std::is_same_v<T, core::CallAnswered> || std::is_same_v<T, core::CallCompleted> || std::is_same_v<T, core::QueueChanged>) {
                    sendAll(LINE_QUEUESTATUS, e.queue, LINEQUEUESTATUS_UPDATEINFO, 0);
                } else if constexpr (std::is_same_v<T, core::CallOverflowed>) {
                    sendAll(LINE_QUEUESTATUS, e.fromQueue, LINEQUEUESTATUS_UPDATEINFO, 0);
                    if (e.toQueue != 0)
                        sendAll(LINE_QUEUESTATUS, e.toQueue, LINEQUEUESTATUS_UPDATEINFO, 0);
                }
            },
            effect.body);
    }
}

} // namespace acd::tapi
