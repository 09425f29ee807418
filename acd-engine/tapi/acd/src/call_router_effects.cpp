// The core's decisions as switch operations: offer (redirect to the station with the call
// data), retract after ring-no-answer (back to the route point), disconnect on overflow.
#include "acd/tapi/call_router.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace acd::tapi {

void CallRouter::onEffects(const std::vector<core::Effect> &effects)
{
    for (const core::Effect &effect : effects) {
        std::visit(
            [&](const auto &e) {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, core::OfferCall>)
                    offer(e);
                else if constexpr (std::is_same_v<E, core::RetractCall>)
                    retract(e);
                else if constexpr (std::is_same_v<E, core::DisconnectCall>)
                    disconnect(e);
                else if constexpr (std::is_same_v<E, core::SessionStarted>)
                    m_agentAtStation[e.station] = e.agent;
                else if constexpr (std::is_same_v<E, core::SessionStateChanged>) {
                    if (e.state == core::SessionState::Ended)
                        for (auto it = m_agentAtStation.begin(); it != m_agentAtStation.end();)
                            it = it->second == e.agent && m_ctx.engine.sessionsOf(e.agent).empty()
                                     ? m_agentAtStation.erase(it)
                                     : std::next(it);
                }
            },
            effect.body);
    }
}

void CallRouter::offer(const core::OfferCall &offer)
{
    auto it = m_calls.find(offer.call);
    if (it != m_calls.end() && it->second.answered)
        return; // made before the agent it was taken back from answered it after all
    if (it != m_calls.end() && it->second.retracting) {
        it->second.deferredOffer = offer; // made when the call is back at the route point
        return;
    }
    if (it == m_calls.end() && !m_ctx.engine.call(offer.call))
        return; // the core closed it meanwhile (its caller hung up): an offer made before that
    if (it == m_calls.end() || it->second.atRoutePoint == 0) {
        // No switch call to move (never known here, or gone from the route point): nothing can
        // deliver it. An offer failure would requeue it and fail at every agent in turn.
        endLostCall(offer.call);
        return;
    }
    RoutedCall &routed = it->second;
    ACDCALLDATA data{};
    data.dwSize = sizeof data;
    data.dwVersion = ACDCALLDATA_VERSION;
    data.dwQueueID = offer.queue;
    data.dwPriority = core::kMinPriority;
    if (auto snapshot = m_ctx.engine.call(offer.call)) {
        data.dwWaitTime = static_cast<DWORD>(snapshot.value().waitMs / 1000);
        data.dwPriority = static_cast<DWORD>(snapshot.value().priority);
    }
    // From the configuration, not the core's queue snapshot: that one counts the queue's
    // agents (thousands) and this runs for every call.
    for (const core::QueueConfig &q : m_ctx.config.queues)
        if (q.id == offer.queue) {
            data.dwWrapUpTime = static_cast<DWORD>(q.wrapUpSeconds);
            std::memcpy(data.szQueueName, q.name.data(),
                        std::min(q.name.size(), sizeof data.szQueueName - 1));
        }
    std::memcpy(data.szRoutePoint, routed.routePoint.data(),
                std::min(routed.routePoint.size(), sizeof data.szRoutePoint - 1));
    m_ctx.server.lineSetCallData(kEngineClient, routed.atRoutePoint, &data, sizeof data);
    routed.station = offer.station;
    routed.queue = offer.queue;
    routed.leavingRoutePoint = true;
    LONG request =
        m_ctx.server.lineRedirect(kEngineClient, routed.atRoutePoint, offer.station.c_str(), 0);
    if (request < 0) {
        // Refused at once: the provider may know already that the caller left (that news is
        // on its way here).
        offerRefused(routed, request);
        return;
    }
    m_pendingRedirects[static_cast<DWORD>(request)] = offer.call;
}

void CallRouter::retract(const core::RetractCall &retract)
{
    auto it = m_calls.find(retract.call);
    if (it == m_calls.end())
        return;
    RoutedCall &routed = it->second;
    if (routed.answered)
        return; // the station answered as the ring time ran out: the agent keeps the call
    if (routed.atRoutePoint != 0 && !routed.leavingRoutePoint)
        return; // it never left the route point (the offer failed): there it waits already
    if (routed.atStation == 0) {
        // The switch took the redirect, but the station never showed the call for the whole
        // ring time: its events were lost, or it rings where the ACD does not listen. Nothing
        // can take it back, and waiting for it would hold its next offer (and that agent)
        // forever, so the ACD ends it.
        endLostCall(retract.call);
        return;
    }
    routed.retracting = true;
    // Our handle at the station monitors; taking the call back needs ownership.
    m_ctx.server.lineSetCallPrivilege(kEngineClient, routed.atStation, LINECALLPRIVILEGE_OWNER);
    LONG r =
        m_ctx.server.lineRedirect(kEngineClient, routed.atStation, routed.routePoint.c_str(), 0);
    if (r < 0) {
        if (connectedAtStation(routed.atStation)) {
            // The agent answered as the ring time ran out: the switch keeps the call there.
            answeredAtStation(routed);
            return;
        }
        // It cannot come back: clear it, and the station's idle ends it in the core.
        routed.retracting = false;
        routed.deferredOffer.reset();
        m_ctx.server.lineDrop(kEngineClient, routed.atStation, nullptr, 0);
        return;
    }
    m_pendingRetracts[static_cast<DWORD>(r)] = retract.call;
}

void CallRouter::endLostCall(core::CallId id)
{
    forgetCall(id);
    coreStatus(m_ctx.engine.callCleared(id, m_ctx.now()), "callCleared");
}

void CallRouter::disconnect(const core::DisconnectCall &disconnect)
{
    auto it = m_calls.find(disconnect.call);
    if (it == m_calls.end())
        return;
    const HCALL atRoutePoint = it->second.atRoutePoint;
    const HCALL atStation = it->second.atStation;
    forgetCall(disconnect.call); // the core closed it already
    if (atRoutePoint)
        m_ctx.server.lineDrop(kEngineClient, atRoutePoint, nullptr, 0);
    else if (atStation)
        dropLetGo(atStation);
}

void CallRouter::dropLetGo(HCALL station)
{
    m_lettingGo.insert(station);
    m_ctx.server.lineDrop(kEngineClient, station, nullptr, 0);
}

} // namespace acd::tapi
