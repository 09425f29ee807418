#pragma once
// The engine's built-in ACD proxy: the agent handler of TAPI 2.2 (reference section 3). It
// serves every call-center request type on every line device except those proxied by an
// external application, answering from the ACD core, and turns the core's agent, session and
// queue events into TAPI status messages.
//
// Registration. start() initializes a line application as kEngineClient with a QueueSink,
// negotiates TAPI 2.2 on each device and opens it with LINEOPENOPTION_PROXY |
// LINECALLPRIVILEGE_NONE, registering all 20 LINEPROXYREQUEST_ types. stop() closes.
//
// Requests. processMessages() answers each queued LINE_PROXYREQUEST with exactly one
// lineProxyResponse: 0, or the LINEERR_ the function documents:
//   - an unknown hAgent: LINEERR_INVALAGENTID; an unknown hAgentSession or queue ID:
//     LINEERR_INVALPARAM (the only documented code of lineGetAgentSessionInfo,
//     lineSetAgentSessionState, lineGetQueueInfo and lineSetQueueMeasurementPeriod that fits);
//   - CREATEAGENT: the agent ID is the core agent ID in decimal (no sign, no leading zeros);
//     unknown -> LINEERR_INVALAGENTID; a missing or wrong PIN (db::verifySecret against the
//     agent's pinHash) -> LINEERR_INVALPASSWORD. Handles start at kFirstAgentHandle and are
//     per agent: creating the same agent again returns the same hAgent.
//   - CREATEAGENTSESSION: PIN checked again; the GroupID must be a configured group
//     (LINEERR_INVALAGENTGROUP); the station is the address of the requesting line's device.
//     Session handles start at kFirstSessionHandle, one per core session.
//   - states go through state_map.h; a value without a core meaning gives
//     LINEERR_INVALAGENTSTATE / LINEERR_INVALAGENTSESSIONSTATE, and so does a state the core
//     refuses (busy states, not logged in); other core errors give LINEERR_OPERATIONFAILED.
//   - Not Ready without a reason keeps the agent's current reason.
// Strings in embedded structures are UTF-8 or UTF-16 as LINE_PROXYREQUEST's dwParam2 says.
//
// The TAPI 2.0 per-address model (SETAGENTGROUP, SETAGENTSTATE, SETAGENTACTIVITY,
// GETAGENTSTATUS, AGENTSPECIFIC): the agent "at an address" is the agent with an active
// session at that station, else the agent most recently created (CREATEAGENT) from a line of
// that device. SETAGENTGROUP makes the agent's sessions at the station match the list (an
// empty list logs those sessions out); with no agent at the address it fails with
// LINEERR_INVALAGENTID (no PIN is asked: the agent proved it with CREATEAGENT or is logged
// in there). SETAGENTSTATE READY / NOTREADY (and the next state) also applies to every
// session of the agent at the station, since TAPI 2.0 has no per-group state and the core
// routes only to Ready sessions of a Ready agent; lineSetAgentStateEx (2.2) changes the
// agent's state only, its sessions keep theirs (lineSetAgentSessionState). GETAGENTSTATUS
// with no agent at the address reports LOGGEDOFF, no groups and no valid states.
//
// Status messages (onEffects), each sent with lineProxyMessage on every line the proxy
// opened (the server fans a message out to every other application on that device):
//   - AgentStateChanged -> LINE_AGENTSTATUSEX(hAgent, bits, state), only for an agent that
//     has an hAgent: LINEAGENTSTATUSEX_STATE when the state changed (p3 = the new
//     LINEAGENTSTATEEX_), LINEAGENTSTATUSEX_UPDATEINFO when only the next state changed
//     (LINEAGENTINFO's dwNextAgentState; LINEAGENTSTATUSEX_ has no next-state bit), none for
//     an activity-only change. And, on the line of the agent's station only,
//     LINE_AGENTSTATUS(0, bits, state) with LINEAGENTSTATUS_STATE / NEXTSTATE / ACTIVITY for
//     what changed in TAPI 2.0 terms (p3 = the new LINEAGENTSTATE_ when STATE is set).
//   - SessionStarted -> LINE_AGENTSESSIONSTATUS(hAgentSession, NEWSESSION, 0), plus
//     LINE_AGENTSTATUS(0, GROUP, 0) on the station's line;
//     SessionStateChanged -> LINE_AGENTSESSIONSTATUS(hAgentSession, STATE, new state) when
//     the state changed, (.., UPDATEINFO, 0) when only the next state did; an Ended session
//     also gives LINE_AGENTSTATUS(0, GROUP, 0) on the station's line.
//   - CallQueued, CallAnswered, CallCompleted, QueueChanged -> LINE_QUEUESTATUS(queue,
//     UPDATEINFO, 0); CallOverflowed -> the same for the queue left and the queue entered.
//     Nothing is throttled.
// Lines opened only by station-scoped clients (Server::setStationScoped: the engine service's
// agent users) get, instead of the center-wide messages above, LINE_AGENTSTATUSEX of the
// agent and LINE_AGENTSESSIONSTATUS of the sessions at their station (as they happen), and
// LINE_QUEUESTATUS(queue, UPDATEINFO, 0) for each queue that changed, at most once per
// kStationQueueStatusMs: the first change after a quiet interval at once, later ones at the
// end of the interval (nextDue/onTime; the host's timer calls them). One round of them goes
// out in turns of at most stationQueueStatusBatch messages spread over 3/4 of the interval
// (at least 1 ms between a turn's end and the next), so thousands of desks cost the engine
// thread a steady trickle, not a burst that delays the calls of that moment.
#include "acd/tapi/acd_context.h"

#include <memory>
#include <optional>
#include <vector>

namespace acd::tapi {

class AcdProxy : public AcdPart {
public:
    static constexpr const char *kHandlerName = "ACD suite built-in proxy";
    static constexpr HAGENT kFirstAgentHandle = 0x1000;
    static constexpr HAGENTSESSION kFirstSessionHandle = 0x2000;
    /// LINEAGENTCAPS.ProxyGUID: {8d0b0f3c-5a41-4c1e-9a2e-acd000000001}, Windows memory order.
    static core::Guid proxyGuid();

    /// `externallyProxiedDevices`: devices an external proxy application serves; skipped.
    explicit AcdProxy(AcdContext &ctx, std::vector<DWORD> externallyProxiedDevices = {});
    ~AcdProxy() override;
    AcdProxy(const AcdProxy &) = delete;
    AcdProxy &operator=(const AcdProxy &) = delete;

    /// Registers as the proxy of every device not excluded. 0, or the first LINEERR_ of
    /// lineInitializeEx / lineNegotiateAPIVersion / lineOpen (what was opened stays open).
    LONG start();
    /// Closes every proxy line and shuts the application down (pending requests fail with
    /// LINEERR_OPERATIONFAILED in the server).
    void stop();

    bool processMessages() override;
    void onEffects(const std::vector<core::Effect> &effects) override;

    static constexpr core::TimeMs kStationQueueStatusMs = 2000;
    /// Messages per turn of a round of station queue status (250 unless set: under a
    /// millisecond of the engine thread).
    void setStationQueueStatusBatch(std::size_t messages);
    /// When queue status for station-scoped lines is next due (the engine's clock), if any
    /// queue changed since it was last sent.
    std::optional<core::TimeMs> nextDue() const;
    /// Sends the queue status due at `now`.
    void onTime(core::TimeMs now);

    /// The proxy's hLine on a device, 0 when it does not serve it.
    HLINE lineOf(DWORD device) const;
    /// The hAgent given to an agent by CREATEAGENT, 0 when none.
    HAGENT agentHandle(core::AgentId agent) const;
    /// The hAgentSession of a core session, 0 when none.
    HAGENTSESSION sessionHandle(core::SessionId session) const;

    class Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace acd::tapi
