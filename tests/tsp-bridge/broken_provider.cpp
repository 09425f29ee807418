// Deliberately broken providers for the loader tests. Built twice: without
// BROKEN_ALL_ENTRY_POINTS it lacks most entry points; with it, every entry point exists but
// no TSPI version is acceptable.
#include "tspi.h"

extern "C" {

LONG TSPI_providerEnumDevices(DWORD, LPDWORD lines, LPDWORD phones, HPROVIDER, LINEEVENT,
                              PHONEEVENT) {
    *lines = 1;
    *phones = 0;
    return 0;
}

LONG TSPI_providerInit(DWORD, DWORD, DWORD, DWORD, DWORD_PTR, DWORD_PTR, ASYNC_COMPLETION,
                       LPDWORD) {
    return 0;
}

LONG TSPI_providerShutdown(DWORD, DWORD) {
    return 0;
}

LONG TSPI_lineNegotiateTSPIVersion(DWORD, DWORD, DWORD, LPDWORD) {
    return LINEERR_INCOMPATIBLEAPIVERSION;
}

#ifdef BROKEN_ALL_ENTRY_POINTS
LONG TSPI_lineGetDevCaps(DWORD, DWORD, DWORD, LPLINEDEVCAPS) {
    return 0;
}
LONG TSPI_lineGetAddressCaps(DWORD, DWORD, DWORD, DWORD, LPLINEADDRESSCAPS) {
    return 0;
}
LONG TSPI_lineGetAddressStatus(HDRVLINE, DWORD, LPLINEADDRESSSTATUS) {
    return 0;
}
LONG TSPI_lineGetNumAddressIDs(HDRVLINE, LPDWORD) {
    return 0;
}
LONG TSPI_lineOpen(DWORD, HTAPILINE, LPHDRVLINE, DWORD, LINEEVENT) {
    return 0;
}
LONG TSPI_lineClose(HDRVLINE) {
    return 0;
}
LONG TSPI_lineGetCallInfo(HDRVCALL, LPLINECALLINFO) {
    return 0;
}
LONG TSPI_lineGetCallStatus(HDRVCALL, LPLINECALLSTATUS) {
    return 0;
}
LONG TSPI_lineMakeCall(DRV_REQUESTID, HDRVLINE, HTAPICALL, LPHDRVCALL, LPCSTR, DWORD,
                       LPLINECALLPARAMS const) {
    return 0;
}
LONG TSPI_lineDial(DRV_REQUESTID, HDRVCALL, LPCSTR, DWORD) {
    return 0;
}
LONG TSPI_lineAnswer(DRV_REQUESTID, HDRVCALL, LPCSTR, DWORD) {
    return 0;
}
LONG TSPI_lineDrop(DRV_REQUESTID, HDRVCALL, LPCSTR, DWORD) {
    return 0;
}
LONG TSPI_lineHold(DRV_REQUESTID, HDRVCALL) {
    return 0;
}
LONG TSPI_lineUnhold(DRV_REQUESTID, HDRVCALL) {
    return 0;
}
LONG TSPI_lineBlindTransfer(DRV_REQUESTID, HDRVCALL, LPCSTR, DWORD) {
    return 0;
}
LONG TSPI_lineSetupTransfer(DRV_REQUESTID, HDRVCALL, HTAPICALL, LPHDRVCALL,
                            LPLINECALLPARAMS const) {
    return 0;
}
LONG TSPI_lineCompleteTransfer(DRV_REQUESTID, HDRVCALL, HDRVCALL, HTAPICALL, LPHDRVCALL, DWORD) {
    return 0;
}
LONG TSPI_lineRedirect(DRV_REQUESTID, HDRVCALL, LPCSTR, DWORD) {
    return 0;
}
LONG TSPI_lineDevSpecific(DRV_REQUESTID, HDRVLINE, DWORD, HDRVCALL, LPVOID, DWORD) {
    return 0;
}
LONG TSPI_lineCloseCall(HDRVCALL) {
    return 0;
}
#endif

} // extern "C"
