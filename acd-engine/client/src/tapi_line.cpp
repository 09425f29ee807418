// The line functions of tapi.h: validation that needs no engine, the notification models,
// and forwarding to the binding (W entry points convert their strings to UTF-8 and ask for
// UTF-16 structures).
#include "exports.h"

using namespace acd::tapi::client;

namespace {

constexpr LONG kNoApp = LINEERR_INVALAPPHANDLE;
constexpr LONG kNoLine = LINEERR_INVALLINEHANDLE;
constexpr LONG kNoCall = LINEERR_INVALCALLHANDLE;
// LINEINITIALIZEEXOPTION_CALLHUBTRACKING (TAPI 3.0) may be OR'd into dwOptions; it is ignored.
constexpr DWORD kCallHubTracking = 0x80000000;

LONG initializeEx(LPHLINEAPP lphLineApp, LINECALLBACK lpfnCallback, const char *friendlyName,
                  LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                  LPLINEINITIALIZEEXPARAMS params) noexcept
{
    try {
        if (!lphLineApp || !lpdwNumDevs || !lpdwAPIVersion)
            return LINEERR_INVALPOINTER;
        AppQueue::Model model = AppQueue::Model::Callback;
        if (params) {
            if (params->dwTotalSize < sizeof(LINEINITIALIZEEXPARAMS)) {
                params->dwNeededSize = sizeof(LINEINITIALIZEEXPARAMS);
                return LINEERR_STRUCTURETOOSMALL;
            }
            switch (params->dwOptions & ~kCallHubTracking) {
            case LINEINITIALIZEEXOPTION_USEHIDDENWINDOW:
                model = AppQueue::Model::Callback;
                break;
            case LINEINITIALIZEEXOPTION_USEEVENT:
                model = AppQueue::Model::Event;
                break;
            default: // USECOMPLETIONPORT has no Linux equivalent: not supported
                return LINEERR_INVALPARAM;
            }
        }
        if (model == AppQueue::Model::Callback && !lpfnCallback)
            return LINEERR_INVALPOINTER;
        if (*lpdwAPIVersion < TAPI_VERSION2_0)
            return LINEERR_INCOMPATIBLEAPIVERSION;

        std::shared_ptr<Binding> binding = bindingOrStartHost();
        if (!binding)
            return LINEERR_NODRIVER;
        std::shared_ptr<AppQueue> queue = model == AppQueue::Model::Event
                                              ? AppQueue::createEvent()
                                              : AppQueue::createCallback(lpfnCallback);
        if (!queue)
            return LINEERR_NOMEM;
        HLINEAPP hLineApp = 0;
        const LONG result = binding->lineInitializeEx(
            &hLineApp, queue, friendlyName, currentIdentity(), lpdwNumDevs, lpdwAPIVersion);
        if (result != 0) {
            queue->stop();
            return result;
        }
        registerApp(hLineApp, queue);
        *lphLineApp = hLineApp;
        if (params) {
            params->dwNeededSize = sizeof(LINEINITIALIZEEXPARAMS);
            params->dwUsedSize = sizeof(LINEINITIALIZEEXPARAMS);
            if (model == AppQueue::Model::Event)
                params->Handles.hEvent = reinterpret_cast<HANDLE>(intptr_t(queue->eventFd()));
        }
        return 0;
    } catch (...) {
        return LINEERR_OPERATIONFAILED;
    }
}

} // namespace

TAPI_EXPORT LONG WINAPI lineInitializeExA(LPHLINEAPP lphLineApp, HINSTANCE,
                                          LINECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                                          LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                                          LPLINEINITIALIZEEXPARAMS lpLineInitializeExParams)
{
    return initializeEx(lphLineApp, lpfnCallback, lpszFriendlyAppName, lpdwNumDevs, lpdwAPIVersion,
                        lpLineInitializeExParams);
}

TAPI_EXPORT LONG WINAPI lineInitializeExW(LPHLINEAPP lphLineApp, HINSTANCE,
                                          LINECALLBACK lpfnCallback, LPCWSTR lpszFriendlyAppName,
                                          LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                                          LPLINEINITIALIZEEXPARAMS lpLineInitializeExParams)
{
    try {
        const Utf8Arg name(lpszFriendlyAppName);
        return initializeEx(lphLineApp, lpfnCallback, name.get(), lpdwNumDevs, lpdwAPIVersion,
                            lpLineInitializeExParams);
    } catch (...) {
        return LINEERR_NOMEM;
    }
}

// The server shuts the application down first (no more deliveries), then the queue stops:
// a thread blocked in lineGetMessage returns LINEERR_INVALAPPHANDLE, the callback dispatcher
// ends, and the event fd is closed before lineShutdown returns.
TAPI_EXPORT LONG WINAPI lineShutdown(HLINEAPP hLineApp)
{
    return withBinding(kNoApp, [&](Binding &b) {
        const LONG result = b.lineShutdown(hLineApp);
        if (result == 0)
            if (std::shared_ptr<AppQueue> queue = takeApp(hLineApp))
                queue->stop();
        return result;
    });
}

TAPI_EXPORT LONG WINAPI lineGetMessage(HLINEAPP hLineApp, LPLINEMESSAGE lpMessage, DWORD dwTimeout)
{
    try {
        std::shared_ptr<AppQueue> queue = findApp(hLineApp);
        if (!queue || queue->model() != AppQueue::Model::Event)
            return LINEERR_INVALAPPHANDLE;
        if (!lpMessage)
            return LINEERR_INVALPOINTER;
        return queue->getMessage(*lpMessage, dwTimeout);
    } catch (...) {
        return LINEERR_OPERATIONFAILED;
    }
}

TAPI_EXPORT LONG WINAPI lineNegotiateAPIVersion(HLINEAPP hLineApp, DWORD dwDeviceID,
                                                DWORD dwAPILowVersion, DWORD dwAPIHighVersion,
                                                LPDWORD lpdwAPIVersion,
                                                LPLINEEXTENSIONID lpExtensionID)
{
    return withBinding(kNoApp, [&](Binding &b) {
        return b.lineNegotiateAPIVersion(hLineApp, dwDeviceID, dwAPILowVersion, dwAPIHighVersion,
                                         lpdwAPIVersion, lpExtensionID);
    });
}

static LONG getDevCaps(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion, DWORD dwExtVersion,
                       LPLINEDEVCAPS caps, StringEncoding encoding)
{
    return withBinding(kNoApp, [&](Binding &b) {
        return b.lineGetDevCaps(hLineApp, dwDeviceID, dwAPIVersion, dwExtVersion, caps, encoding);
    });
}
TAPI_EXPORT LONG WINAPI lineGetDevCapsA(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                        DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps)
{
    return getDevCaps(hLineApp, dwDeviceID, dwAPIVersion, dwExtVersion, lpLineDevCaps,
                      StringEncoding::Utf8);
}
TAPI_EXPORT LONG WINAPI lineGetDevCapsW(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                        DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps)
{
    return getDevCaps(hLineApp, dwDeviceID, dwAPIVersion, dwExtVersion, lpLineDevCaps,
                      StringEncoding::Utf16);
}

static LONG getAddressCaps(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                           DWORD dwAPIVersion, DWORD dwExtVersion, LPLINEADDRESSCAPS caps,
                           StringEncoding encoding)
{
    return withBinding(kNoApp, [&](Binding &b) {
        return b.lineGetAddressCaps(hLineApp, dwDeviceID, dwAddressID, dwAPIVersion, dwExtVersion,
                                    caps, encoding);
    });
}
TAPI_EXPORT LONG WINAPI lineGetAddressCapsA(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                            DWORD dwAPIVersion, DWORD dwExtVersion,
                                            LPLINEADDRESSCAPS lpAddressCaps)
{
    return getAddressCaps(hLineApp, dwDeviceID, dwAddressID, dwAPIVersion, dwExtVersion,
                          lpAddressCaps, StringEncoding::Utf8);
}
TAPI_EXPORT LONG WINAPI lineGetAddressCapsW(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                            DWORD dwAPIVersion, DWORD dwExtVersion,
                                            LPLINEADDRESSCAPS lpAddressCaps)
{
    return getAddressCaps(hLineApp, dwDeviceID, dwAddressID, dwAPIVersion, dwExtVersion,
                          lpAddressCaps, StringEncoding::Utf16);
}

TAPI_EXPORT LONG WINAPI lineGetAddressStatusA(HLINE hLine, DWORD dwAddressID,
                                              LPLINEADDRESSSTATUS lpAddressStatus)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAddressStatus(hLine, dwAddressID, lpAddressStatus, StringEncoding::Utf8);
    });
}
TAPI_EXPORT LONG WINAPI lineGetAddressStatusW(HLINE hLine, DWORD dwAddressID,
                                              LPLINEADDRESSSTATUS lpAddressStatus)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetAddressStatus(hLine, dwAddressID, lpAddressStatus, StringEncoding::Utf16);
    });
}

// lineOpenW: LINECALLPARAMS strings are passed through as they are (see docs/tapi-client.md).
static LONG openLine(HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine, DWORD dwAPIVersion,
                     DWORD dwExtVersion, DWORD_PTR dwCallbackInstance, DWORD dwPrivileges,
                     DWORD dwMediaModes, const LINECALLPARAMS *lpCallParams)
{
    return withBinding(kNoApp, [&](Binding &b) {
        return b.lineOpen(hLineApp, dwDeviceID, lphLine, dwAPIVersion, dwExtVersion,
                          dwCallbackInstance, dwPrivileges, dwMediaModes, lpCallParams);
    });
}
TAPI_EXPORT LONG WINAPI lineOpenA(HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine,
                                  DWORD dwAPIVersion, DWORD dwExtVersion,
                                  DWORD_PTR dwCallbackInstance, DWORD dwPrivileges,
                                  DWORD dwMediaModes, LPLINECALLPARAMS const lpCallParams)
{
    return openLine(hLineApp, dwDeviceID, lphLine, dwAPIVersion, dwExtVersion, dwCallbackInstance,
                    dwPrivileges, dwMediaModes, lpCallParams);
}
TAPI_EXPORT LONG WINAPI lineOpenW(HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine,
                                  DWORD dwAPIVersion, DWORD dwExtVersion,
                                  DWORD_PTR dwCallbackInstance, DWORD dwPrivileges,
                                  DWORD dwMediaModes, LPLINECALLPARAMS const lpCallParams)
{
    return openLine(hLineApp, dwDeviceID, lphLine, dwAPIVersion, dwExtVersion, dwCallbackInstance,
                    dwPrivileges, dwMediaModes, lpCallParams);
}

TAPI_EXPORT LONG WINAPI lineClose(HLINE hLine)
{
    return withBinding(kNoLine, [&](Binding &b) { return b.lineClose(hLine); });
}

TAPI_EXPORT LONG WINAPI lineMakeCallA(HLINE hLine, LPHCALL lphCall, LPCSTR lpszDestAddress,
                                      DWORD dwCountryCode, LPLINECALLPARAMS const lpCallParams)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineMakeCall(hLine, lphCall, lpszDestAddress, dwCountryCode, lpCallParams);
    });
}
TAPI_EXPORT LONG WINAPI lineMakeCallW(HLINE hLine, LPHCALL lphCall, LPCWSTR lpszDestAddress,
                                      DWORD dwCountryCode, LPLINECALLPARAMS const lpCallParams)
{
    return withBinding(kNoLine, [&](Binding &b) {
        const Utf8Arg dest(lpszDestAddress);
        return b.lineMakeCall(hLine, lphCall, dest.get(), dwCountryCode, lpCallParams);
    });
}

TAPI_EXPORT LONG WINAPI lineDialA(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    return withBinding(
        kNoCall, [&](Binding &b) { return b.lineDial(hCall, lpszDestAddress, dwCountryCode); });
}
TAPI_EXPORT LONG WINAPI lineDialW(HCALL hCall, LPCWSTR lpszDestAddress, DWORD dwCountryCode)
{
    return withBinding(kNoCall, [&](Binding &b) {
        const Utf8Arg dest(lpszDestAddress);
        return b.lineDial(hCall, dest.get(), dwCountryCode);
    });
}

TAPI_EXPORT LONG WINAPI lineAnswer(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    return withBinding(kNoCall,
                       [&](Binding &b) { return b.lineAnswer(hCall, lpsUserUserInfo, dwSize); });
}
TAPI_EXPORT LONG WINAPI lineDrop(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    return withBinding(kNoCall,
                       [&](Binding &b) { return b.lineDrop(hCall, lpsUserUserInfo, dwSize); });
}
TAPI_EXPORT LONG WINAPI lineHold(HCALL hCall)
{
    return withBinding(kNoCall, [&](Binding &b) { return b.lineHold(hCall); });
}
TAPI_EXPORT LONG WINAPI lineUnhold(HCALL hCall)
{
    return withBinding(kNoCall, [&](Binding &b) { return b.lineUnhold(hCall); });
}
TAPI_EXPORT LONG WINAPI lineSwapHold(HCALL hActiveCall, HCALL hHeldCall)
{
    return withBinding(kNoCall, [&](Binding &b) { return b.lineSwapHold(hActiveCall, hHeldCall); });
}

TAPI_EXPORT LONG WINAPI lineBlindTransferA(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    return withBinding(kNoCall, [&](Binding &b) {
        return b.lineBlindTransfer(hCall, lpszDestAddress, dwCountryCode);
    });
}
TAPI_EXPORT LONG WINAPI lineBlindTransferW(HCALL hCall, LPCWSTR lpszDestAddressW,
                                           DWORD dwCountryCode)
{
    return withBinding(kNoCall, [&](Binding &b) {
        const Utf8Arg dest(lpszDestAddressW);
        return b.lineBlindTransfer(hCall, dest.get(), dwCountryCode);
    });
}

TAPI_EXPORT LONG WINAPI lineSetupTransferA(HCALL hCall, LPHCALL lphConsultCall,
                                           LPLINECALLPARAMS const lpCallParams)
{
    return withBinding(kNoCall, [&](Binding &b) {
        return b.lineSetupTransfer(hCall, lphConsultCall, lpCallParams);
    });
}
TAPI_EXPORT LONG WINAPI lineSetupTransferW(HCALL hCall, LPHCALL lphConsultCall,
                                           LPLINECALLPARAMS const lpCallParams)
{
    return lineSetupTransferA(hCall, lphConsultCall, lpCallParams);
}

TAPI_EXPORT LONG WINAPI lineCompleteTransfer(HCALL hCall, HCALL hConsultCall, LPHCALL lphConfCall,
                                             DWORD dwTransferMode)
{
    return withBinding(kNoCall, [&](Binding &b) {
        return b.lineCompleteTransfer(hCall, hConsultCall, lphConfCall, dwTransferMode);
    });
}

TAPI_EXPORT LONG WINAPI lineRedirectA(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    return withBinding(
        kNoCall, [&](Binding &b) { return b.lineRedirect(hCall, lpszDestAddress, dwCountryCode); });
}
TAPI_EXPORT LONG WINAPI lineRedirectW(HCALL hCall, LPCWSTR lpszDestAddress, DWORD dwCountryCode)
{
    return withBinding(kNoCall, [&](Binding &b) {
        const Utf8Arg dest(lpszDestAddress);
        return b.lineRedirect(hCall, dest.get(), dwCountryCode);
    });
}

TAPI_EXPORT LONG WINAPI lineGetCallInfoA(HCALL hCall, LPLINECALLINFO lpCallInfo)
{
    return withBinding(kNoCall, [&](Binding &b) {
        return b.lineGetCallInfo(hCall, lpCallInfo, StringEncoding::Utf8);
    });
}
TAPI_EXPORT LONG WINAPI lineGetCallInfoW(HCALL hCall, LPLINECALLINFO lpCallInfo)
{
    return withBinding(kNoCall, [&](Binding &b) {
        return b.lineGetCallInfo(hCall, lpCallInfo, StringEncoding::Utf16);
    });
}

TAPI_EXPORT LONG WINAPI lineGetCallStatus(HCALL hCall, LPLINECALLSTATUS lpCallStatus)
{
    return withBinding(kNoCall,
                       [&](Binding &b) { return b.lineGetCallStatus(hCall, lpCallStatus); });
}

TAPI_EXPORT LONG WINAPI lineGetNewCalls(HLINE hLine, DWORD dwAddressID, DWORD dwSelect,
                                        LPLINECALLLIST lpCallList)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetNewCalls(hLine, dwAddressID, dwSelect, lpCallList);
    });
}

TAPI_EXPORT LONG WINAPI lineDeallocateCall(HCALL hCall)
{
    return withBinding(kNoCall, [&](Binding &b) { return b.lineDeallocateCall(hCall); });
}

TAPI_EXPORT LONG WINAPI lineSetStatusMessages(HLINE hLine, DWORD dwLineStates,
                                              DWORD dwAddressStates)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineSetStatusMessages(hLine, dwLineStates, dwAddressStates);
    });
}

TAPI_EXPORT LONG WINAPI lineGetIDA(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                                   LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass)
{
    return withBinding(kNoLine, [&](Binding &b) {
        return b.lineGetID(hLine, dwAddressID, hCall, dwSelect, lpDeviceID, lpszDeviceClass,
                           StringEncoding::Utf8);
    });
}
TAPI_EXPORT LONG WINAPI lineGetIDW(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                                   LPVARSTRING lpDeviceID, LPCWSTR lpszDeviceClass)
{
    return withBinding(kNoLine, [&](Binding &b) {
        const Utf8Arg deviceClass(lpszDeviceClass);
        return b.lineGetID(hLine, dwAddressID, hCall, dwSelect, lpDeviceID, deviceClass.get(),
                           StringEncoding::Utf16);
    });
}

TAPI_EXPORT LONG WINAPI lineSetCallPrivilege(HCALL hCall, DWORD dwCallPrivilege)
{
    return withBinding(kNoCall,
                       [&](Binding &b) { return b.lineSetCallPrivilege(hCall, dwCallPrivilege); });
}

TAPI_EXPORT LONG WINAPI lineSetCallData(HCALL hCall, LPVOID lpCallData, DWORD dwSize)
{
    return withBinding(kNoCall,
                       [&](Binding &b) { return b.lineSetCallData(hCall, lpCallData, dwSize); });
}
