#include "acd/tsp/switch_model.h"

#include <algorithm>
#include <cstdio>

namespace acd::tsp {
namespace {

bool allDigits(const std::string &text) {
    return !text.empty()
           && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isDialable(const std::string &text) {
    if (text.empty() || text.size() > 32)
        return false;
    size_t start = text[0] == '+' ? 1 : 0;
    return allDigits(text.substr(start));
}

// Expands FIRST..LAST keeping the width of FIRST (leading zeros kept).
std::vector<std::string> expand(const std::string &first, const std::string &last) {
    std::vector<std::string> out;
    if (!allDigits(first) || !allDigits(last) || first.size() > 9 || last.size() > 9)
        return out;
    long a = std::stol(first);
    long b = std::stol(last);
    for (long n = a; n <= b && out.size() < 100000; ++n) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%0*ld", static_cast<int>(first.size()), n);
        out.emplace_back(buf);
    }
    return out;
}

} // namespace

bool parseRange(const std::string &text, std::string &first, std::string &last) {
    auto dash = text.find('-');
    if (dash == std::string::npos) {
        first = last = text;
    } else {
        first = text.substr(0, dash);
        last = text.substr(dash + 1);
    }
    return allDigits(first) && allDigits(last) && first.size() <= 9 && last.size() <= 9
           && std::stol(first) <= std::stol(last);
}

SwitchModel::SwitchModel(SwitchConfig config)
    : m_config(std::move(config)) {
    for (const auto &dn : expand(m_config.firstStation, m_config.lastStation)) {
        m_devices[dn] = DeviceType::Station;
        m_agentStates[dn] = AgentState::LoggedOff;
    }
    for (const auto &dn : expand(m_config.firstRoutePoint, m_config.lastRoutePoint))
        m_devices[dn] = DeviceType::RoutePoint;
    m_freeTrunks = m_config.trunks;
}

void SwitchModel::addEventSink(EventSink sink) {
    m_sinks.push_back(std::move(sink));
}

// ---- time ---------------------------------------------------------------------------------

void SwitchModel::advanceTo(int64_t time) {
    while (!m_timers.empty() && m_timers.begin()->first.first <= time) {
        auto it = m_timers.begin();
        m_now = std::max(m_now, it->first.first);
        Timer timer = std::move(it->second);
        m_timers.erase(it);
        timer();
    }
    m_now = std::max(m_now, time);
}

void SwitchModel::schedule(int64_t delayMs, Timer timer) {
    m_timers.emplace(std::make_pair(m_now + std::max<int64_t>(0, delayMs), m_timerSeq++),
                     std::move(timer));
}

int64_t SwitchModel::nextTimerAt() const {
    return m_timers.empty() ? -1 : m_timers.begin()->first.first;
}

// ---- inspection ---------------------------------------------------------------------------

bool SwitchModel::isDevice(const std::string &device) const {
    return m_devices.count(device) != 0;
}

DeviceType SwitchModel::deviceType(const std::string &device) const {
    auto it = m_devices.find(device);
    return it == m_devices.end() ? DeviceType::External : it->second;
}

std::vector<std::string> SwitchModel::stations() const {
    std::vector<std::string> out;
    for (const auto &[dn, type] : m_devices) {
        if (type == DeviceType::Station)
            out.push_back(dn);
    }
    return out;
}

std::vector<std::string> SwitchModel::routePoints() const {
    std::vector<std::string> out;
    for (const auto &[dn, type] : m_devices) {
        if (type == DeviceType::RoutePoint)
            out.push_back(dn);
    }
    return out;
}

ConnState SwitchModel::connectionState(const std::string &callId, const std::string &device) const {
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
        return ConnState::Null;
    for (const auto &c : it->second.connections) {
        if (c.device == device)
            return c.state;
    }
    return ConnState::Null;
}

std::vector<SnapshotEntry> SwitchModel::snapshot(const std::string &device) const {
    std::vector<std::pair<uint64_t, SnapshotEntry>> found;
    for (const auto &[id, call] : m_calls) {
        for (const auto &c : call.connections) {
            if (c.device == device)
                found.push_back({call.order, SnapshotEntry{id, c.state}});
        }
    }
    std::sort(found.begin(), found.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<SnapshotEntry> out;
    for (auto &f : found)
        out.push_back(std::move(f.second));
    return out;
}

std::vector<std::string> SwitchModel::parties(const std::string &callId) const {
    std::vector<std::string> out;
    auto it = m_calls.find(callId);
    if (it != m_calls.end()) {
        for (const auto &c : it->second.connections)
            out.push_back(c.device);
    }
    return out;
}

// ---- requests -----------------------------------------------------------------------------

SwitchResult SwitchModel::execute(const SwitchRequest &request) {
    switch (request.kind) {
    case RequestKind::MakeCall:
        return makeCall(request);
    case RequestKind::AnswerCall:
        return answerCall(request);
    case RequestKind::ClearConnection:
        return clearConnection(request);
    case RequestKind::HoldCall:
        return holdCall(request);
    case RequestKind::RetrieveCall:
        return retrieveCall(request);
    case RequestKind::ConsultationCall:
        return consultationCall(request);
    case RequestKind::TransferCall:
        return transferOrConference(request, false);
    case RequestKind::ConferenceCall:
        return transferOrConference(request, true);
    case RequestKind::SingleStepTransferCall:
        return singleStepTransfer(request);
    case RequestKind::DeflectCall:
        return deflectCall(request);
    case RequestKind::SetAgentState:
        return setAgentState(request);
    case RequestKind::GetAgentState:
        return getAgentState(request);
    case RequestKind::SnapshotDevice: {
        SwitchResult result;
        if (!isDevice(request.device))
            result.error = CstaError::InvalidDeviceId;
        else
            result.snapshot = snapshot(request.device);
        return result;
    }
    case RequestKind::MonitorStart:
    case RequestKind::MonitorStop: {
        // Monitors live in whoever routes events (pbx-sim, the sim link); the model only
        // validates the device.
        SwitchResult result;
        if (request.kind == RequestKind::MonitorStart && !isDevice(request.device))
            result.error = CstaError::InvalidDeviceId;
        return result;
    }
    }
    SwitchResult unsupported;
    unsupported.error = CstaError::ServiceNotSupported;
    return unsupported;
}

SwitchResult SwitchModel::makeCall(const SwitchRequest &r) {
    SwitchResult result;
    const std::string &calling = r.device;
    const std::string &called = r.destination;
    DeviceType callingType = deviceType(calling);
    if (callingType == DeviceType::RoutePoint || callingType == DeviceType::Trunk
        || (callingType == DeviceType::External && !isDialable(calling))) {
        result.error = CstaError::InvalidDeviceId;
        return result;
    }
    if (CstaError e = checkDestination(called); e != CstaError::None || called == calling) {
        result.error = e != CstaError::None ? e : CstaError::InvalidDestination;
        return result;
    }
    if (callingType == DeviceType::External) {
        // A call from outside: the simulated caller arrives over a trunk already connected.
        if (m_freeTrunks == 0) {
            result.error = CstaError::ResourceBusy;
            return result;
        }
        --m_freeTrunks;
        Call &call = newCall(calling, called);
        call.trunks = 1;
        call.connections.push_back({calling, ConnState::Connected});
        result.conn = {call.id, calling};
        deliver(call, called, "newCall");
        return result;
    }
    Call &call = newCall(calling, called);
    call.connections.push_back({calling, ConnState::Initiated});
    result.conn = {call.id, calling};
    SwitchEvent ev;
    ev.kind = EventKind::ServiceInitiated;
    ev.connection = {call.id, calling};
    ev.subjectDevice = calling;
    ev.cause = "makeCall";
    emit(call, ev);
    call.connections.back().state = ConnState::Connected;
    ev.kind = EventKind::Originated;
    ev.callingDevice = calling;
    ev.calledDevice = called;
    ev.cause = "newCall";
    emit(call, ev);
    deliver(call, called, "newCall");
    return result;
}

SwitchResult SwitchModel::changeState(const SwitchRequest &r, ConnState from, ConnState to,
                                      CstaError wrongState, EventKind kind,
                                      const std::string &cause) {
    SwitchResult result;
    Call *call = nullptr;
    Connection *conn = nullptr;
    if ((result.error = locate(r.conn, call, conn)) != CstaError::None)
        return result;
    if (conn->state != from) {
        result.error = wrongState;
        return result;
    }
    conn->state = to;
    SwitchEvent ev;
    ev.kind = kind;
    ev.connection = r.conn;
    ev.subjectDevice = r.conn.deviceId;
    if (kind == EventKind::Established) {
        ev.callingDevice = call->callingDevice;
        ev.calledDevice = call->calledDevice;
    }
    ev.cause = cause;
    emit(*call, ev);
    return result;
}

SwitchResult SwitchModel::answerCall(const SwitchRequest &r) {
    return changeState(r, ConnState::Alerting, ConnState::Connected, CstaError::NoCallToAnswer,
                       EventKind::Established, "newCall");
}

SwitchResult SwitchModel::clearConnection(const SwitchRequest &r) {
    SwitchResult result;
    Call *call = nullptr;
    Connection *conn = nullptr;
    if ((result.error = locate(r.conn, call, conn)) != CstaError::None)
        return result;
    removeConnection(*call, r.conn.deviceId, "normalClearing");
    endCallIfAlone(*call);
    return result;
}

SwitchResult SwitchModel::holdCall(const SwitchRequest &r) {
    return changeState(r, ConnState::Connected, ConnState::Hold, CstaError::NoActiveCall,
                       EventKind::Held, "normal");
}

SwitchResult SwitchModel::retrieveCall(const SwitchRequest &r) {
    return changeState(r, ConnState::Hold, ConnState::Connected, CstaError::NoHeldCall,
                       EventKind::Retrieved, "normal");
}

SwitchResult SwitchModel::consultationCall(const SwitchRequest &r) {
    SwitchResult result;
    Call *call = nullptr;
    if ((result.error = checkMove(r, ConnState::Connected, CstaError::NoActiveCall, call))
        != CstaError::None)
        return result;
    SwitchRequest hold;
    hold.kind = RequestKind::HoldCall;
    hold.conn = r.conn;
    holdCall(hold);
    SwitchRequest make;
    make.kind = RequestKind::MakeCall;
    make.device = r.conn.deviceId;
    make.destination = r.destination;
    SwitchResult made = makeCall(make);
    result.conn = made.conn;
    result.error = made.error;
    return result;
}

SwitchResult SwitchModel::transferOrConference(const SwitchRequest &r, bool conference) {
    SwitchResult result;
    Call *held = nullptr;
    Connection *heldConn = nullptr;
    Call *active = nullptr;
    Connection *activeConn = nullptr;
    if ((result.error = locate(r.conn, held, heldConn)) != CstaError::None)
        return result;
    if ((result.error = locate(r.secondConn, active, activeConn)) != CstaError::None)
        return result;
    if (held == active || r.conn.deviceId != r.secondConn.deviceId) {
        result.error = CstaError::RequestIncompatibleWithObject;
        return result;
    }
    if (heldConn->state != ConnState::Hold) {
        result.error = CstaError::NoHeldCall;
        return result;
    }
    if (activeConn->state != ConnState::Connected) {
        result.error = CstaError::NoActiveCall;
        return result;
    }
    const std::string self = r.conn.deviceId;
    std::string added;
    for (const auto &c : active->connections) {
        if (c.device != self) {
            added = c.device;
            break;
        }
    }
    // The parties of both calls join one new call.
    Call &merged = newCall(held->callingDevice, held->calledDevice);
    for (const auto &c : held->connections) {
        if (c.device != self)
            merged.connections.push_back(c);
    }
    for (const auto &c : active->connections) {
        if (c.device != self || conference)
            merged.connections.push_back(c);
    }
    merged.trunks = held->trunks + active->trunks;
    SwitchEvent ev;
    ev.kind = conference ? EventKind::Conferenced : EventKind::Transferred;
    ev.connection = {merged.id, conference ? self : std::string()};
    ev.subjectDevice = self;
    ev.otherDevice = added;
    ev.primaryOldCall = held->id;
    ev.secondaryOldCall = active->id;
    ev.cause = conference ? "conference" : "transfer";
    const std::string heldId = held->id;
    const std::string activeId = active->id;
    m_calls.erase(heldId);
    m_calls.erase(activeId);
    result.conn = {merged.id, conference ? self : added};
    emit(merged, ev, conference ? std::vector<std::string>{} : std::vector<std::string>{self});
    endCallIfAlone(merged);
    return result;
}

SwitchResult SwitchModel::singleStepTransfer(const SwitchRequest &r) {
    SwitchResult result;
    Call *call = nullptr;
    if ((result.error = checkMove(r, ConnState::Connected, CstaError::NoActiveCall, call))
        != CstaError::None)
        return result;
    const std::string self = r.conn.deviceId;
    Call &moved = newCall(call->callingDevice, r.destination);
    for (const auto &c : call->connections) {
        if (c.device != self)
            moved.connections.push_back(c);
    }
    moved.trunks = call->trunks;
    SwitchEvent ev;
    ev.kind = EventKind::Transferred;
    ev.connection = {moved.id, ""};
    ev.subjectDevice = self;
    ev.otherDevice = r.destination;
    ev.primaryOldCall = call->id;
    ev.cause = "singleStepTransfer";
    const std::string oldId = call->id;
    m_calls.erase(oldId);
    result.conn = {moved.id, r.destination};
    emit(moved, ev, {self});
    deliver(moved, r.destination, "singleStepTransfer");
    return result;
}

SwitchResult SwitchModel::deflectCall(const SwitchRequest &r) {
    SwitchResult result;
    Call *call = nullptr;
    if ((result.error = checkMove(r, ConnState::Alerting, CstaError::InvalidConnectionState, call))
        != CstaError::None)
        return result;
    const std::string self = r.conn.deviceId;
    call->connections.erase(std::remove_if(call->connections.begin(), call->connections.end(),
                                           [&](const Connection &c) { return c.device == self; }),
                            call->connections.end());
    SwitchEvent ev;
    ev.kind = EventKind::Diverted;
    ev.connection = r.conn;
    ev.subjectDevice = self;
    ev.otherDevice = r.destination;
    ev.callingDevice = call->callingDevice;
    ev.calledDevice = call->calledDevice;
    ev.cause = "redirected";
    emit(*call, ev, {self});
    deliver(*call, r.destination, "redirected");
    return result;
}

SwitchResult SwitchModel::setAgentState(const SwitchRequest &r) {
    SwitchResult result;
    auto it = m_agentStates.find(r.device);
    if (it == m_agentStates.end()) {
        result.error = CstaError::InvalidDeviceId;
        return result;
    }
    if (r.agentState == AgentState::Busy) {
        result.error = CstaError::InvalidAgentState;
        return result;
    }
    it->second = r.agentState;
    result.agentState = r.agentState;
    SwitchEvent ev;
    ev.kind = EventKind::AgentStateChanged;
    ev.subjectDevice = r.device;
    ev.agentState = r.agentState;
    ev.agentId = r.agentId;
    emitTo(r.device, ev, ConnState::Null);
    return result;
}

SwitchResult SwitchModel::getAgentState(const SwitchRequest &r) {
    SwitchResult result;
    auto it = m_agentStates.find(r.device);
    if (it == m_agentStates.end())
        result.error = CstaError::InvalidDeviceId;
    else
        result.agentState = it->second;
    return result;
}

// ---- helpers ------------------------------------------------------------------------------

SwitchModel::Call *SwitchModel::findCall(const std::string &callId) {
    auto it = m_calls.find(callId);
    return it == m_calls.end() ? nullptr : &it->second;
}

SwitchModel::Connection *SwitchModel::findConnection(Call &call, const std::string &device) {
    for (auto &c : call.connections) {
        if (c.device == device)
            return &c;
    }
    return nullptr;
}

CstaError SwitchModel::locate(const ConnectionId &conn, Call *&call, Connection *&connection) {
    call = findCall(conn.callId);
    if (!call)
        return CstaError::InvalidCallId;
    connection = findConnection(*call, conn.deviceId);
    return connection ? CstaError::None : CstaError::InvalidConnectionId;
}

SwitchModel::Call &SwitchModel::newCall(const std::string &calling, const std::string &called) {
    std::string id = nextCallId();
    Call &call = m_calls[id];
    call.id = id;
    call.callingDevice = calling;
    call.calledDevice = called;
    call.order = m_orderCounter++;
    return call;
}

CstaError SwitchModel::checkMove(const SwitchRequest &r, ConnState required, CstaError wrongState,
                                 Call *&call) {
    Connection *conn = nullptr;
    if (CstaError e = locate(r.conn, call, conn); e != CstaError::None)
        return e;
    if (conn->state != required)
        return wrongState;
    if (CstaError e = checkDestination(r.destination); e != CstaError::None)
        return e;
    // The destination must not be in the call already (the requester is).
    return findConnection(*call, r.destination) ? CstaError::InvalidDestination : CstaError::None;
}

CstaError SwitchModel::checkDestination(const std::string &destination) const {
    DeviceType type = deviceType(destination);
    if (type == DeviceType::Trunk)
        return CstaError::InvalidDestination;
    if (type == DeviceType::External && !isDialable(destination))
        return CstaError::InvalidDestination;
    return CstaError::None;
}

void SwitchModel::deliver(Call &call, const std::string &destination, const std::string &cause) {
    DeviceType type = deviceType(destination);
    if (type == DeviceType::External) {
        if (m_freeTrunks == 0) {
            SwitchEvent ev;
            ev.kind = EventKind::Failed;
            ev.connection = {call.id, destination};
            ev.subjectDevice = destination;
            ev.callingDevice = call.callingDevice;
            ev.calledDevice = destination;
            ev.cause = "trunksBusy";
            emit(call, ev);
            return;
        }
        --m_freeTrunks;
        ++call.trunks;
    }
    call.connections.push_back({destination, ConnState::Alerting});
    SwitchEvent ev;
    ev.kind = EventKind::Delivered;
    ev.connection = {call.id, destination};
    ev.subjectDevice = destination;
    ev.callingDevice = call.callingDevice;
    ev.calledDevice = call.calledDevice;
    ev.cause = type == DeviceType::RoutePoint ? "enteringDistribution" : cause;
    emit(call, ev);
    if (type == DeviceType::External && m_config.externalAnswerMs >= 0) {
        const std::string callId = call.id;
        schedule(m_config.externalAnswerMs, [this, callId, destination] {
            if (connectionState(callId, destination) == ConnState::Alerting) {
                SwitchRequest answer;
                answer.kind = RequestKind::AnswerCall;
                answer.conn = {callId, destination};
                answerCall(answer);
            }
        });
    }
}

void SwitchModel::removeConnection(Call &call, std::string device, const std::string &cause) {
    call.connections.erase(std::remove_if(call.connections.begin(), call.connections.end(),
                                          [&](const Connection &c) { return c.device == device; }),
                           call.connections.end());
    if (deviceType(device) == DeviceType::External && call.trunks > 0) {
        --call.trunks;
        ++m_freeTrunks;
    }
    SwitchEvent ev;
    ev.kind = EventKind::ConnectionCleared;
    ev.connection = {call.id, device};
    ev.subjectDevice = device;
    ev.cause = cause;
    emit(call, ev, {device});
}

void SwitchModel::endCallIfAlone(Call &call) {
    if (call.connections.size() <= 1) {
        const std::string callId = call.id;
        if (!call.connections.empty())
            removeConnection(call, call.connections.front().device, "normalClearing");
        destroyCall(callId);
    }
}

void SwitchModel::destroyCall(const std::string &callId) {
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
        return;
    m_freeTrunks += it->second.trunks;
    m_calls.erase(it);
}

void SwitchModel::emit(const Call &call, SwitchEvent event, const std::vector<std::string> &extra) {
    // Copy first: a sink may not change the model, but the call may be erased afterwards.
    std::vector<std::pair<std::string, ConnState>> targets;
    for (const auto &d : extra)
        targets.push_back({d, ConnState::Null});
    for (const auto &c : call.connections)
        targets.push_back({c.device, c.state});
    for (const auto &[device, state] : targets)
        emitTo(device, event, state);
}

void SwitchModel::emitTo(const std::string &device, SwitchEvent event, ConnState local) {
    event.monitoredDevice = device;
    event.localState = local;
    for (const auto &sink : m_sinks)
        sink(event);
}

std::string SwitchModel::nextCallId() {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04llX", static_cast<unsigned long long>(++m_callCounter));
    return buf;
}

} // namespace acd::tsp
