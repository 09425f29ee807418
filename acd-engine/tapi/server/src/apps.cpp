// Line applications and devices: initialise, negotiate, capabilities, open and close.
#include "repack.h"
#include "server_impl.h"

#include <algorithm>
#include <cstring>

namespace acd::tapi {
namespace {

constexpr DWORD kPrivilegeOptions = LINEOPENOPTION_PROXY | LINEOPENOPTION_SINGLEADDRESS;

DWORD devCapsFixedSize(DWORD apiVersion)
{
    return static_cast<DWORD>(apiVersion >= TAPI_VERSION2_2
                                  ? offsetof(LINEDEVCAPS, dwAddressTypes)
                                  : offsetof(LINEDEVCAPS, PermanentLineGuid));
}

#define ACD_FIELD(T, name, isText)                                                                 \
    VarField                                                                                       \
    {                                                                                              \
        offsetof(T, dw##name##Size), offsetof(T, dw##name##Offset),                                \
            fieldBytes(src, offsetof(T, dw##name##Size), offsetof(T, dw##name##Offset)), isText    \
    }

} // namespace

LONG Server::lineInitializeEx(ClientId client, LPHLINEAPP lphLineApp,
                              std::shared_ptr<MessageSink> sink, const char *friendlyAppName,
                              const AppIdentity &identity, LPDWORD lpdwNumDevs,
                              LPDWORD lpdwAPIVersion)
{
    if (!lphLineApp || !lpdwNumDevs || !lpdwAPIVersion || !sink)
        return LINEERR_INVALPOINTER;
    if (*lpdwAPIVersion < kLowestApiVersion)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    Impl &s = *m_impl;
    HLINEAPP h = s.newHandle();
    App &app = s.apps[h];
    app.handle = h;
    app.client = client;
    app.sink = std::move(sink);
    app.name = friendlyAppName ? friendlyAppName : "";
    app.identity = identity;
    *lphLineApp = h;
    *lpdwNumDevs = static_cast<DWORD>(s.devices.size());
    *lpdwAPIVersion = kHighestApiVersion;
    return 0;
}

LONG Server::lineShutdown(ClientId client, HLINEAPP hLineApp)
{
    Impl &s = *m_impl;
    if (!s.app(client, hLineApp))
        return LINEERR_INVALAPPHANDLE;
    s.shutdownApp(hLineApp);
    return 0;
}

void Server::Impl::shutdownApp(HLINEAPP h)
{
    auto it = apps.find(h);
    if (it == apps.end())
        return;
    std::vector<HLINE> open(it->second.lines.begin(), it->second.lines.end());
    for (HLINE l : open)
        closeLine(l, false);
    // Requests of this app complete into nothing; the proxy's answer is then discarded.
    std::vector<DWORD> pending;
    for (auto &[id, r] : requests)
        if (r.app == h && r.proxyLine == 0)
            pending.push_back(id);
    for (DWORD id : pending)
        dropRequest(id);
    for (auto &[id, r] : requests)
        if (r.app == h)
            r.app = 0;
    apps.erase(h);
}

LONG Server::lineNegotiateAPIVersion(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID,
                                     DWORD dwAPILowVersion, DWORD dwAPIHighVersion,
                                     LPDWORD lpdwAPIVersion, LPLINEEXTENSIONID lpExtensionID)
{
    Impl &s = *m_impl;
    App *app = s.app(client, hLineApp);
    if (!app)
        return LINEERR_INVALAPPHANDLE;
    if (dwDeviceID >= s.devices.size())
        return LINEERR_BADDEVICEID;
    if (!lpdwAPIVersion || !lpExtensionID)
        return LINEERR_INVALPOINTER;
    if (dwAPILowVersion > dwAPIHighVersion || dwAPIHighVersion < kLowestApiVersion
        || dwAPILowVersion > kHighestApiVersion)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    DWORD version = std::min(dwAPIHighVersion, kHighestApiVersion);
    app->negotiated[dwDeviceID] = version;
    *lpdwAPIVersion = version;
    std::memset(lpExtensionID, 0, sizeof *lpExtensionID);
    return 0;
}

LONG Server::lineGetDevCaps(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID,
                            DWORD dwAPIVersion, DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps,
                            StringEncoding encoding)
{
    Impl &s = *m_impl;
    if (LONG r = s.checkDevice(client, hLineApp, dwDeviceID, dwAPIVersion); r != 0)
        return r;
    if (dwExtVersion != 0)
        return LINEERR_INCOMPATIBLEEXTVERSION;
    if (!lpLineDevCaps)
        return LINEERR_INVALPOINTER;
    Device &d = s.devices[dwDeviceID];
    std::vector<std::max_align_t> buffer;
    LONG r = s.queryProvider<LINEDEVCAPS>(buffer, [&](LINEDEVCAPS *caps) {
        return s.tspi(dwDeviceID).lineGetDevCaps(dwDeviceID, d.tspiVersion, 0, caps);
    });
    if (r != 0)
        return r;
    const void *src = buffer.data();
    auto *caps = reinterpret_cast<LINEDEVCAPS *>(buffer.data());
    caps->dwStringFormat =
        encoding == StringEncoding::Utf16 ? STRINGFORMAT_UNICODE : STRINGFORMAT_ASCII;
    caps->dwPermanentLineID = dwDeviceID;
    return repack(
        lpLineDevCaps, src, devCapsFixedSize(dwAPIVersion),
        {ACD_FIELD(LINEDEVCAPS, ProviderInfo, true), ACD_FIELD(LINEDEVCAPS, SwitchInfo, true),
         ACD_FIELD(LINEDEVCAPS, LineName, true), ACD_FIELD(LINEDEVCAPS, TerminalCaps, false),
         ACD_FIELD(LINEDEVCAPS, TerminalText, false), ACD_FIELD(LINEDEVCAPS, DevSpecific, false),
         ACD_FIELD(LINEDEVCAPS, DeviceClasses, false)},
        encoding);
}

LONG Server::lineGetAddressCaps(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID,
                                DWORD dwAddressID, DWORD dwAPIVersion, DWORD dwExtVersion,
                                LPLINEADDRESSCAPS lpAddressCaps, StringEncoding encoding)
{
    Impl &s = *m_impl;
    if (LONG r = s.checkDevice(client, hLineApp, dwDeviceID, dwAPIVersion); r != 0)
        return r;
    if (dwAddressID >= s.devices[dwDeviceID].numAddresses)
        return LINEERR_INVALADDRESSID;
    if (dwExtVersion != 0)
        return LINEERR_INCOMPATIBLEEXTVERSION;
    if (!lpAddressCaps)
        return LINEERR_INVALPOINTER;
    Device &d = s.devices[dwDeviceID];
    std::vector<std::max_align_t> buffer;
    LONG r = s.queryProvider<LINEADDRESSCAPS>(buffer, [&](LINEADDRESSCAPS *caps) {
        return s.tspi(dwDeviceID)
            .lineGetAddressCaps(dwDeviceID, dwAddressID, d.tspiVersion, 0, caps);
    });
    if (r != 0)
        return r;
    const void *src = buffer.data();
    reinterpret_cast<LINEADDRESSCAPS *>(buffer.data())->dwLineDeviceID = dwDeviceID;
    return repack(lpAddressCaps, src, sizeof(LINEADDRESSCAPS),
                  {ACD_FIELD(LINEADDRESSCAPS, Address, true),
                   ACD_FIELD(LINEADDRESSCAPS, DevSpecific, false),
                   ACD_FIELD(LINEADDRESSCAPS, CompletionMsgText, false),
                   ACD_FIELD(LINEADDRESSCAPS, CallTreatmentList, false),
                   ACD_FIELD(LINEADDRESSCAPS, DeviceClasses, false)},
                  encoding);
}

LONG Server::lineOpen(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine,
                      DWORD dwAPIVersion, DWORD dwExtVersion, DWORD_PTR dwCallbackInstance,
                      DWORD dwPrivileges, DWORD dwMediaModes, const LINECALLPARAMS *lpCallParams)
{
    (void)dwMediaModes; // every call is offered regardless of media mode (voice only)
    Impl &s = *m_impl;
    App *app = s.app(client, hLineApp);
    if (!app)
        return LINEERR_INVALAPPHANDLE;
    if (dwDeviceID == LINEMAPPER)
        return LINEERR_OPERATIONUNAVAIL; // no media-mode based line mapping
    if (dwDeviceID >= s.devices.size())
        return LINEERR_BADDEVICEID;
    if (!lphLine)
        return LINEERR_INVALPOINTER;
    auto negotiated = app->negotiated.find(dwDeviceID);
    if (negotiated == app->negotiated.end() || dwAPIVersion < kLowestApiVersion
        || dwAPIVersion > negotiated->second)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    if (dwExtVersion != 0)
        return LINEERR_INCOMPATIBLEEXTVERSION;
    DWORD privilege = dwPrivileges & ~kPrivilegeOptions;
    if (privilege & ~(LINECALLPRIVILEGE_NONE | LINECALLPRIVILEGE_MONITOR | LINECALLPRIVILEGE_OWNER))
        return LINEERR_INVALPRIVSELECT;
    if ((dwPrivileges & LINEOPENOPTION_PROXY) && (dwPrivileges & LINEOPENOPTION_SINGLEADDRESS))
        return LINEERR_INVALPRIVSELECT;
    Device &d = s.devices[dwDeviceID];

    std::vector<DWORD> proxyTypes;
    if (dwPrivileges & LINEOPENOPTION_PROXY) {
        if (!lpCallParams)
            return LINEERR_INVALPOINTER;
        if (lpCallParams->dwDevSpecificSize == 0 || lpCallParams->dwDevSpecificSize % 4 != 0
            || lpCallParams->dwDevSpecificOffset + lpCallParams->dwDevSpecificSize
                   > lpCallParams->dwTotalSize)
            return LINEERR_INVALCALLPARAMS;
        const auto *types =
            reinterpret_cast<const char *>(lpCallParams) + lpCallParams->dwDevSpecificOffset;
        for (DWORD i = 0; i < lpCallParams->dwDevSpecificSize / 4; ++i) {
            DWORD type;
            std::memcpy(&type, types + 4 * i, 4);
            if (type < 1 || type > kProxyRequestTypes)
                return LINEERR_INVALPARAM;
            if (d.proxies.count(type)
                || std::find(proxyTypes.begin(), proxyTypes.end(), type) != proxyTypes.end())
                return LINEERR_NOTREGISTERED;
            proxyTypes.push_back(type);
        }
    }
    if (d.opens.empty()) {
        LONG r = s.tspi(dwDeviceID)
                     .lineOpen(dwDeviceID, reinterpret_cast<HTAPILINE>(&d), &d.hdLine,
                               d.tspiVersion, serverLineEventProc());
        if (r != 0)
            return r;
    }
    HLINE h = s.newHandle();
    LineOpen &open = s.lines[h];
    open.handle = h;
    open.app = hLineApp;
    open.device = dwDeviceID;
    open.apiVersion = dwAPIVersion;
    open.instance = dwCallbackInstance;
    open.privileges = privilege;
    open.proxyTypes = proxyTypes;
    d.opens.insert(h);
    app->lines.insert(h);
    open.stationScoped = s.stationScopedClients.count(client) != 0;
    s.countClientOpen(d, dwDeviceID, client, open.stationScoped, +1);
    *lphLine = h;

    for (DWORD type : proxyTypes)
        d.proxies[type] = h;
    if (!proxyTypes.empty()) {
        for (HLINE other : d.opens) {
            if (other == h)
                continue;
            const LineOpen &o = s.lines.at(other);
            if (o.apiVersion < TAPI_VERSION2_2)
                continue;
            for (DWORD type : proxyTypes)
                s.sendToLine(o, other, LINE_PROXYSTATUS, LINEPROXYSTATUS_OPEN, type, 0);
            if (d.proxies.size() == kProxyRequestTypes)
                s.sendToLine(o, other, LINE_PROXYSTATUS, LINEPROXYSTATUS_ALLOPENFORACD, 0, 0);
        }
    }
    return 0;
}

LONG Server::lineClose(ClientId client, HLINE hLine)
{
    Impl &s = *m_impl;
    if (!s.line(client, hLine))
        return LINEERR_INVALLINEHANDLE;
    return s.closeLine(hLine, false);
}

LONG Server::Impl::closeLine(HLINE h, bool notifyApp)
{
    auto it = lines.find(h);
    if (it == lines.end())
        return LINEERR_INVALLINEHANDLE;
    LineOpen open = it->second;
    Device &d = devices[open.device];

    // A proxy closing: every request it still holds fails, the other apps hear of it.
    if (!open.proxyTypes.empty()) {
        std::vector<DWORD> pending;
        for (auto &[id, r] : requests)
            if (r.proxyLine == h)
                pending.push_back(id);
        for (DWORD id : pending)
            complete(id, LINEERR_OPERATIONFAILED);
        for (DWORD type : open.proxyTypes)
            d.proxies.erase(type);
    }
    if (notifyApp)
        sendToLine(open, h, LINE_CLOSE, 0, 0, 0);
    for (HCALL c : open.calls)
        if (callHandles.count(c)) {
            std::uint32_t callId = callHandles.at(c).call;
            removeHandle(c);
            releaseCallIfUnused(callId);
        }
    d.opens.erase(h);
    if (auto a = apps.find(open.app); a != apps.end())
        countClientOpen(d, open.device, a->second.client, open.stationScoped, -1);
    lines.erase(h);
    if (auto a = apps.find(open.app); a != apps.end())
        a->second.lines.erase(h);
    if (!open.proxyTypes.empty())
        for (HLINE other : d.opens) {
            const LineOpen &o = lines.at(other);
            if (o.apiVersion < TAPI_VERSION2_2)
                continue;
            for (DWORD type : open.proxyTypes)
                sendToLine(o, other, LINE_PROXYSTATUS, LINEPROXYSTATUS_CLOSE, type, 0);
        }
    if (d.opens.empty() && d.hdLine) {
        tspi(open.device).lineClose(d.hdLine);
        d.hdLine = nullptr;
    }
    return 0;
}

LONG Server::lineGetAddressStatus(ClientId client, HLINE hLine, DWORD dwAddressID,
                                  LPLINEADDRESSSTATUS lpAddressStatus, StringEncoding encoding)
{
    Impl &s = *m_impl;
    LineOpen *open = s.line(client, hLine);
    if (!open)
        return LINEERR_INVALLINEHANDLE;
    Device &d = s.devices[open->device];
    if (dwAddressID >= d.numAddresses)
        return LINEERR_INVALADDRESSID;
    if (!lpAddressStatus)
        return LINEERR_INVALPOINTER;
    std::vector<std::max_align_t> buffer;
    LONG r = s.queryProvider<LINEADDRESSSTATUS>(buffer, [&](LINEADDRESSSTATUS *status) {
        return s.tspi(open->device).lineGetAddressStatus(d.hdLine, dwAddressID, status);
    });
    if (r != 0)
        return r;
    const void *src = buffer.data();
    return repack(lpAddressStatus, src, sizeof(LINEADDRESSSTATUS),
                  {ACD_FIELD(LINEADDRESSSTATUS, Forward, false),
                   ACD_FIELD(LINEADDRESSSTATUS, TerminalModes, false),
                   ACD_FIELD(LINEADDRESSSTATUS, DevSpecific, false)},
                  encoding);
}

LONG Server::lineSetStatusMessages(ClientId client, HLINE hLine, DWORD dwLineStates,
                                   DWORD dwAddressStates)
{
    Impl &s = *m_impl;
    LineOpen *open = s.line(client, hLine);
    if (!open)
        return LINEERR_INVALLINEHANDLE;
    constexpr DWORD kLineStates = (LINEDEVSTATE_REMOVED << 1) - 1;
    constexpr DWORD kAddressStates = (LINEADDRESSSTATE_CAPSCHANGE << 1) - 1;
    if (dwLineStates & ~kLineStates)
        return LINEERR_INVALLINESTATE;
    if (dwAddressStates & ~kAddressStates)
        return LINEERR_INVALADDRESSSTATE;
    open->lineStates = dwLineStates;
    open->addressStates = dwAddressStates;
    return 0;
}

LONG Server::lineGetID(ClientId client, HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                       LPVARSTRING lpDeviceID, const char *lpszDeviceClass, StringEncoding encoding)
{
    (void)encoding; // the only class answered is binary
    Impl &s = *m_impl;
    DWORD device = 0;
    switch (dwSelect) {
    case LINECALLSELECT_LINE:
    case LINECALLSELECT_ADDRESS: {
        LineOpen *open = s.line(client, hLine);
        if (!open)
            return LINEERR_INVALLINEHANDLE;
        device = open->device;
        if (dwSelect == LINECALLSELECT_ADDRESS && dwAddressID >= s.devices[device].numAddresses)
            return LINEERR_INVALADDRESSID;
        break;
    }
    case LINECALLSELECT_CALL: {
        CallHandle *call = s.callHandle(client, hCall);
        if (!call)
            return LINEERR_INVALCALLHANDLE;
        device = s.lines.at(call->line).device;
        break;
    }
    default:
        return LINEERR_INVALCALLSELECT;
    }
    if (!lpDeviceID || !lpszDeviceClass)
        return LINEERR_INVALPOINTER;
    if (std::strcmp(lpszDeviceClass, "tapi/line") != 0)
        return LINEERR_INVALDEVICECLASS;
    VARSTRING fixed{};
    fixed.dwStringFormat = STRINGFORMAT_BINARY;
    std::string_view id(reinterpret_cast<const char *>(&device), sizeof device);
    return repack(lpDeviceID, &fixed, sizeof(VARSTRING),
                  {VarField{offsetof(VARSTRING, dwStringSize), offsetof(VARSTRING, dwStringOffset),
                            id, false}},
                  StringEncoding::Utf8);
}

#undef ACD_FIELD

} // namespace acd::tapi
