// Registration as the proxy of every device, the request loop and shared lookups.
#include "proxy_impl.h"

#include <algorithm>
#include <cstring>

namespace acd::tapi {
namespace {

constexpr DWORD kAllRequestTypes[] = {
    LINEPROXYREQUEST_SETAGENTGROUP,
    LINEPROXYREQUEST_SETAGENTSTATE,
    LINEPROXYREQUEST_SETAGENTACTIVITY,
    LINEPROXYREQUEST_GETAGENTCAPS,
    LINEPROXYREQUEST_GETAGENTSTATUS,
    LINEPROXYREQUEST_AGENTSPECIFIC,
    LINEPROXYREQUEST_GETAGENTACTIVITYLIST,
    LINEPROXYREQUEST_GETAGENTGROUPLIST,
    LINEPROXYREQUEST_CREATEAGENT,
    LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD,
    LINEPROXYREQUEST_GETAGENTINFO,
    LINEPROXYREQUEST_CREATEAGENTSESSION,
    LINEPROXYREQUEST_GETAGENTSESSIONLIST,
    LINEPROXYREQUEST_SETAGENTSESSIONSTATE,
    LINEPROXYREQUEST_GETAGENTSESSIONINFO,
    LINEPROXYREQUEST_GETQUEUELIST,
    LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD,
    LINEPROXYREQUEST_GETQUEUEINFO,
    LINEPROXYREQUEST_GETGROUPLIST,
    LINEPROXYREQUEST_SETAGENTSTATEEX,
};
constexpr std::size_t kTypeCount = sizeof kAllRequestTypes / sizeof kAllRequestTypes[0];

/// LINECALLPARAMS whose DevSpecific part lists the request types (reference 3.1).
struct ProxyCallParams {
    ProxyCallParams()
    {
        auto *p = reinterpret_cast<LINECALLPARAMS *>(bytes);
        p->dwTotalSize = sizeof bytes;
        p->dwDevSpecificSize = sizeof kAllRequestTypes;
        p->dwDevSpecificOffset = sizeof(LINECALLPARAMS);
        std::memcpy(bytes + sizeof(LINECALLPARAMS), kAllRequestTypes, sizeof kAllRequestTypes);
    }
    alignas(8) char bytes[sizeof(LINECALLPARAMS) + sizeof kAllRequestTypes] = {};
};

void appendUtf8(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

static_assert(kTypeCount == 20);

std::string requestString(const LINEPROXYREQUEST &r, DWORD size, DWORD offset)
{
    std::string out;
    if (size < 2 || offset < sizeof(DWORD) * 7 || offset > r.dwSize || size > r.dwSize - offset)
        return out;
    const auto *base = reinterpret_cast<const unsigned char *>(&r) + offset;
    std::size_t units = size / 2;
    for (std::size_t i = 0; i < units; ++i) {
        char32_t c = base[2 * i] | (base[2 * i + 1] << 8);
        if (c == 0)
            break;
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < units) {
            char32_t low = base[2 * i + 2] | (base[2 * i + 3] << 8);
            if (low >= 0xDC00 && low < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                ++i;
            } else {
                c = 0xFFFD;
            }
        } else if (c >= 0xD800 && c < 0xE000) {
            c = 0xFFFD;
        }
        appendUtf8(out, c);
    }
    return out;
}

DWORD nextAgentState(core::AgentStateEx next)
{
    switch (next) {
    case core::AgentStateEx::None:
        return 0;
    case core::AgentStateEx::NotReady:
        return LINEAGENTSTATE_NOTREADY;
    case core::AgentStateEx::Ready:
        return LINEAGENTSTATE_READY;
    case core::AgentStateEx::BusyAcd:
        return LINEAGENTSTATE_BUSYACD;
    case core::AgentStateEx::BusyIncoming:
        return LINEAGENTSTATE_BUSYINCOMING;
    case core::AgentStateEx::BusyOutgoing:
        return LINEAGENTSTATE_BUSYOUTBOUND;
    case core::AgentStateEx::Unknown:
        return LINEAGENTSTATE_UNKNOWN;
    case core::AgentStateEx::Released:
        return LINEAGENTSTATE_LOGGEDOFF;
    }
    return 0;
}

// ---- AcdProxy ----------------------------------------------------------------------------

core::Guid AcdProxy::proxyGuid()
{
    return core::Guid{{0x3c, 0x0f, 0x0b, 0x8d, 0x41, 0x5a, 0x1e, 0x4c, 0x9a, 0x2e, 0xac, 0xd0, 0x00,
                       0x00, 0x00, 0x01}};
}

AcdProxy::AcdProxy(AcdContext &ctx, std::vector<DWORD> externallyProxiedDevices)
    : m_impl(std::make_unique<Impl>(ctx, std::move(externallyProxiedDevices)))
{}

AcdProxy::~AcdProxy() = default;

LONG AcdProxy::start()
{
    return m_impl->start();
}
void AcdProxy::stop()
{
    m_impl->stop();
}
bool AcdProxy::processMessages()
{
    return m_impl->processMessages();
}
void AcdProxy::onEffects(const std::vector<core::Effect> &effects)
{
    m_impl->onEffects(effects);
}
std::optional<core::TimeMs> AcdProxy::nextDue() const
{
    return m_impl->stationQueueStatusDue();
}
void AcdProxy::onTime(core::TimeMs now)
{
    m_impl->sendStationQueueStatus(now);
}
void AcdProxy::setStationQueueStatusBatch(std::size_t messages)
{
    m_impl->stationQueueStatusBatch = std::max<std::size_t>(1, messages);
}

HLINE AcdProxy::lineOf(DWORD device) const
{
    auto it = m_impl->lineByDevice.find(device);
    return it == m_impl->lineByDevice.end() ? 0 : it->second;
}

HAGENT AcdProxy::agentHandle(core::AgentId agent) const
{
    auto it = m_impl->handleByAgent.find(agent);
    return it == m_impl->handleByAgent.end() ? 0 : it->second;
}

HAGENTSESSION AcdProxy::sessionHandle(core::SessionId session) const
{
    auto it = m_impl->handleBySession.find(session);
    return it == m_impl->handleBySession.end() ? 0 : it->second;
}

// ---- Impl: registration ------------------------------------------------------------------

AcdProxy::Impl::Impl(AcdContext &c, std::vector<DWORD> ex)
    : ctx(c)
    , excluded(std::move(ex))
{}

LONG AcdProxy::Impl::start()
{
    for (const core::AgentId id : ctx.engine.agentIds()) {
        auto snapshot = ctx.engine.agent(id);
        if (snapshot)
            seen[id] = AgentSeen{snapshot.value().nextState, snapshot.value().reason, {}, {}};
    }
    DWORD numDevs = 0, version = TAPI_VERSION2_2;
    LONG rc = ctx.server.lineInitializeEx(kEngineClient, &app, sink, "ACD proxy", {"acd", "engine"},
                                          &numDevs, &version);
    if (rc != 0)
        return rc;
    const ProxyCallParams params;
    for (DWORD device = 0; device < ctx.server.numDevices(); ++device) {
        if (std::find(excluded.begin(), excluded.end(), device) != excluded.end())
            continue;
        DWORD negotiated = 0;
        LINEEXTENSIONID ext{};
        rc = ctx.server.lineNegotiateAPIVersion(kEngineClient, app, device, TAPI_VERSION2_2,
                                                TAPI_VERSION2_2, &negotiated, &ext);
        if (rc != 0)
            return rc;
        HLINE line = 0;
        rc = ctx.server.lineOpen(kEngineClient, app, device, &line, negotiated, 0, 0,
                                 LINEOPENOPTION_PROXY | LINECALLPRIVILEGE_NONE,
                                 LINEMEDIAMODE_INTERACTIVEVOICE,
                                 reinterpret_cast<const LINECALLPARAMS *>(params.bytes));
        if (rc != 0)
            return rc;
        lineByDevice[device] = line;
        deviceByLine[line] = device;
    }
    return 0;
}

void AcdProxy::Impl::stop()
{
    for (auto &[device, line] : lineByDevice)
        ctx.server.lineClose(kEngineClient, line);
    lineByDevice.clear();
    deviceByLine.clear();
    if (app) {
        ctx.server.lineShutdown(kEngineClient, app);
        app = 0;
    }
    sink->take();
}

bool AcdProxy::Impl::processMessages()
{
    bool any = false;
    for (auto messages = sink->take(); !messages.empty(); messages = sink->take()) {
        any = true;
        for (const LINEMESSAGE &m : messages) {
            if (m.dwMessageID == LINE_CLOSE) {
                auto it = deviceByLine.find(static_cast<HLINE>(m.hDevice));
                if (it != deviceByLine.end()) {
                    lineByDevice.erase(it->second);
                    deviceByLine.erase(it);
                }
                continue;
            }
            if (m.dwMessageID != LINE_PROXYREQUEST)
                continue;
            auto *r = reinterpret_cast<LINEPROXYREQUEST *>(m.dwParam1);
            const HLINE line = static_cast<HLINE>(m.hDevice);
            auto it = deviceByLine.find(line);
            LONG result = LINEERR_OPERATIONFAILED;
            if (it != deviceByLine.end()) {
                Request req{*r, it->second,
                            m.dwParam2 == STRINGFORMAT_UNICODE ? StringEncoding::Utf16
                                                               : StringEncoding::Utf8};
                try {
                    result = handle(req);
                } catch (...) { // nothing may escape into the server; the client gets a reply
                    result = LINEERR_OPERATIONFAILED;
                }
            }
            ctx.server.lineProxyResponse(kEngineClient, line, r, static_cast<DWORD>(result));
        }
    }
    return any;
}

LONG AcdProxy::Impl::handle(Request &req)
{
    switch (req.r.dwRequestType) {
    case LINEPROXYREQUEST_SETAGENTGROUP:
        return setAgentGroup(req);
    case LINEPROXYREQUEST_SETAGENTSTATE:
        return setAgentState(req);
    case LINEPROXYREQUEST_SETAGENTACTIVITY:
        return setAgentActivity(req);
    case LINEPROXYREQUEST_GETAGENTCAPS:
        return getAgentCaps(req);
    case LINEPROXYREQUEST_GETAGENTSTATUS:
        return getAgentStatus(req);
    case LINEPROXYREQUEST_AGENTSPECIFIC:
        return agentSpecific(req);
    case LINEPROXYREQUEST_GETAGENTACTIVITYLIST:
        return getAgentActivityList(req);
    case LINEPROXYREQUEST_GETAGENTGROUPLIST:
        return getAgentGroupList(req);
    case LINEPROXYREQUEST_CREATEAGENT:
        return createAgent(req);
    case LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD:
        return setAgentMeasurementPeriod(req);
    case LINEPROXYREQUEST_GETAGENTINFO:
        return getAgentInfo(req);
    case LINEPROXYREQUEST_CREATEAGENTSESSION:
        return createAgentSession(req);
    case LINEPROXYREQUEST_GETAGENTSESSIONLIST:
        return getAgentSessionList(req);
    case LINEPROXYREQUEST_SETAGENTSESSIONSTATE:
        return setAgentSessionState(req);
    case LINEPROXYREQUEST_GETAGENTSESSIONINFO:
        return getAgentSessionInfo(req);
    case LINEPROXYREQUEST_GETQUEUELIST:
        return getQueueList(req);
    case LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD:
        return setQueueMeasurementPeriod(req);
    case LINEPROXYREQUEST_GETQUEUEINFO:
        return getQueueInfo(req);
    case LINEPROXYREQUEST_GETGROUPLIST:
        return getGroupList(req);
    case LINEPROXYREQUEST_SETAGENTSTATEEX:
        return setAgentStateEx(req);
    default:
        return LINEERR_OPERATIONUNAVAIL;
    }
}

// ---- Impl: lookups -----------------------------------------------------------------------

const core::AgentConfig *AcdProxy::Impl::agentConfig(core::AgentId agent) const
{
    for (const core::AgentConfig &a : ctx.config.agents)
        if (a.id == agent)
            return &a;
    return nullptr;
}

std::optional<core::AgentId> AcdProxy::Impl::agentOf(HAGENT handle) const
{
    auto it = agentByHandle.find(handle);
    if (it == agentByHandle.end())
        return std::nullopt;
    return it->second;
}

HAGENTSESSION AcdProxy::Impl::sessionHandleFor(core::SessionId session)
{
    auto it = handleBySession.find(session);
    if (it != handleBySession.end())
        return it->second;
    HAGENTSESSION h = nextSessionHandle++;
    handleBySession[session] = h;
    sessionByHandle[h] = session;
    return h;
}

const core::GroupConfig *AcdProxy::Impl::groupByGuid(const void *guid16) const
{
    for (const core::GroupConfig &g : ctx.config.groups)
        if (std::memcmp(g.guid.bytes.data(), guid16, 16) == 0)
            return &g;
    return nullptr;
}

const core::GroupConfig *AcdProxy::Impl::groupById(core::GroupId id) const
{
    for (const core::GroupConfig &g : ctx.config.groups)
        if (g.id == id)
            return &g;
    return nullptr;
}

std::string AcdProxy::Impl::stationOf(DWORD device) const
{
    return ctx.server.deviceAddress(device);
}

std::vector<core::SessionSnapshot> AcdProxy::Impl::sessionsAt(core::AgentId agent,
                                                              const std::string &station) const
{
    std::vector<core::SessionSnapshot> out;
    for (const core::SessionId id : ctx.engine.sessionsOf(agent)) {
        auto s = ctx.engine.session(id);
        if (s && s.value().station == station && s.value().state != core::SessionState::Ended)
            out.push_back(s.value());
    }
    return out;
}

std::optional<core::AgentId> AcdProxy::Impl::agentAt(DWORD device) const
{
    const std::string station = stationOf(device);
    if (!station.empty())
        for (const core::AgentConfig &a : ctx.config.agents)
            if (!sessionsAt(a.id, station).empty())
                return a.id;
    auto it = createdAt.find(device);
    if (it == createdAt.end())
        return std::nullopt;
    return it->second;
}

} // namespace acd::tapi
