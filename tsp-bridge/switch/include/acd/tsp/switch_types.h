#pragma once

// The protocol-neutral vocabulary of the TSP bridge: CSTA-shaped requests, results and
// events. The switch model executes SwitchRequests and emits SwitchEvents; the CSTA codec
// turns both into ECMA-323 XML and back; the provider core maps them onto TSPI. Because
// the sim provider and the csta provider meet the same structures, they produce the same
// TAPI event sequences.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace acd::tsp {

/// CSTA LocalConnectionState (ECMA-269): the state of one device's connection to a call.
enum class ConnState { Null, Initiated, Alerting, Connected, Hold, Queued, Fail };

/// CSTA agent states as used by SetAgentState / GetAgentState / Agent*Event.
enum class AgentState { LoggedOff, NotReady, Ready, WorkingAfterCall, Busy };

/// Every CSTA error the suite produces or understands. One table (switch_types.cpp) gives
/// each its XML category, XML value and LINEERR_.
enum class CstaError {
    None,
    InvalidCallId,
    InvalidConnectionId,
    InvalidDeviceId,
    InvalidDestination,
    InvalidAgentState,
    InvalidMonitorCrossRefId,
    ServiceNotSupported,
    RequestIncompatibleWithObject,
    InvalidConnectionState,
    NoCallToAnswer,
    NoActiveCall,
    NoHeldCall,
    NoConnectionToClear,
    ResourceBusy,
    DeviceOutOfService,
    Unspecified,
    LinkDown, ///< not on the wire: the link dropped with the request outstanding
    Timeout,  ///< not on the wire: no response within the request timeout
};

enum class RequestKind {
    MakeCall,
    AnswerCall,
    ClearConnection,
    HoldCall,
    RetrieveCall,
    ConsultationCall,
    TransferCall,
    ConferenceCall,
    SingleStepTransferCall,
    DeflectCall,
    SetAgentState,
    GetAgentState,
    SnapshotDevice,
    MonitorStart,
    MonitorStop,
};

enum class EventKind {
    ServiceInitiated,
    Originated,
    Delivered,
    Established,
    ConnectionCleared,
    Held,
    Retrieved,
    Transferred,
    Conferenced,
    Diverted,
    Failed,
    AgentStateChanged,
};

/// CSTA ConnectionID: a call at a device.
struct ConnectionId {
    std::string callId;
    std::string deviceId;
    bool operator==(const ConnectionId &) const = default;
};

struct SwitchRequest {
    RequestKind kind = RequestKind::MakeCall;
    /// The subject connection: callToBeAnswered, connectionToBeCleared, callToBeHeld,
    /// callToBeRetrieved, existingCall, heldCall, activeCall (single-step), callToBeDiverted.
    ConnectionId conn;
    /// activeCall of TransferCall / ConferenceCall.
    ConnectionId secondConn;
    /// callingDevice (MakeCall), device (agent requests), snapshotObject, monitorObject.
    std::string device;
    /// calledDirectoryNumber, consultedDevice, transferredTo, newDestination.
    std::string destination;
    AgentState agentState = AgentState::LoggedOff;
    std::string agentId;
    std::string group;
    std::string crossRefId; ///< MonitorStop
    bool operator==(const SwitchRequest &) const = default;
};

struct SnapshotEntry {
    std::string callId;
    ConnState state = ConnState::Null;
    bool operator==(const SnapshotEntry &) const = default;
};

struct SwitchResult {
    CstaError error = CstaError::None;
    /// MakeCall: callingDevice; ConsultationCall: initiatedCall; TransferCall,
    /// SingleStepTransferCall: transferredCall; ConferenceCall: conferenceCall.
    ConnectionId conn;
    AgentState agentState = AgentState::LoggedOff;
    std::vector<SnapshotEntry> snapshot;
    /// SnapshotDevice answered in segments: the snapshot's entries follow in SnapshotDeviceData
    /// messages under this reference (`snapshot` is then empty). Wire only.
    std::string serviceCrossRefId;
    std::string crossRefId; ///< MonitorStart
    bool ok() const { return error == CstaError::None; }
    bool operator==(const SwitchResult &) const = default;
};

struct SwitchEvent {
    EventKind kind = EventKind::Delivered;
    /// The device whose monitor reports the event (set by whoever routes it).
    std::string monitoredDevice;
    std::string crossRefId; ///< on the wire only
    /// Subject connection (initiated/originated/established/dropped/held/retrieved/failed
    /// connection, Delivered/Diverted `connection`); for Transferred and Conferenced the call
    /// ID of the resulting call.
    ConnectionId connection;
    /// initiating / originating / alerting / answering / releasing / holding / retrieving /
    /// diverting / transferring / conferencing / failing / agent device.
    std::string subjectDevice;
    std::string callingDevice;
    std::string calledDevice;
    /// Diverted: newDestination; Transferred: transferredToDevice; Conferenced: addedParty.
    std::string otherDevice;
    std::string primaryOldCall;   ///< Transferred / Conferenced
    std::string secondaryOldCall; ///< Transferred / Conferenced (empty for single-step)
    /// The monitored device's connection state after the event.
    ConnState localState = ConnState::Null;
    std::string cause;
    AgentState agentState = AgentState::LoggedOff; ///< AgentStateChanged
    std::string agentId;
    bool operator==(const SwitchEvent &) const = default;
};

// ---- Canonical string tables (wire, logs and tests use the same names) -------------------

std::string_view toString(ConnState state);
bool parseConnState(std::string_view text, ConnState &out);
std::string_view toString(AgentState state);
bool parseAgentState(std::string_view text, AgentState &out);
std::string_view toString(RequestKind kind);
std::string_view toString(EventKind kind);

/// The ONE error table: CSTA error <-> XML category/value <-> LINEERR_.
struct CstaErrorInfo {
    CstaError error;
    std::string_view category; ///< XML element inside CSTAErrorCode
    std::string_view value;    ///< its text
    int32_t lineErr;           ///< LINEERR_ for ASYNC_COMPLETION (0 for None)
};
const CstaErrorInfo &errorInfo(CstaError error);
/// Finds the error for a CSTAErrorCode child; unknown values map to Unspecified.
CstaError parseCstaError(std::string_view category, std::string_view value);
int32_t toLineErr(CstaError error);

} // namespace acd::tsp
