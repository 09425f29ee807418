/*
 * tapi.h - the TAPI 2.2 C API of the ACD suite (Linux).
 *
 * Written for this project from the public Microsoft TAPI 2.2 documentation. Names, numeric
 * values and structure layouts are those of Windows, so TAPI programs compile unchanged.
 *
 * Conventions (they hold for every function and structure in this header):
 *
 *  - Types. DWORD is 32-bit unsigned and LONG 32-bit signed on every platform (never the C
 *    `long`, which is 64-bit on Linux x86-64). DWORD_PTR is pointer-sized. Handles (HLINEAPP,
 *    HLINE, HCALL, ...) are 32-bit DWORDs, as in the Microsoft headers on Win64. WINAPI and
 *    CALLBACK expand to nothing: there is one calling convention on Linux.
 *  - Strings are UTF-8 `char` strings (the "A" flavour); STRINGFORMAT_ASCII is reported.
 *    Functions that Windows exports as A and W (sections 10 and 11) have both entry points
 *    here: the A entry point takes and returns UTF-8, the W entry point UTF-16 in WCHAR
 *    (char16_t in C++, uint16_t in C; 2 bytes as on Windows, never the 4-byte Linux wchar_t).
 *    The unsuffixed name is a macro for the A entry point whether or not UNICODE is defined,
 *    also where Windows keeps a third, plain-name export (lineOpen, lineMakeCall, ...): that
 *    export is the A function under another name, and one entry point per flavour keeps the
 *    library's symbol list and a program's view of it the same. Functions Windows exports
 *    under the plain name only are plain functions, never macros.
 *  - Packing. Every structure is declared under #pragma pack(push, 1), exactly as Windows does.
 *  - Asynchronous functions return a positive request ID at once, or a negative LINEERR_
 *    value when they fail synchronously; they never return 0. The result arrives later,
 *    exactly once per request ID, as LINE_REPLY (dwParam1 = request ID, dwParam2 = 0 or a
 *    negative LINEERR_). A LINE_REPLY may arrive before the function has returned on another
 *    thread; an application must buffer it until it knows the ID.
 *  - Buffer ownership. The caller owns every buffer it passes. Output buffers of an
 *    asynchronous function must stay valid until its LINE_REPLY. Variable-size structures
 *    follow the dwTotalSize / dwNeededSize / dwUsedSize rule: the caller sets dwTotalSize;
 *    LINEERR_STRUCTURETOOSMALL only when the fixed part does not fit; a variable part that does
 *    not fit is left empty (size 0, offset 0) and dwNeededSize tells the size to retry with.
 *    Offsets count from the start of the structure.
 *  - No C++ exception ever crosses this API.
 *
 * Sections: 1 base types, 2 versions, 3 messages, 4 error codes, 5 line and call constants,
 * 6 line and call structures; the call-center part (agents, sessions, groups, queues and the
 * ACD proxy): 7 types, 8 constants and messages, 9 structures, 10 functions; then 11 the line
 * and call functions of an agent desktop, and 12 the suite's own extensions (not Windows:
 * the CallData of an ACD call and the lineAgentSpecific commands of our ACD proxy).
 *
 * This header compiles as C99 and as C++.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- 1. Base types ---------------------------------------------------------------------- */

#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif

typedef uint8_t BYTE;
typedef uint16_t WORD;
typedef uint32_t DWORD;
typedef int32_t LONG;
typedef uintptr_t DWORD_PTR;
typedef void *LPVOID;
typedef DWORD *LPDWORD;
typedef LONG *LPLONG;
typedef char *LPSTR;
typedef const char *LPCSTR;

/* Windows object handles are pointer-sized. Only lineInitializeEx uses them (the HINSTANCE it
 * ignores, the event of LINEINITIALIZEEXPARAMS); TAPI's own handles stay 32-bit DWORDs. */
typedef void *HANDLE;
typedef void *HINSTANCE;

/* UTF-16 code unit of the W entry points: 2 bytes as on Windows. */
#ifdef __cplusplus
typedef char16_t WCHAR;
#else
typedef uint16_t WCHAR; /* the type C11 <uchar.h> calls char16_t; C99 has no char16_t */
#endif
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;

/* A wait time of lineGetMessage that never expires. Guarded: a program may have it already. */
#ifndef INFINITE
#define INFINITE 0xFFFFFFFF
#endif

typedef DWORD HLINEAPP;
typedef DWORD HLINE;
typedef DWORD HCALL;
typedef HLINEAPP *LPHLINEAPP;
typedef HLINE *LPHLINE;
typedef HCALL *LPHCALL;

/* The notification callback of the hidden-window model (LINEINITIALIZEEXOPTION_
 * USEHIDDENWINDOW). hDevice is an HLINE or HCALL depending on dwMessage; dwInstance is the
 * lineOpen dwCallbackInstance; the parameters are pointer-sized as on Win64, because a few
 * messages carry a pointer (LINE_PROXYREQUEST dwParam1). */
typedef void(CALLBACK *LINECALLBACK)(DWORD hDevice, DWORD dwMessage, DWORD_PTR dwInstance,
                                     DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3);

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    DWORD Data1;
    WORD Data2;
    WORD Data3;
    BYTE Data4[8];
} GUID;
#endif
typedef GUID *LPGUID;

typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME;

/* ---- 2. Versions ------------------------------------------------------------------------ */

#define TAPI_VERSION1_0 0x00010003
#define TAPI_VERSION1_4 0x00010004
#define TAPI_VERSION2_0 0x00020000
#define TAPI_VERSION2_1 0x00020001
#define TAPI_VERSION2_2 0x00020002
#define TAPI_VERSION3_0 0x00030000
#define TAPI_VERSION3_1 0x00030001
#ifndef TAPI_CURRENT_VERSION
#define TAPI_CURRENT_VERSION TAPI_VERSION2_2
#endif

/* ---- 3. Messages (LINECALLBACK dwMessage / LINEEVENT dwMsg) ----------------------------- */

#define LINE_ADDRESSSTATE 0
#define LINE_CALLINFO 1
#define LINE_CALLSTATE 2
#define LINE_CLOSE 3
#define LINE_DEVSPECIFIC 4
#define LINE_DEVSPECIFICFEATURE 5
#define LINE_GATHERDIGITS 6
#define LINE_GENERATE 7
#define LINE_LINEDEVSTATE 8
#define LINE_MONITORDIGITS 9
#define LINE_MONITORMEDIA 10
#define LINE_MONITORTONE 11
#define LINE_REPLY 12
#define LINE_REQUEST 13
#define PHONE_BUTTON 14
#define PHONE_CLOSE 15
#define PHONE_DEVSPECIFIC 16
#define PHONE_REPLY 17
#define PHONE_STATE 18
#define LINE_CREATE 19
#define PHONE_CREATE 20
#define LINE_AGENTSPECIFIC 21
#define LINE_AGENTSTATUS 22
#define LINE_APPNEWCALL 23
#define LINE_PROXYREQUEST 24
#define LINE_REMOVE 25
#define PHONE_REMOVE 26
#define LINE_AGENTSESSIONSTATUS 27
#define LINE_QUEUESTATUS 28
#define LINE_AGENTSTATUSEX 29
#define LINE_GROUPSTATUS 30
#define LINE_PROXYSTATUS 31
#define LINE_APPNEWCALLHUB 32
#define LINE_CALLHUBCLOSE 33
#define LINE_DEVSPECIFICEX 34

/* ---- 4. Error codes (negative LONG values) ---------------------------------------------- */

#define LINEERR_ALLOCATED ((LONG)0x80000001)
#define LINEERR_BADDEVICEID ((LONG)0x80000002)
#define LINEERR_BEARERMODEUNAVAIL ((LONG)0x80000003)
#define LINEERR_CALLUNAVAIL ((LONG)0x80000005)
#define LINEERR_COMPLETIONOVERRUN ((LONG)0x80000006)
#define LINEERR_CONFERENCEFULL ((LONG)0x80000007)
#define LINEERR_DIALBILLING ((LONG)0x80000008)
#define LINEERR_DIALDIALTONE ((LONG)0x80000009)
#define LINEERR_DIALPROMPT ((LONG)0x8000000A)
#define LINEERR_DIALQUIET ((LONG)0x8000000B)
#define LINEERR_INCOMPATIBLEAPIVERSION ((LONG)0x8000000C)
#define LINEERR_INCOMPATIBLEEXTVERSION ((LONG)0x8000000D)
#define LINEERR_INIFILECORRUPT ((LONG)0x8000000E)
#define LINEERR_INUSE ((LONG)0x8000000F)
#define LINEERR_INVALADDRESS ((LONG)0x80000010)
#define LINEERR_INVALADDRESSID ((LONG)0x80000011)
#define LINEERR_INVALADDRESSMODE ((LONG)0x80000012)
#define LINEERR_INVALADDRESSSTATE ((LONG)0x80000013)
#define LINEERR_INVALAPPHANDLE ((LONG)0x80000014)
#define LINEERR_INVALAPPNAME ((LONG)0x80000015)
#define LINEERR_INVALBEARERMODE ((LONG)0x80000016)
#define LINEERR_INVALCALLCOMPLMODE ((LONG)0x80000017)
#define LINEERR_INVALCALLHANDLE ((LONG)0x80000018)
#define LINEERR_INVALCALLPARAMS ((LONG)0x80000019)
#define LINEERR_INVALCALLPRIVILEGE ((LONG)0x8000001A)
#define LINEERR_INVALCALLSELECT ((LONG)0x8000001B)
#define LINEERR_INVALCALLSTATE ((LONG)0x8000001C)
#define LINEERR_INVALCALLSTATELIST ((LONG)0x8000001D)
#define LINEERR_INVALCARD ((LONG)0x8000001E)
#define LINEERR_INVALCOMPLETIONID ((LONG)0x8000001F)
#define LINEERR_INVALCONFCALLHANDLE ((LONG)0x80000020)
#define LINEERR_INVALCONSULTCALLHANDLE ((LONG)0x80000021)
#define LINEERR_INVALCOUNTRYCODE ((LONG)0x80000022)
#define LINEERR_INVALDEVICECLASS ((LONG)0x80000023)
#define LINEERR_INVALDEVICEHANDLE ((LONG)0x80000024)
#define LINEERR_INVALDIALPARAMS ((LONG)0x80000025)
#define LINEERR_INVALDIGITLIST ((LONG)0x80000026)
#define LINEERR_INVALDIGITMODE ((LONG)0x80000027)
#define LINEERR_INVALDIGITS ((LONG)0x80000028)
#define LINEERR_INVALEXTVERSION ((LONG)0x80000029)
#define LINEERR_INVALGROUPID ((LONG)0x8000002A)
#define LINEERR_INVALLINEHANDLE ((LONG)0x8000002B)
#define LINEERR_INVALLINESTATE ((LONG)0x8000002C)
#define LINEERR_INVALLOCATION ((LONG)0x8000002D)
#define LINEERR_INVALMEDIALIST ((LONG)0x8000002E)
#define LINEERR_INVALMEDIAMODE ((LONG)0x8000002F)
#define LINEERR_INVALMESSAGEID ((LONG)0x80000030)
#define LINEERR_INVALPARAM ((LONG)0x80000032)
#define LINEERR_INVALPARKID ((LONG)0x80000033)
#define LINEERR_INVALPARKMODE ((LONG)0x80000034)
#define LINEERR_INVALPOINTER ((LONG)0x80000035)
#define LINEERR_INVALPRIVSELECT ((LONG)0x80000036)
#define LINEERR_INVALRATE ((LONG)0x80000037)
#define LINEERR_INVALREQUESTMODE ((LONG)0x80000038)
#define LINEERR_INVALTERMINALID ((LONG)0x80000039)
#define LINEERR_INVALTERMINALMODE ((LONG)0x8000003A)
#define LINEERR_INVALTIMEOUT ((LONG)0x8000003B)
#define LINEERR_INVALTONE ((LONG)0x8000003C)
#define LINEERR_INVALTONELIST ((LONG)0x8000003D)
#define LINEERR_INVALTONEMODE ((LONG)0x8000003E)
#define LINEERR_INVALTRANSFERMODE ((LONG)0x8000003F)
#define LINEERR_LINEMAPPERFAILED ((LONG)0x80000040)
#define LINEERR_NOCONFERENCE ((LONG)0x80000041)
#define LINEERR_NODEVICE ((LONG)0x80000042)
#define LINEERR_NODRIVER ((LONG)0x80000043)
#define LINEERR_NOMEM ((LONG)0x80000044)
#define LINEERR_NOREQUEST ((LONG)0x80000045)
#define LINEERR_NOTOWNER ((LONG)0x80000046)
#define LINEERR_NOTREGISTERED ((LONG)0x80000047)
#define LINEERR_OPERATIONFAILED ((LONG)0x80000048)
#define LINEERR_OPERATIONUNAVAIL ((LONG)0x80000049)
#define LINEERR_RATEUNAVAIL ((LONG)0x8000004A)
#define LINEERR_RESOURCEUNAVAIL ((LONG)0x8000004B)
#define LINEERR_REQUESTOVERRUN ((LONG)0x8000004C)
#define LINEERR_STRUCTURETOOSMALL ((LONG)0x8000004D)
#define LINEERR_TARGETNOTFOUND ((LONG)0x8000004E)
#define LINEERR_TARGETSELF ((LONG)0x8000004F)
#define LINEERR_UNINITIALIZED ((LONG)0x80000050)
#define LINEERR_USERUSERINFOTOOBIG ((LONG)0x80000051)
#define LINEERR_REINIT ((LONG)0x80000052)
#define LINEERR_ADDRESSBLOCKED ((LONG)0x80000053)
#define LINEERR_BILLINGREJECTED ((LONG)0x80000054)
#define LINEERR_INVALFEATURE ((LONG)0x80000055)
#define LINEERR_NOMULTIPLEINSTANCE ((LONG)0x80000056)
#define LINEERR_INVALAGENTID ((LONG)0x80000057)
#define LINEERR_INVALAGENTGROUP ((LONG)0x80000058)
#define LINEERR_INVALPASSWORD ((LONG)0x80000059)
#define LINEERR_INVALAGENTSTATE ((LONG)0x8000005A)
#define LINEERR_INVALAGENTACTIVITY ((LONG)0x8000005B)
#define LINEERR_DIALVOICEDETECT ((LONG)0x8000005C)
#define LINEERR_USERCANCELLED ((LONG)0x8000005D)
#define LINEERR_INVALADDRESSTYPE ((LONG)0x8000005E)
#define LINEERR_INVALAGENTSESSIONSTATE ((LONG)0x8000005F)
#define LINEERR_DISCONNECTED ((LONG)0x80000060)
#define LINEERR_SERVICE_NOT_RUNNING ((LONG)0x80000061)

/* ---- 5. Line and call constants --------------------------------------------------------- */

#define LINEMAPPER 0xFFFFFFFF

#define STRINGFORMAT_ASCII 0x00000001
#define STRINGFORMAT_DBCS 0x00000002
#define STRINGFORMAT_UNICODE 0x00000003
#define STRINGFORMAT_BINARY 0x00000004

#define LINECALLSTATE_IDLE 0x00000001
#define LINECALLSTATE_OFFERING 0x00000002
#define LINECALLSTATE_ACCEPTED 0x00000004
#define LINECALLSTATE_DIALTONE 0x00000008
#define LINECALLSTATE_DIALING 0x00000010
#define LINECALLSTATE_RINGBACK 0x00000020
#define LINECALLSTATE_BUSY 0x00000040
#define LINECALLSTATE_SPECIALINFO 0x00000080
#define LINECALLSTATE_CONNECTED 0x00000100
#define LINECALLSTATE_PROCEEDING 0x00000200
#define LINECALLSTATE_ONHOLD 0x00000400
#define LINECALLSTATE_CONFERENCED 0x00000800
#define LINECALLSTATE_ONHOLDPENDCONF 0x00001000
#define LINECALLSTATE_ONHOLDPENDTRANSFER 0x00002000
#define LINECALLSTATE_DISCONNECTED 0x00004000
#define LINECALLSTATE_UNKNOWN 0x00008000

#define LINECALLPRIVILEGE_NONE 0x00000001
#define LINECALLPRIVILEGE_MONITOR 0x00000002
#define LINECALLPRIVILEGE_OWNER 0x00000004

#define LINEOPENOPTION_SINGLEADDRESS 0x80000000
#define LINEOPENOPTION_PROXY 0x40000000

#define LINETRANSFERMODE_TRANSFER 0x00000001
#define LINETRANSFERMODE_CONFERENCE 0x00000002

#define LINEDEVSTATE_OTHER 0x00000001
#define LINEDEVSTATE_RINGING 0x00000002
#define LINEDEVSTATE_CONNECTED 0x00000004
#define LINEDEVSTATE_DISCONNECTED 0x00000008
#define LINEDEVSTATE_MSGWAITON 0x00000010
#define LINEDEVSTATE_MSGWAITOFF 0x00000020
#define LINEDEVSTATE_INSERVICE 0x00000040
#define LINEDEVSTATE_OUTOFSERVICE 0x00000080
#define LINEDEVSTATE_MAINTENANCE 0x00000100
#define LINEDEVSTATE_OPEN 0x00000200
#define LINEDEVSTATE_CLOSE 0x00000400
#define LINEDEVSTATE_NUMCALLS 0x00000800
#define LINEDEVSTATE_NUMCOMPLETIONS 0x00001000
#define LINEDEVSTATE_TERMINALS 0x00002000
#define LINEDEVSTATE_ROAMMODE 0x00004000
#define LINEDEVSTATE_BATTERY 0x00008000
#define LINEDEVSTATE_SIGNAL 0x00010000
#define LINEDEVSTATE_DEVSPECIFIC 0x00020000
#define LINEDEVSTATE_REINIT 0x00040000
#define LINEDEVSTATE_LOCK 0x00080000
#define LINEDEVSTATE_CAPSCHANGE 0x00100000
#define LINEDEVSTATE_CONFIGCHANGE 0x00200000
#define LINEDEVSTATE_TRANSLATECHANGE 0x00400000
#define LINEDEVSTATE_COMPLCANCEL 0x00800000
#define LINEDEVSTATE_REMOVED 0x01000000

#define LINEDEVSTATUSFLAGS_CONNECTED 0x00000001
#define LINEDEVSTATUSFLAGS_MSGWAIT 0x00000002
#define LINEDEVSTATUSFLAGS_INSERVICE 0x00000004
#define LINEDEVSTATUSFLAGS_LOCKED 0x00000008

#define LINECALLFEATURE_ACCEPT 0x00000001
#define LINECALLFEATURE_ADDTOCONF 0x00000002
#define LINECALLFEATURE_ANSWER 0x00000004
#define LINECALLFEATURE_BLINDTRANSFER 0x00000008
#define LINECALLFEATURE_COMPLETECALL 0x00000010
#define LINECALLFEATURE_COMPLETETRANSF 0x00000020
#define LINECALLFEATURE_DIAL 0x00000040
#define LINECALLFEATURE_DROP 0x00000080
#define LINECALLFEATURE_GATHERDIGITS 0x00000100
#define LINECALLFEATURE_GENERATEDIGITS 0x00000200
#define LINECALLFEATURE_GENERATETONE 0x00000400
#define LINECALLFEATURE_HOLD 0x00000800
#define LINECALLFEATURE_MONITORDIGITS 0x00001000
#define LINECALLFEATURE_MONITORMEDIA 0x00002000
#define LINECALLFEATURE_MONITORTONES 0x00004000
#define LINECALLFEATURE_PARK 0x00008000
#define LINECALLFEATURE_PREPAREADDCONF 0x00010000
#define LINECALLFEATURE_REDIRECT 0x00020000
#define LINECALLFEATURE_REMOVEFROMCONF 0x00040000
#define LINECALLFEATURE_SECURECALL 0x00080000
#define LINECALLFEATURE_SENDUSERUSER 0x00100000
#define LINECALLFEATURE_SETCALLPARAMS 0x00200000
#define LINECALLFEATURE_SETMEDIACONTROL 0x00400000
#define LINECALLFEATURE_SETTERMINAL 0x00800000
#define LINECALLFEATURE_SETUPCONF 0x01000000
#define LINECALLFEATURE_SETUPTRANSFER 0x02000000
#define LINECALLFEATURE_SWAPHOLD 0x04000000
#define LINECALLFEATURE_UNHOLD 0x08000000
#define LINECALLFEATURE_RELEASEUSERUSERINFO 0x10000000
#define LINECALLFEATURE_SETTREATMENT 0x20000000
#define LINECALLFEATURE_SETQOS 0x40000000
#define LINECALLFEATURE_SETCALLDATA 0x80000000

#define LINECALLFEATURE2_NOHOLDCONFERENCE 0x00000001
#define LINECALLFEATURE2_ONESTEPTRANSFER 0x00000002
#define LINECALLFEATURE2_COMPLCAMPON 0x00000004
#define LINECALLFEATURE2_COMPLCALLBACK 0x00000008
#define LINECALLFEATURE2_COMPLINTRUDE 0x00000010
#define LINECALLFEATURE2_COMPLMESSAGE 0x00000020
#define LINECALLFEATURE2_TRANSFERNORM 0x00000040
#define LINECALLFEATURE2_TRANSFERCONF 0x00000080
#define LINECALLFEATURE2_PARKDIRECT 0x00000100
#define LINECALLFEATURE2_PARKNONDIRECT 0x00000200

#define LINEFEATURE_DEVSPECIFIC 0x00000001
#define LINEFEATURE_DEVSPECIFICFEAT 0x00000002
#define LINEFEATURE_FORWARD 0x00000004
#define LINEFEATURE_MAKECALL 0x00000008
#define LINEFEATURE_SETMEDIACONTROL 0x00000010
#define LINEFEATURE_SETTERMINAL 0x00000020
#define LINEFEATURE_SETDEVSTATUS 0x00000040
#define LINEFEATURE_FORWARDFWD 0x00000080
#define LINEFEATURE_FORWARDDND 0x00000100

#define LINEDISCONNECTMODE_NORMAL 0x00000001
#define LINEDISCONNECTMODE_UNKNOWN 0x00000002
#define LINEDISCONNECTMODE_REJECT 0x00000004
#define LINEDISCONNECTMODE_PICKUP 0x00000008
#define LINEDISCONNECTMODE_FORWARDED 0x00000010
#define LINEDISCONNECTMODE_BUSY 0x00000020
#define LINEDISCONNECTMODE_NOANSWER 0x00000040
#define LINEDISCONNECTMODE_BADADDRESS 0x00000080
#define LINEDISCONNECTMODE_UNREACHABLE 0x00000100
#define LINEDISCONNECTMODE_CONGESTION 0x00000200
#define LINEDISCONNECTMODE_INCOMPATIBLE 0x00000400
#define LINEDISCONNECTMODE_UNAVAIL 0x00000800
#define LINEDISCONNECTMODE_NODIALTONE 0x00001000
#define LINEDISCONNECTMODE_NUMBERCHANGED 0x00002000
#define LINEDISCONNECTMODE_OUTOFORDER 0x00004000
#define LINEDISCONNECTMODE_TEMPFAILURE 0x00008000
#define LINEDISCONNECTMODE_QOSUNAVAIL 0x00010000
#define LINEDISCONNECTMODE_BLOCKED 0x00020000
#define LINEDISCONNECTMODE_DONOTDISTURB 0x00040000
#define LINEDISCONNECTMODE_CANCELLED 0x00080000

#define LINEBUSYMODE_STATION 0x00000001
#define LINEBUSYMODE_TRUNK 0x00000002
#define LINEBUSYMODE_UNKNOWN 0x00000004
#define LINEBUSYMODE_UNAVAIL 0x00000008

#define LINEDIALTONEMODE_NORMAL 0x00000001
#define LINEDIALTONEMODE_SPECIAL 0x00000002
#define LINEDIALTONEMODE_INTERNAL 0x00000004
#define LINEDIALTONEMODE_EXTERNAL 0x00000008
#define LINEDIALTONEMODE_UNKNOWN 0x00000010
#define LINEDIALTONEMODE_UNAVAIL 0x00000020

#define LINEOFFERINGMODE_ACTIVE 0x00000001
#define LINEOFFERINGMODE_INACTIVE 0x00000002

#define LINECONNECTEDMODE_ACTIVE 0x00000001
#define LINECONNECTEDMODE_INACTIVE 0x00000002
#define LINECONNECTEDMODE_ACTIVEHELD 0x00000004
#define LINECONNECTEDMODE_INACTIVEHELD 0x00000008
#define LINECONNECTEDMODE_CONFIRMED 0x00000010

#define LINESPECIALINFO_NOCIRCUIT 0x00000001
#define LINESPECIALINFO_CUSTIRREG 0x00000002
#define LINESPECIALINFO_REORDER 0x00000004
#define LINESPECIALINFO_UNKNOWN 0x00000008
#define LINESPECIALINFO_UNAVAIL 0x00000010

#define LINECALLREASON_DIRECT 0x00000001
#define LINECALLREASON_FWDBUSY 0x00000002
#define LINECALLREASON_FWDNOANSWER 0x00000004
#define LINECALLREASON_FWDUNCOND 0x00000008
#define LINECALLREASON_PICKUP 0x00000010
#define LINECALLREASON_UNPARK 0x00000020
#define LINECALLREASON_REDIRECT 0x00000040
#define LINECALLREASON_CALLCOMPLETION 0x00000080
#define LINECALLREASON_TRANSFER 0x00000100
#define LINECALLREASON_REMINDER 0x00000200
#define LINECALLREASON_UNKNOWN 0x00000400
#define LINECALLREASON_UNAVAIL 0x00000800
#define LINECALLREASON_INTRUDE 0x00001000
#define LINECALLREASON_PARKED 0x00002000
#define LINECALLREASON_CAMPEDON 0x00004000
#define LINECALLREASON_ROUTEREQUEST 0x00008000

#define LINECALLORIGIN_OUTBOUND 0x00000001
#define LINECALLORIGIN_INTERNAL 0x00000002
#define LINECALLORIGIN_EXTERNAL 0x00000004
#define LINECALLORIGIN_UNKNOWN 0x00000010
#define LINECALLORIGIN_UNAVAIL 0x00000020
#define LINECALLORIGIN_CONFERENCE 0x00000040
#define LINECALLORIGIN_INBOUND 0x00000080

#define LINECALLPARTYID_BLOCKED 0x00000001
#define LINECALLPARTYID_OUTOFAREA 0x00000002
#define LINECALLPARTYID_NAME 0x00000004
#define LINECALLPARTYID_ADDRESS 0x00000008
#define LINECALLPARTYID_PARTIAL 0x00000010
#define LINECALLPARTYID_UNKNOWN 0x00000020
#define LINECALLPARTYID_UNAVAIL 0x00000040

#define LINECALLINFOSTATE_OTHER 0x00000001
#define LINECALLINFOSTATE_DEVSPECIFIC 0x00000002
#define LINECALLINFOSTATE_BEARERMODE 0x00000004
#define LINECALLINFOSTATE_RATE 0x00000008
#define LINECALLINFOSTATE_MEDIAMODE 0x00000010
#define LINECALLINFOSTATE_APPSPECIFIC 0x00000020
#define LINECALLINFOSTATE_CALLID 0x00000040
#define LINECALLINFOSTATE_RELATEDCALLID 0x00000080
#define LINECALLINFOSTATE_ORIGIN 0x00000100
#define LINECALLINFOSTATE_REASON 0x00000200
#define LINECALLINFOSTATE_COMPLETIONID 0x00000400
#define LINECALLINFOSTATE_NUMOWNERINCR 0x00000800
#define LINECALLINFOSTATE_NUMOWNERDECR 0x00001000
#define LINECALLINFOSTATE_NUMMONITORS 0x00002000
#define LINECALLINFOSTATE_TRUNK 0x00004000
#define LINECALLINFOSTATE_CALLERID 0x00008000
#define LINECALLINFOSTATE_CALLEDID 0x00010000
#define LINECALLINFOSTATE_CONNECTEDID 0x00020000
#define LINECALLINFOSTATE_REDIRECTIONID 0x00040000
#define LINECALLINFOSTATE_REDIRECTINGID 0x00080000
#define LINECALLINFOSTATE_DISPLAY 0x00100000
#define LINECALLINFOSTATE_USERUSERINFO 0x00200000
#define LINECALLINFOSTATE_HIGHLEVELCOMP 0x00400000
#define LINECALLINFOSTATE_LOWLEVELCOMP 0x00800000
#define LINECALLINFOSTATE_CHARGINGINFO 0x01000000
#define LINECALLINFOSTATE_TERMINAL 0x02000000
#define LINECALLINFOSTATE_DIALPARAMS 0x04000000
#define LINECALLINFOSTATE_MONITORMODES 0x08000000
#define LINECALLINFOSTATE_TREATMENT 0x10000000
#define LINECALLINFOSTATE_QOS 0x20000000
#define LINECALLINFOSTATE_CALLDATA 0x40000000

#define LINECALLPARAMFLAGS_SECURE 0x00000001
#define LINECALLPARAMFLAGS_IDLE 0x00000002
#define LINECALLPARAMFLAGS_BLOCKID 0x00000004
#define LINECALLPARAMFLAGS_ORIGOFFHOOK 0x00000008
#define LINECALLPARAMFLAGS_DESTOFFHOOK 0x00000010
#define LINECALLPARAMFLAGS_NOHOLDCONFERENCE 0x00000020
#define LINECALLPARAMFLAGS_PREDICTIVEDIAL 0x00000040
#define LINECALLPARAMFLAGS_ONESTEPTRANSFER 0x00000080

#define LINEMEDIAMODE_UNKNOWN 0x00000002
#define LINEMEDIAMODE_INTERACTIVEVOICE 0x00000004
#define LINEMEDIAMODE_AUTOMATEDVOICE 0x00000008
#define LINEMEDIAMODE_DATAMODEM 0x00000010
#define LINEMEDIAMODE_G3FAX 0x00000020
#define LINEMEDIAMODE_TDD 0x00000040
#define LINEMEDIAMODE_G4FAX 0x00000080
#define LINEMEDIAMODE_DIGITALDATA 0x00000100
#define LINEMEDIAMODE_TELETEX 0x00000200
#define LINEMEDIAMODE_VIDEOTEX 0x00000400
#define LINEMEDIAMODE_TELEX 0x00000800
#define LINEMEDIAMODE_MIXED 0x00001000
#define LINEMEDIAMODE_ADSI 0x00002000
#define LINEMEDIAMODE_VOICEVIEW 0x00004000
#define LINEMEDIAMODE_VIDEO 0x00008000

#define LINEBEARERMODE_VOICE 0x00000001
#define LINEBEARERMODE_SPEECH 0x00000002
#define LINEBEARERMODE_MULTIUSE 0x00000004
#define LINEBEARERMODE_DATA 0x00000008
#define LINEBEARERMODE_ALTSPEECHDATA 0x00000010
#define LINEBEARERMODE_NONCALLSIGNALING 0x00000020
#define LINEBEARERMODE_PASSTHROUGH 0x00000040
#define LINEBEARERMODE_RESTRICTEDDATA 0x00000080

#define LINEADDRESSMODE_ADDRESSID 0x00000001
#define LINEADDRESSMODE_DIALABLEADDR 0x00000002

#define LINEADDRESSSHARING_PRIVATE 0x00000001
#define LINEADDRESSSHARING_BRIDGEDEXCL 0x00000002
#define LINEADDRESSSHARING_BRIDGEDNEW 0x00000004
#define LINEADDRESSSHARING_BRIDGEDSHARED 0x00000008
#define LINEADDRESSSHARING_MONITORED 0x00000010

#define LINEADDRESSSTATE_OTHER 0x00000001
#define LINEADDRESSSTATE_DEVSPECIFIC 0x00000002
#define LINEADDRESSSTATE_INUSEZERO 0x00000004
#define LINEADDRESSSTATE_INUSEONE 0x00000008
#define LINEADDRESSSTATE_INUSEMANY 0x00000010
#define LINEADDRESSSTATE_NUMCALLS 0x00000020
#define LINEADDRESSSTATE_FORWARD 0x00000040
#define LINEADDRESSSTATE_TERMINALS 0x00000080
#define LINEADDRESSSTATE_CAPSCHANGE 0x00000100

#define LINEADDRFEATURE_FORWARD 0x00000001
#define LINEADDRFEATURE_MAKECALL 0x00000002
#define LINEADDRFEATURE_PICKUP 0x00000004
#define LINEADDRFEATURE_SETMEDIACONTROL 0x00000008
#define LINEADDRFEATURE_SETTERMINAL 0x00000010
#define LINEADDRFEATURE_SETUPCONF 0x00000020
#define LINEADDRFEATURE_UNCOMPLETECALL 0x00000040
#define LINEADDRFEATURE_UNPARK 0x00000080
#define LINEADDRFEATURE_PICKUPHELD 0x00000100
#define LINEADDRFEATURE_PICKUPGROUP 0x00000200
#define LINEADDRFEATURE_PICKUPDIRECT 0x00000400
#define LINEADDRFEATURE_PICKUPWAITING 0x00000800
#define LINEADDRFEATURE_FORWARDFWD 0x00001000
#define LINEADDRFEATURE_FORWARDDND 0x00002000

#define LINEADDRCAPFLAGS_FWDNUMRINGS 0x00000001
#define LINEADDRCAPFLAGS_PICKUPGROUPID 0x00000002
#define LINEADDRCAPFLAGS_SECURE 0x00000004
#define LINEADDRCAPFLAGS_BLOCKIDDEFAULT 0x00000008
#define LINEADDRCAPFLAGS_BLOCKIDOVERRIDE 0x00000010
#define LINEADDRCAPFLAGS_DIALED 0x00000020
#define LINEADDRCAPFLAGS_ORIGOFFHOOK 0x00000040
#define LINEADDRCAPFLAGS_DESTOFFHOOK 0x00000080
#define LINEADDRCAPFLAGS_FWDCONSULT 0x00000100
#define LINEADDRCAPFLAGS_SETUPCONFNULL 0x00000200
#define LINEADDRCAPFLAGS_AUTORECONNECT 0x00000400
#define LINEADDRCAPFLAGS_COMPLETIONID 0x00000800
#define LINEADDRCAPFLAGS_TRANSFERHELD 0x00001000
#define LINEADDRCAPFLAGS_TRANSFERMAKE 0x00002000
#define LINEADDRCAPFLAGS_CONFERENCEHELD 0x00004000
#define LINEADDRCAPFLAGS_CONFERENCEMAKE 0x00008000
#define LINEADDRCAPFLAGS_PARTIALDIAL 0x00010000
#define LINEADDRCAPFLAGS_FWDSTATUSVALID 0x00020000
#define LINEADDRCAPFLAGS_FWDINTEXTADDR 0x00040000
#define LINEADDRCAPFLAGS_FWDBUSYNAADDR 0x00080000
#define LINEADDRCAPFLAGS_ACCEPTTOALERT 0x00100000
#define LINEADDRCAPFLAGS_CONFDROP 0x00200000
#define LINEADDRCAPFLAGS_PICKUPCALLWAIT 0x00400000
#define LINEADDRCAPFLAGS_PREDICTIVEDIALER 0x00800000
#define LINEADDRCAPFLAGS_QUEUE 0x01000000
#define LINEADDRCAPFLAGS_ROUTEPOINT 0x02000000
#define LINEADDRCAPFLAGS_HOLDMAKESNEW 0x04000000
#define LINEADDRCAPFLAGS_NOINTERNALCALLS 0x08000000
#define LINEADDRCAPFLAGS_NOEXTERNALCALLS 0x10000000
#define LINEADDRCAPFLAGS_SETCALLINGID 0x20000000
#define LINEADDRCAPFLAGS_ACDGROUP 0x40000000
#define LINEADDRCAPFLAGS_NOPSTNADDRESSTRANSLATION 0x80000000

#define LINEDEVCAPFLAGS_CROSSADDRCONF 0x00000001
#define LINEDEVCAPFLAGS_HIGHLEVCOMP 0x00000002
#define LINEDEVCAPFLAGS_LOWLEVCOMP 0x00000004
#define LINEDEVCAPFLAGS_MEDIACONTROL 0x00000008
#define LINEDEVCAPFLAGS_MULTIPLEADDR 0x00000010
#define LINEDEVCAPFLAGS_CLOSEDROP 0x00000020
#define LINEDEVCAPFLAGS_DIALBILLING 0x00000040
#define LINEDEVCAPFLAGS_DIALQUIET 0x00000080
#define LINEDEVCAPFLAGS_DIALDIALTONE 0x00000100
#define LINEDEVCAPFLAGS_MSP 0x00000200
#define LINEDEVCAPFLAGS_CALLHUB 0x00000400
#define LINEDEVCAPFLAGS_CALLHUBTRACKING 0x00000800
#define LINEDEVCAPFLAGS_PRIVATEOBJECTS 0x00001000
#define LINEDEVCAPFLAGS_LOCAL 0x00002000

#define LINEANSWERMODE_NONE 0x00000001
#define LINEANSWERMODE_DROP 0x00000002
#define LINEANSWERMODE_HOLD 0x00000004

#define LINEREMOVEFROMCONF_NONE 0x00000001
#define LINEREMOVEFROMCONF_LAST 0x00000002
#define LINEREMOVEFROMCONF_ANY 0x00000003

/* lineGetNewCalls, lineGetID dwSelect: which calls (exactly one value). DEVICEID needs a
 * negotiated 2.1, CALLID 3.0. */
#define LINECALLSELECT_LINE 0x00000001
#define LINECALLSELECT_ADDRESS 0x00000002
#define LINECALLSELECT_CALL 0x00000004
#define LINECALLSELECT_DEVICEID 0x00000008
#define LINECALLSELECT_CALLID 0x00000010

/* LINEADDRESSCAPS dwCallCompletionConds / dwCallCompletionModes (lineCompleteCall). */
#define LINECALLCOMPLCOND_BUSY 0x00000001
#define LINECALLCOMPLCOND_NOANSWER 0x00000002

#define LINECALLCOMPLMODE_CAMPON 0x00000001
#define LINECALLCOMPLMODE_CALLBACK 0x00000002
#define LINECALLCOMPLMODE_INTRUDE 0x00000004
#define LINECALLCOMPLMODE_MESSAGE 0x00000008

/* LINEINITIALIZEEXPARAMS dwOptions: how the application receives messages (one of the first
 * three), optionally OR'd with CALLHUBTRACKING (TAPI 3.0). On Linux, USEEVENT gives a
 * pollable file descriptor instead of a Win32 event (see LINEINITIALIZEEXPARAMS), and
 * USECOMPLETIONPORT is not supported: Linux has no I/O completion ports, and a port-shaped
 * substitute would still need the LocalFree() ownership rule of the Windows messages. */
#define LINEINITIALIZEEXOPTION_USEHIDDENWINDOW 0x00000001
#define LINEINITIALIZEEXOPTION_USEEVENT 0x00000002
#define LINEINITIALIZEEXOPTION_USECOMPLETIONPORT 0x00000003
#define LINEINITIALIZEEXOPTION_CALLHUBTRACKING 0x80000000

/* ---- 6. Line and call structures (Windows layout, 1-byte packing) ----------------------- */

#pragma pack(push, 1)

typedef struct linedialparams_tag {
    DWORD dwDialPause;
    DWORD dwDialSpeed;
    DWORD dwDigitDuration;
    DWORD dwWaitForDialtone;
} LINEDIALPARAMS, *LPLINEDIALPARAMS;

typedef struct lineextensionid_tag {
    DWORD dwExtensionID0;
    DWORD dwExtensionID1;
    DWORD dwExtensionID2;
    DWORD dwExtensionID3;
} LINEEXTENSIONID, *LPLINEEXTENSIONID;

typedef struct varstring_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwStringFormat;
    DWORD dwStringSize;
    DWORD dwStringOffset;
} VARSTRING, *LPVARSTRING;

typedef struct linedevcaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwProviderInfoSize;
    DWORD dwProviderInfoOffset;
    DWORD dwSwitchInfoSize;
    DWORD dwSwitchInfoOffset;
    DWORD dwPermanentLineID;
    DWORD dwLineNameSize;
    DWORD dwLineNameOffset;
    DWORD dwStringFormat;
    DWORD dwAddressModes;
    DWORD dwNumAddresses;
    DWORD dwBearerModes;
    DWORD dwMaxRate;
    DWORD dwMediaModes;
    DWORD dwGenerateToneModes;
    DWORD dwGenerateToneMaxNumFreq;
    DWORD dwGenerateDigitModes;
    DWORD dwMonitorToneMaxNumFreq;
    DWORD dwMonitorToneMaxNumEntries;
    DWORD dwMonitorDigitModes;
    DWORD dwGatherDigitsMinTimeout;
    DWORD dwGatherDigitsMaxTimeout;
    DWORD dwMedCtlDigitMaxListSize;
    DWORD dwMedCtlMediaMaxListSize;
    DWORD dwMedCtlToneMaxListSize;
    DWORD dwMedCtlCallStateMaxListSize;
    DWORD dwDevCapFlags;
    DWORD dwMaxNumActiveCalls;
    DWORD dwAnswerMode;
    DWORD dwRingModes;
    DWORD dwLineStates;
    DWORD dwUUIAcceptSize;
    DWORD dwUUIAnswerSize;
    DWORD dwUUIMakeCallSize;
    DWORD dwUUIDropSize;
    DWORD dwUUISendUserUserInfoSize;
    DWORD dwUUICallInfoSize;
    LINEDIALPARAMS MinDialParams;
    LINEDIALPARAMS MaxDialParams;
    LINEDIALPARAMS DefaultDialParams;
    DWORD dwNumTerminals;
    DWORD dwTerminalCapsSize;
    DWORD dwTerminalCapsOffset;
    DWORD dwTerminalTextEntrySize;
    DWORD dwTerminalTextSize;
    DWORD dwTerminalTextOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwLineFeatures;        /* TAPI 1.4 */
    DWORD dwSettableDevStatus;   /* TAPI 2.0 */
    DWORD dwDeviceClassesSize;   /* TAPI 2.0 */
    DWORD dwDeviceClassesOffset; /* TAPI 2.0 */
    GUID PermanentLineGuid;      /* TAPI 2.2 */
    DWORD dwAddressTypes;        /* TAPI 3.0 */
    GUID ProtocolGuid;           /* TAPI 3.0 */
    DWORD dwAvailableTracking;   /* TAPI 3.0 */
} LINEDEVCAPS, *LPLINEDEVCAPS;

typedef struct lineaddresscaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwLineDeviceID;
    DWORD dwAddressSize;
    DWORD dwAddressOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwAddressSharing;
    DWORD dwAddressStates;
    DWORD dwCallInfoStates;
    DWORD dwCallerIDFlags;
    DWORD dwCalledIDFlags;
    DWORD dwConnectedIDFlags;
    DWORD dwRedirectionIDFlags;
    DWORD dwRedirectingIDFlags;
    DWORD dwCallStates;
    DWORD dwDialToneModes;
    DWORD dwBusyModes;
    DWORD dwSpecialInfo;
    DWORD dwDisconnectModes;
    DWORD dwMaxNumActiveCalls;
    DWORD dwMaxNumOnHoldCalls;
    DWORD dwMaxNumOnHoldPendingCalls;
    DWORD dwMaxNumConference;
    DWORD dwMaxNumTransConf;
    DWORD dwAddrCapFlags;
    DWORD dwCallFeatures;
    DWORD dwRemoveFromConfCaps;
    DWORD dwRemoveFromConfState;
    DWORD dwTransferModes;
    DWORD dwParkModes;
    DWORD dwForwardModes;
    DWORD dwMaxForwardEntries;
    DWORD dwMaxSpecificEntries;
    DWORD dwMinFwdNumRings;
    DWORD dwMaxFwdNumRings;
    DWORD dwMaxCallCompletions;
    DWORD dwCallCompletionConds;
    DWORD dwCallCompletionModes;
    DWORD dwNumCompletionMessages;
    DWORD dwCompletionMsgTextEntrySize;
    DWORD dwCompletionMsgTextSize;
    DWORD dwCompletionMsgTextOffset;
    DWORD dwAddressFeatures;              /* TAPI 1.4 */
    DWORD dwPredictiveAutoTransferStates; /* TAPI 2.0 */
    DWORD dwNumCallTreatments;
    DWORD dwCallTreatmentListSize;
    DWORD dwCallTreatmentListOffset;
    DWORD dwDeviceClassesSize;
    DWORD dwDeviceClassesOffset;
    DWORD dwMaxCallDataSize;
    DWORD dwCallFeatures2;
    DWORD dwMaxNoAnswerTimeout;
    DWORD dwConnectedModes;
    DWORD dwOfferingModes;
    DWORD dwAvailableMediaModes;
} LINEADDRESSCAPS, *LPLINEADDRESSCAPS;

typedef struct lineaddressstatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumInUse;
    DWORD dwNumActiveCalls;
    DWORD dwNumOnHoldCalls;
    DWORD dwNumOnHoldPendCalls;
    DWORD dwAddressFeatures;
    DWORD dwNumRingsNoAnswer;
    DWORD dwForwardNumEntries;
    DWORD dwForwardSize;
    DWORD dwForwardOffset;
    DWORD dwTerminalModesSize;
    DWORD dwTerminalModesOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
} LINEADDRESSSTATUS, *LPLINEADDRESSSTATUS;

typedef struct linecallinfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    HLINE hLine;
    DWORD dwLineDeviceID;
    DWORD dwAddressID;
    DWORD dwBearerMode;
    DWORD dwRate;
    DWORD dwMediaMode;
    DWORD dwAppSpecific;
    DWORD dwCallID;
    DWORD dwRelatedCallID;
    DWORD dwCallParamFlags;
    DWORD dwCallStates;
    DWORD dwMonitorDigitModes;
    DWORD dwMonitorMediaModes;
    LINEDIALPARAMS DialParams;
    DWORD dwOrigin;
    DWORD dwReason;
    DWORD dwCompletionID;
    DWORD dwNumOwners;
    DWORD dwNumMonitors;
    DWORD dwCountryCode;
    DWORD dwTrunk;
    DWORD dwCallerIDFlags;
    DWORD dwCallerIDSize;
    DWORD dwCallerIDOffset;
    DWORD dwCallerIDNameSize;
    DWORD dwCallerIDNameOffset;
    DWORD dwCalledIDFlags;
    DWORD dwCalledIDSize;
    DWORD dwCalledIDOffset;
    DWORD dwCalledIDNameSize;
    DWORD dwCalledIDNameOffset;
    DWORD dwConnectedIDFlags;
    DWORD dwConnectedIDSize;
    DWORD dwConnectedIDOffset;
    DWORD dwConnectedIDNameSize;
    DWORD dwConnectedIDNameOffset;
    DWORD dwRedirectionIDFlags;
    DWORD dwRedirectionIDSize;
    DWORD dwRedirectionIDOffset;
    DWORD dwRedirectionIDNameSize;
    DWORD dwRedirectionIDNameOffset;
    DWORD dwRedirectingIDFlags;
    DWORD dwRedirectingIDSize;
    DWORD dwRedirectingIDOffset;
    DWORD dwRedirectingIDNameSize;
    DWORD dwRedirectingIDNameOffset;
    DWORD dwAppNameSize;
    DWORD dwAppNameOffset;
    DWORD dwDisplayableAddressSize;
    DWORD dwDisplayableAddressOffset;
    DWORD dwCalledPartySize;
    DWORD dwCalledPartyOffset;
    DWORD dwCommentSize;
    DWORD dwCommentOffset;
    DWORD dwDisplaySize;
    DWORD dwDisplayOffset;
    DWORD dwUserUserInfoSize;
    DWORD dwUserUserInfoOffset;
    DWORD dwHighLevelCompSize;
    DWORD dwHighLevelCompOffset;
    DWORD dwLowLevelCompSize;
    DWORD dwLowLevelCompOffset;
    DWORD dwChargingInfoSize;
    DWORD dwChargingInfoOffset;
    DWORD dwTerminalModesSize;
    DWORD dwTerminalModesOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwCallTreatment;            /* TAPI 2.0 */
    DWORD dwCallDataSize;             /* TAPI 2.0 */
    DWORD dwCallDataOffset;           /* TAPI 2.0 */
    DWORD dwSendingFlowspecSize;      /* TAPI 2.0 */
    DWORD dwSendingFlowspecOffset;    /* TAPI 2.0 */
    DWORD dwReceivingFlowspecSize;    /* TAPI 2.0 */
    DWORD dwReceivingFlowspecOffset;  /* TAPI 2.0 */
    DWORD dwCallerIDAddressType;      /* TAPI 3.0 */
    DWORD dwCalledIDAddressType;      /* TAPI 3.0 */
    DWORD dwConnectedIDAddressType;   /* TAPI 3.0 */
    DWORD dwRedirectionIDAddressType; /* TAPI 3.0 */
    DWORD dwRedirectingIDAddressType; /* TAPI 3.0 */
} LINECALLINFO, *LPLINECALLINFO;

typedef struct linecallstatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwCallState;
    DWORD dwCallStateMode;
    DWORD dwCallPrivilege;
    DWORD dwCallFeatures;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwCallFeatures2;      /* TAPI 2.0 */
    SYSTEMTIME tStateEntryTime; /* TAPI 2.0 */
} LINECALLSTATUS, *LPLINECALLSTATUS;

typedef struct linecallparams_tag {
    DWORD dwTotalSize;
    DWORD dwBearerMode;
    DWORD dwMinRate;
    DWORD dwMaxRate;
    DWORD dwMediaMode;
    DWORD dwCallParamFlags;
    DWORD dwAddressMode;
    DWORD dwAddressID;
    LINEDIALPARAMS DialParams;
    DWORD dwOrigAddressSize;
    DWORD dwOrigAddressOffset;
    DWORD dwDisplayableAddressSize;
    DWORD dwDisplayableAddressOffset;
    DWORD dwCalledPartySize;
    DWORD dwCalledPartyOffset;
    DWORD dwCommentSize;
    DWORD dwCommentOffset;
    DWORD dwUserUserInfoSize;
    DWORD dwUserUserInfoOffset;
    DWORD dwHighLevelCompSize;
    DWORD dwHighLevelCompOffset;
    DWORD dwLowLevelCompSize;
    DWORD dwLowLevelCompOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwPredictiveAutoTransferStates; /* TAPI 2.0 */
    DWORD dwTargetAddressSize;
    DWORD dwTargetAddressOffset;
    DWORD dwSendingFlowspecSize;
    DWORD dwSendingFlowspecOffset;
    DWORD dwReceivingFlowspecSize;
    DWORD dwReceivingFlowspecOffset;
    DWORD dwDeviceClassSize;
    DWORD dwDeviceClassOffset;
    DWORD dwDeviceConfigSize;
    DWORD dwDeviceConfigOffset;
    DWORD dwCallDataSize;
    DWORD dwCallDataOffset;
    DWORD dwNoAnswerTimeout;
    DWORD dwCallingPartyIDSize;
    DWORD dwCallingPartyIDOffset;
    DWORD dwAddressType; /* TAPI 3.0 */
} LINECALLPARAMS, *LPLINECALLPARAMS;

/* lineGetNewCalls: dwCallsNumEntries HCALLs at dwCallsOffset (dwCallsSize bytes). The
 * handles are new to the application, which becomes their monitor and must deallocate them. */
typedef struct linecalllist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwCallsNumEntries;
    DWORD dwCallsSize;
    DWORD dwCallsOffset;
} LINECALLLIST, *LPLINECALLLIST;

/* lineGetMessage (event model): one message, the LINECALLBACK parameters as a record. 40
 * bytes: the last four members are pointer-sized, so the layout is that of Win64. */
typedef struct linemessage_tag {
    DWORD hDevice;                /* HLINE or HCALL, depending on dwMessageID */
    DWORD dwMessageID;            /* LINE_ message */
    DWORD_PTR dwCallbackInstance; /* lineOpen dwCallbackInstance of the message's line */
    DWORD_PTR dwParam1;
    DWORD_PTR dwParam2;
    DWORD_PTR dwParam3;
} LINEMESSAGE, *LPLINEMESSAGE;

/* lineInitializeEx (TAPI 2.0): in, the notification model (dwOptions); out, for USEEVENT, the
 * handle to wait on. 28 bytes, as on Win64: the 8-byte union at byte 16, dwCompletionKey at
 * 24 and no trailing padding (natural alignment would pad it to 32; pack 1 does not).
 *
 * Linux: with LINEINITIALIZEEXOPTION_USEEVENT, Handles.hEvent receives a file descriptor,
 * stored as (HANDLE)(intptr_t)fd; TAPI_EVENT_FD gets it back. It is readable (poll, select,
 * epoll) while at least one message is pending for lineGetMessage, and not readable once the
 * queue is empty, the Windows event's signalled/reset rule. As on Windows, the application
 * may only wait on it: it must not read, write or close it (lineShutdown closes it), and
 * it is valid from a successful lineInitializeEx until lineShutdown.
 * LINEINITIALIZEEXOPTION_USECOMPLETIONPORT is not supported, so hCompletionPort and
 * dwCompletionKey are unused here; they stay for source compatibility. */
typedef struct lineinitializeexparams_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwOptions; /* LINEINITIALIZEEXOPTION_ */
    union {
        HANDLE hEvent;          /* out, USEEVENT: on Linux a file descriptor, see above */
        HANDLE hCompletionPort; /* in, USECOMPLETIONPORT: not supported on Linux */
    } Handles;
    DWORD dwCompletionKey; /* in, USECOMPLETIONPORT: not supported on Linux */
} LINEINITIALIZEEXPARAMS, *LPLINEINITIALIZEEXPARAMS;

/* The pollable file descriptor of a LINEINITIALIZEEXPARAMS filled by lineInitializeEx with
 * LINEINITIALIZEEXOPTION_USEEVENT (Linux only; `params` is the structure, not a pointer). */
#define TAPI_EVENT_FD(params) ((int)(intptr_t)(params).Handles.hEvent)

#pragma pack(pop)

/* ======================================================================================== *
 * Call-center part (TAPI 2.0 per-address agent model and TAPI 2.2 agents, sessions, groups,
 * queues). None of these functions reaches a service provider: the server turns each request
 * into a LINE_PROXYREQUEST for the one application registered as ACD proxy for that request
 * type (lineOpen with LINEOPENOPTION_PROXY; the LINECALLPARAMS dwDevSpecificSize/Offset
 * pair points to a DWORD array of LINEPROXYREQUEST_ values). The proxy answers with
 * lineProxyResponse and pushes status changes with lineProxyMessage. Every call-center
 * function is asynchronous except lineGetProxyStatus, lineProxyMessage and lineProxyResponse.
 * ======================================================================================== */

/* ---- 7. Call-center types --------------------------------------------------------------- */

typedef DWORD HAGENT;        /* an agent, created by lineCreateAgent; 32-bit as on Win64 */
typedef DWORD HAGENTSESSION; /* an agent session, created by lineCreateAgentSession */
typedef HAGENT *LPHAGENT;
typedef HAGENTSESSION *LPHAGENTSESSION;

/* WCHAR, LPWSTR and LPCWSTR: section 1. */

/* OLE Automation date: days since 1899-12-30 00:00 as an 8-byte double, the fraction being
 * the time of day. Used by LINEAGENTSESSIONINFO.dateSessionStartTime. */
typedef double DATE;

/* OLE Automation currency: an 8-byte signed fixed-point number, the value times 10,000, in
 * int64 (Lo/Hi are its low and high halves on little-endian hosts; the struct is named `s`
 * as in Windows' NONAMELESSUNION mode because C99 has no anonymous structs). Used for the
 * call rates of LINEAGENTINFO and LINEAGENTSESSIONINFO. */
#ifndef _tagCY_DEFINED
#define _tagCY_DEFINED
typedef union tagCY {
    struct {
        DWORD Lo;
        LONG Hi;
    } s;
    int64_t int64;
} CY;
#endif
typedef CY CURRENCY;

/* LINEPROXYREQUEST has an anonymous union, as on Windows. C99 has none and C++ allows no type
 * definitions inside one; GCC and Clang accept both after __extension__, even with
 * -pedantic-errors; other compilers get it plain in C11 and C++ and as a union named u in C99. */
#if defined(__GNUC__)
#define TAPI_ANONYMOUS_UNION_ __extension__ union
#define TAPI_UNION_NAME_
#elif defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L)
#define TAPI_ANONYMOUS_UNION_ union
#define TAPI_UNION_NAME_
#else
#define TAPI_ANONYMOUS_UNION_ union
#define TAPI_UNION_NAME_ u
#endif

/* ---- 8. Call-center constants and messages ---------------------------------------------- */

/* Defined in earlier sections and part of the call-center API too:
 *  - messages (section 3), with their parameters (hDevice is the receiver's hLine):
 *      LINE_AGENTSPECIFIC (21, 2.0)      p1 index into LINEAGENTCAPS' extension-ID list,
 *                                        p2 and p3 handler-specific;
 *      LINE_AGENTSTATUS (22, 2.0)        p1 dwAddressID, p2 LINEAGENTSTATUS_ bits that
 *                                        changed, p3 the new LINEAGENTSTATE_ if p2 has STATE;
 *      LINE_PROXYREQUEST (24, 2.0)       to the proxy only: p1 LPLINEPROXYREQUEST, owned by
 *                                        the server until lineProxyResponse; p2, p3 0;
 *      LINE_AGENTSESSIONSTATUS (27, 2.2) p1 hAgentSession, p2 LINEAGENTSESSIONSTATUS_ bits,
 *                                        p3 the new LINEAGENTSESSIONSTATE_ if p2 has STATE;
 *      LINE_QUEUESTATUS (28, 2.2)        p1 dwQueueID, p2 LINEQUEUESTATUS_ bits, p3 0;
 *      LINE_AGENTSTATUSEX (29, 2.2)      p1 hAgent, p2 LINEAGENTSTATUSEX_ bits (not the
 *                                        LINEQUEUESTATUS_ the Microsoft page names), p3 the
 *                                        new LINEAGENTSTATEEX_ if p2 has STATE;
 *      LINE_GROUPSTATUS (30, 2.2)        p1 0, p2 LINEGROUPSTATUS_ bits (re-read the list
 *                                        with lineGetGroupList), p3 0;
 *      LINE_PROXYSTATUS (31, 2.2)        sent by the server: p1 a LINEPROXYSTATUS_ value,
 *                                        p2 the LINEPROXYREQUEST_ type for OPEN and CLOSE,
 *                                        else 0; p3 0;
 *    and LINE_APPNEWCALL (23, 2.0), a line message used by agent desktops.
 *  - LINEOPENOPTION_PROXY and _SINGLEADDRESS, LINEADDRCAPFLAGS_PREDICTIVEDIALER, _QUEUE,
 *    _ROUTEPOINT, _ACDGROUP (section 5); LINEERR_INVALAGENTID ... _INVALAGENTACTIVITY,
 *    LINEERR_INVALAGENTSESSIONSTATE (section 4). */

/* LINEAGENTCAPS.dwFeatures, LINEAGENTSTATUS.dwAgentFeatures (TAPI 2.0). */
#define LINEAGENTFEATURE_SETAGENTGROUP 0x00000001
#define LINEAGENTFEATURE_SETAGENTSTATE 0x00000002
#define LINEAGENTFEATURE_SETAGENTACTIVITY 0x00000004
#define LINEAGENTFEATURE_AGENTSPECIFIC 0x00000008
#define LINEAGENTFEATURE_GETAGENTACTIVITYLIST 0x00000010
#define LINEAGENTFEATURE_GETAGENTGROUP 0x00000020
/* The name the documentation uses; Microsoft's header defines only ..._GETAGENTGROUP. */
#define LINEAGENTFEATURE_GETAGENTGROUPLIST LINEAGENTFEATURE_GETAGENTGROUP

/* Per-address agent state of the TAPI 2.0 model (lineSetAgentState, LINEAGENTSTATUS). */
#define LINEAGENTSTATE_LOGGEDOFF 0x00000001
#define LINEAGENTSTATE_NOTREADY 0x00000002
#define LINEAGENTSTATE_READY 0x00000004
#define LINEAGENTSTATE_BUSYACD 0x00000008
#define LINEAGENTSTATE_BUSYINCOMING 0x00000010
#define LINEAGENTSTATE_BUSYOUTBOUND 0x00000020
#define LINEAGENTSTATE_BUSYOTHER 0x00000040
#define LINEAGENTSTATE_WORKINGAFTERCALL 0x00000080
#define LINEAGENTSTATE_UNKNOWN 0x00000100
#define LINEAGENTSTATE_UNAVAIL 0x00000200

/* LINE_AGENTSTATUS dwParam2 and LINEAGENTCAPS.dwAgentStatusMessages (TAPI 2.0). */
#define LINEAGENTSTATUS_GROUP 0x00000001
#define LINEAGENTSTATUS_STATE 0x00000002
#define LINEAGENTSTATUS_NEXTSTATE 0x00000004
#define LINEAGENTSTATUS_ACTIVITY 0x00000008
#define LINEAGENTSTATUS_ACTIVITYLIST 0x00000010
#define LINEAGENTSTATUS_GROUPLIST 0x00000020
#define LINEAGENTSTATUS_CAPSCHANGE 0x00000040
#define LINEAGENTSTATUS_VALIDSTATES 0x00000080
#define LINEAGENTSTATUS_VALIDNEXTSTATES 0x00000100

/* Agent state of the TAPI 2.2 model (lineSetAgentStateEx, LINEAGENTINFO). */
#define LINEAGENTSTATEEX_NOTREADY 0x00000001
#define LINEAGENTSTATEEX_READY 0x00000002
#define LINEAGENTSTATEEX_BUSYACD 0x00000004
#define LINEAGENTSTATEEX_BUSYINCOMING 0x00000008
#define LINEAGENTSTATEEX_BUSYOUTGOING 0x00000010
#define LINEAGENTSTATEEX_UNKNOWN 0x00000020
#define LINEAGENTSTATEEX_RELEASED 0x00000040

/* LINE_AGENTSTATUSEX dwParam2 (TAPI 2.2). */
#define LINEAGENTSTATUSEX_NEWAGENT 0x00000001
#define LINEAGENTSTATUSEX_STATE 0x00000002
#define LINEAGENTSTATUSEX_UPDATEINFO 0x00000004

/* Agent session state (lineSetAgentSessionState, LINEAGENTSESSIONINFO; TAPI 2.2). */
#define LINEAGENTSESSIONSTATE_NOTREADY 0x00000001
#define LINEAGENTSESSIONSTATE_READY 0x00000002
#define LINEAGENTSESSIONSTATE_BUSYONCALL 0x00000004
#define LINEAGENTSESSIONSTATE_BUSYWRAPUP 0x00000008
#define LINEAGENTSESSIONSTATE_ENDED 0x00000010
#define LINEAGENTSESSIONSTATE_RELEASED 0x00000020

/* LINE_AGENTSESSIONSTATUS dwParam2 (TAPI 2.2). */
#define LINEAGENTSESSIONSTATUS_NEWSESSION 0x00000001
#define LINEAGENTSESSIONSTATUS_STATE 0x00000002
#define LINEAGENTSESSIONSTATUS_UPDATEINFO 0x00000004

/* LINE_QUEUESTATUS dwParam2 (TAPI 2.2). */
#define LINEQUEUESTATUS_UPDATEINFO 0x00000001
#define LINEQUEUESTATUS_NEWQUEUE 0x00000002
#define LINEQUEUESTATUS_QUEUEREMOVED 0x00000004

/* LINE_GROUPSTATUS dwParam2 (TAPI 2.2). */
#define LINEGROUPSTATUS_NEWGROUP 0x00000001
#define LINEGROUPSTATUS_GROUPREMOVED 0x00000002

/* LINE_PROXYSTATUS dwParam1 (TAPI 2.2). ALLOPENFORACD: a proxy now serves every request
 * type TAPI 3.0's call-center objects need. */
#define LINEPROXYSTATUS_OPEN 0x00000001
#define LINEPROXYSTATUS_CLOSE 0x00000002
#define LINEPROXYSTATUS_ALLOPENFORACD 0x00000004

/* LINEPROXYREQUEST.dwRequestType, the DWORDs a proxy registers in lineOpen and the entries
 * of LINEPROXYREQUESTLIST. 1-8 are TAPI 2.0, 9-20 TAPI 2.2. */
#define LINEPROXYREQUEST_SETAGENTGROUP 0x00000001
#define LINEPROXYREQUEST_SETAGENTSTATE 0x00000002
#define LINEPROXYREQUEST_SETAGENTACTIVITY 0x00000003
#define LINEPROXYREQUEST_GETAGENTCAPS 0x00000004
#define LINEPROXYREQUEST_GETAGENTSTATUS 0x00000005
#define LINEPROXYREQUEST_AGENTSPECIFIC 0x00000006
#define LINEPROXYREQUEST_GETAGENTACTIVITYLIST 0x00000007
#define LINEPROXYREQUEST_GETAGENTGROUPLIST 0x00000008
#define LINEPROXYREQUEST_CREATEAGENT 0x00000009
#define LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD 0x0000000A
#define LINEPROXYREQUEST_GETAGENTINFO 0x0000000B
#define LINEPROXYREQUEST_CREATEAGENTSESSION 0x0000000C
#define LINEPROXYREQUEST_GETAGENTSESSIONLIST 0x0000000D
#define LINEPROXYREQUEST_SETAGENTSESSIONSTATE 0x0000000E
#define LINEPROXYREQUEST_GETAGENTSESSIONINFO 0x0000000F
#define LINEPROXYREQUEST_GETQUEUELIST 0x00000010
#define LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD 0x00000011
#define LINEPROXYREQUEST_GETQUEUEINFO 0x00000012
#define LINEPROXYREQUEST_GETGROUPLIST 0x00000013
#define LINEPROXYREQUEST_SETAGENTSTATEEX 0x00000014

/* ---- 9. Call-center structures (Windows layout, 1-byte packing) ------------------------- */

/* All are variable-size (dwTotalSize / dwNeededSize / dwUsedSize, see the conventions) except
 * the *ENTRY structures, which are array elements inside a list's variable part. Every
 * ...Size/...Offset pair counts from the start of the structure that holds it; for an entry,
 * from the start of the list that holds the entry. Sizes of the fixed parts (pack 1):
 * LINEAGENTCAPS 72, LINEAGENTSTATUS 56, LINEAGENTINFO 56, LINEAGENTSESSIONINFO 76,
 * LINEQUEUEINFO 52, every ...LIST 24, LINEAGENTGROUPENTRY 24, LINEAGENTACTIVITYENTRY 12,
 * LINEAGENTENTRY 28, LINEAGENTSESSIONENTRY 28, LINEQUEUEENTRY 12, LINEPROXYREQUEST 108. */

#pragma pack(push, 1)

/* lineGetAgentCaps: what the agent handler supports on one address. */
typedef struct lineagentcaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwAgentHandlerInfoSize;   /* the agent handler's name */
    DWORD dwAgentHandlerInfoOffset;
    DWORD dwCapsVersion;            /* <= the application's API version */
    DWORD dwFeatures;               /* LINEAGENTFEATURE_ */
    DWORD dwStates;                 /* LINEAGENTSTATE_ accepted by lineSetAgentState */
    DWORD dwNextStates;             /* LINEAGENTSTATE_ accepted as next state */
    DWORD dwMaxNumGroupEntries;     /* groups an agent may be logged into at once */
    DWORD dwAgentStatusMessages;    /* LINEAGENTSTATUS_ bits LINE_AGENTSTATUS may carry */
    DWORD dwNumAgentExtensionIDs;
    DWORD dwAgentExtensionIDListSize; /* LINEEXTENSIONID array; the index is the
                                         dwAgentExtensionIDIndex of lineAgentSpecific */
    DWORD dwAgentExtensionIDListOffset;
    GUID ProxyGUID; /* TAPI 2.2: identifies the agent handler; not in a 2.0/2.1 fixed part */
} LINEAGENTCAPS, *LPLINEAGENTCAPS;

/* An ACD group: a GUID (as four DWORDs) and a name. */
typedef struct lineagentgroupentry_tag {
    struct {
        DWORD dwGroupID1;
        DWORD dwGroupID2;
        DWORD dwGroupID3;
        DWORD dwGroupID4;
    } GroupID;
    DWORD dwNameSize;
    DWORD dwNameOffset;
} LINEAGENTGROUPENTRY, *LPLINEAGENTGROUPENTRY;

/* lineGetAgentGroupList, lineSetAgentGroup, lineGetGroupList: dwNumEntries
 * LINEAGENTGROUPENTRY at dwListOffset. */
typedef struct lineagentgrouplist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTGROUPLIST, *LPLINEAGENTGROUPLIST;

/* lineGetAgentStatus: the TAPI 2.0 per-address agent status. */
typedef struct lineagentstatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;      /* groups logged into: LINEAGENTGROUPENTRY at dwGroupListOffset */
    DWORD dwGroupListSize;
    DWORD dwGroupListOffset;
    DWORD dwState;           /* LINEAGENTSTATE_ */
    DWORD dwNextState;       /* LINEAGENTSTATE_ */
    DWORD dwActivityID;
    DWORD dwActivitySize;    /* the activity's name */
    DWORD dwActivityOffset;
    DWORD dwAgentFeatures;   /* LINEAGENTFEATURE_ usable now */
    DWORD dwValidStates;     /* LINEAGENTSTATE_ */
    DWORD dwValidNextStates; /* LINEAGENTSTATE_ */
} LINEAGENTSTATUS, *LPLINEAGENTSTATUS;

/* An activity (reason code) an agent may select with lineSetAgentActivity. */
typedef struct lineagentactivityentry_tag {
    DWORD dwID;
    DWORD dwNameSize;
    DWORD dwNameOffset;
} LINEAGENTACTIVITYENTRY, *LPLINEAGENTACTIVITYENTRY;

/* lineGetAgentActivityList: dwNumEntries LINEAGENTACTIVITYENTRY at dwListOffset. */
typedef struct lineagentactivitylist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTACTIVITYLIST, *LPLINEAGENTACTIVITYLIST;

/* An agent (TAPI 2.2). Documented, but no function returns it. */
typedef struct lineagententry_tag {
    HAGENT hAgent;
    DWORD dwNameSize;
    DWORD dwNameOffset;
    DWORD dwIDSize;
    DWORD dwIDOffset;
    DWORD dwPINSize;
    DWORD dwPINOffset;
} LINEAGENTENTRY, *LPLINEAGENTENTRY;

/* dwNumEntries LINEAGENTENTRY at dwListOffset (TAPI 2.2; no function returns it). */
typedef struct lineagentlist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTLIST, *LPLINEAGENTLIST;

/* lineGetAgentInfo (TAPI 2.2): an agent's state and statistics over dwMeasurementPeriod. */
typedef struct lineagentinfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwAgentState;         /* LINEAGENTSTATEEX_ */
    DWORD dwNextAgentState;     /* LINEAGENTSTATEEX_ */
    DWORD dwMeasurementPeriod;  /* seconds */
    CURRENCY cyOverallCallRate; /* at byte 24 */
    DWORD dwNumberOfACDCalls;
    DWORD dwNumberOfIncomingCalls;
    DWORD dwNumberOfOutgoingCalls;
    DWORD dwTotalACDTalkTime;   /* seconds */
    DWORD dwTotalACDCallTime;   /* seconds: talk plus wrap-up */
    DWORD dwTotalACDWrapUpTime; /* seconds */
} LINEAGENTINFO, *LPLINEAGENTINFO;

/* An agent session (TAPI 2.2): one agent in one ACD group on one working address. */
typedef struct lineagentsessionentry_tag {
    HAGENTSESSION hAgentSession;
    HAGENT hAgent;
    GUID GroupID;
    DWORD dwWorkingAddressID;
} LINEAGENTSESSIONENTRY, *LPLINEAGENTSESSIONENTRY;

/* lineGetAgentSessionList: dwNumEntries LINEAGENTSESSIONENTRY at dwListOffset. */
typedef struct lineagentsessionlist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTSESSIONLIST, *LPLINEAGENTSESSIONLIST;

/* lineGetAgentSessionInfo (TAPI 2.2). Times in seconds. Packing moves the DATE to byte 20 and
 * the CURRENCY to byte 60 (24 and 64 under natural alignment): 76 bytes, not 80. */
typedef struct lineagentsessioninfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwAgentSessionState;     /* LINEAGENTSESSIONSTATE_ */
    DWORD dwNextAgentSessionState; /* LINEAGENTSESSIONSTATE_ */
    DATE dateSessionStartTime;
    DWORD dwSessionDuration;       /* active time; stops when the session has ENDED */
    DWORD dwNumberOfCalls;         /* ACD calls handled in this session */
    DWORD dwTotalTalkTime;
    DWORD dwAverageTalkTime;
    DWORD dwTotalCallTime;         /* talk plus wrap-up */
    DWORD dwAverageCallTime;
    DWORD dwTotalWrapUpTime;
    DWORD dwAverageWrapUpTime;
    CURRENCY cyACDCallRate;
    DWORD dwLongestTimeToAnswer;
    DWORD dwAverageTimeToAnswer;
} LINEAGENTSESSIONINFO, *LPLINEAGENTSESSIONINFO;

/* A queue of an ACD group (TAPI 2.2). */
typedef struct linequeueentry_tag {
    DWORD dwQueueID;
    DWORD dwNameSize;
    DWORD dwNameOffset;
} LINEQUEUEENTRY, *LPLINEQUEUEENTRY;

/* lineGetQueueList: dwNumEntries LINEQUEUEENTRY at dwListOffset. */
typedef struct linequeuelist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEQUEUELIST, *LPLINEQUEUELIST;

/* lineGetQueueInfo (TAPI 2.2): queue statistics over dwMeasurementPeriod. Times in seconds. */
typedef struct linequeueinfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwMeasurementPeriod;
    DWORD dwTotalCallsQueued;
    DWORD dwCurrentCallsQueued;
    DWORD dwTotalCallsAbandoned;
    DWORD dwTotalCallsFlowedIn;
    DWORD dwTotalCallsFlowedOut;
    DWORD dwLongestEverWaitTime;
    DWORD dwCurrentLongestWaitTime;
    DWORD dwAverageWaitTime;
    DWORD dwFinalDisposition; /* "final disposition of the queue"; not further documented */
} LINEQUEUEINFO, *LPLINEQUEUEINFO;

/* lineGetProxyStatus (TAPI 2.2): dwNumEntries DWORD LINEPROXYREQUEST_ values at
 * dwListOffset, the request types a proxy serves on the device. */
typedef struct lineproxyrequestlist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEPROXYREQUESTLIST, *LPLINEPROXYREQUESTLIST;

/* LINE_PROXYREQUEST dwParam1: one client request, as the proxy sees it. The server owns the
 * buffer; the proxy fills the union member of dwRequestType (for a "get", the server has set
 * the embedded structure's dwTotalSize and zeroed the rest; offsets inside an embedded
 * structure count from that structure) and calls lineProxyResponse exactly once, after which
 * the buffer is gone. For CREATEAGENT and CREATEAGENTSESSION the proxy chooses the new,
 * unique hAgent / hAgentSession and writes it into the union before responding. The client
 * strings (machine and user name, agent ID and PIN) are at offsets from the start of
 * LINEPROXYREQUEST; Windows proxies read them as WCHAR strings (the Microsoft documentation
 * does not say). The union starts at byte 28 (32 under natural alignment). */
typedef struct lineproxyrequest_tag {
    DWORD dwSize; /* bytes of the whole buffer, variable parts included */
    DWORD dwClientMachineNameSize;
    DWORD dwClientMachineNameOffset;
    DWORD dwClientUserNameSize;
    DWORD dwClientUserNameOffset;
    DWORD dwClientAppAPIVersion; /* answer nothing newer than this version */
    DWORD dwRequestType;         /* LINEPROXYREQUEST_ */
    TAPI_ANONYMOUS_UNION_ {
        struct {
            DWORD dwAddressID;
            LINEAGENTGROUPLIST GroupList;
        } SetAgentGroup;
        struct {
            DWORD dwAddressID;
            DWORD dwAgentState;
            DWORD dwNextAgentState;
        } SetAgentState;
        struct {
            DWORD dwAddressID;
            DWORD dwActivityID;
        } SetAgentActivity;
        struct {
            DWORD dwAddressID;
            LINEAGENTCAPS AgentCaps;
        } GetAgentCaps;
        struct {
            DWORD dwAddressID;
            LINEAGENTSTATUS AgentStatus;
        } GetAgentStatus;
        struct {
            DWORD dwAddressID;
            DWORD dwAgentExtensionIDIndex;
            DWORD dwSize;
            BYTE Params[1]; /* dwSize bytes */
        } AgentSpecific;
        struct {
            DWORD dwAddressID;
            LINEAGENTACTIVITYLIST ActivityList;
        } GetAgentActivityList;
        struct {
            DWORD dwAddressID;
            LINEAGENTGROUPLIST GroupList;
        } GetAgentGroupList;
        struct {
            HAGENT hAgent; /* out: chosen by the proxy */
            DWORD dwAgentIDSize;
            DWORD dwAgentIDOffset;
            DWORD dwAgentPINSize;
            DWORD dwAgentPINOffset;
        } CreateAgent;
        struct {
            HAGENT hAgent;
            DWORD dwAgentState;
            DWORD dwNextAgentState;
        } SetAgentStateEx;
        struct {
            HAGENT hAgent;
            DWORD dwMeasurementPeriod;
        } SetAgentMeasurementPeriod;
        struct {
            HAGENT hAgent;
            LINEAGENTINFO AgentInfo; /* at byte 32 */
        } GetAgentInfo;
        struct {
            HAGENTSESSION hAgentSession; /* out: chosen by the proxy */
            DWORD dwAgentPINSize;
            DWORD dwAgentPINOffset;
            HAGENT hAgent;
            GUID GroupID; /* at byte 44 */
            DWORD dwWorkingAddressID;
        } CreateAgentSession;
        struct {
            HAGENT hAgent;
            LINEAGENTSESSIONLIST SessionList;
        } GetAgentSessionList;
        struct {
            HAGENTSESSION hAgentSession;
            LINEAGENTSESSIONINFO SessionInfo; /* the largest member: 108 bytes in all */
        } GetAgentSessionInfo;
        struct {
            HAGENTSESSION hAgentSession;
            DWORD dwAgentSessionState;
            DWORD dwNextAgentSessionState;
        } SetAgentSessionState;
        struct {
            GUID GroupID;
            LINEQUEUELIST QueueList;
        } GetQueueList;
        struct {
            DWORD dwQueueID;
            DWORD dwMeasurementPeriod;
        } SetQueueMeasurementPeriod;
        struct {
            DWORD dwQueueID;
            LINEQUEUEINFO QueueInfo;
        } GetQueueInfo;
        struct {
            LINEAGENTGROUPLIST GroupList;
        } GetGroupList;
    } TAPI_UNION_NAME_;
} LINEPROXYREQUEST, *LPLINEPROXYREQUEST;

#undef TAPI_ANONYMOUS_UNION_
#undef TAPI_UNION_NAME_

#pragma pack(pop)

/* ---- 10. Call-center functions ---------------------------------------------------------- */

/* Declarations only: the TAPI server that implements them is not built yet (issue 4).
 * "async" means: a positive request ID at once, or a negative LINEERR_ on a synchronous
 * failure; the result arrives as LINE_REPLY, and output buffers are written at that moment
 * and must stay valid until it. [NAME] is the LINEPROXYREQUEST_ type the request becomes.
 * Functions exported by Windows only as A and W have both entry points here, the unsuffixed
 * name being a macro for A; the others have one entry point, under the plain name. */

/* TAPI 2.0: the per-address agent model. */

/* async [AGENTSPECIFIC]: dwSize bytes at lpParams to the agent handler extension at index
 * dwAgentExtensionIDIndex of LINEAGENTCAPS' extension-ID list. */
LONG WINAPI lineAgentSpecific(HLINE hLine, DWORD dwAddressID, DWORD dwAgentExtensionIDIndex,
                              LPVOID lpParams, DWORD dwSize);
/* async [GETAGENTACTIVITYLIST]: the activities selectable on the address. */
LONG WINAPI lineGetAgentActivityListA(HLINE hLine, DWORD dwAddressID,
                                      LPLINEAGENTACTIVITYLIST lpAgentActivityList);
LONG WINAPI lineGetAgentActivityListW(HLINE hLine, DWORD dwAddressID,
                                      LPLINEAGENTACTIVITYLIST lpAgentActivityList);
/* async [GETAGENTCAPS]: needs no open line (hLineApp + device ID). */
LONG WINAPI lineGetAgentCapsA(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                              DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps);
LONG WINAPI lineGetAgentCapsW(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                              DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps);
/* async [GETAGENTGROUPLIST]: the groups the agent on the address may log into now,
 * including those it is logged into. */
LONG WINAPI lineGetAgentGroupListA(HLINE hLine, DWORD dwAddressID,
                                   LPLINEAGENTGROUPLIST lpAgentGroupList);
LONG WINAPI lineGetAgentGroupListW(HLINE hLine, DWORD dwAddressID,
                                   LPLINEAGENTGROUPLIST lpAgentGroupList);
/* async [GETAGENTSTATUS]: groups, state, next state and activity of the address's agent. */
LONG WINAPI lineGetAgentStatusA(HLINE hLine, DWORD dwAddressID, LPLINEAGENTSTATUS lpAgentStatus);
LONG WINAPI lineGetAgentStatusW(HLINE hLine, DWORD dwAddressID, LPLINEAGENTSTATUS lpAgentStatus);
/* async [SETAGENTACTIVITY]: dwActivityID from lineGetAgentActivityList. */
LONG WINAPI lineSetAgentActivity(HLINE hLine, DWORD dwAddressID, DWORD dwActivityID);
/* async [SETAGENTGROUP]: the groups the address's agent is logged into (the 2.0 login); NULL
 * or an empty list logs it out of every group. Only the group IDs count, not the names. */
LONG WINAPI lineSetAgentGroup(HLINE hLine, DWORD dwAddressID,
                              LPLINEAGENTGROUPLIST lpAgentGroupList);
/* async [SETAGENTSTATE]: LINEAGENTSTATE_ values; dwAgentState 0 leaves the state unchanged,
 * dwNextAgentState 0 selects the agent's configured default next state. */
LONG WINAPI lineSetAgentState(HLINE hLine, DWORD dwAddressID, DWORD dwAgentState,
                              DWORD dwNextAgentState);

/* TAPI 2.0: the proxy side. */

/* sync, 0 or LINEERR_: the proxy sends dwMsg (a call-center status message) to every other
 * application that has the line open; hCall is 0 for messages not about a call. */
LONG WINAPI lineProxyMessage(HLINE hLine, HCALL hCall, DWORD dwMsg, DWORD dwParam1,
                             DWORD dwParam2, DWORD dwParam3);
/* sync, 0 or LINEERR_: completes a LINE_PROXYREQUEST exactly once; dwResult (0 or one of the
 * client function's LINEERR_) becomes the client's LINE_REPLY; frees lpProxyRequest. */
LONG WINAPI lineProxyResponse(HLINE hLine, LPLINEPROXYREQUEST lpProxyRequest, DWORD dwResult);

/* TAPI 2.2: agents, sessions, groups and queues. */

/* async [CREATEAGENT]: *lphAgent written at a successful LINE_REPLY. */
LONG WINAPI lineCreateAgentA(HLINE hLine, LPSTR lpszAgentID, LPSTR lpszAgentPIN,
                             LPHAGENT lphAgent);
LONG WINAPI lineCreateAgentW(HLINE hLine, LPWSTR lpszAgentID, LPWSTR lpszAgentPIN,
                             LPHAGENT lphAgent);
/* async [CREATEAGENTSESSION]: the agent in group *lpGroupID on dwWorkingAddressID;
 * *lphAgentSession written at a successful LINE_REPLY. */
LONG WINAPI lineCreateAgentSessionA(HLINE hLine, HAGENT hAgent, LPSTR lpszAgentPIN,
                                    DWORD dwWorkingAddressID, LPGUID lpGroupID,
                                    LPHAGENTSESSION lphAgentSession);
LONG WINAPI lineCreateAgentSessionW(HLINE hLine, HAGENT hAgent, LPWSTR lpszAgentPIN,
                                    DWORD dwWorkingAddressID, LPGUID lpGroupID,
                                    LPHAGENTSESSION lphAgentSession);
/* async [GETAGENTINFO]: state and statistics of an agent. */
LONG WINAPI lineGetAgentInfo(HLINE hLine, HAGENT hAgent, LPLINEAGENTINFO lpAgentInfo);
/* async [GETAGENTSESSIONINFO]: state and statistics of a session. */
LONG WINAPI lineGetAgentSessionInfo(HLINE hLine, HAGENTSESSION hAgentSession,
                                    LPLINEAGENTSESSIONINFO lpAgentSessionInfo);
/* async [GETAGENTSESSIONLIST]: the sessions of an agent. */
LONG WINAPI lineGetAgentSessionList(HLINE hLine, HAGENT hAgent,
                                    LPLINEAGENTSESSIONLIST lpAgentSessionList);
/* async [GETGROUPLIST]: every ACD group of the agent handler. */
LONG WINAPI lineGetGroupListA(HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList);
LONG WINAPI lineGetGroupListW(HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList);
/* sync, 0 or LINEERR_: the request types proxies serve on the device; needs no open line. */
LONG WINAPI lineGetProxyStatus(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAppAPIVersion,
                               LPLINEPROXYREQUESTLIST lpLineProxyRequestList);
/* async [GETQUEUEINFO]: statistics of a queue. */
LONG WINAPI lineGetQueueInfo(HLINE hLine, DWORD dwQueueID, LPLINEQUEUEINFO lpLineQueueInfo);
/* async [GETQUEUELIST]: the queues of group *lpGroupID. */
LONG WINAPI lineGetQueueListA(HLINE hLine, LPGUID lpGroupID, LPLINEQUEUELIST lpQueueList);
LONG WINAPI lineGetQueueListW(HLINE hLine, LPGUID lpGroupID, LPLINEQUEUELIST lpQueueList);
/* async [SETAGENTMEASUREMENTPERIOD]: seconds over which LINEAGENTINFO is measured. */
LONG WINAPI lineSetAgentMeasurementPeriod(HLINE hLine, HAGENT hAgent, DWORD dwMeasurementPeriod);
/* async [SETAGENTSESSIONSTATE]: LINEAGENTSESSIONSTATE_ values. */
LONG WINAPI lineSetAgentSessionState(HLINE hLine, HAGENTSESSION hAgentSession,
                                     DWORD dwAgentSessionState, DWORD dwNextAgentSessionState);
/* async [SETAGENTSTATEEX]: LINEAGENTSTATEEX_ values; dwAgentState 0 leaves the state
 * unchanged and sets only the next state. */
LONG WINAPI lineSetAgentStateEx(HLINE hLine, HAGENT hAgent, DWORD dwAgentState,
                                DWORD dwNextAgentState);
/* async [SETQUEUEMEASUREMENTPERIOD]: seconds over which LINEQUEUEINFO is measured. */
LONG WINAPI lineSetQueueMeasurementPeriod(HLINE hLine, DWORD dwQueueID,
                                          DWORD dwMeasurementPeriod);

/* The unsuffixed names of the functions exported only as A and W. */
#define lineCreateAgent lineCreateAgentA
#define lineCreateAgentSession lineCreateAgentSessionA
#define lineGetAgentActivityList lineGetAgentActivityListA
#define lineGetAgentCaps lineGetAgentCapsA
#define lineGetAgentGroupList lineGetAgentGroupListA
#define lineGetAgentStatus lineGetAgentStatusA
#define lineGetGroupList lineGetGroupListA
#define lineGetQueueList lineGetQueueListA

/* ---- 11. Line and call functions -------------------------------------------------------- */

/* What an agent desktop needs from the core line API (TAPI 2.0 and later). Declarations only,
 * like section 10. Synchronous functions return 0 or a negative LINEERR_; "async" as in
 * section 10. Where a function exists as A and W, the W entry point takes UTF-16 strings and
 * fills the strings of its variable-size structure as UTF-16 (dwStringFormat
 * STRINGFORMAT_UNICODE), the A entry point UTF-8; the unsuffixed name is a macro for A (see
 * the conventions). A `const LPLINECALLPARAMS` of Windows is a plain LPLINECALLPARAMS here:
 * a top-level const is not part of a function's type. */

/* sync: registers the application. lpdwNumDevs receives the number of line devices;
 * *lpdwAPIVersion is in the highest version the application supports, out the highest the
 * server supports. lpLineInitializeExParams selects the notification model (dwOptions) and,
 * for USEEVENT, receives the descriptor to wait on. LINEERR_REINIT while providers are being
 * (re)loaded. Windows exports it only as A and W. */
LONG WINAPI lineInitializeExA(LPHLINEAPP lphLineApp, HINSTANCE hInstance,
                              LINECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                              LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                              LPLINEINITIALIZEEXPARAMS lpLineInitializeExParams);
LONG WINAPI lineInitializeExW(LPHLINEAPP lphLineApp, HINSTANCE hInstance,
                              LINECALLBACK lpfnCallback, LPCWSTR lpszFriendlyAppName,
                              LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                              LPLINEINITIALIZEEXPARAMS lpLineInitializeExParams);
/* sync: frees every line, call and message of the application; with USEEVENT, closes the
 * descriptor (a blocked lineGetMessage returns LINEERR_INVALAPPHANDLE). */
LONG WINAPI lineShutdown(HLINEAPP hLineApp);
/* sync, event model only: the next message, waiting up to dwTimeout milliseconds (0 polls,
 * INFINITE blocks). LINEERR_OPERATIONFAILED when the time runs out with no message. */
LONG WINAPI lineGetMessage(HLINEAPP hLineApp, LPLINEMESSAGE lpMessage, DWORD dwTimeout);
/* sync, per device: the highest version in [dwAPILowVersion, dwAPIHighVersion] both sides
 * support, into *lpdwAPIVersion; LINEERR_INCOMPATIBLEAPIVERSION when the ranges do not meet.
 * lpExtensionID receives the provider's extension ID (zeros if it has none). */
LONG WINAPI lineNegotiateAPIVersion(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPILowVersion,
                                    DWORD dwAPIHighVersion, LPDWORD lpdwAPIVersion,
                                    LPLINEEXTENSIONID lpExtensionID);

/* sync: the capabilities of a line device (no open line needed). */
LONG WINAPI lineGetDevCapsA(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                            DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps);
LONG WINAPI lineGetDevCapsW(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                            DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps);
/* sync: the capabilities of one address of a line device (no open line needed). */
LONG WINAPI lineGetAddressCapsA(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                DWORD dwAPIVersion, DWORD dwExtVersion,
                                LPLINEADDRESSCAPS lpAddressCaps);
LONG WINAPI lineGetAddressCapsW(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                DWORD dwAPIVersion, DWORD dwExtVersion,
                                LPLINEADDRESSCAPS lpAddressCaps);
/* sync: the current status of one address of an open line. */
LONG WINAPI lineGetAddressStatusA(HLINE hLine, DWORD dwAddressID,
                                  LPLINEADDRESSSTATUS lpAddressStatus);
LONG WINAPI lineGetAddressStatusW(HLINE hLine, DWORD dwAddressID,
                                  LPLINEADDRESSSTATUS lpAddressStatus);
/* sync: opens a line. dwPrivileges is LINECALLPRIVILEGE_ OR'd with LINEOPENOPTION_;
 * lpCallParams is read only for LINEMAPPER, LINEOPENOPTION_SINGLEADDRESS (dwAddressMode
 * LINEADDRESSMODE_ADDRESSID and dwAddressID) and LINEOPENOPTION_PROXY (the DWORD array of
 * LINEPROXYREQUEST_ types at dwDevSpecificOffset). dwCallbackInstance comes back in every
 * message of the line. A monitor opening while calls exist gets no LINE_CALLSTATE for them:
 * it calls lineGetNewCalls. */
LONG WINAPI lineOpenA(HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine, DWORD dwAPIVersion,
                      DWORD dwExtVersion, DWORD_PTR dwCallbackInstance, DWORD dwPrivileges,
                      DWORD dwMediaModes, LPLINECALLPARAMS lpCallParams);
LONG WINAPI lineOpenW(HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine, DWORD dwAPIVersion,
                      DWORD dwExtVersion, DWORD_PTR dwCallbackInstance, DWORD dwPrivileges,
                      DWORD dwMediaModes, LPLINECALLPARAMS lpCallParams);
/* sync: closes a line. The application loses its call handles on it, and calls it alone
 * owned are dropped; a proxy stops serving its request types. */
LONG WINAPI lineClose(HLINE hLine);
/* sync: the LINE_LINEDEVSTATE (LINEDEVSTATE_) and LINE_ADDRESSSTATE (LINEADDRESSSTATE_)
 * changes the application wants on this line. */
LONG WINAPI lineSetStatusMessages(HLINE hLine, DWORD dwLineStates, DWORD dwAddressStates);
/* sync: the device ID of a device class ("tapi/line", "tapi/phone", ...) bound to the line,
 * address or call that dwSelect (one LINECALLSELECT_) names, into lpDeviceID. */
LONG WINAPI lineGetIDA(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                       LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass);
LONG WINAPI lineGetIDW(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                       LPVARSTRING lpDeviceID, LPCWSTR lpszDeviceClass);
/* sync: handles, with monitor privilege, to the calls on the line, address or related to a
 * call (dwSelect, one LINECALLSELECT_) the application has no handle to yet. */
LONG WINAPI lineGetNewCalls(HLINE hLine, DWORD dwAddressID, DWORD dwSelect,
                            LPLINECALLLIST lpCallList);

/* async: a new call; *lphCall is written at a successful LINE_REPLY, so it must stay valid
 * until then. A NULL lpszDestAddress leaves the call at dialtone for lineDial. */
LONG WINAPI lineMakeCallA(HLINE hLine, LPHCALL lphCall, LPCSTR lpszDestAddress,
                          DWORD dwCountryCode, LPLINECALLPARAMS lpCallParams);
LONG WINAPI lineMakeCallW(HLINE hLine, LPHCALL lphCall, LPCWSTR lpszDestAddress,
                          DWORD dwCountryCode, LPLINECALLPARAMS lpCallParams);
/* async: dials (more of) a destination on a call at dialtone or dialing. */
LONG WINAPI lineDialA(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG WINAPI lineDialW(HCALL hCall, LPCWSTR lpszDestAddress, DWORD dwCountryCode);
/* async: answers an offering or accepted call; lpsUserUserInfo (dwSize bytes) may be NULL. */
LONG WINAPI lineAnswer(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
/* async: the call goes idle; its handle stays valid until lineDeallocateCall. */
LONG WINAPI lineDrop(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
/* async. */
LONG WINAPI lineHold(HCALL hCall);
/* async; on a call held pending transfer it cancels the consultation. */
LONG WINAPI lineUnhold(HCALL hCall);
/* async: the active call goes on hold and the held one becomes active (toggles between a
 * consultation call and the call held pending its transfer). */
LONG WINAPI lineSwapHold(HCALL hActiveCall, HCALL hHeldCall);
/* async: single-step transfer to lpszDestAddress. */
LONG WINAPI lineBlindTransferA(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG WINAPI lineBlindTransferW(HCALL hCall, LPCWSTR lpszDestAddress, DWORD dwCountryCode);
/* async: holds hCall pending transfer and creates a consultation call (*lphConsultCall,
 * written at a successful LINE_REPLY), normally at dialtone for lineDial. */
LONG WINAPI lineSetupTransferA(HCALL hCall, LPHCALL lphConsultCall,
                               LPLINECALLPARAMS lpCallParams);
LONG WINAPI lineSetupTransferW(HCALL hCall, LPHCALL lphConsultCall,
                               LPLINECALLPARAMS lpCallParams);
/* async: LINETRANSFERMODE_TRANSFER joins hCall and hConsultCall and drops the application
 * out; LINETRANSFERMODE_CONFERENCE makes a three-way call whose handle goes to *lphConfCall
 * (unused, may be NULL, for TRANSFER). */
LONG WINAPI lineCompleteTransfer(HCALL hCall, HCALL hConsultCall, LPHCALL lphConfCall,
                                 DWORD dwTransferMode);
/* async: deflects an offering call to lpszDestAddress without answering it. */
LONG WINAPI lineRedirectA(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG WINAPI lineRedirectW(HCALL hCall, LPCWSTR lpszDestAddress, DWORD dwCountryCode);

/* sync: the call's information (parties, origin, reason, CallData: see ACDCALLDATA). */
LONG WINAPI lineGetCallInfoA(HCALL hCall, LPLINECALLINFO lpCallInfo);
LONG WINAPI lineGetCallInfoW(HCALL hCall, LPLINECALLINFO lpCallInfo);
/* sync: the call's state, features and privilege. */
LONG WINAPI lineGetCallStatus(HCALL hCall, LPLINECALLSTATUS lpCallStatus);
/* sync: LINECALLPRIVILEGE_MONITOR or _OWNER for the application's handle. */
LONG WINAPI lineSetCallPrivilege(HCALL hCall, DWORD dwCallPrivilege);
/* sync: frees the application's handle of a call; the only owner of a call must wait until
 * it is idle (LINEERR_INVALCALLSTATE before). */
LONG WINAPI lineDeallocateCall(HCALL hCall);

/* The unsuffixed names of the functions exported as A and W: the A entry points. */
#define lineInitializeEx lineInitializeExA
#define lineGetDevCaps lineGetDevCapsA
#define lineGetAddressCaps lineGetAddressCapsA
#define lineGetAddressStatus lineGetAddressStatusA
#define lineOpen lineOpenA
#define lineGetID lineGetIDA
#define lineMakeCall lineMakeCallA
#define lineDial lineDialA
#define lineBlindTransfer lineBlindTransferA
#define lineSetupTransfer lineSetupTransferA
#define lineRedirect lineRedirectA
#define lineGetCallInfo lineGetCallInfoA

/* ---- 12. Suite extensions (ours, not Windows) ------------------------------------------- */

/* Nothing in this section exists on Windows: it is the private contract between the suite's
 * ACD (through its proxy and provider) and agent desktops, carried in the two places TAPI
 * leaves to the switch: a call's CallData and lineAgentSpecific. Multi-byte fields are in
 * host byte order (little-endian on every supported host). */

#pragma pack(push, 1)

/* The CallData of a call the ACD offered to an agent: LINECALLINFO dwCallDataSize /
 * dwCallDataOffset point to one ACDCALLDATA (LINE_CALLINFO with LINECALLINFOSTATE_CALLDATA
 * when it changes). A reader checks dwVersion and reads only the first dwSize bytes: a later
 * version appends fields and keeps these offsets. 116 bytes. */
#define ACDCALLDATA_VERSION 1
typedef struct acdcalldata_tag {
    DWORD dwSize;          /* sizeof(ACDCALLDATA) */
    DWORD dwVersion;       /* ACDCALLDATA_VERSION */
    DWORD dwQueueID;       /* the queue the call waited in (LINEQUEUEINFO dwQueueID) */
    DWORD dwWaitTime;      /* seconds the call waited before this offer */
    DWORD dwPriority;      /* 1 (lowest) .. 100 */
    char szQueueName[64];  /* UTF-8, NUL-terminated */
    char szRoutePoint[32]; /* the route point (queue entry number) the call arrived at, UTF-8 */
} ACDCALLDATA, *LPACDCALLDATA;

/* The suite's lineAgentSpecific extension (LINEAGENTCAPS lists its LINEEXTENSIONID at index
 * 0). lpParams points to one ACDAGENTSPECIFICPARAMS and dwSize is its size; dwCommand is one
 * of the ACDAGENTSPECIFIC_ values. Output fields are written at a successful LINE_REPLY. */
#define ACDAGENTSPECIFIC_ENDWRAPUP 1  /* ends the agent's after-call work now */
#define ACDAGENTSPECIFIC_SETREASON 2  /* dwValue = reason code (activity) while Not Ready */
#define ACDAGENTSPECIFIC_GETSTATION 3 /* out: szText = the station the agent is logged in at */
/* out: dwValue = the reason code of the agent's current state (0: none); szText = who made the
 * last change of state or reason: "" the agent itself (or routing), otherwise the engine's
 * text for who forced it (a supervisor's user name, "system:rona", ...) */
#define ACDAGENTSPECIFIC_GETLASTCHANGE 4
typedef struct acdagentspecificparams_tag {
    DWORD dwCommand; /* ACDAGENTSPECIFIC_ */
    DWORD dwValue;   /* in: the command's number, if it has one */
    char szText[64]; /* in or out: the command's text, UTF-8, NUL-terminated */
} ACDAGENTSPECIFICPARAMS, *LPACDAGENTSPECIFICPARAMS;

/* The LINEEXTENSIONID of that extension (dwExtensionID0..3): fixed constants, chosen once
 * ("ACD1", 2022, 1, 1); never reuse them for an incompatible extension. */
#define ACD_AGENT_EXTENSION_ID0 0x41434431
#define ACD_AGENT_EXTENSION_ID1 0x00002022
#define ACD_AGENT_EXTENSION_ID2 0x00000001
#define ACD_AGENT_EXTENSION_ID3 0x00000001

#pragma pack(pop)

#ifdef __cplusplus
} /* extern "C" */
#endif
