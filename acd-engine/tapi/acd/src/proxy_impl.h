#pragma once
// AcdProxy's state and the handlers of its request types, one source file per concern:
// proxy_registration.cpp (start, stop, dispatch), proxy_agents.cpp (agents, agent-specific),
// proxy_sessions.cpp, proxy_states.cpp (states and the TAPI 2.0 address model),
// proxy_lists.cpp (caps, lists, queues) and proxy_status.cpp (status messages).
#include "acd/tapi/acd_proxy.h"
#include "acd/tapi/var_struct.h"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace acd::tapi {

/// LINEAGENTFEATURE_ the proxy supports (all of them).
constexpr DWORD kAgentFeatures =
    LINEAGENTFEATURE_SETAGENTGROUP | LINEAGENTFEATURE_SETAGENTSTATE
    | LINEAGENTFEATURE_SETAGENTACTIVITY | LINEAGENTFEATURE_AGENTSPECIFIC
    | LINEAGENTFEATURE_GETAGENTACTIVITYLIST | LINEAGENTFEATURE_GETAGENTGROUP;
/// LINEAGENTSTATE_ lineSetAgentState accepts (what the core lets an agent request).
constexpr DWORD kAgentStates =
    LINEAGENTSTATE_LOGGEDOFF | LINEAGENTSTATE_NOTREADY | LINEAGENTSTATE_READY;
constexpr DWORD kAgentNextStates = LINEAGENTSTATE_NOTREADY | LINEAGENTSTATE_READY;
/// LINEAGENTSTATUS_ bits LINE_AGENTSTATUS carries.
constexpr DWORD kAgentStatusMessages = LINEAGENTSTATUS_GROUP | LINEAGENTSTATUS_STATE
                                       | LINEAGENTSTATUS_NEXTSTATE | LINEAGENTSTATUS_ACTIVITY;

class AcdProxy::Impl {
public:
    Impl(AcdContext &ctx, std::vector<DWORD> excluded);

    /// One request as a handler sees it.
    struct Request {
        LINEPROXYREQUEST &r;
        DWORD device;
        StringEncoding encoding;
    };

    LONG start();
    void stop();
    bool processMessages();
    void onEffects(const std::vector<core::Effect> &effects);
    LONG handle(Request &req);

    // ---- handlers (return the lineProxyResponse result) ----
    LONG createAgent(Request &req);
    LONG setAgentMeasurementPeriod(Request &req);
    LONG getAgentInfo(Request &req);
    LONG agentSpecific(Request &req);
    LONG createAgentSession(Request &req);
    LONG getAgentSessionList(Request &req);
    LONG getAgentSessionInfo(Request &req);
    LONG setAgentSessionState(Request &req);
    LONG setAgentStateEx(Request &req);
    LONG setAgentState(Request &req);
    LONG setAgentActivity(Request &req);
    LONG setAgentGroup(Request &req);
    LONG getAgentStatus(Request &req);
    LONG getAgentCaps(Request &req);
    LONG getAgentActivityList(Request &req);
    LONG getAgentGroupList(Request &req);
    LONG getGroupList(Request &req);
    LONG getQueueList(Request &req);
    LONG getQueueInfo(Request &req);
    LONG setQueueMeasurementPeriod(Request &req);

    // ---- helpers ----
    const core::AgentConfig *agentConfig(core::AgentId agent) const;
    std::optional<core::AgentId> agentOf(HAGENT handle) const;
    HAGENTSESSION sessionHandleFor(core::SessionId session); ///< allocates on first use
    const core::GroupConfig *groupByGuid(const void *guid16) const;
    const core::GroupConfig *groupById(core::GroupId id) const;
    std::string stationOf(DWORD device) const;
    /// The agent at a station's address (TAPI 2.0 model, see acd_proxy.h).
    std::optional<core::AgentId> agentAt(DWORD device) const;
    /// Active sessions of `agent` at `station`.
    std::vector<core::SessionSnapshot> sessionsAt(core::AgentId agent,
                                                  const std::string &station) const;
    /// Not Ready (or Not Ready as next state) keeps the current reason.
    LONG requestAgentState(core::AgentId agent, core::AgentStateEx state, core::AgentStateEx next,
                           LONG invalidState);
    /// On the proxy's line of `device` (to every other application with it open).
    void sendOnDevice(DWORD device, DWORD msg, DWORD p1, DWORD p2, DWORD p3);
    /// A station's device, LINEMAPPER for none or an unknown station.
    DWORD stationDevice(const std::string &station) const;
    void sendAll(DWORD msg, DWORD p1, DWORD p2, DWORD p3);
    /// To the station's line when only station-scoped clients have it open (sendAll covers
    /// the others).
    void sendToScopedStation(const std::string &station, DWORD msg, DWORD p1, DWORD p2, DWORD p3);
    /// A queue changed: LINE_QUEUESTATUS everywhere now, on station-scoped lines coalesced.
    void queueChanged(core::QueueId queue);
    std::optional<core::TimeMs> stationQueueStatusDue() const;
    void sendStationQueueStatus(core::TimeMs now);
    void sendOnStation(const std::string &station, DWORD msg, DWORD p1, DWORD p2, DWORD p3);

    AcdContext &ctx;
    std::vector<DWORD> excluded;
    HLINEAPP app = 0;
    std::shared_ptr<QueueSink> sink = std::make_shared<QueueSink>();
    std::map<DWORD, HLINE> lineByDevice;
    std::map<HLINE, DWORD> deviceByLine;

    std::map<HAGENT, core::AgentId> agentByHandle;
    std::map<core::AgentId, HAGENT> handleByAgent;
    HAGENT nextAgentHandle = kFirstAgentHandle;
    std::map<HAGENTSESSION, core::SessionId> sessionByHandle;
    std::map<core::SessionId, HAGENTSESSION> handleBySession;
    HAGENTSESSION nextSessionHandle = kFirstSessionHandle;
    /// The agent most recently created from a line of each device.
    std::map<DWORD, core::AgentId> createdAt;

    /// What the status messages compare against (the core's event carries no old next state).
    struct AgentSeen {
        core::AgentStateEx next = core::AgentStateEx::None;
        core::ReasonCode reason = 0;
        std::string station; ///< of the last session started
        /// Who made the last change of state or reason: "" the agent (or routing), else the
        /// core's forcedBy (a supervisor's user name, "system:rona", ...).
        std::string changedBy;
    };
    std::map<core::AgentId, AgentSeen> seen;
    struct SessionSeen {
        std::string station;
        core::SessionState state = core::SessionState::None;
        core::SessionState next = core::SessionState::None;
    };
    std::map<core::SessionId, SessionSeen> seenSessions;

    /// Queues changed since their status last went to station-scoped lines.
    std::set<core::QueueId> queuesChangedForStations;
    std::optional<core::TimeMs> lastStationQueueStatus; ///< when the last round began
    /// The round being sent: its queues, its lines, how far it got, when its last turn was.
    struct StationRound {
        std::vector<core::QueueId> queues;
        std::vector<DWORD> devices;
        std::size_t next = 0;
        core::TimeMs lastTurn = 0;
        core::TimeMs gap = 1; ///< between turns: the round spreads over 3/4 of the interval
    };
    std::optional<StationRound> stationRound;
    std::size_t stationQueueStatusBatch = 250;
};

/// TAPI 2.0 next state of a core next state (None -> 0).
DWORD nextAgentState(core::AgentStateEx next);
/// A string of the request (offset from the start of LINEPROXYREQUEST, UTF-16) as UTF-8.
std::string requestString(const LINEPROXYREQUEST &r, DWORD size, DWORD offset);

} // namespace acd::tapi
