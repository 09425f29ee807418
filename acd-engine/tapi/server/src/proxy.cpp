// The proxy model: registration is in lineOpen (apps.cpp); here the call-center functions
// become LINE_PROXYREQUESTs to the registered proxy, lineProxyResponse completes them, and
// lineProxyMessage fans status messages out to the other applications on the line.
#include "repack.h"
#include "server_impl.h"

#include <algorithm>
#include <cstring>

namespace acd::tapi {
namespace {

constexpr std::size_t kUnionOffset = offsetof(LINEPROXYREQUEST, SetAgentGroup);
constexpr DWORD kMaxProxyBuffer = 16u << 20;

/// An embedded structure of a "get" request: dwTotalSize from the client, the rest zero.
void embed(LINEPROXYREQUEST &request, std::size_t offsetInUnion, DWORD clientTotal)
{
    auto *base = reinterpret_cast<char *>(&request) + kUnionOffset + offsetInUnion;
    std::memcpy(base, &clientTotal, sizeof clientTotal);
}

/// Copies the embedded structure the proxy filled into the client's buffer.
void copyOut(const LINEPROXYREQUEST &request, std::size_t offsetInUnion, void *client)
{
    const auto *base = reinterpret_cast<const char *>(&request) + kUnionOffset + offsetInUnion;
    DWORD clientTotal, used;
    std::memcpy(&clientTotal, client, sizeof clientTotal);
    std::memcpy(&used, base + 8, sizeof used);
    used = std::min(std::max<DWORD>(used, 12), clientTotal);
    std::memcpy(client, base, used);
    std::memcpy(client, &clientTotal, sizeof clientTotal);
}

bool proxyMayGenerate(DWORD msg)
{
    switch (msg) {
    case LINE_AGENTSPECIFIC:
    case LINE_AGENTSTATUS:
    case LINE_AGENTSTATUSEX:
    case LINE_AGENTSESSIONSTATUS:
    case LINE_QUEUESTATUS:
    case LINE_GROUPSTATUS:
        return true;
    default:
        return false;
    }
}

bool isTapi22Message(DWORD msg)
{
    return msg == LINE_AGENTSTATUSEX || msg == LINE_AGENTSESSIONSTATUS || msg == LINE_QUEUESTATUS
           || msg == LINE_GROUPSTATUS;
}

} // namespace

LONG Server::Impl::startProxy(const App &app, HLINE clientLine, DWORD device, DWORD apiVersion,
                              StringEncoding encoding, ProxyCall call)
{
    Device &d = devices[device];
    auto proxy = d.proxies.find(call.type);
    if (proxy == d.proxies.end())
        return LINEERR_OPERATIONUNAVAIL; // no application serves this request type here
    const LineOpen &proxyOpen = lines.at(proxy->second);

    std::vector<std::string> strings = {app.identity.machineName, app.identity.userName};
    strings.insert(strings.end(), call.strings.begin(), call.strings.end());
    std::vector<std::string> encoded;
    std::size_t size = std::max(sizeof(LINEPROXYREQUEST), kUnionOffset + call.unionBytes);
    for (const std::string &text : strings) {
        encoded.push_back(encodeString(text, StringEncoding::Utf16));
        size += encoded.back().size();
    }
    if (size > kMaxProxyBuffer)
        return LINEERR_NOMEM;

    Request &r = addRequest(app.handle, clientLine);
    r.proxyLine = proxy->second;
    r.proxyBuffer.assign((size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t),
                         std::max_align_t{});
    // max_align_t has padding (long double) that value-initialisation leaves undefined: zero
    // every byte, since the buffer goes to the proxy as it is (over the network, for remote
    // TAPI).
    std::memset(r.proxyBuffer.data(), 0, r.proxyBuffer.size() * sizeof(std::max_align_t));
    auto *request = reinterpret_cast<LINEPROXYREQUEST *>(r.proxyBuffer.data());
    request->dwSize = static_cast<DWORD>(size);
    request->dwClientAppAPIVersion = apiVersion;
    request->dwRequestType = call.type;
    std::vector<std::pair<DWORD, DWORD>> placed;
    DWORD offset =
        static_cast<DWORD>(std::max(sizeof(LINEPROXYREQUEST), kUnionOffset + call.unionBytes));
    for (const std::string &bytes : encoded) {
        if (bytes.empty()) { // an empty string is 0/0
            placed.emplace_back(0, 0);
            continue;
        }
        std::memcpy(reinterpret_cast<char *>(request) + offset, bytes.data(), bytes.size());
        placed.emplace_back(static_cast<DWORD>(bytes.size()), offset);
        offset += static_cast<DWORD>(bytes.size());
    }
    request->dwClientMachineNameSize = placed[0].first;
    request->dwClientMachineNameOffset = placed[0].second;
    request->dwClientUserNameSize = placed[1].first;
    request->dwClientUserNameOffset = placed[1].second;
    placed.erase(placed.begin(), placed.begin() + 2);
    if (call.fill)
        call.fill(*request, placed);
    auto output = std::move(call.output);
    DWORD id = r.id;
    r.onComplete = [this, id, output](LONG &result) {
        auto it = requests.find(id);
        if (result == 0 && output && it != requests.end())
            output(*reinterpret_cast<const LINEPROXYREQUEST *>(it->second.proxyBuffer.data()));
        return true;
    };
    proxyRequestByBuffer[request] = id;
    sendToLine(proxyOpen, proxy->second, LINE_PROXYREQUEST, reinterpret_cast<DWORD_PTR>(request),
               encoding == StringEncoding::Utf16 ? STRINGFORMAT_UNICODE : STRINGFORMAT_ASCII, 0);
    return static_cast<LONG>(id);
}

namespace {

/// What every hLine-based call-center function checks first.
struct LineCheck {
    LONG error = 0;
    const App *app = nullptr;
    LineOpen *open = nullptr;
};

} // namespace

#define ACD_CHECK_LINE(hLine)                                                                      \
    Impl &s = *m_impl;                                                                             \
    LineOpen *open = s.line(client, hLine);                                                        \
    if (!open)                                                                                     \
        return LINEERR_INVALLINEHANDLE;                                                            \
    const App &app = s.apps.at(open->app);

#define ACD_CHECK_ADDRESS(address)                                                                 \
    if ((address) >= s.devices[open->device].numAddresses)                                         \
        return LINEERR_INVALADDRESSID;

#define ACD_CHECK_STRUCT(ptr, fixedSize)                                                           \
    if (!(ptr))                                                                                    \
        return LINEERR_INVALPOINTER;                                                               \
    if ((ptr)->dwTotalSize < (fixedSize)) {                                                        \
        (ptr)->dwNeededSize = static_cast<DWORD>(fixedSize);                                       \
        return LINEERR_STRUCTURETOOSMALL;                                                          \
    }

/// A "get" with an address and an embedded structure after it.
template<typename T>
static Server::Impl::ProxyCall addressGet(DWORD type, DWORD address, T *out)
{
    Server::Impl::ProxyCall call;
    call.type = type;
    DWORD total = out->dwTotalSize;
    call.unionBytes = sizeof(DWORD) + total;
    call.fill = [address, total](LINEPROXYREQUEST &r, const auto &) {
        std::memcpy(reinterpret_cast<char *>(&r) + kUnionOffset, &address, sizeof address);
        embed(r, sizeof(DWORD), total);
    };
    call.output = [out](const LINEPROXYREQUEST &r) { copyOut(r, sizeof(DWORD), out); };
    return call;
}

/// A "set" whose union member is a few DWORDs (handles, IDs, states) and nothing to return.
static Server::Impl::ProxyCall dwordSet(DWORD type, std::vector<DWORD> values)
{
    Server::Impl::ProxyCall call;
    call.type = type;
    call.unionBytes = values.size() * sizeof(DWORD);
    call.fill = [values](LINEPROXYREQUEST &r, const auto &) {
        std::memcpy(reinterpret_cast<char *>(&r) + kUnionOffset, values.data(),
                    values.size() * sizeof(DWORD));
    };
    return call;
}

/// A "get" keyed by one DWORD (hAgent, hAgentSession, queue ID) with an embedded structure.
template<typename T>
static Server::Impl::ProxyCall keyedGet(DWORD type, DWORD key, T *out)
{
    return addressGet(type, key, out);
}

static DWORD negotiatedVersion(const LineOpen &open)
{
    return open.apiVersion;
}

LONG Server::lineAgentSpecific(ClientId client, HLINE hLine, DWORD dwAddressID,
                               DWORD dwAgentExtensionIDIndex, LPVOID lpParams, DWORD dwSize)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwAddressID)
    if (!lpParams && dwSize > 0)
        return LINEERR_INVALPOINTER;
    Impl::ProxyCall call;
    call.type = LINEPROXYREQUEST_AGENTSPECIFIC;
    call.unionBytes = 3 * sizeof(DWORD) + dwSize;
    std::vector<BYTE> params(static_cast<BYTE *>(lpParams), static_cast<BYTE *>(lpParams) + dwSize);
    call.fill = [=](LINEPROXYREQUEST &r, const auto &) {
        r.AgentSpecific.dwAddressID = dwAddressID;
        r.AgentSpecific.dwAgentExtensionIDIndex = dwAgentExtensionIDIndex;
        r.AgentSpecific.dwSize = dwSize;
        if (dwSize)
            std::memcpy(r.AgentSpecific.Params, params.data(), dwSize);
    };
    call.output = [=](const LINEPROXYREQUEST &r) {
        if (dwSize) // the parameters are in/out
            std::memcpy(lpParams, r.AgentSpecific.Params, dwSize);
    };
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        std::move(call));
}

LONG Server::lineGetAgentActivityList(ClientId client, HLINE hLine, DWORD dwAddressID,
                                      LPLINEAGENTACTIVITYLIST lpList, StringEncoding encoding)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwAddressID)
    ACD_CHECK_STRUCT(lpList, sizeof(LINEAGENTACTIVITYLIST))
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), encoding,
                        addressGet(LINEPROXYREQUEST_GETAGENTACTIVITYLIST, dwAddressID, lpList));
}

LONG Server::lineGetAgentCaps(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID,
                              DWORD dwAddressID, DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps,
                              StringEncoding encoding)
{
    Impl &s = *m_impl;
    if (LONG r = s.checkDevice(client, hLineApp, dwDeviceID, dwAppAPIVersion); r != 0)
        return r;
    if (dwAddressID >= s.devices[dwDeviceID].numAddresses)
        return LINEERR_INVALADDRESSID;
    App *app = s.app(client, hLineApp);
    std::size_t fixed = dwAppAPIVersion >= TAPI_VERSION2_2 ? sizeof(LINEAGENTCAPS)
                                                           : offsetof(LINEAGENTCAPS, ProxyGUID);
    ACD_CHECK_STRUCT(lpAgentCaps, fixed)
    return s.startProxy(*app, 0, dwDeviceID, dwAppAPIVersion, encoding,
                        addressGet(LINEPROXYREQUEST_GETAGENTCAPS, dwAddressID, lpAgentCaps));
}

LONG Server::lineGetAgentGroupList(ClientId client, HLINE hLine, DWORD dwAddressID,
                                   LPLINEAGENTGROUPLIST lpList, StringEncoding encoding)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwAddressID)
    ACD_CHECK_STRUCT(lpList, sizeof(LINEAGENTGROUPLIST))
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), encoding,
                        addressGet(LINEPROXYREQUEST_GETAGENTGROUPLIST, dwAddressID, lpList));
}

LONG Server::lineGetAgentStatus(ClientId client, HLINE hLine, DWORD dwAddressID,
                                LPLINEAGENTSTATUS lpAgentStatus, StringEncoding encoding)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwAddressID)
    ACD_CHECK_STRUCT(lpAgentStatus, sizeof(LINEAGENTSTATUS))
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), encoding,
                        addressGet(LINEPROXYREQUEST_GETAGENTSTATUS, dwAddressID, lpAgentStatus));
}

LONG Server::lineSetAgentActivity(ClientId client, HLINE hLine, DWORD dwAddressID,
                                  DWORD dwActivityID)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwAddressID)
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        dwordSet(LINEPROXYREQUEST_SETAGENTACTIVITY, {dwAddressID, dwActivityID}));
}

LONG Server::lineSetAgentGroup(ClientId client, HLINE hLine, DWORD dwAddressID,
                               const LINEAGENTGROUPLIST *lpAgentGroupList)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwAddressID)
    if (!lpAgentGroupList)
        return LINEERR_INVALPOINTER;
    DWORD total = lpAgentGroupList->dwTotalSize;
    if (total < sizeof(LINEAGENTGROUPLIST))
        return LINEERR_STRUCTURETOOSMALL;
    if (lpAgentGroupList->dwNumEntries > 0
        && (lpAgentGroupList->dwListOffset + lpAgentGroupList->dwListSize > total
            || lpAgentGroupList->dwListSize
                   < lpAgentGroupList->dwNumEntries * sizeof(LINEAGENTGROUPENTRY)))
        return LINEERR_INVALAGENTGROUP;
    std::vector<BYTE> copy(reinterpret_cast<const BYTE *>(lpAgentGroupList),
                           reinterpret_cast<const BYTE *>(lpAgentGroupList) + total);
    Impl::ProxyCall call;
    call.type = LINEPROXYREQUEST_SETAGENTGROUP;
    call.unionBytes = sizeof(DWORD) + total;
    call.fill = [dwAddressID, copy](LINEPROXYREQUEST &r, const auto &) {
        r.SetAgentGroup.dwAddressID = dwAddressID;
        std::memcpy(&r.SetAgentGroup.GroupList, copy.data(), copy.size());
    };
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        std::move(call));
}

LONG Server::lineSetAgentState(ClientId client, HLINE hLine, DWORD dwAddressID, DWORD dwAgentState,
                               DWORD dwNextAgentState)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwAddressID)
    if (dwAgentState == 0 && dwNextAgentState == 0)
        return LINEERR_INVALAGENTSTATE;
    return s.startProxy(
        app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
        dwordSet(LINEPROXYREQUEST_SETAGENTSTATE, {dwAddressID, dwAgentState, dwNextAgentState}));
}

LONG Server::lineCreateAgent(ClientId client, HLINE hLine, const char *lpszAgentID,
                             const char *lpszAgentPIN, LPHAGENT lphAgent)
{
    ACD_CHECK_LINE(hLine)
    if (!lphAgent)
        return LINEERR_INVALPOINTER;
    Impl::ProxyCall call;
    call.type = LINEPROXYREQUEST_CREATEAGENT;
    call.unionBytes = 5 * sizeof(DWORD);
    bool hasId = lpszAgentID != nullptr, hasPin = lpszAgentPIN != nullptr;
    if (hasId)
        call.strings.emplace_back(lpszAgentID);
    if (hasPin)
        call.strings.emplace_back(lpszAgentPIN);
    call.fill = [hasId, hasPin](LINEPROXYREQUEST &r, const auto &placed) {
        std::size_t next = 0;
        if (hasId) {
            r.CreateAgent.dwAgentIDSize = placed[next].first;
            r.CreateAgent.dwAgentIDOffset = placed[next++].second;
        }
        if (hasPin) {
            r.CreateAgent.dwAgentPINSize = placed[next].first;
            r.CreateAgent.dwAgentPINOffset = placed[next].second;
        }
    };
    call.output = [lphAgent](const LINEPROXYREQUEST &r) { *lphAgent = r.CreateAgent.hAgent; };
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        std::move(call));
}

LONG Server::lineCreateAgentSession(ClientId client, HLINE hLine, HAGENT hAgent,
                                    const char *lpszAgentPIN, DWORD dwWorkingAddressID,
                                    const GUID *lpGroupID, LPHAGENTSESSION lphAgentSession)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_ADDRESS(dwWorkingAddressID)
    if (!lpGroupID || !lphAgentSession)
        return LINEERR_INVALPOINTER;
    Impl::ProxyCall call;
    call.type = LINEPROXYREQUEST_CREATEAGENTSESSION;
    call.unionBytes = 4 * sizeof(DWORD) + sizeof(GUID) + sizeof(DWORD);
    bool hasPin = lpszAgentPIN != nullptr;
    if (hasPin)
        call.strings.emplace_back(lpszAgentPIN);
    GUID group = *lpGroupID;
    call.fill = [=](LINEPROXYREQUEST &r, const auto &placed) {
        r.CreateAgentSession.hAgent = hAgent;
        r.CreateAgentSession.GroupID = group;
        r.CreateAgentSession.dwWorkingAddressID = dwWorkingAddressID;
        if (hasPin) {
            r.CreateAgentSession.dwAgentPINSize = placed[0].first;
            r.CreateAgentSession.dwAgentPINOffset = placed[0].second;
        }
    };
    call.output = [lphAgentSession](const LINEPROXYREQUEST &r) {
        *lphAgentSession = r.CreateAgentSession.hAgentSession;
    };
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        std::move(call));
}

LONG Server::lineGetAgentInfo(ClientId client, HLINE hLine, HAGENT hAgent,
                              LPLINEAGENTINFO lpAgentInfo)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_STRUCT(lpAgentInfo, sizeof(LINEAGENTINFO))
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        keyedGet(LINEPROXYREQUEST_GETAGENTINFO, hAgent, lpAgentInfo));
}

LONG Server::lineGetAgentSessionInfo(ClientId client, HLINE hLine, HAGENTSESSION hAgentSession,
                                     LPLINEAGENTSESSIONINFO lpInfo)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_STRUCT(lpInfo, sizeof(LINEAGENTSESSIONINFO))
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        keyedGet(LINEPROXYREQUEST_GETAGENTSESSIONINFO, hAgentSession, lpInfo));
}

LONG Server::lineGetAgentSessionList(ClientId client, HLINE hLine, HAGENT hAgent,
                                     LPLINEAGENTSESSIONLIST lpList)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_STRUCT(lpList, sizeof(LINEAGENTSESSIONLIST))
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        keyedGet(LINEPROXYREQUEST_GETAGENTSESSIONLIST, hAgent, lpList));
}

LONG Server::lineGetGroupList(ClientId client, HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList,
                              StringEncoding encoding)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_STRUCT(lpGroupList, sizeof(LINEAGENTGROUPLIST))
    Impl::ProxyCall call;
    call.type = LINEPROXYREQUEST_GETGROUPLIST;
    DWORD total = lpGroupList->dwTotalSize;
    call.unionBytes = total;
    call.fill = [total](LINEPROXYREQUEST &r, const auto &) { embed(r, 0, total); };
    call.output = [lpGroupList](const LINEPROXYREQUEST &r) { copyOut(r, 0, lpGroupList); };
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), encoding,
                        std::move(call));
}

LONG Server::lineGetQueueInfo(ClientId client, HLINE hLine, DWORD dwQueueID,
                              LPLINEQUEUEINFO lpQueueInfo)
{
    ACD_CHECK_LINE(hLine)
    ACD_CHECK_STRUCT(lpQueueInfo, sizeof(LINEQUEUEINFO))
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        keyedGet(LINEPROXYREQUEST_GETQUEUEINFO, dwQueueID, lpQueueInfo));
}

LONG Server::lineGetQueueList(ClientId client, HLINE hLine, const GUID *lpGroupID,
                              LPLINEQUEUELIST lpQueueList, StringEncoding encoding)
{
    ACD_CHECK_LINE(hLine)
    if (!lpGroupID)
        return LINEERR_INVALPOINTER;
    ACD_CHECK_STRUCT(lpQueueList, sizeof(LINEQUEUELIST))
    Impl::ProxyCall call;
    call.type = LINEPROXYREQUEST_GETQUEUELIST;
    DWORD total = lpQueueList->dwTotalSize;
    call.unionBytes = sizeof(GUID) + total;
    GUID group = *lpGroupID;
    call.fill = [group, total](LINEPROXYREQUEST &r, const auto &) {
        r.GetQueueList.GroupID = group;
        embed(r, sizeof(GUID), total);
    };
    call.output = [lpQueueList](const LINEPROXYREQUEST &r) {
        copyOut(r, sizeof(GUID), lpQueueList);
    };
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), encoding,
                        std::move(call));
}

LONG Server::lineSetAgentMeasurementPeriod(ClientId client, HLINE hLine, HAGENT hAgent,
                                           DWORD dwMeasurementPeriod)
{
    ACD_CHECK_LINE(hLine)
    if (dwMeasurementPeriod == 0)
        return LINEERR_INVALPARAM;
    return s.startProxy(
        app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
        dwordSet(LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD, {hAgent, dwMeasurementPeriod}));
}

LONG Server::lineSetAgentSessionState(ClientId client, HLINE hLine, HAGENTSESSION hAgentSession,
                                      DWORD dwAgentSessionState, DWORD dwNextAgentSessionState)
{
    ACD_CHECK_LINE(hLine)
    if (dwAgentSessionState == 0 && dwNextAgentSessionState == 0)
        return LINEERR_INVALAGENTSESSIONSTATE;
    return s.startProxy(app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
                        dwordSet(LINEPROXYREQUEST_SETAGENTSESSIONSTATE,
                                 {hAgentSession, dwAgentSessionState, dwNextAgentSessionState}));
}

LONG Server::lineSetAgentStateEx(ClientId client, HLINE hLine, HAGENT hAgent, DWORD dwAgentState,
                                 DWORD dwNextAgentState)
{
    ACD_CHECK_LINE(hLine)
    if (dwAgentState == 0 && dwNextAgentState == 0)
        return LINEERR_INVALAGENTSTATE;
    return s.startProxy(
        app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
        dwordSet(LINEPROXYREQUEST_SETAGENTSTATEEX, {hAgent, dwAgentState, dwNextAgentState}));
}

LONG Server::lineSetQueueMeasurementPeriod(ClientId client, HLINE hLine, DWORD dwQueueID,
                                           DWORD dwMeasurementPeriod)
{
    ACD_CHECK_LINE(hLine)
    if (dwMeasurementPeriod == 0)
        return LINEERR_INVALPARAM;
    return s.startProxy(
        app, hLine, open->device, negotiatedVersion(*open), StringEncoding::Utf8,
        dwordSet(LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD, {dwQueueID, dwMeasurementPeriod}));
}

LONG Server::lineGetProxyStatus(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID,
                                DWORD dwAppAPIVersion, LPLINEPROXYREQUESTLIST lpList)
{
    Impl &s = *m_impl;
    if (LONG r = s.checkDevice(client, hLineApp, dwDeviceID, dwAppAPIVersion, TAPI_VERSION2_2);
        r != 0)
        return r;
    if (!lpList)
        return LINEERR_INVALPOINTER;
    std::string types;
    for (auto &[type, line] : s.devices[dwDeviceID].proxies)
        types.append(reinterpret_cast<const char *>(&type), sizeof type);
    LINEPROXYREQUESTLIST fixed{};
    fixed.dwNumEntries = static_cast<DWORD>(s.devices[dwDeviceID].proxies.size());
    return repack(lpList, &fixed, sizeof(LINEPROXYREQUESTLIST),
                  {VarField{offsetof(LINEPROXYREQUESTLIST, dwListSize),
                            offsetof(LINEPROXYREQUESTLIST, dwListOffset), types, false}},
                  StringEncoding::Utf8);
}

LONG Server::lineProxyMessage(ClientId client, HLINE hLine, HCALL hCall, DWORD dwMsg,
                              DWORD dwParam1, DWORD dwParam2, DWORD dwParam3)
{
    Impl &s = *m_impl;
    LineOpen *open = s.line(client, hLine);
    if (!open)
        return LINEERR_INVALLINEHANDLE;
    if (open->proxyTypes.empty())
        return LINEERR_NOTREGISTERED; // only a registered proxy speaks for the line
    if (hCall != 0)
        return LINEERR_INVALCALLHANDLE; // none of the proxy messages concerns a call
    if (!proxyMayGenerate(dwMsg))
        return LINEERR_INVALPARAM;
    for (HLINE other : s.devices[open->device].opens) {
        if (other == hLine)
            continue;
        const LineOpen &o = s.lines.at(other);
        if (isTapi22Message(dwMsg) && o.apiVersion < TAPI_VERSION2_2)
            continue;
        s.sendToLine(o, other, dwMsg, dwParam1, dwParam2, dwParam3);
    }
    return 0;
}

LONG Server::lineProxyResponse(ClientId client, HLINE hLine, LPLINEPROXYREQUEST lpProxyRequest,
                               DWORD dwResult)
{
    Impl &s = *m_impl;
    if (!s.line(client, hLine))
        return LINEERR_INVALLINEHANDLE;
    if (!lpProxyRequest)
        return LINEERR_INVALPOINTER;
    auto found = s.proxyRequestByBuffer.find(lpProxyRequest);
    if (found == s.proxyRequestByBuffer.end())
        return LINEERR_INVALPOINTER; // not a pending request (or answered already)
    Request &r = s.requests.at(found->second);
    if (r.proxyLine != hLine)
        return LINEERR_INVALLINEHANDLE;
    auto result = static_cast<LONG>(dwResult);
    if (result > 0)
        return LINEERR_INVALPARAM;
    if (r.app == 0) { // the client shut down meanwhile
        s.dropRequest(found->second);
        return 0;
    }
    s.complete(found->second, result);
    return 0;
}

#undef ACD_CHECK_LINE
#undef ACD_CHECK_ADDRESS
#undef ACD_CHECK_STRUCT

} // namespace acd::tapi
