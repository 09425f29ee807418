#pragma once
// The TAPI server: what tapisrv is on Windows, over the providers of tsp-bridge.
//
// It owns line applications, the device table, handles, calls, asynchronous requests and the
// proxy registry. It is single-threaded: every method runs on the engine thread, and provider
// callbacks reach it through the `post` function given at construction (they never touch its
// state directly). Bindings (libtapi in process, the network front) call it with the ClientId
// of the caller so a handle of another client is refused like a stale one.
//
// The methods mirror the TAPI functions of tapi.h with the same parameters, return values and
// rules: synchronous ones return 0 or a negative LINEERR_; asynchronous ones return a positive
// request ID or a negative LINEERR_, and complete exactly once with LINE_REPLY. Output buffers
// passed to an asynchronous method are written on the engine thread just before its LINE_REPLY
// is delivered, so they must stay valid until then (as in TAPI). Strings are UTF-8; structures
// the server fills take the caller's StringEncoding (A functions: Utf8, W functions: Utf16).
#include "acd/tapi/var_struct.h" // StringEncoding
#include "tapi.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace acd::tsp {
class ProviderLoader;
}

namespace acd::tapi {

using ClientId = std::uint32_t;

/// The ClientId of the engine's own line applications (the ACD proxy and call router).
inline constexpr ClientId kEngineClient = 0;

/// Receives one line application's messages. Called on the engine thread; must not block
/// and must not call back into the server (queue the message and return).
class MessageSink {
public:
    virtual ~MessageSink() = default;
    /// For LINE_PROXYREQUEST, dwParam1 points to a LINEPROXYREQUEST owned by the server, valid
    /// until lineProxyResponse; dwParam2 is the requesting app's STRINGFORMAT_ (ASCII = UTF-8,
    /// UNICODE = UTF-16) for the strings the proxy writes into the embedded structure.
    virtual void deliver(const LINEMESSAGE &message) = 0;
};

/// Who runs an application (shown to proxies in LINEPROXYREQUEST).
struct AppIdentity {
    std::string userName;
    std::string machineName;
};

/// Runs work on the engine thread later (never inline).
using Post = std::function<void(std::function<void()>)>;

/// A hook the engine's ACD uses: called when a new call appears on a line, before any
/// application hears of it, with the call's provider-reported LINECALLINFO; returns the call
/// data (LINECALLINFO CallData) the call starts with, or an empty vector.
using NewCallHook = std::function<std::vector<BYTE>(DWORD deviceId, const LINECALLINFO &info)>;

class Server {
public:
    /// Handles of calls that went IDLE an application may hold per open line without
    /// deallocating them. Beyond this the server deallocates the oldest (lineDeallocateCall
    /// on them then returns LINEERR_INVALCALLHANDLE): Windows keeps them until the line is
    /// closed, but a remote program that never deallocates would grow the engine's memory by
    /// a handle per call for as long as it stays connected.
    static constexpr std::size_t kMaxIdleCallHandlesPerLine = 256;

    /// `providers` must be loaded already (device IDs 0..totalLines()-1) and outlive the server.
    /// The loader's ASYNC_COMPLETION must be Server::providerCompletion.
    Server(tsp::ProviderLoader &providers, Post post);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    /// The ASYNC_COMPLETION procedure to give the ProviderLoader (one server per process).
    static void CALLBACK providerCompletion(DWORD requestId, LONG result);

    void setNewCallHook(NewCallHook hook);
    /// Number of line devices.
    DWORD numDevices() const;
    /// The devices some application of a client other than kEngineClient has open: the only
    /// ones where the ACD's status messages reach anyone.
    const std::set<DWORD> &devicesOpenedByClients() const;
    /// Marks a client as station-scoped (the engine service does so for agent users): the
    /// lines it opens from now on do not receive the ACD's center-wide status messages, only
    /// those of the agent and sessions at their station and, coalesced, the queues' (see
    /// acd_proxy.h). An agent desktop needs no more, and a center of thousands of desktops
    /// cannot afford to send each of them every agent's and queue's change.
    void setStationScoped(ClientId client, bool scoped);
    /// Devices some non-scoped client (other than kEngineClient) has open: where every ACD
    /// status message goes.
    const std::set<DWORD> &devicesWantingAllAcdStatus() const;
    /// Devices some station-scoped client has open.
    const std::set<DWORD> &devicesOfStationScopedClients() const;
    /// The device ID of the line whose first address is `address` (a station extension or a
    /// route point), or LINEMAPPER when there is none.
    DWORD deviceByAddress(const std::string &address) const;
    /// The first address of a line device (its extension or route point number); empty for
    /// an unknown device or one whose provider names no address.
    std::string deviceAddress(DWORD deviceId) const;

    // ---- Applications and devices (synchronous) ----------------------------------------
    LONG lineInitializeEx(ClientId client, LPHLINEAPP lphLineApp, std::shared_ptr<MessageSink> sink,
                          const char *friendlyAppName, const AppIdentity &identity,
                          LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion);
    LONG lineShutdown(ClientId client, HLINEAPP hLineApp);
    LONG lineNegotiateAPIVersion(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID,
                                 DWORD dwAPILowVersion, DWORD dwAPIHighVersion,
                                 LPDWORD lpdwAPIVersion, LPLINEEXTENSIONID lpExtensionID);
    LONG lineGetDevCaps(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                        DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps, StringEncoding encoding);
    LONG lineGetAddressCaps(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                            DWORD dwAPIVersion, DWORD dwExtVersion, LPLINEADDRESSCAPS lpAddressCaps,
                            StringEncoding encoding);
    LONG lineOpen(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine,
                  DWORD dwAPIVersion, DWORD dwExtVersion, DWORD_PTR dwCallbackInstance,
                  DWORD dwPrivileges, DWORD dwMediaModes, const LINECALLPARAMS *lpCallParams);
    LONG lineClose(ClientId client, HLINE hLine);
    LONG lineGetAddressStatus(ClientId client, HLINE hLine, DWORD dwAddressID,
                              LPLINEADDRESSSTATUS lpAddressStatus, StringEncoding encoding);
    LONG lineSetStatusMessages(ClientId client, HLINE hLine, DWORD dwLineStates,
                               DWORD dwAddressStates);
    LONG lineGetID(ClientId client, HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                   LPVARSTRING lpDeviceID, const char *lpszDeviceClass, StringEncoding encoding);
    LONG lineGetNewCalls(ClientId client, HLINE hLine, DWORD dwAddressID, DWORD dwSelect,
                         LPLINECALLLIST lpCallList);

    // ---- Calls ----------------------------------------------------------------------------
    LONG lineMakeCall(ClientId client, HLINE hLine, LPHCALL lphCall, const char *lpszDestAddress,
                      DWORD dwCountryCode, const LINECALLPARAMS *lpCallParams);
    LONG lineDial(ClientId client, HCALL hCall, const char *lpszDestAddress, DWORD dwCountryCode);
    LONG lineAnswer(ClientId client, HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
    LONG lineDrop(ClientId client, HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
    LONG lineHold(ClientId client, HCALL hCall);
    LONG lineUnhold(ClientId client, HCALL hCall);
    LONG lineSwapHold(ClientId client, HCALL hActiveCall, HCALL hHeldCall);
    LONG lineBlindTransfer(ClientId client, HCALL hCall, const char *lpszDestAddress,
                           DWORD dwCountryCode);
    LONG lineSetupTransfer(ClientId client, HCALL hCall, LPHCALL lphConsultCall,
                           const LINECALLPARAMS *lpCallParams);
    LONG lineCompleteTransfer(ClientId client, HCALL hCall, HCALL hConsultCall, LPHCALL lphConfCall,
                              DWORD dwTransferMode);
    LONG lineRedirect(ClientId client, HCALL hCall, const char *lpszDestAddress,
                      DWORD dwCountryCode);
    LONG lineSetCallData(ClientId client, HCALL hCall, LPVOID lpCallData, DWORD dwSize);
    LONG lineGetCallInfo(ClientId client, HCALL hCall, LPLINECALLINFO lpCallInfo,
                         StringEncoding encoding);
    LONG lineGetCallStatus(ClientId client, HCALL hCall, LPLINECALLSTATUS lpCallStatus);
    LONG lineDeallocateCall(ClientId client, HCALL hCall);
    LONG lineSetCallPrivilege(ClientId client, HCALL hCall, DWORD dwCallPrivilege);

    // ---- Call-center functions (all asynchronous through the proxy, except the three
    //      the proxy itself calls and lineGetProxyStatus) ----------------------------------
    LONG lineAgentSpecific(ClientId client, HLINE hLine, DWORD dwAddressID,
                           DWORD dwAgentExtensionIDIndex, LPVOID lpParams, DWORD dwSize);
    LONG lineGetAgentActivityList(ClientId client, HLINE hLine, DWORD dwAddressID,
                                  LPLINEAGENTACTIVITYLIST lpList, StringEncoding encoding);
    LONG lineGetAgentCaps(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                          DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps,
                          StringEncoding encoding);
    LONG lineGetAgentGroupList(ClientId client, HLINE hLine, DWORD dwAddressID,
                               LPLINEAGENTGROUPLIST lpList, StringEncoding encoding);
    LONG lineGetAgentStatus(ClientId client, HLINE hLine, DWORD dwAddressID,
                            LPLINEAGENTSTATUS lpAgentStatus, StringEncoding encoding);
    LONG lineSetAgentActivity(ClientId client, HLINE hLine, DWORD dwAddressID, DWORD dwActivityID);
    LONG lineSetAgentGroup(ClientId client, HLINE hLine, DWORD dwAddressID,
                           const LINEAGENTGROUPLIST *lpAgentGroupList);
    LONG lineSetAgentState(ClientId client, HLINE hLine, DWORD dwAddressID, DWORD dwAgentState,
                           DWORD dwNextAgentState);
    LONG lineCreateAgent(ClientId client, HLINE hLine, const char *lpszAgentID,
                         const char *lpszAgentPIN, LPHAGENT lphAgent);
    LONG lineCreateAgentSession(ClientId client, HLINE hLine, HAGENT hAgent,
                                const char *lpszAgentPIN, DWORD dwWorkingAddressID,
                                const GUID *lpGroupID, LPHAGENTSESSION lphAgentSession);
    LONG lineGetAgentInfo(ClientId client, HLINE hLine, HAGENT hAgent, LPLINEAGENTINFO lpAgentInfo);
    LONG lineGetAgentSessionInfo(ClientId client, HLINE hLine, HAGENTSESSION hAgentSession,
                                 LPLINEAGENTSESSIONINFO lpInfo);
    LONG lineGetAgentSessionList(ClientId client, HLINE hLine, HAGENT hAgent,
                                 LPLINEAGENTSESSIONLIST lpList);
    LONG lineGetGroupList(ClientId client, HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList,
                          StringEncoding encoding);
    LONG lineGetQueueInfo(ClientId client, HLINE hLine, DWORD dwQueueID,
                          LPLINEQUEUEINFO lpQueueInfo);
    LONG lineGetQueueList(ClientId client, HLINE hLine, const GUID *lpGroupID,
                          LPLINEQUEUELIST lpQueueList, StringEncoding encoding);
    LONG lineSetAgentMeasurementPeriod(ClientId client, HLINE hLine, HAGENT hAgent,
                                       DWORD dwMeasurementPeriod);
    LONG lineSetAgentSessionState(ClientId client, HLINE hLine, HAGENTSESSION hAgentSession,
                                  DWORD dwAgentSessionState, DWORD dwNextAgentSessionState);
    LONG lineSetAgentStateEx(ClientId client, HLINE hLine, HAGENT hAgent, DWORD dwAgentState,
                             DWORD dwNextAgentState);
    LONG lineSetQueueMeasurementPeriod(ClientId client, HLINE hLine, DWORD dwQueueID,
                                       DWORD dwMeasurementPeriod);
    LONG lineGetProxyStatus(ClientId client, HLINEAPP hLineApp, DWORD dwDeviceID,
                            DWORD dwAppAPIVersion, LPLINEPROXYREQUESTLIST lpList);
    LONG lineProxyMessage(ClientId client, HLINE hLine, HCALL hCall, DWORD dwMsg, DWORD dwParam1,
                          DWORD dwParam2, DWORD dwParam3);
    LONG lineProxyResponse(ClientId client, HLINE hLine, LPLINEPROXYREQUEST lpProxyRequest,
                           DWORD dwResult);

    // ---- Client lifetime ------------------------------------------------------------------
    /// The client went away: shuts down its applications (proxies close, their pending
    /// requests fail with LINEERR_OPERATIONFAILED, their lines close).
    void dropClient(ClientId client);

    class Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace acd::tapi
