#pragma once
// The ACD's call path through the TAPI server: calls offered at route points enter the
// core's queues; the core's decisions become switch operations (redirect to the agent's
// station, take back after ring-no-answer, disconnect on overflow), and what happens at the
// stations (answer, hold, hang-up, other calls) goes back into the core.
//
// The router is an internal line application: owner of every route point line and monitor
// of every station line. The call data of an offered call (ACDCALLDATA: queue, wait, priority,
// route point) travels with it to the station, where agent applications read it from
// LINECALLINFO.
#include "acd/tapi/acd_context.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace acd::tapi {

class CallRouter : public AcdPart {
public:
    explicit CallRouter(AcdContext &context);
    ~CallRouter() override;

    /// Opens the route points of the configuration and every other line as a monitor. An
    /// error names the route point that no provider serves.
    LONG start(std::string &error);
    void stop();

    /// The configuration's route points changed (admin API, engine thread): opens new route
    /// points as owner (closing their monitor line), gives removed ones back to monitoring,
    /// and rebinds to the configuration's list. Returns "" or an error naming the route point
    /// no provider serves (nothing is changed then for that route point).
    std::string applyRoutePoints();
    /// Calls in the ACD that entered at this route point and are still there or at a station.
    std::size_t callsAt(const std::string &routePoint) const;

    bool processMessages() override;
    void onEffects(const std::vector<core::Effect> &effects) override;

    /// Calls in the ACD now (queued or at a station), for tests and metrics.
    std::size_t activeCalls() const { return m_calls.size(); }
    /// Inputs the core refused (a race between the switch and the core), and the last reason.
    std::size_t coreRefusals() const { return m_refusals; }
    const std::string &lastRefusal() const { return m_lastRefusal; }

private:
    struct RoutedCall {
        core::CallId id = 0;
        DWORD switchCallId = 0;
        core::QueueId queue = 0;
        std::string routePoint;
        HCALL atRoutePoint = 0; ///< our owner handle at the route point while the call is there
        HCALL atStation = 0;    ///< our handle at the agent's station while it rings or talks
        std::string station;    ///< where it was offered
        bool answered = false;
        bool held = false;
        bool leavingRoutePoint = false; ///< redirected: its idle there is no abandon
        bool retracting = false;        ///< being taken back from the station
        /// The core's next offer, made while the call was still on its way back.
        std::optional<core::OfferCall> deferredOffer;
    };

    /// Opens `device` as owner (route point) or monitor; 0 with `r` set on failure.
    HLINE openLine(DWORD device, bool routePoint, LONG &r);
    void onNewCall(HLINE line, HCALL call);
    void onCallState(HCALL call, DWORD state);
    void onReply(DWORD requestId, LONG result);
    /// The switch refused to move a call to the agent's station (`result`, at once or by
    /// LINE_REPLY): the caller's abandon if they left the route point, else an offer failure.
    void offerRefused(RoutedCall &routed, LONG result);
    void arrivedAtRoutePoint(HCALL call, const std::string &routePoint);
    void arrivedAtStation(HCALL call, const std::string &station);
    void leftStation(RoutedCall &routed, HCALL call);
    /// The station connected the call: the agent there answered it, even if the ACD is
    /// taking it back after the ring timeout (a late answer: the agent keeps the caller).
    void answeredAtStation(RoutedCall &routed);
    /// Whether the switch has the call connected (or held) at the station now.
    bool connectedAtStation(HCALL call);
    /// Whether the caller of a call waiting at its route point has hung up: the route point
    /// reported it gone, or the switch shows it disconnected there or no longer has it.
    bool callerLeftRoutePoint(const RoutedCall &routed);
    void offer(const core::OfferCall &offer);
    void retract(const core::RetractCall &retract);
    void disconnect(const core::DisconnectCall &disconnect);
    /// Ends a call the ACD can no longer reach at the switch (the station never showed it, or
    /// the switch refused to give it back): the core closes it as a caller it lost.
    void endLostCall(core::CallId id);
    /// Drops a forgotten call's connection at a station, and ignores what is left of it there.
    void dropLetGo(HCALL station);
    void release(HCALL call);
    RoutedCall *bySwitchId(DWORD switchCallId);
    RoutedCall *byHandle(HCALL call);
    /// Sets one of a call's handles (atRoutePoint / atStation), keeping the index current.
    void setHandle(RoutedCall &routed, HCALL &field, HCALL value);
    /// Removes a call and its index entries.
    void forgetCall(core::CallId id);
    /// What the switch says of a call (empty, 0 and LINECALLORIGIN_UNKNOWN when it cannot).
    struct CallFacts {
        std::string callerId;
        std::string calledId;
        DWORD switchId = 0;
        DWORD origin = LINECALLORIGIN_UNKNOWN;
    };
    CallFacts callFacts(HCALL call);
    void coreStatus(const core::Status &status, const char *what);

    AcdContext &m_ctx;
    std::shared_ptr<QueueSink> m_sink = std::make_shared<QueueSink>();
    HLINEAPP m_app = 0;
    std::map<HLINE, std::string> m_routePointLines; ///< line -> route point address
    std::map<HLINE, std::string> m_stationLines;    ///< line -> station address
    std::map<std::string, const db::RoutePointConfig *> m_routePoints;
    std::map<HCALL, HLINE> m_handleLine;
    std::map<core::CallId, RoutedCall> m_calls;
    // Indexes: a switch event finds its call without a scan of every call in the ACD.
    std::map<HCALL, core::CallId> m_callByHandle;
    std::map<DWORD, core::CallId> m_callBySwitchId;
    std::map<DWORD, core::CallId> m_pendingRedirects; ///< request -> call being offered
    std::map<DWORD, core::CallId> m_pendingRetracts;  ///< request -> call being taken back
    std::map<std::string, core::AgentId> m_agentAtStation;
    std::map<HCALL, core::AgentId> m_otherCalls; ///< non-ACD calls at an agent's station
    /// Station handles of ACD calls the router let go (forgotten, their drop sent): their last
    /// states are not an agent's own call. Released at IDLE.
    std::set<HCALL> m_lettingGo;
    core::CallId m_nextCallId = 1;
    std::size_t m_refusals = 0;
    std::string m_lastRefusal;
};

} // namespace acd::tapi
