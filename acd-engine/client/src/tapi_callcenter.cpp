// The call-center functions of tapi.h (section 10): forwarded to the binding; W entry points
// convert their strings to UTF-8 and ask for UTF-16 structures.
#include "exports.h"

using namespace acd::tapi::client;

namespace {
constexpr LONG kNoApp = LINEERR_INVALAPPHANDLE;
constexpr LONG kNoLine = LINEERR_INVALLINEHANDLE;
constexpr StringEncoding kA = StringEncoding::Utf8;
constexpr StringEncoding kW = StringEncoding::Utf16;
} // namespace

TAPI_EXPORT LONG WINAPI lineAgentSpecific(HLINE hLine, DWORD dwAddressID,
                                          DWORD dwAgentExtensionIDIndex, LPVOID lpParams,
                                          DWORD dwSize)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineAgentSpecific(hLine, dwAddressID, dwAgentExtensionIDIndex, lpParams, dwSize);
    });
}

TAPI_EXPORT LONG WINAPI lineGetAgentActivityListA(HLINE hLine, DWORD dwAddressID,
                                                  LPLINEAGENTACTIVITYLIST lpAgentActivityList)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentActivityList(hLine, dwAddressID, lpAgentActivityList, kA);
    });
}
TAPI_EXPORT LONG WINAPI lineGetAgentActivityListW(HLINE hLine, DWORD dwAddressID,
                                                  LPLINEAGENTACTIVITYLIST lpAgentActivityList)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentActivityList(hLine, dwAddressID, lpAgentActivityList, kW);
    });
}

TAPI_EXPORT LONG WINAPI lineGetAgentCapsA(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                          DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps)
{
    return withBinding(kNoApp, [&](Binding &b) {
        return b.lineGetAgentCaps(hLineApp, dwDeviceID, dwAddressID, dwAppAPIVersion, lpAgentCaps,
                                  kA);
    });
}
TAPI_EXPORT LONG WINAPI lineGetAgentCapsW(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                          DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps)
{
    return withBinding(kNoApp, [&](Binding &b) {
        return b.lineGetAgentCaps(hLineApp, dwDeviceID, dwAddressID, dwAppAPIVersion, lpAgentCaps,
                                  kW);
    });
}

TAPI_EXPORT LONG WINAPI lineGetAgentGroupListA(HLINE hLine, DWORD dwAddressID,
                                               LPLINEAGENTGROUPLIST lpAgentGroupList)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentGroupList(hLine, dwAddressID, lpAgentGroupList, kA);
    });
}
TAPI_EXPORT LONG WINAPI lineGetAgentGroupListW(HLINE hLine, DWORD dwAddressID,
                                               LPLINEAGENTGROUPLIST lpAgentGroupList)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentGroupList(hLine, dwAddressID, lpAgentGroupList, kW);
    });
}

TAPI_EXPORT LONG WINAPI lineGetAgentStatusA(HLINE hLine, DWORD dwAddressID,
                                            LPLINEAGENTSTATUS lpAgentStatus)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentStatus(hLine, dwAddressID, lpAgentStatus, kA);
    });
}
TAPI_EXPORT LONG WINAPI lineGetAgentStatusW(HLINE hLine, DWORD dwAddressID,
                                            LPLINEAGENTSTATUS lpAgentStatus)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentStatus(hLine, dwAddressID, lpAgentStatus, kW);
    });
}

TAPI_EXPORT LONG WINAPI lineSetAgentActivity(HLINE hLine, DWORD dwAddressID, DWORD dwActivityID)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetAgentActivity(hLine, dwAddressID, dwActivityID);
    });
}

TAPI_EXPORT LONG WINAPI lineSetAgentGroup(HLINE hLine, DWORD dwAddressID,
                                          LPLINEAGENTGROUPLIST lpAgentGroupList)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetAgentGroup(hLine, dwAddressID, lpAgentGroupList);
    });
}

TAPI_EXPORT LONG WINAPI lineSetAgentState(HLINE hLine, DWORD dwAddressID, DWORD dwAgentState,
                                          DWORD dwNextAgentState)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetAgentState(hLine, dwAddressID, dwAgentState, dwNextAgentState);
    });
}

TAPI_EXPORT LONG WINAPI lineProxyMessage(HLINE hLine, HCALL hCall, DWORD dwMsg, DWORD dwParam1,
                                         DWORD dwParam2, DWORD dwParam3)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineProxyMessage(hLine, hCall, dwMsg, dwParam1, dwParam2, dwParam3);
    });
}

TAPI_EXPORT LONG WINAPI lineProxyResponse(HLINE hLine, LPLINEPROXYREQUEST lpProxyRequest,
                                          DWORD dwResult)
{
    return withBinding(
        kNoLine, [&](Binding &b) { return b.lineProxyResponse(hLine, lpProxyRequest, dwResult); });
}

TAPI_EXPORT LONG WINAPI lineCreateAgentA(HLINE hLine, LPSTR lpszAgentID, LPSTR lpszAgentPIN,
                                         LPHAGENT lphAgent)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineCreateAgent(hLine, lpszAgentID, lpszAgentPIN, lphAgent);
    });
}
TAPI_EXPORT LONG WINAPI lineCreateAgentW(HLINE hLine, LPWSTR lpszAgentID, LPWSTR lpszAgentPIN,
                                         LPHAGENT lphAgent)
{
    return withBinding(kNoLine, [&](Binding &b) {
        const Utf8Arg agentId(lpszAgentID);
        const Utf8Arg pin(lpszAgentPIN);
        return b.lineCreateAgent(hLine, agentId.get(), pin.get(), lphAgent);
    });
}

TAPI_EXPORT LONG WINAPI lineCreateAgentSessionA(HLINE hLine, HAGENT hAgent, LPSTR lpszAgentPIN,
                                                DWORD dwWorkingAddressID, LPGUID lpGroupID,
                                                LPHAGENTSESSION lphAgentSession)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineCreateAgentSession(hLine, hAgent, lpszAgentPIN, dwWorkingAddressID, lpGroupID,
                                        lphAgentSession);
    });
}
TAPI_EXPORT LONG WINAPI lineCreateAgentSessionW(HLINE hLine, HAGENT hAgent, LPWSTR lpszAgentPIN,
                                                DWORD dwWorkingAddressID, LPGUID lpGroupID,
                                                LPHAGENTSESSION lphAgentSession)
{
    return withBinding(kNoLine, [&](Binding &b) {
        const Utf8Arg pin(lpszAgentPIN);
        return b.lineCreateAgentSession(hLine, hAgent, pin.get(), dwWorkingAddressID, lpGroupID,
                                        lphAgentSession);
    });
}

TAPI_EXPORT LONG WINAPI lineGetAgentInfo(HLINE hLine, HAGENT hAgent, LPLINEAGENTINFO lpAgentInfo)
{
    return withBinding(kNoLine,
                       [&](Binding &b) { return b.lineGetAgentInfo(hLine, hAgent, lpAgentInfo); });
}

TAPI_EXPORT LONG WINAPI lineGetAgentSessionInfo(HLINE hLine, HAGENTSESSION hAgentSession,
                                                LPLINEAGENTSESSIONINFO lpAgentSessionInfo)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentSessionInfo(hLine, hAgentSession, lpAgentSessionInfo);
    });
}

TAPI_EXPORT LONG WINAPI lineGetAgentSessionList(HLINE hLine, HAGENT hAgent,
                                                LPLINEAGENTSESSIONLIST lpAgentSessionList)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAgentSessionList(hLine, hAgent, lpAgentSessionList);
    });
}

TAPI_EXPORT LONG WINAPI lineGetGroupListA(HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList)
{
    return withBinding(kNoLine,
                       [&](Binding &b) { return b.lineGetGroupList(hLine, lpGroupList, kA); });
}
TAPI_EXPORT LONG WINAPI lineGetGroupListW(HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList)
{
    return withBinding(kNoLine,
                       [&](Binding &b) { return b.lineGetGroupList(hLine, lpGroupList, kW); });
}

TAPI_EXPORT LONG WINAPI lineGetProxyStatus(HLINEAPP hLineApp, DWORD dwDeviceID,
                                           DWORD dwAppAPIVersion,
                                           LPLINEPROXYREQUESTLIST lpLineProxyRequestList)
{
    return withBinding(kNoApp, [&](Binding &b) {
        return b.lineGetProxyStatus(hLineApp, dwDeviceID, dwAppAPIVersion, lpLineProxyRequestList);
    });
}

TAPI_EXPORT LONG WINAPI lineGetQueueInfo(HLINE hLine, DWORD dwQueueID,
                                         LPLINEQUEUEINFO lpLineQueueInfo)
{
    return withBinding(
        kNoLine, [&](Binding &b) { return b.lineGetQueueInfo(hLine, dwQueueID, lpLineQueueInfo); });
}

TAPI_EXPORT LONG WINAPI lineGetQueueListA(HLINE hLine, LPGUID lpGroupID,
                                          LPLINEQUEUELIST lpQueueList)
{
    return withBinding(
        kNoLine, [&](Binding &b) { return b.lineGetQueueList(hLine, lpGroupID, lpQueueList, kA); });
}
TAPI_EXPORT LONG WINAPI lineGetQueueListW(HLINE hLine, LPGUID lpGroupID,
                                          LPLINEQUEUELIST lpQueueList)
{
    return withBinding(
        kNoLine, [&](Binding &b) { return b.lineGetQueueList(hLine, lpGroupID, lpQueueList, kW); });
}

TAPI_EXPORT LONG WINAPI lineSetAgentMeasurementPeriod(HLINE hLine, HAGENT hAgent,
                                                      DWORD dwMeasurementPeriod)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetAgentMeasurementPeriod(hLine, hAgent, dwMeasurementPeriod);
    });
}

TAPI_EXPORT LONG WINAPI lineSetAgentSessionState(HLINE hLine, HAGENTSESSION hAgentSession,
                                                 DWORD dwAgentSessionState,
                                                 DWORD dwNextAgentSessionState)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetAgentSessionState(hLine, hAgentSession, dwAgentSessionState,
                                          dwNextAgentSessionState);
    });
}

TAPI_EXPORT LONG WINAPI lineSetAgentStateEx(HLINE hLine, HAGENT hAgent, DWORD dwAgentState,
                                            DWORD dwNextAgentState)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetAgentStateEx(hLine, hAgent, dwAgentState, dwNextAgentState);
    });
}

TAPI_EXPORT LONG WINAPI lineSetQueueMeasurementPeriod(HLINE hLine, DWORD dwQueueID,
                                                      DWORD dwMeasurementPeriod)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetQueueMeasurementPeriod(hLine, dwQueueID, dwMeasurementPeriod);
    });
}
