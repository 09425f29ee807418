// The router's lines and messages: route point calls in, station calls observed.
#include "acd/tapi/call_router.h"

#include <cstring>

namespace acd::tapi {

CallRouter::CallRouter(AcdContext &context)
    : m_ctx(context)
{}

CallRouter::~CallRouter()
{
    stop();
}

LONG CallRouter::start(std::string &error)
{
    DWORD numDevs = 0, version = TAPI_VERSION2_2;
    LONG r = m_ctx.server.lineInitializeEx(kEngineClient, &m_app, m_sink, "ACD call router",
                                           {"acd-engine", "localhost"}, &numDevs, &version);
    if (r != 0) {
        error = "call router: lineInitializeEx failed";
        return r;
    }
    std::set<DWORD> routePointDevices;
    for (const db::RoutePointConfig &rp : m_ctx.config.routePoints) {
        DWORD device = m_ctx.server.deviceByAddress(rp.address);
        if (device == LINEMAPPER) {
            error = "route point '" + rp.address + "' (queue " + std::to_string(rp.queue)
                    + ") is not a line of any provider";
            return LINEERR_BADDEVICEID;
        }
        routePointDevices.insert(device);
        m_routePoints[rp.address] = &rp;
    }
    for (DWORD device = 0; device < numDevs; ++device) {
        DWORD api = 0;
        LINEEXTENSIONID ext{};
        if (m_ctx.server.lineNegotiateAPIVersion(kEngineClient, m_app, device, TAPI_VERSION2_0,
                                                 TAPI_VERSION2_2, &api, &ext)
            != 0)
            continue;
        const std::string address = m_ctx.server.deviceAddress(device);
        bool routePoint = routePointDevices.count(device) > 0;
        HLINE line = 0;
        r = m_ctx.server.lineOpen(kEngineClient, m_app, device, &line, api, 0, 0,
                                  routePoint ? LINECALLPRIVILEGE_OWNER : LINECALLPRIVILEGE_MONITOR,
                                  LINEMEDIAMODE_INTERACTIVEVOICE, nullptr);
        if (r != 0) {
            if (routePoint) {
                error = "route point '" + address + "': lineOpen failed";
                return r;
            }
            continue; // a station the switch cannot monitor now; agents there get no ACD calls
        }
        (routePoint ? m_routePointLines : m_stationLines)[line] = address;
    }
    return 0;
}

void CallRouter::stop()
{
    if (m_app) {
        m_ctx.server.lineShutdown(kEngineClient, m_app);
        m_app = 0;
    }
}

bool CallRouter::processMessages()
{
    std::vector<LINEMESSAGE> messages = m_sink->take();
    for (const LINEMESSAGE &m : messages) {
        switch (m.dwMessageID) {
        case LINE_APPNEWCALL:
            onNewCall(m.hDevice, static_cast<HCALL>(m.dwParam2));
            break;
        case LINE_CALLSTATE:
            onCallState(m.hDevice, static_cast<DWORD>(m.dwParam1));
            break;
        case LINE_REPLY:
            onReply(static_cast<DWORD>(m.dwParam1), static_cast<LONG>(m.dwParam2));
            break;
        default:
            break;
        }
    }
    return !messages.empty();
}

void CallRouter::onNewCall(HLINE line, HCALL call)
{
    // Its state follows at once; the call is classified when it arrives (OFFERING at a route
    // point, any first state at a station).
    m_handleLine[call] = line;
}

void CallRouter::onCallState(HCALL call, DWORD state)
{
    auto lineIt = m_handleLine.find(call);
    if (lineIt == m_handleLine.end())
        return;
    HLINE line = lineIt->second;
    if (auto rp = m_routePointLines.find(line); rp != m_routePointLines.end()) {
        RoutedCall *routed = byHandle(call);
        if (!routed && state == LINECALLSTATE_OFFERING) {
            arrivedAtRoutePoint(call, rp->second);
        } else if (routed && state == LINECALLSTATE_IDLE) {
            setHandle(*routed, routed->atRoutePoint, 0);
            if (!routed->leavingRoutePoint) { // the caller hung up while queued
                core::CallId id = routed->id;
                forgetCall(id);
                coreStatus(m_ctx.engine.callCleared(id, m_ctx.now()), "callCleared");
            }
            release(call);
        } else if (!routed && state == LINECALLSTATE_IDLE) {
            release(call);
        }
        return;
    }
    auto station = m_stationLines.find(line);
    if (station == m_stationLines.end())
        return;
    if (auto gone = m_lettingGo.find(call); gone != m_lettingGo.end()) {
        if (state == LINECALLSTATE_IDLE) {
            m_lettingGo.erase(gone);
            release(call);
        }
        return;
    }
    RoutedCall *routed = byHandle(call);
    if (!routed && state != LINECALLSTATE_IDLE && !m_otherCalls.count(call)) {
        arrivedAtStation(call, station->second);
        routed = byHandle(call);
        if (!routed)
            return; // not an ACD call: arrivedAtStation recorded it as another call
    }
    if (!routed) {
        if (state == LINECALLSTATE_IDLE) {
            if (auto other = m_otherCalls.find(call); other != m_otherCalls.end()) {
                coreStatus(m_ctx.engine.otherCallEnded(other->second, m_ctx.now()),
                           "otherCallEnded");
                m_otherCalls.erase(other);
            }
            release(call);
        }
        return;
    }
    core::TimeMs now = m_ctx.now();
    switch (state) {
    case LINECALLSTATE_CONNECTED:
        if (!routed->answered) {
            answeredAtStation(*routed);
        } else if (routed->held) {
            routed->held = false;
            coreStatus(m_ctx.engine.callRetrieved(routed->id, now), "callRetrieved");
        }
        break;
    case LINECALLSTATE_ONHOLD:
        if (routed->answered && !routed->held) {
            routed->held = true;
            coreStatus(m_ctx.engine.callHeld(routed->id, now), "callHeld");
        }
        break;
    case LINECALLSTATE_IDLE:
        leftStation(*routed, call);
        break;
    default:
        break;
    }
}

void CallRouter::arrivedAtRoutePoint(HCALL call, const std::string &routePoint)
{
    const CallFacts facts = callFacts(call);
    const DWORD switchId = facts.switchId;
    if (RoutedCall *known = bySwitchId(switchId); known && switchId != 0) {
        // A call taken back from a station: the core has it in its queue already.
        setHandle(*known, known->atRoutePoint, call);
        setHandle(*known, known->atStation, 0);
        known->leavingRoutePoint = false;
        known->retracting = false;
        if (known->deferredOffer) {
            core::OfferCall next = *known->deferredOffer;
            known->deferredOffer.reset();
            offer(next);
        }
        return;
    }
    const db::RoutePointConfig *rp = m_routePoints.at(routePoint);
    RoutedCall routed;
    routed.id = m_nextCallId++;
    routed.switchCallId = switchId;
    routed.queue = rp->queue;
    routed.routePoint = routePoint;
    routed.atRoutePoint = call;
    core::CallArrival arrival;
    arrival.id = routed.id;
    arrival.queue = rp->queue;
    arrival.ani = facts.callerId;
    arrival.dnis = facts.calledId.empty() ? routePoint : facts.calledId;
    arrival.priority = rp->priority;
    m_calls[routed.id] = routed;
    m_callByHandle[call] = routed.id;
    if (switchId)
        m_callBySwitchId[switchId] = routed.id;
    core::Status status = m_ctx.engine.callArrived(arrival, m_ctx.now());
    if (!status) {
        forgetCall(routed.id);
        coreStatus(status, "callArrived");
        m_ctx.server.lineDrop(kEngineClient, call, nullptr, 0);
    }
}

void CallRouter::arrivedAtStation(HCALL call, const std::string &station)
{
    const CallFacts facts = callFacts(call);
    RoutedCall *routed = facts.switchId ? bySwitchId(facts.switchId) : nullptr;
    if (routed && routed->station == station && routed->atStation == 0 && !routed->retracting) {
        setHandle(*routed, routed->atStation, call);
        return;
    }
    // Not an ACD call: a call of the agent's own (if an agent works at this station).
    auto agent = m_agentAtStation.find(station);
    if (agent == m_agentAtStation.end())
        return;
    // The switch's word on the direction; a call passed on to the station (redirected,
    // transferred) is incoming although it was dialled to another number.
    const bool incoming = facts.origin == LINECALLORIGIN_OUTBOUND  ? false
                          : facts.origin != LINECALLORIGIN_UNKNOWN ? true
                                                                   : facts.calledId == station;
    if (m_ctx.engine.otherCallStarted(agent->second, incoming, m_ctx.now()))
        m_otherCalls[call] = agent->second;
}

void CallRouter::leftStation(RoutedCall &routed, HCALL call)
{
    setHandle(routed, routed.atStation, 0);
    release(call);
    if (routed.retracting)
        return; // on its way back to the route point
    core::CallId id = routed.id;
    forgetCall(id);
    coreStatus(m_ctx.engine.callCleared(id, m_ctx.now()), "callCleared");
}

void CallRouter::answeredAtStation(RoutedCall &routed)
{
    if (routed.retracting) // the take-back made us owner; the agent's call is theirs again
        m_ctx.server.lineSetCallPrivilege(kEngineClient, routed.atStation,
                                          LINECALLPRIVILEGE_MONITOR);
    routed.answered = true;
    routed.retracting = false;
    routed.deferredOffer.reset(); // the core withdraws it when it hears of the late answer
    auto agent = m_agentAtStation.find(routed.station);
    core::Status status = agent != m_agentAtStation.end()
                              ? m_ctx.engine.callAnsweredBy(routed.id, agent->second, m_ctx.now())
                              : m_ctx.engine.callAnswered(routed.id, m_ctx.now());
    coreStatus(status, "callAnswered");
    if (!status) {
        // Answered where the ACD can no longer give it (the agent left meanwhile): the caller
        // stays connected at the station, and the ACD stops tracking a call whose offers and
        // take-backs it would otherwise ignore.
        endLostCall(routed.id);
    }
}

bool CallRouter::connectedAtStation(HCALL call)
{
    LINECALLSTATUS status{};
    status.dwTotalSize = sizeof status;
    if (call == 0 || m_ctx.server.lineGetCallStatus(kEngineClient, call, &status) != 0)
        return false;
    return (status.dwCallState
            & (LINECALLSTATE_CONNECTED | LINECALLSTATE_ONHOLD | LINECALLSTATE_ONHOLDPENDTRANSFER
               | LINECALLSTATE_ONHOLDPENDCONF | LINECALLSTATE_CONFERENCED))
           != 0;
}

bool CallRouter::callerLeftRoutePoint(const RoutedCall &routed)
{
    if (routed.atRoutePoint == 0)
        return true; // the route point reported the call gone
    LINECALLSTATUS status{};
    status.dwTotalSize = sizeof status;
    const LONG r = m_ctx.server.lineGetCallStatus(kEngineClient, routed.atRoutePoint, &status);
    if (r == LINEERR_INVALCALLHANDLE)
        return true; // the provider no longer has it
    return r == 0 && (status.dwCallState & (LINECALLSTATE_DISCONNECTED | LINECALLSTATE_IDLE)) != 0;
}

void CallRouter::onReply(DWORD requestId, LONG result)
{
    if (auto back = m_pendingRetracts.find(requestId); back != m_pendingRetracts.end()) {
        core::CallId id = back->second;
        m_pendingRetracts.erase(back);
        auto call = m_calls.find(id);
        if (result == 0 || call == m_calls.end() || call->second.answered)
            return;
        if (connectedAtStation(call->second.atStation)) {
            // The agent answered as the ring time ran out: the switch keeps the call there.
            answeredAtStation(call->second);
            return;
        }
        // The switch would not give the call back (it may no longer have it): drop what is
        // left at the station and end the call, rather than wait for a return that never comes.
        HCALL station = call->second.atStation;
        endLostCall(id);
        if (station)
            dropLetGo(station);
        return;
    }
    auto it = m_pendingRedirects.find(requestId);
    if (it == m_pendingRedirects.end())
        return;
    core::CallId id = it->second;
    m_pendingRedirects.erase(it);
    if (result == 0)
        return;
    auto call = m_calls.find(id);
    if (call == m_calls.end())
        return;
    offerRefused(call->second, result);
}

void CallRouter::offerRefused(RoutedCall &routed, LONG result)
{
    if (result == LINEERR_INVALCALLHANDLE || callerLeftRoutePoint(routed)) {
        // The switch no longer has the call (it says so, or has already reported it gone or
        // disconnected at the route point): its caller hung up as the offer went out. The
        // caller abandoned; the agent did nothing wrong, and an offer failure would put the
        // call back in the queue, to fail the same way at every agent it is offered to next.
        const HCALL atRoutePoint = routed.atRoutePoint;
        endLostCall(routed.id);
        if (atRoutePoint) // if anything is left of it there after all, it is no longer tracked
            m_ctx.server.lineDrop(kEngineClient, atRoutePoint, nullptr, 0);
        return;
    }
    routed.leavingRoutePoint = false;
    routed.station.clear();
    coreStatus(m_ctx.engine.offerFailed(routed.id, m_ctx.now()), "offerFailed");
}

void CallRouter::release(HCALL call)
{
    m_ctx.server.lineDeallocateCall(kEngineClient, call);
    m_handleLine.erase(call);
}

CallRouter::RoutedCall *CallRouter::bySwitchId(DWORD switchCallId)
{
    auto it = m_callBySwitchId.find(switchCallId);
    if (it == m_callBySwitchId.end())
        return nullptr;
    auto call = m_calls.find(it->second);
    return call == m_calls.end() ? nullptr : &call->second;
}

CallRouter::RoutedCall *CallRouter::byHandle(HCALL handle)
{
    if (handle == 0)
        return nullptr;
    auto it = m_callByHandle.find(handle);
    if (it == m_callByHandle.end())
        return nullptr;
    auto call = m_calls.find(it->second);
    return call == m_calls.end() ? nullptr : &call->second;
}

void CallRouter::setHandle(RoutedCall &routed, HCALL &field, HCALL value)
{
    if (field != 0)
        if (auto it = m_callByHandle.find(field);
            it != m_callByHandle.end() && it->second == routed.id)
            m_callByHandle.erase(it);
    field = value;
    if (value != 0)
        m_callByHandle[value] = routed.id;
}

void CallRouter::forgetCall(core::CallId id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    RoutedCall &routed = it->second;
    setHandle(routed, routed.atRoutePoint, 0);
    setHandle(routed, routed.atStation, 0);
    if (auto s = m_callBySwitchId.find(routed.switchCallId);
        s != m_callBySwitchId.end() && s->second == id)
        m_callBySwitchId.erase(s);
    m_calls.erase(it);
}

CallRouter::CallFacts CallRouter::callFacts(HCALL call)
{
    CallFacts facts;
    alignas(8) char buffer[2048] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = sizeof buffer;
    if (m_ctx.server.lineGetCallInfo(kEngineClient, call, info, StringEncoding::Utf8) != 0)
        return facts;
    auto text = [&](DWORD size, DWORD offset) {
        return size > 1 ? std::string(buffer + offset, size - 1) : std::string();
    };
    facts.callerId = text(info->dwCallerIDSize, info->dwCallerIDOffset);
    facts.calledId = text(info->dwCalledIDSize, info->dwCalledIDOffset);
    facts.switchId = info->dwCallID;
    facts.origin = info->dwOrigin;
    return facts;
}

void CallRouter::coreStatus(const core::Status &status, const char *what)
{
    // The core refuses only inputs that contradict its state (e.g. an answer for a call it
    // already closed after a race with the switch); the router keeps going and counts them.
    if (status)
        return;
    ++m_refusals;
    m_lastRefusal = std::string(what) + ": " + status.message();
}

} // namespace acd::tapi
