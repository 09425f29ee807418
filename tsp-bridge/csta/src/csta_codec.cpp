#include "acd/tsp/csta_codec.h"

#include <array>
#include <charconv>

namespace acd::tsp {
namespace {

// ---- writing ------------------------------------------------------------------------------

class XmlWriter {
public:
    explicit XmlWriter(std::string_view root)
        : m_root(root) {
        m_out.reserve(512);
        m_out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?><";
        m_out += root;
        m_out += " xmlns=\"";
        m_out += kCstaNamespaceEd3;
        m_out += "\">";
    }
    XmlWriter &open(std::string_view name) {
        m_out += '<';
        m_out += name;
        m_out += '>';
        return *this;
    }
    XmlWriter &close(std::string_view name) {
        m_out += "</";
        m_out += name;
        m_out += '>';
        return *this;
    }
    XmlWriter &leaf(std::string_view name, std::string_view text) {
        open(name);
        appendXmlEscaped(m_out, text);
        return close(name);
    }
    XmlWriter &connection(std::string_view name, const ConnectionId &conn) {
        open(name).leaf("callID", conn.callId);
        if (!conn.deviceId.empty())
            leaf("deviceID", conn.deviceId);
        return close(name);
    }
    XmlWriter &device(std::string_view name, std::string_view dn) {
        return open(name).leaf("deviceIdentifier", dn).close(name);
    }
    std::string finish() {
        close(m_root);
        return std::move(m_out);
    }

private:
    std::string_view m_root;
    std::string m_out;
};

// ---- tables -------------------------------------------------------------------------------

struct OpSpec {
    RequestKind kind;
    std::string_view name;
    std::string_view connElem;       ///< subject ConnectionID element
    std::string_view secondElem;     ///< second ConnectionID element
    std::string_view deviceElem;     ///< device given as text
    std::string_view destElem;       ///< destination given as text
    std::string_view resultConnElem; ///< ConnectionID in the positive response
};

constexpr std::array<OpSpec, 15> kOps{{
    {RequestKind::MakeCall, "MakeCall", "", "", "callingDevice", "calledDirectoryNumber",
     "callingDevice"},
    {RequestKind::AnswerCall, "AnswerCall", "callToBeAnswered", "", "", "", ""},
    {RequestKind::ClearConnection, "ClearConnection", "connectionToBeCleared", "", "", "", ""},
    {RequestKind::HoldCall, "HoldCall", "callToBeHeld", "", "", "", ""},
    {RequestKind::RetrieveCall, "RetrieveCall", "callToBeRetrieved", "", "", "", ""},
    {RequestKind::ConsultationCall, "ConsultationCall", "existingCall", "", "", "consultedDevice",
     "initiatedCall"},
    {RequestKind::TransferCall, "TransferCall", "heldCall", "activeCall", "", "",
     "transferredCall"},
    {RequestKind::ConferenceCall, "ConferenceCall", "heldCall", "activeCall", "", "",
     "conferenceCall"},
    {RequestKind::SingleStepTransferCall, "SingleStepTransferCall", "activeCall", "", "",
     "transferredTo", "transferredCall"},
    {RequestKind::DeflectCall, "DeflectCall", "callToBeDiverted", "", "", "newDestination", ""},
    {RequestKind::SetAgentState, "SetAgentState", "", "", "device", "", ""},
    {RequestKind::GetAgentState, "GetAgentState", "", "", "device", "", ""},
    {RequestKind::SnapshotDevice, "SnapshotDevice", "", "", "snapshotObject", "", ""},
    {RequestKind::MonitorStart, "MonitorStart", "", "", "", "", ""},
    {RequestKind::MonitorStop, "MonitorStop", "", "", "", "", ""},
}};

struct EventSpec {
    EventKind kind;
    std::string_view name;
    std::string_view connElem;
    std::string_view subjectElem;
    std::string_view otherElem;
};

constexpr std::array<EventSpec, 9> kEvents{{
    {EventKind::ServiceInitiated, "ServiceInitiatedEvent", "initiatedConnection",
     "initiatingDevice", ""},
    {EventKind::Originated, "OriginatedEvent", "originatedConnection", "callingDevice", ""},
    {EventKind::Delivered, "DeliveredEvent", "connection", "alertingDevice", ""},
    {EventKind::Established, "EstablishedEvent", "establishedConnection", "answeringDevice", ""},
    {EventKind::ConnectionCleared, "ConnectionClearedEvent", "droppedConnection", "releasingDevice",
     ""},
    {EventKind::Held, "HeldEvent", "heldConnection", "holdingDevice", ""},
    {EventKind::Retrieved, "RetrievedEvent", "retrievedConnection", "retrievingDevice", ""},
    {EventKind::Diverted, "DivertedEvent", "connection", "divertingDevice", "newDestination"},
    {EventKind::Failed, "FailedEvent", "failedConnection", "failingDevice", ""},
}};

struct AgentEventSpec {
    AgentState state;
    std::string_view name;
};

constexpr std::array<AgentEventSpec, 5> kAgentEvents{{
    {AgentState::LoggedOff, "AgentLoggedOffEvent"},
    {AgentState::NotReady, "AgentNotReadyEvent"},
    {AgentState::Ready, "AgentReadyEvent"},
    {AgentState::WorkingAfterCall, "AgentWorkingAfterCallEvent"},
    {AgentState::Busy, "AgentBusyEvent"},
}};

const OpSpec &opSpec(RequestKind kind) {
    return kOps[static_cast<size_t>(kind)];
}

// ---- reading ------------------------------------------------------------------------------

/// A device given as plain text or wrapped in <deviceIdentifier>.
std::string deviceText(const XmlElement *e) {
    if (!e)
        return {};
    if (const XmlElement *id = e->child("deviceIdentifier"))
        return id->text;
    return e->text;
}

bool readConnection(const XmlElement &parent, std::string_view name, ConnectionId &out,
                    std::string &error) {
    const XmlElement *e = parent.child(name);
    if (!e || !e->child("callID")) {
        error = "CSTA <" + parent.name + ">: missing <" + std::string(name) + "><callID>";
        return false;
    }
    out.callId = e->childText("callID");
    out.deviceId = deviceText(e->child("deviceID"));
    return true;
}

bool requireText(const XmlElement &parent, std::string_view name, std::string &out,
                 std::string &error) {
    const XmlElement *e = parent.child(name);
    if (!e) {
        error = "CSTA <" + parent.name + ">: missing <" + std::string(name) + ">";
        return false;
    }
    out = deviceText(e);
    if (out.empty()) {
        error = "CSTA <" + parent.name + ">: <" + std::string(name) + "> is empty";
        return false;
    }
    return true;
}

bool readLocalState(const XmlElement &root, SwitchEvent &ev, std::string &error) {
    const XmlElement *e = root.child("localConnectionInfo");
    if (!e) {
        ev.localState = ConnState::Null;
        return true;
    }
    if (!parseConnState(e->text, ev.localState)) {
        error = "CSTA <" + root.name + ">: unknown localConnectionInfo '" + e->text + "'";
        return false;
    }
    return true;
}

/// snapshotData/snapshotDeviceResponseInfo*, in order (no element: no entries).
bool readSnapshotData(const XmlElement &root, const XmlElement *data,
                      std::vector<SnapshotEntry> &out, std::string &error)
{
    if (!data)
        return true;
    for (const auto &item : data->children) {
        if (item.name != "snapshotDeviceResponseInfo")
            continue;
        SnapshotEntry entry;
        const XmlElement *id = item.child("connectionIdentifier");
        const XmlElement *state = item.find("localConnectionState");
        entry.callId = id ? id->childText("callID") : std::string();
        if (entry.callId.empty() || !state || !parseConnState(state->text, entry.state)) {
            error = "CSTA <" + root.name
                    + ">: entry without callID or with unknown localConnectionState '"
                    + (state ? state->text : std::string()) + "'";
            return false;
        }
        out.push_back(entry);
    }
    return true;
}

void writeSnapshotData(XmlWriter &w, const std::vector<SnapshotEntry> &entries)
{
    w.open("snapshotData");
    for (const auto &entry : entries) {
        w.open("snapshotDeviceResponseInfo");
        w.open("connectionIdentifier").leaf("callID", entry.callId);
        w.close("connectionIdentifier");
        w.open("localCallState").open("compoundCallState");
        w.leaf("localConnectionState", toString(entry.state));
        w.close("compoundCallState").close("localCallState");
        w.close("snapshotDeviceResponseInfo");
    }
    w.close("snapshotData");
}

bool decodeSnapshotDeviceData(const XmlElement &root, CstaMessage &out, std::string &error)
{
    out.type = CstaMessageType::SnapshotDeviceData;
    SnapshotSegment &seg = out.segment;
    if (!requireText(root, "serviceCrossRefID", seg.serviceCrossRefId, error))
        return false;
    std::string id;
    if (!requireText(root, "segmentID", id, error))
        return false;
    const auto [end, status] = std::from_chars(id.data(), id.data() + id.size(), seg.segmentId);
    if (status != std::errc() || end != id.data() + id.size() || seg.segmentId <= 0) {
        error = "CSTA <SnapshotDeviceData>: segmentID '" + id + "' is not a positive number";
        return false;
    }
    const std::string last = root.childText("lastSegment");
    if (last == "true" || last == "1")
        seg.lastSegment = true;
    else if (last == "false" || last == "0")
        seg.lastSegment = false;
    else {
        error = "CSTA <SnapshotDeviceData>: lastSegment '" + last + "' is not true or false";
        return false;
    }
    return readSnapshotData(root, root.child("snapshotData"), seg.entries, error);
}

bool decodeRequest(const XmlElement &root, const OpSpec &spec, CstaMessage &out,
                   std::string &error) {
    SwitchRequest &r = out.request;
    r.kind = spec.kind;
    if (!spec.connElem.empty() && !readConnection(root, spec.connElem, r.conn, error))
        return false;
    if (!spec.secondElem.empty() && !readConnection(root, spec.secondElem, r.secondConn, error))
        return false;
    if (!spec.deviceElem.empty() && !requireText(root, spec.deviceElem, r.device, error))
        return false;
    if (!spec.destElem.empty() && !requireText(root, spec.destElem, r.destination, error))
        return false;
    switch (spec.kind) {
    case RequestKind::MonitorStart: {
        const XmlElement *object = root.child("monitorObject");
        r.device = object ? deviceText(object->child("deviceObject")) : std::string();
        if (r.device.empty()) {
            error = "CSTA <MonitorStart>: missing <monitorObject><deviceObject>";
            return false;
        }
        break;
    }
    case RequestKind::MonitorStop:
        if (!requireText(root, "monitorCrossRefID", r.crossRefId, error))
            return false;
        break;
    case RequestKind::SetAgentState: {
        std::string state;
        if (!requireText(root, "requestedAgentState", state, error))
            return false;
        if (!parseAgentState(state, r.agentState)) {
            error = "CSTA <SetAgentState>: unknown requestedAgentState '" + state + "'";
            return false;
        }
        r.agentId = root.childText("agentID");
        r.group = root.childText("group");
        break;
    }
    default:
        break;
    }
    out.type = CstaMessageType::Request;
    return true;
}

bool decodeResponse(const XmlElement &root, const OpSpec &spec, CstaMessage &out,
                    std::string &error) {
    out.type = CstaMessageType::Response;
    out.responseTo = spec.kind;
    SwitchResult &res = out.result;
    if (!spec.resultConnElem.empty()) {
        // Optional in ECMA-323 for some responses; MakeCall and ConsultationCall need it.
        if (root.child(spec.resultConnElem)) {
            if (!readConnection(root, spec.resultConnElem, res.conn, error))
                return false;
        } else if (spec.kind == RequestKind::MakeCall
                   || spec.kind == RequestKind::ConsultationCall) {
            error = "CSTA <" + root.name + ">: missing <" + std::string(spec.resultConnElem) + ">";
            return false;
        }
    }
    switch (spec.kind) {
    case RequestKind::MonitorStart:
        if (!requireText(root, "monitorCrossRefID", res.crossRefId, error))
            return false;
        break;
    case RequestKind::GetAgentState: {
        const XmlElement *state = root.find("agentState");
        if (!state || !parseAgentState(state->text, res.agentState)) {
            error = "CSTA <GetAgentStateResponse>: missing or unknown <agentState> '"
                    + (state ? state->text : std::string()) + "'";
            return false;
        }
        break;
    }
    case RequestKind::SnapshotDevice: {
        // crossRefIDorSnapshotData: the entries, or the reference their segments will carry.
        const XmlElement *choice = root.child("crossRefIDorSnapshotData");
        const XmlElement *ref = choice ? choice->child("serviceCrossRefID") : nullptr;
        if (ref) {
            res.serviceCrossRefId = ref->text;
            if (res.serviceCrossRefId.empty()) {
                error = "CSTA <SnapshotDeviceResponse>: <serviceCrossRefID> is empty";
                return false;
            }
            break;
        }
        if (!readSnapshotData(root, root.find("snapshotData"), res.snapshot, error))
            return false;
        break;
    }
    default:
        break;
    }
    return true;
}

bool decodeEvent(const XmlElement &root, CstaMessage &out, std::string &error) {
    SwitchEvent &ev = out.event;
    out.type = CstaMessageType::Event;
    ev.crossRefId = root.childText("monitorCrossRefID");
    ev.cause = root.childText("cause");
    for (const auto &spec : kAgentEvents) {
        if (root.name == spec.name
            || (root.name == "AgentLoggedOnEvent" && spec.state == AgentState::NotReady)) {
            ev.kind = EventKind::AgentStateChanged;
            ev.agentState = spec.state;
            ev.subjectDevice = deviceText(root.child("agentDevice"));
            ev.agentId = root.childText("agentID");
            return true;
        }
    }
    if (ev.crossRefId.empty()) {
        error = "CSTA <" + root.name + ">: missing <monitorCrossRefID>";
        return false;
    }
    if (!readLocalState(root, ev, error))
        return false;
    for (const auto &spec : kEvents) {
        if (root.name != spec.name)
            continue;
        ev.kind = spec.kind;
        if (!readConnection(root, spec.connElem, ev.connection, error))
            return false;
        ev.subjectDevice = deviceText(root.child(spec.subjectElem));
        if (ev.subjectDevice.empty())
            ev.subjectDevice = ev.connection.deviceId;
        ev.callingDevice = deviceText(root.child("callingDevice"));
        ev.calledDevice = deviceText(root.child("calledDevice"));
        if (!spec.otherElem.empty())
            ev.otherDevice = deviceText(root.child(spec.otherElem));
        return true;
    }
    bool transferred = root.name == "TransferedEvent" || root.name == "TransferredEvent";
    if (transferred || root.name == "ConferencedEvent") {
        ev.kind = transferred ? EventKind::Transferred : EventKind::Conferenced;
        ConnectionId primary;
        if (!readConnection(root, "primaryOldCall", primary, error))
            return false;
        ev.primaryOldCall = primary.callId;
        if (const XmlElement *secondary = root.child("secondaryOldCall"))
            ev.secondaryOldCall = secondary->childText("callID");
        ev.subjectDevice =
            deviceText(root.child(transferred ? "transferringDevice" : "conferencingDevice"));
        ev.otherDevice = deviceText(root.child(transferred ? "transferredToDevice" : "addedParty"));
        const XmlElement *list =
            root.child(transferred ? "transferredConnections" : "conferenceConnections");
        const XmlElement *item = list ? list->child("connectionListItem") : nullptr;
        const XmlElement *fresh = item ? item->child("newConnection") : nullptr;
        if (!fresh || fresh->childText("callID").empty()) {
            error = "CSTA <" + root.name + ">: missing connectionListItem/newConnection/callID";
            return false;
        }
        ev.connection.callId = fresh->childText("callID");
        ev.connection.deviceId = deviceText(fresh->child("deviceID"));
        return true;
    }
    error = "CSTA: unknown event <" + root.name + ">";
    return false;
}

void writeLocalAndCause(XmlWriter &w, const SwitchEvent &ev) {
    w.leaf("localConnectionInfo", toString(ev.localState));
    if (!ev.cause.empty())
        w.leaf("cause", ev.cause);
}

} // namespace

bool decodeCstaMessage(std::string_view xml, CstaMessage &out, std::string &error) {
    XmlElement root;
    if (!parseCstaXml(xml, root, error))
        return false;
    return decodeCstaMessage(root, out, error);
}

bool decodeCstaMessage(const XmlElement &root, CstaMessage &out, std::string &error) {
    out = CstaMessage{};
    out.rootName = root.name;
    const std::string &name = root.name;
    if (name == "SystemStatus") {
        out.type = CstaMessageType::SystemStatus;
        out.systemStatus = root.childText("systemStatus");
        return true;
    }
    if (name == "SystemStatusResponse") {
        out.type = CstaMessageType::SystemStatusResponse;
        return true;
    }
    if (name == "SystemRegister") {
        out.type = CstaMessageType::SystemRegister;
        return true;
    }
    if (name == "SystemRegisterResponse") {
        out.type = CstaMessageType::SystemRegisterResponse;
        return true;
    }
    if (name == "SnapshotDeviceData")
        return decodeSnapshotDeviceData(root, out, error);
    if (name == "CSTAErrorCode") {
        out.type = CstaMessageType::Error;
        if (root.children.empty()) {
            out.result.error = CstaError::Unspecified;
        } else {
            const XmlElement &choice = root.children.front();
            out.result.error = parseCstaError(choice.name, choice.text);
        }
        return true;
    }
    for (const auto &spec : kOps) {
        if (name == spec.name)
            return decodeRequest(root, spec, out, error);
        if (name.size() == spec.name.size() + 8 && name.compare(0, spec.name.size(), spec.name) == 0
            && name.compare(spec.name.size(), 8, "Response") == 0)
            return decodeResponse(root, spec, out, error);
    }
    if (name.size() > 5 && name.compare(name.size() - 5, 5, "Event") == 0)
        return decodeEvent(root, out, error);
    error = "CSTA: unknown message <" + name + ">";
    return false;
}

std::string encodeCstaRequest(const SwitchRequest &r) {
    const OpSpec &spec = opSpec(r.kind);
    XmlWriter w(spec.name);
    switch (r.kind) {
    case RequestKind::MonitorStart:
        w.open("monitorObject").leaf("deviceObject", r.device).close("monitorObject");
        w.leaf("monitorType", "device");
        return w.finish();
    case RequestKind::MonitorStop:
        w.leaf("monitorCrossRefID", r.crossRefId);
        return w.finish();
    case RequestKind::MakeCall:
        w.leaf("callingDevice", r.device).leaf("calledDirectoryNumber", r.destination);
        return w.finish();
    case RequestKind::SetAgentState:
        w.leaf("device", r.device).leaf("requestedAgentState", toString(r.agentState));
        if (!r.agentId.empty())
            w.leaf("agentID", r.agentId);
        if (!r.group.empty())
            w.leaf("group", r.group);
        return w.finish();
    default:
        break;
    }
    if (!spec.connElem.empty())
        w.connection(spec.connElem, r.conn);
    if (!spec.secondElem.empty())
        w.connection(spec.secondElem, r.secondConn);
    if (!spec.deviceElem.empty())
        w.leaf(spec.deviceElem, r.device);
    if (!spec.destElem.empty())
        w.leaf(spec.destElem, r.destination);
    return w.finish();
}

std::string encodeCstaResponse(RequestKind kind, const SwitchResult &result) {
    if (!result.ok()) {
        const CstaErrorInfo &info = errorInfo(result.error);
        XmlWriter w("CSTAErrorCode");
        if (info.category.empty())
            w.leaf("unspecified", "unspecified");
        else
            w.leaf(info.category, info.value);
        return w.finish();
    }
    const OpSpec &spec = opSpec(kind);
    std::string root = std::string(spec.name) + "Response";
    XmlWriter w(root);
    if (!spec.resultConnElem.empty() && !result.conn.callId.empty())
        w.connection(spec.resultConnElem, result.conn);
    switch (kind) {
    case RequestKind::MonitorStart:
        w.leaf("monitorCrossRefID", result.crossRefId);
        break;
    case RequestKind::GetAgentState:
        w.open("agentStateList").open("agentStateEntry");
        w.leaf("agentState", toString(result.agentState));
        w.close("agentStateEntry").close("agentStateList");
        break;
    case RequestKind::SnapshotDevice:
        w.open("crossRefIDorSnapshotData");
        if (!result.serviceCrossRefId.empty())
            w.leaf("serviceCrossRefID", result.serviceCrossRefId);
        else
            writeSnapshotData(w, result.snapshot);
        w.close("crossRefIDorSnapshotData");
        break;
    default:
        break;
    }
    return w.finish();
}

std::string encodeSnapshotDeviceData(const SnapshotSegment &segment)
{
    XmlWriter w("SnapshotDeviceData");
    w.leaf("serviceCrossRefID", segment.serviceCrossRefId);
    w.leaf("segmentID", std::to_string(segment.segmentId));
    w.leaf("lastSegment", segment.lastSegment ? "true" : "false");
    writeSnapshotData(w, segment.entries);
    return w.finish();
}

std::string encodeCstaEvent(const SwitchEvent &ev) {
    if (ev.kind == EventKind::AgentStateChanged) {
        std::string_view name = "AgentLoggedOffEvent";
        for (const auto &spec : kAgentEvents) {
            if (spec.state == ev.agentState)
                name = spec.name;
        }
        XmlWriter w(name);
        w.leaf("monitorCrossRefID", ev.crossRefId);
        w.device("agentDevice", ev.subjectDevice);
        if (!ev.agentId.empty())
            w.leaf("agentID", ev.agentId);
        return w.finish();
    }
    if (ev.kind == EventKind::Transferred || ev.kind == EventKind::Conferenced) {
        bool transferred = ev.kind == EventKind::Transferred;
        XmlWriter w(transferred ? "TransferedEvent" : "ConferencedEvent");
        w.leaf("monitorCrossRefID", ev.crossRefId);
        w.connection("primaryOldCall", {ev.primaryOldCall, ev.subjectDevice});
        if (!ev.secondaryOldCall.empty())
            w.connection("secondaryOldCall", {ev.secondaryOldCall, ev.subjectDevice});
        w.device(transferred ? "transferringDevice" : "conferencingDevice", ev.subjectDevice);
        w.device(transferred ? "transferredToDevice" : "addedParty", ev.otherDevice);
        const char *list = transferred ? "transferredConnections" : "conferenceConnections";
        w.open(list).open("connectionListItem");
        w.connection("newConnection", ev.connection);
        w.close("connectionListItem").close(list);
        writeLocalAndCause(w, ev);
        return w.finish();
    }
    const EventSpec *spec = nullptr;
    for (const auto &s : kEvents) {
        if (s.kind == ev.kind)
            spec = &s;
    }
    if (!spec)
        return {};
    XmlWriter w(spec->name);
    w.leaf("monitorCrossRefID", ev.crossRefId);
    w.connection(spec->connElem, ev.connection);
    w.device(spec->subjectElem, ev.subjectDevice);
    if (ev.kind != EventKind::Originated && !ev.callingDevice.empty())
        w.device("callingDevice", ev.callingDevice);
    if (!ev.calledDevice.empty())
        w.device("calledDevice", ev.calledDevice);
    if (!spec->otherElem.empty())
        w.device(spec->otherElem, ev.otherDevice);
    writeLocalAndCause(w, ev);
    return w.finish();
}

std::string encodeSystemStatus(std::string_view status) {
    XmlWriter w("SystemStatus");
    w.leaf("systemStatus", status);
    return w.finish();
}

std::string encodeSystemStatusResponse() {
    return XmlWriter("SystemStatusResponse").finish();
}

std::string encodeSystemRegister() {
    XmlWriter w("SystemRegister");
    w.open("requestTypes").leaf("systemStatus", "true").leaf("requestSystemStatus", "false");
    w.close("requestTypes");
    return w.finish();
}

std::string encodeSystemRegisterResponse(std::string_view registerId) {
    XmlWriter w("SystemRegisterResponse");
    w.leaf("sysStatRegisterID", registerId);
    return w.finish();
}

} // namespace acd::tsp
