#include "acd/tsp/provider_core.h"
#include "ops/dial_string.h"

#include <algorithm>
#include <cstdio>
#include <future>

namespace acd::tsp {

// ---- configuration helpers ----------------------------------------------------------------

std::map<std::string, std::string> parseConfigString(const std::string &config) {
    auto trim = [](std::string s) {
        size_t a = s.find_first_not_of(" \t\r\n");
        size_t b = s.find_last_not_of(" \t\r\n");
        return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
    };
    std::map<std::string, std::string> out;
    size_t pos = 0;
    while (pos <= config.size()) {
        size_t end = config.find(';', pos);
        if (end == std::string::npos)
            end = config.size();
        std::string item = config.substr(pos, end - pos);
        size_t eq = item.find('=');
        if (eq != std::string::npos)
            out[trim(item.substr(0, eq))] = trim(item.substr(eq + 1));
        else if (!trim(item).empty())
            out[trim(item)] = "";
        pos = end + 1;
    }
    return out;
}

namespace {

bool expandList(const std::string &list, bool routePoint, std::vector<LineConfig> &out,
                std::string &error) {
    size_t pos = 0;
    while (pos < list.size()) {
        size_t end = list.find(',', pos);
        if (end == std::string::npos)
            end = list.size();
        std::string item = list.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty())
            continue;
        size_t dash = item.find('-');
        std::string first = item.substr(0, dash);
        std::string last = dash == std::string::npos ? first : item.substr(dash + 1);
        auto digits = [](const std::string &s) {
            return !s.empty() && s.size() <= 9
                   && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        if (!digits(first) || !digits(last) || std::stol(first) > std::stol(last)
            || std::stol(last) - std::stol(first) > 10000) {
            error = std::string(routePoint ? "routepoints" : "stations") + ": bad entry '" + item
                    + "' (expected N or FIRST-LAST)";
            return false;
        }
        for (long n = std::stol(first); n <= std::stol(last); ++n) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%0*ld", static_cast<int>(first.size()), n);
            out.push_back({buf, routePoint});
        }
    }
    return true;
}

} // namespace

bool parseLineList(const std::string &stations, const std::string &routePoints,
                   std::vector<LineConfig> &out, std::string &error) {
    out.clear();
    return expandList(stations, false, out, error) && expandList(routePoints, true, out, error);
}

// ---- lifetime -----------------------------------------------------------------------------

ProviderCore::ProviderCore(ProviderConfig config, std::unique_ptr<SwitchLink> link)
    : m_config(std::move(config))
    , m_link(std::move(link)) {
    for (size_t i = 0; i < m_config.lines.size(); ++i) {
        Line line;
        line.index = static_cast<DWORD>(i);
        line.config = m_config.lines[i];
        m_lineByDn.emplace(line.config.dn, i); // the first line of a number wins, as before
        m_lines.push_back(std::move(line));
    }
}

ProviderCore::~ProviderCore() {
    shutdown();
}

LONG ProviderCore::enumDevices(LPDWORD lpdwNumLines, LPDWORD lpdwNumPhones) {
    if (!lpdwNumLines || !lpdwNumPhones)
        return LINEERR_INVALPOINTER;
    *lpdwNumLines = static_cast<DWORD>(m_lines.size());
    *lpdwNumPhones = 0;
    return 0;
}

LONG ProviderCore::init(DWORD dwTSPIVersion, DWORD dwPermanentProviderID, DWORD dwLineDeviceIDBase,
                        ASYNC_COMPLETION lpfnCompletionProc, LPDWORD lpdwTSPIOptions) {
    if (dwTSPIVersion < TSPI_VERSION_LOW || dwTSPIVersion > TSPI_VERSION_HIGH)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    if (!lpfnCompletionProc)
        return LINEERR_INVALPOINTER;
    {
        std::lock_guard lock(m_mutex);
        if (m_started)
            return LINEERR_OPERATIONFAILED;
        m_permanentProviderId = dwPermanentProviderID;
        m_lineBase = dwLineDeviceIDBase;
        m_completion = lpfnCompletionProc;
        m_started = true;
    }
    if (lpdwTSPIOptions)
        *lpdwTSPIOptions = 0;
    m_link->start(*this);
    flush();
    return 0;
}

LONG ProviderCore::shutdown() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_started)
            return 0;
    }
    m_link->stop(); // fails outstanding requests through their callbacks
    {
        std::lock_guard lock(m_mutex);
        m_started = false;
        for (auto &line : m_lines)
            line.open = false;
    }
    flush();
    return 0;
}

LONG ProviderCore::negotiateVersion(DWORD dwDeviceID, DWORD dwLowVersion, DWORD dwHighVersion,
                                    LPDWORD lpdwTSPIVersion) {
    if (!lpdwTSPIVersion)
        return LINEERR_INVALPOINTER;
    if (dwDeviceID != INITIALIZE_NEGOTIATION
        && (dwDeviceID < m_lineBase || dwDeviceID - m_lineBase >= m_lines.size()))
        return LINEERR_BADDEVICEID;
    if (dwHighVersion < TSPI_VERSION_LOW || dwLowVersion > TSPI_VERSION_HIGH
        || dwLowVersion > dwHighVersion)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    *lpdwTSPIVersion = std::min<DWORD>(dwHighVersion, TSPI_VERSION_HIGH);
    return 0;
}

// ---- lines --------------------------------------------------------------------------------

LONG ProviderCore::open(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine, DWORD,
                        LINEEVENT lpfnEventProc) {
    if (!lphdLine || !lpfnEventProc)
        return LINEERR_INVALPOINTER;
    DWORD index = 0;
    {
        std::lock_guard lock(m_mutex);
        if (!m_started)
            return LINEERR_OPERATIONFAILED;
        if (dwDeviceID < m_lineBase || dwDeviceID - m_lineBase >= m_lines.size())
            return LINEERR_BADDEVICEID;
        index = dwDeviceID - m_lineBase;
        Line &line = m_lines[index];
        if (line.open)
            return LINEERR_ALLOCATED;
        line.open = true;
        line.htLine = htLine;
        line.eventProc = lpfnEventProc;
        line.monitored = false;
        line.inService = false;
        *lphdLine = reinterpret_cast<HDRVLINE>(static_cast<uintptr_t>(index + 1));
    }
    if (m_link->isUp()) {
        auto done = std::make_shared<std::promise<void>>();
        auto future = done->get_future();
        startMonitor(index, [done] { done->set_value(); });
        future.wait_for(std::chrono::milliseconds(m_config.openTimeoutMs));
    } else {
        std::lock_guard lock(m_mutex);
        lineDevState(m_lines[index], LINEDEVSTATE_OUTOFSERVICE);
    }
    flush();
    return 0;
}

LONG ProviderCore::close(HDRVLINE hdLine) {
    std::string crossRefDevice;
    {
        std::lock_guard lock(m_mutex);
        Line *line = lineFor(hdLine);
        if (!line)
            return LINEERR_INVALLINEHANDLE;
        line->open = false;
        line->eventProc = nullptr;
        line->heldEvents.clear();
        for (auto &[id, call] : m_calls) {
            if (call.line == line->index)
                call.dead = true;
        }
        line->callsById.clear();
        if (line->monitored)
            crossRefDevice = line->config.dn;
        line->monitored = false;
    }
    if (!crossRefDevice.empty()) {
        SwitchRequest stop;
        stop.kind = RequestKind::MonitorStop;
        stop.device = crossRefDevice;
        m_link->send(stop, [](const SwitchResult &) {});
    }
    flush();
    return 0;
}

LONG ProviderCore::getNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs) {
    std::lock_guard lock(m_mutex);
    if (!lineFor(hdLine))
        return LINEERR_INVALLINEHANDLE;
    if (!lpdwNumAddressIDs)
        return LINEERR_INVALPOINTER;
    *lpdwNumAddressIDs = 1;
    return 0;
}

LONG ProviderCore::closeCall(HDRVCALL hdCall) {
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!call->callId.empty() && call->line < m_lines.size()) {
        auto &ids = m_lines[call->line].callsById;
        auto it = ids.find(call->callId);
        if (it != ids.end() && it->second == call->id)
            ids.erase(it);
    }
    m_calls.erase(call->id);
    return 0;
}

uint64_t ProviderCore::strayCompletions() const {
    std::lock_guard lock(m_mutex);
    return m_strayCompletions;
}

// ---- lookups ------------------------------------------------------------------------------

ProviderCore::Line *ProviderCore::lineFor(HDRVLINE hdLine) {
    auto index = reinterpret_cast<uintptr_t>(hdLine);
    if (index == 0 || index > m_lines.size() || !m_lines[index - 1].open)
        return nullptr;
    return &m_lines[index - 1];
}

ProviderCore::Line *ProviderCore::lineForDn(const std::string &dn) {
    const auto found = m_lineByDn.find(dn);
    return found == m_lineByDn.end() ? nullptr : &m_lines[found->second];
}

ProviderCore::Call *ProviderCore::callFor(HDRVCALL hdCall) {
    return callById(reinterpret_cast<uintptr_t>(hdCall));
}

ProviderCore::Call *ProviderCore::callById(uintptr_t id) {
    auto it = m_calls.find(id);
    return it == m_calls.end() ? nullptr : &it->second;
}

ProviderCore::Call &ProviderCore::newCall(Line &line, HTAPICALL htCall) {
    uintptr_t id = m_nextCallId++;
    Call &call = m_calls[id];
    call.id = id;
    call.line = line.index;
    call.htCall = htCall;
    return call;
}

void ProviderCore::bind(Call &call, const std::string &callId) {
    Line &line = m_lines[call.line];
    if (!call.callId.empty()) {
        auto it = line.callsById.find(call.callId);
        if (it != line.callsById.end() && it->second == call.id)
            line.callsById.erase(it);
    }
    call.callId = callId;
    if (!callId.empty())
        line.callsById[callId] = call.id;
}

// ---- engine notifications -----------------------------------------------------------------

void ProviderCore::queueCallEvent(uintptr_t callId, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                                  bool p2IsCall) {
    m_outbox.push_back([this, callId, msg, p1, p2, p2IsCall] {
        LINEEVENT proc = nullptr;
        HTAPILINE htLine = nullptr;
        HTAPICALL htCall = nullptr;
        DWORD_PTR param2 = p2;
        {
            std::lock_guard lock(m_mutex);
            Call *c = callById(callId);
            if (!c || c->dead || c->line >= m_lines.size() || !m_lines[c->line].open)
                return;
            proc = m_lines[c->line].eventProc;
            htLine = m_lines[c->line].htLine;
            htCall = c->htCall;
            if (p2IsCall) {
                Call *other = callById(p2);
                param2 = other ? reinterpret_cast<DWORD_PTR>(other->htCall) : 0;
            }
        }
        proc(htLine, htCall, msg, p1, param2, 0);
    });
}

void ProviderCore::queueLineEvent(DWORD lineIndex, DWORD msg, DWORD_PTR p1, DWORD_PTR p2) {
    m_outbox.push_back([this, lineIndex, msg, p1, p2] {
        LINEEVENT proc = nullptr;
        HTAPILINE htLine = nullptr;
        {
            std::lock_guard lock(m_mutex);
            if (!m_lines[lineIndex].open)
                return;
            proc = m_lines[lineIndex].eventProc;
            htLine = m_lines[lineIndex].htLine;
        }
        proc(htLine, nullptr, msg, p1, p2, 0);
    });
}

void ProviderCore::setState(Call &call, DWORD state, DWORD_PTR mode) {
    if (call.state == state && call.mode == mode)
        return;
    call.state = state;
    call.mode = mode;
    if (!call.dead)
        queueCallEvent(call.id, LINE_CALLSTATE, state, mode, state == LINECALLSTATE_CONFERENCED);
}

void ProviderCore::callInfoChanged(Call &call, DWORD bits) {
    if (!call.dead)
        queueCallEvent(call.id, LINE_CALLINFO, bits, 0);
}

void ProviderCore::announce(Call &call) {
    uintptr_t id = call.id;
    m_outbox.push_back([this, id] {
        LINEEVENT proc = nullptr;
        HTAPILINE htLine = nullptr;
        {
            std::lock_guard lock(m_mutex);
            Call *c = callById(id);
            if (!c || c->dead || !m_lines[c->line].open)
                return;
            proc = m_lines[c->line].eventProc;
            htLine = m_lines[c->line].htLine;
        }
        HTAPICALL htCall = nullptr;
        proc(htLine, nullptr, LINE_NEWCALL, static_cast<DWORD_PTR>(id),
             reinterpret_cast<DWORD_PTR>(&htCall), 0);
        std::lock_guard lock(m_mutex);
        if (Call *c = callById(id)) {
            c->htCall = htCall;
            if (!htCall) // the engine refused the call: forget it
                c->dead = true;
        }
    });
}

void ProviderCore::toIdle(Call &call) {
    for (uintptr_t childId : call.confChildren) {
        if (Call *child = callById(childId); child && child->state != LINECALLSTATE_IDLE)
            toIdle(*child);
    }
    if (call.consultCall) {
        if (Call *consult = callById(call.consultCall))
            consult->consultOf = 0;
        call.consultCall = 0;
    }
    if (call.consultOf) {
        if (Call *original = callById(call.consultOf)) {
            original->consultCall = 0;
            original->transferSetup = false;
        }
        call.consultOf = 0;
    }
    setState(call, LINECALLSTATE_IDLE);
    Line &line = m_lines[call.line];
    auto it = line.callsById.find(call.callId);
    if (it != line.callsById.end() && it->second == call.id)
        line.callsById.erase(it);
}

void ProviderCore::lineDevState(Line &line, DWORD state) {
    queueLineEvent(line.index, LINE_LINEDEVSTATE, state, 0);
}

void ProviderCore::devSpecificEvent(Line &line, DWORD_PTR p1, DWORD_PTR p2) {
    queueLineEvent(line.index, LINE_DEVSPECIFIC, p1, p2);
}

void ProviderCore::complete(DRV_REQUESTID id, LONG result) {
    if (m_outstanding.erase(id) == 0) {
        ++m_strayCompletions;
        return;
    }
    ASYNC_COMPLETION proc = m_completion;
    m_outbox.push_back([proc, id, result] { proc(id, result); });
}

void ProviderCore::flush() {
    std::unique_lock lock(m_mutex);
    if (m_delivering)
        return; // the thread already delivering will deliver ours too, in order
    m_delivering = true;
    while (!m_outbox.empty()) {
        auto next = std::move(m_outbox.front());
        m_outbox.pop_front();
        lock.unlock();
        next();
        lock.lock();
    }
    m_delivering = false;
}

// ---- requests -----------------------------------------------------------------------------

LONG ProviderCore::submit(DRV_REQUESTID id, const SwitchRequest &request, OnResult onResult,
                          Line *createsOnLine) {
    // m_mutex is held by the caller; it is released around the link call.
    m_outstanding.insert(id);
    DWORD createLine = createsOnLine ? createsOnLine->index : ~DWORD(0);
    if (createsOnLine)
        ++createsOnLine->pendingCreates;
    auto done = [this, id, onResult, createLine](const SwitchResult &result) {
        {
            std::lock_guard lock(m_mutex);
            if (onResult)
                onResult(result);
            complete(id, toLineErr(result.error));
            if (createLine < m_lines.size()) {
                Line &line = m_lines[createLine];
                if (line.pendingCreates > 0 && --line.pendingCreates == 0)
                    releaseHeldEvents(line);
            }
        }
        flush();
    };
    m_mutex.unlock();
    m_link->send(request, done);
    flush();
    m_mutex.lock();
    return static_cast<LONG>(id);
}

LONG ProviderCore::callRequest(DRV_REQUESTID id, HDRVCALL hdCall, RequestKind kind,
                               std::initializer_list<DWORD> states, LPCSTR dest) {
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call || call->dead)
        return LINEERR_INVALCALLHANDLE;
    bool needsDest =
        kind == RequestKind::SingleStepTransferCall || kind == RequestKind::DeflectCall;
    if (needsDest && !isValidDialString(dest))
        return LINEERR_INVALADDRESS;
    if (std::find(states.begin(), states.end(), call->state) == states.end())
        return LINEERR_INVALCALLSTATE;
    SwitchRequest request;
    request.kind = kind;
    request.conn = {call->callId, m_lines[call->line].config.dn};
    if (needsDest)
        request.destination = dest;
    return submit(id, request, {});
}

void ProviderCore::releaseHeldEvents(Line &line) {
    std::vector<SwitchEvent> held;
    held.swap(line.heldEvents);
    for (const auto &event : held) {
        if (line.pendingCreates > 0) {
            line.heldEvents.push_back(event);
            continue;
        }
        handleEvent(line, event);
    }
}

void ProviderCore::onSwitchEvent(const SwitchEvent &event) {
    {
        std::lock_guard lock(m_mutex);
        Line *line = lineForDn(event.monitoredDevice);
        if (!line || !line->open || !m_started)
            return;
        if (line->pendingCreates > 0)
            line->heldEvents.push_back(event);
        else
            handleEvent(*line, event);
    }
    flush();
}

void ProviderCore::onLinkDown(const std::string &) {
    {
        std::lock_guard lock(m_mutex);
        for (auto &line : m_lines) {
            line.monitored = false;
            if (line.open && line.inService) {
                line.inService = false;
                lineDevState(line, LINEDEVSTATE_OUTOFSERVICE);
            }
        }
    }
    flush();
}

void ProviderCore::onLinkUp() {
    std::vector<DWORD> open;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &line : m_lines) {
            if (line.open)
                open.push_back(line.index);
        }
    }
    for (DWORD index : open)
        startMonitor(index, {});
    flush();
}

} // namespace acd::tsp
