/*
 * tspi.h - the telephony service provider interface of the ACD suite.
 *
 * A provider is a shared library (libtsp_<name>.so) that exports the TSPI_* functions below
 * with C linkage. The engine loads it with dlopen (tsp-bridge's ProviderLoader), and drives
 * it exactly as TAPISRV drives a TSP on Windows. Names, parameters and semantics follow the
 * Microsoft TSPI 2.x documentation; the differences are listed here.
 *
 * Rules:
 *  - Types, constants and structures come from tapi.h (DWORD 32-bit, 1-byte packing, ...).
 *  - Strings are UTF-8 `const char *` (Windows TSPI uses UTF-16).
 *  - Handles. HDRV* are the provider's handles, HTAPI* the engine's; both are opaque and
 *    pointer-sized. The provider never dereferences an HTAPI* value.
 *  - Start-up order: TSPI_providerSetConfig (optional), TSPI_providerEnumDevices,
 *    TSPI_lineNegotiateTSPIVersion(INITIALIZE_NEGOTIATION, ...), TSPI_providerInit, then
 *    per-device calls. TSPI_providerShutdown last.
 *  - Asynchronous functions take a DRV_REQUESTID. They return the (positive) request ID
 *    when they accepted the request, or a negative LINEERR_ when they did not (then the
 *    completion procedure is never called for that ID). For every accepted ID the provider
 *    calls the ASYNC_COMPLETION procedure given to TSPI_providerInit exactly once: 0 on
 *    success, a negative LINEERR_ on failure, LINEERR_OPERATIONFAILED when the link to the
 *    switch drops while the request is outstanding. The completion may run on a provider
 *    thread, before or after the TSPI function returns.
 *  - Events reach the engine through the LINEEVENT procedure given to TSPI_lineOpen.
 *    A new call the engine did not create (inbound, made at the phone, found by a resync)
 *    is announced with LINE_NEWCALL (dwParam1 = HDRVCALL, dwParam2 = LPHTAPICALL the engine
 *    writes its handle into before returning); the next message for that call is
 *    LINE_CALLSTATE. For a call created by TSPI_lineMakeCall / TSPI_lineSetupTransfer /
 *    TSPI_lineCompleteTransfer (conference), no event is sent before that request completed.
 *    LINE_CALLSTATE: dwParam1 = LINECALLSTATE_, dwParam2 = mode (CONFERENCED: the parent
 *    HTAPICALL), dwParam3 = 0. LINE_LINEDEVSTATE: dwParam1 = LINEDEVSTATE_ (OUTOFSERVICE when
 *    the switch link drops, INSERVICE when it is back).
 *  - The provider is thread-safe (it never sets LINETSPIOPTION_NONREENTRANT). It calls the
 *    engine's procedures without holding its own locks, so the engine may call back into
 *    the provider from inside them, except TSPI_lineOpen: it waits (up to 3 s) for the
 *    switch to confirm the monitor, which a callback thread cannot deliver meanwhile.
 *  - Buffers passed in belong to the caller and are used only during the call, except the
 *    LPHDRVCALL outputs, written before the function returns.
 *  - No C++ exception crosses this interface.
 */
#pragma once

#include "tapi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the entry points a provider exports (the libraries build with hidden visibility). */
#ifndef TSPIAPI_EXPORT
#define TSPIAPI_EXPORT __attribute__((visibility("default")))
#endif

/* ---- Handles and callback types --------------------------------------------------------- */

typedef struct HDRVLINE__ *HDRVLINE;
typedef struct HDRVCALL__ *HDRVCALL;
typedef struct HTAPILINE__ *HTAPILINE;
typedef struct HTAPICALL__ *HTAPICALL;
typedef struct HPROVIDER__ *HPROVIDER;
typedef HDRVLINE *LPHDRVLINE;
typedef HDRVCALL *LPHDRVCALL;
typedef HTAPICALL *LPHTAPICALL;

typedef DWORD DRV_REQUESTID;

/** Completion of one asynchronous request: lResult is 0 or a negative LINEERR_. */
typedef void(CALLBACK *ASYNC_COMPLETION)(DRV_REQUESTID dwRequestID, LONG lResult);

/** Line and call events: htCall is 0 for line events (LINE_LINEDEVSTATE, LINE_NEWCALL). */
typedef void(CALLBACK *LINEEVENT)(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg,
                                  DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3);

/** Phone events (no phone devices are implemented; kept for the EnumDevices signature). */
typedef void(CALLBACK *PHONEEVENT)(void *htPhone, DWORD dwMsg, DWORD_PTR dwParam1,
                                   DWORD_PTR dwParam2, DWORD_PTR dwParam3);

/* ---- TSPI messages and constants -------------------------------------------------------- */

#define TSPI_MESSAGE_BASE 500
#define LINE_NEWCALL (TSPI_MESSAGE_BASE + 0)
#define LINE_CALLDEVSPECIFIC (TSPI_MESSAGE_BASE + 1)
#define LINE_CALLDEVSPECIFICFEATURE (TSPI_MESSAGE_BASE + 2)

#define INITIALIZE_NEGOTIATION 0xFFFFFFFF
#define LINETSPIOPTION_NONREENTRANT 0x00000001

/** The TSPI versions the suite's providers and loader speak. */
#define TSPI_VERSION_LOW TAPI_VERSION2_0
#define TSPI_VERSION_HIGH TAPI_VERSION2_2

/* ---- Device-specific extension: agent state (TSPI_lineDevSpecific) ----------------------- */
/*
 * lpParams points to a TSPIAGENTREQUEST. SETAGENTSTATE maps to CSTA SetAgentState,
 * GETAGENTSTATE to GetAgentState; a GET writes dwAgentState into the caller's buffer before
 * the request completes (the buffer must stay valid until completion). Agent state changes
 * reported by the switch arrive as LINE_DEVSPECIFIC with dwParam1 =
 * TSPIDEVSPECIFIC_AGENTSTATE and dwParam2 = the new TSPIAGENTSTATE_ value.
 * The TSPIAGENTSTATE_ values equal the LINEAGENTSTATE_ values of TAPI 2.0.
 */
#define TSPIDEVSPECIFIC_SETAGENTSTATE 1
#define TSPIDEVSPECIFIC_GETAGENTSTATE 2
#define TSPIDEVSPECIFIC_AGENTSTATE 3

#define TSPIAGENTSTATE_LOGGEDOFF 0x00000001
#define TSPIAGENTSTATE_NOTREADY 0x00000002
#define TSPIAGENTSTATE_READY 0x00000004
#define TSPIAGENTSTATE_BUSYACD 0x00000008
#define TSPIAGENTSTATE_WORKINGAFTERCALL 0x00000080

#pragma pack(push, 1)
typedef struct tspiagentrequest_tag {
    DWORD dwCommand;    /* TSPIDEVSPECIFIC_SETAGENTSTATE or _GETAGENTSTATE */
    DWORD dwAgentState; /* TSPIAGENTSTATE_ (in for SET, out for GET) */
    char szAgentID[32]; /* SET to log on: the agent ID; may be empty */
    char szGroup[32];   /* SET to log on: the ACD group; may be empty */
} TSPIAGENTREQUEST, *LPTSPIAGENTREQUEST;
#pragma pack(pop)

/* ---- Entry points ----------------------------------------------------------------------- */

/* Optional (suite extension): provider-specific configuration, "key=value;key=value". */
LONG TSPIAPI_EXPORT TSPI_providerSetConfig(DWORD dwPermanentProviderID, LPCSTR lpszConfig);

LONG TSPIAPI_EXPORT TSPI_providerEnumDevices(DWORD dwPermanentProviderID, LPDWORD lpdwNumLines,
                                             LPDWORD lpdwNumPhones, HPROVIDER hProvider,
                                             LINEEVENT lpfnLineCreateProc,
                                             PHONEEVENT lpfnPhoneCreateProc);
LONG TSPIAPI_EXPORT TSPI_providerInit(DWORD dwTSPIVersion, DWORD dwPermanentProviderID,
                                      DWORD dwLineDeviceIDBase, DWORD dwPhoneDeviceIDBase,
                                      DWORD_PTR dwNumLines, DWORD_PTR dwNumPhones,
                                      ASYNC_COMPLETION lpfnCompletionProc, LPDWORD lpdwTSPIOptions);
LONG TSPIAPI_EXPORT TSPI_providerShutdown(DWORD dwTSPIVersion, DWORD dwPermanentProviderID);

LONG TSPIAPI_EXPORT TSPI_lineNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion,
                                                  DWORD dwHighVersion, LPDWORD lpdwTSPIVersion);
LONG TSPIAPI_EXPORT TSPI_lineGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwExtVersion,
                                        LPLINEDEVCAPS lpLineDevCaps);
LONG TSPIAPI_EXPORT TSPI_lineGetAddressCaps(DWORD dwDeviceID, DWORD dwAddressID,
                                            DWORD dwTSPIVersion, DWORD dwExtVersion,
                                            LPLINEADDRESSCAPS lpAddressCaps);
LONG TSPIAPI_EXPORT TSPI_lineGetAddressStatus(HDRVLINE hdLine, DWORD dwAddressID,
                                              LPLINEADDRESSSTATUS lpAddressStatus);
LONG TSPIAPI_EXPORT TSPI_lineGetNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs);

LONG TSPIAPI_EXPORT TSPI_lineOpen(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine,
                                  DWORD dwTSPIVersion, LINEEVENT lpfnEventProc);
LONG TSPIAPI_EXPORT TSPI_lineClose(HDRVLINE hdLine);

LONG TSPIAPI_EXPORT TSPI_lineGetCallInfo(HDRVCALL hdCall, LPLINECALLINFO lpCallInfo);
LONG TSPIAPI_EXPORT TSPI_lineGetCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS lpCallStatus);

/* Asynchronous call control: return dwRequestID or a negative LINEERR_. */
LONG TSPIAPI_EXPORT TSPI_lineMakeCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, HTAPICALL htCall,
                                      LPHDRVCALL lphdCall, LPCSTR lpszDestAddress,
                                      DWORD dwCountryCode, LPLINECALLPARAMS const lpCallParams);
LONG TSPIAPI_EXPORT TSPI_lineDial(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                  LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG TSPIAPI_EXPORT TSPI_lineAnswer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                    LPCSTR lpsUserUserInfo, DWORD dwSize);
LONG TSPIAPI_EXPORT TSPI_lineDrop(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                  LPCSTR lpsUserUserInfo, DWORD dwSize);
LONG TSPIAPI_EXPORT TSPI_lineHold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall);
LONG TSPIAPI_EXPORT TSPI_lineUnhold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall);
LONG TSPIAPI_EXPORT TSPI_lineBlindTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                           LPCSTR lpszDestAddress, DWORD dwCountryCode);
/* Creates the consultation call (DIALTONE) for a following TSPI_lineDial; the switch
 * request (CSTA ConsultationCall) is made by that dial, which also puts hdCall on hold. */
LONG TSPIAPI_EXPORT TSPI_lineSetupTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                           HTAPICALL htConsultCall, LPHDRVCALL lphdConsultCall,
                                           LPLINECALLPARAMS const lpCallParams);
/* LINETRANSFERMODE_TRANSFER or LINETRANSFERMODE_CONFERENCE (then htConfCall/lphdConfCall
 * name the new conference call). */
LONG TSPIAPI_EXPORT TSPI_lineCompleteTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                              HDRVCALL hdConsultCall, HTAPICALL htConfCall,
                                              LPHDRVCALL lphdConfCall, DWORD dwTransferMode);
LONG TSPIAPI_EXPORT TSPI_lineRedirect(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                      LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG TSPIAPI_EXPORT TSPI_lineDevSpecific(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                         DWORD dwAddressID, HDRVCALL hdCall, LPVOID lpParams,
                                         DWORD dwSize);

/* Releases hdCall (after IDLE); the handle is invalid afterwards. */
LONG TSPIAPI_EXPORT TSPI_lineCloseCall(HDRVCALL hdCall);

#ifdef __cplusplus
} /* extern "C" */
#endif
