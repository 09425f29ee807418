#include "acd/tsp/switch_types.h"

#include <array>

#include "tapi.h"

namespace acd::tsp {
namespace {

struct ConnStateName {
    ConnState state;
    std::string_view name;
};
constexpr std::array<ConnStateName, 7> kConnStates{{
    {ConnState::Null, "null"},
    {ConnState::Initiated, "initiated"},
    {ConnState::Alerting, "alerting"},
    {ConnState::Connected, "connected"},
    {ConnState::Hold, "hold"},
    {ConnState::Queued, "queued"},
    {ConnState::Fail, "fail"},
}};

struct AgentStateName {
    AgentState state;
    std::string_view name;
};
constexpr std::array<AgentStateName, 5> kAgentStates{{
    {AgentState::LoggedOff, "loggedOff"},
    {AgentState::NotReady, "notReady"},
    {AgentState::Ready, "ready"},
    {AgentState::WorkingAfterCall, "workingAfterCall"},
    {AgentState::Busy, "busy"},
}};

constexpr std::array<std::string_view, 15> kRequestNames{
    "MakeCall",       "AnswerCall",     "ClearConnection",
    "HoldCall",       "RetrieveCall",   "ConsultationCall",
    "TransferCall",   "ConferenceCall", "SingleStepTransferCall",
    "DeflectCall",    "SetAgentState",  "GetAgentState",
    "SnapshotDevice", "MonitorStart",   "MonitorStop"};

constexpr std::array<std::string_view, 12> kEventNames{
    "ServiceInitiatedEvent",  "OriginatedEvent", "DeliveredEvent", "EstablishedEvent",
    "ConnectionClearedEvent", "HeldEvent",       "RetrievedEvent", "TransferredEvent",
    "ConferencedEvent",       "DivertedEvent",   "FailedEvent",    "AgentStateEvent"};

// The one CSTA error table (cti-protocols.md section 2.5, "Mapping to LINEERR").
constexpr std::array<CstaErrorInfo, 19> kErrors{{
    {CstaError::None, "", "", 0},
    {CstaError::InvalidCallId, "operation", "invalidCallID", LINEERR_INVALCALLHANDLE},
    {CstaError::InvalidConnectionId, "operation", "invalidConnectionID", LINEERR_INVALCALLHANDLE},
    {CstaError::InvalidDeviceId, "operation", "invalidDeviceID", LINEERR_INVALADDRESS},
    {CstaError::InvalidDestination, "operation", "invalidDestination", LINEERR_INVALADDRESS},
    {CstaError::InvalidAgentState, "operation", "invalidAgentState", LINEERR_INVALAGENTSTATE},
    {CstaError::InvalidMonitorCrossRefId, "operation", "invalidMonitorCrossRefID",
     LINEERR_OPERATIONFAILED},
    {CstaError::ServiceNotSupported, "operation", "serviceNotSupported", LINEERR_OPERATIONUNAVAIL},
    {CstaError::RequestIncompatibleWithObject, "operation", "requestIncompatibleWithObject",
     LINEERR_INVALCALLSTATE},
    {CstaError::InvalidConnectionState, "stateIncompatibility", "invalidConnectionState",
     LINEERR_INVALCALLSTATE},
    {CstaError::NoCallToAnswer, "stateIncompatibility", "noCallToAnswer", LINEERR_INVALCALLSTATE},
    {CstaError::NoActiveCall, "stateIncompatibility", "noActiveCall", LINEERR_INVALCALLSTATE},
    {CstaError::NoHeldCall, "stateIncompatibility", "noHeldCall", LINEERR_INVALCALLSTATE},
    {CstaError::NoConnectionToClear, "stateIncompatibility", "noConnectionToClear",
     LINEERR_INVALCALLSTATE},
    {CstaError::ResourceBusy, "systemResourceAvailability", "resourceBusy",
     LINEERR_RESOURCEUNAVAIL},
    {CstaError::DeviceOutOfService, "systemResourceAvailability", "deviceOutOfService",
     LINEERR_OPERATIONFAILED},
    {CstaError::Unspecified, "unspecified", "unspecified", LINEERR_OPERATIONFAILED},
    {CstaError::LinkDown, "", "", LINEERR_OPERATIONFAILED},
    {CstaError::Timeout, "", "", LINEERR_OPERATIONFAILED},
}};

} // namespace

std::string_view toString(ConnState state) {
    for (const auto &entry : kConnStates) {
        if (entry.state == state)
            return entry.name;
    }
    return "null";
}

bool parseConnState(std::string_view text, ConnState &out) {
    for (const auto &entry : kConnStates) {
        if (entry.name == text) {
            out = entry.state;
            return true;
        }
    }
    return false;
}

std::string_view toString(AgentState state) {
    for (const auto &entry : kAgentStates) {
        if (entry.state == state)
            return entry.name;
    }
    return "loggedOff";
}

bool parseAgentState(std::string_view text, AgentState &out) {
    for (const auto &entry : kAgentStates) {
        if (entry.name == text) {
            out = entry.state;
            return true;
        }
    }
    if (text == "loggedOn") { // logging on without a state lands in notReady
        out = AgentState::NotReady;
        return true;
    }
    return false;
}

std::string_view toString(RequestKind kind) {
    return kRequestNames[static_cast<size_t>(kind)];
}

std::string_view toString(EventKind kind) {
    return kEventNames[static_cast<size_t>(kind)];
}

const CstaErrorInfo &errorInfo(CstaError error) {
    for (const auto &entry : kErrors) {
        if (entry.error == error)
            return entry;
    }
    return kErrors[static_cast<size_t>(CstaError::Unspecified)];
}

CstaError parseCstaError(std::string_view category, std::string_view value) {
    for (const auto &entry : kErrors) {
        if (!entry.category.empty() && entry.value == value
            && (entry.category == category || category.empty()))
            return entry.error;
    }
    if (category == "stateIncompatibility") // ECMA-285: every value of this category
        return CstaError::InvalidConnectionState;
    return CstaError::Unspecified;
}

int32_t toLineErr(CstaError error) {
    return errorInfo(error).lineErr;
}

} // namespace acd::tsp
