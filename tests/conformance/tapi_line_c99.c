/*
 * The line and call part of tapi.h (sections 1, 5, 6 and 11) and the suite's extensions
 * (section 12) as strict C99 (-std=c99 -Wall -Wextra -pedantic-errors -Werror): the size and
 * every field offset of each structure added for an agent desktop under the Windows x64
 * layout with 1-byte packing, the value of each constant, and each function's documented
 * signature. Everything is checked at compile time; main() re-reads the layouts through real,
 * unaligned bytes and returns 0, printing nothing, when all is well.
 */
#include "tapi.h"

#include <string.h>

/* C99 has no _Static_assert: a negative array size fails the build. */
#define CAT2_(a, b) a##b
#define CAT_(a, b) CAT2_(a, b)
#define STATIC_CHECK(cond) typedef char CAT_(static_check_line_, __LINE__)[(cond) ? 1 : -1]
#define SIZE_IS(type, n) STATIC_CHECK(sizeof(type) == (n))
#define OFFSET_IS(type, member, n) STATIC_CHECK(offsetof(type, member) == (n))
#define VALUE_IS(name, value) STATIC_CHECK((name) == (value))

/* ---- Types ------------------------------------------------------------------------------ */

/* The sizes below are those of Win64; the pointer-sized members make them host-dependent. */
STATIC_CHECK(sizeof(void *) == 8);
SIZE_IS(HANDLE, 8);
SIZE_IS(HINSTANCE, 8);
SIZE_IS(DWORD_PTR, 8);
SIZE_IS(WCHAR, 2);
STATIC_CHECK((WCHAR)-1 > 0);
SIZE_IS(HLINEAPP, 4);
SIZE_IS(HLINE, 4);
SIZE_IS(HCALL, 4);

/* LINECALLBACK takes (DWORD, DWORD, DWORD_PTR x 4): assigning a function of exactly that type
 * must compile without a warning (-Werror makes a mismatch fatal). */
static void CALLBACK exampleCallback(DWORD hDevice, DWORD dwMessage, DWORD_PTR dwInstance,
                                     DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    (void)hDevice;
    (void)dwMessage;
    (void)dwInstance;
    (void)dwParam1;
    (void)dwParam2;
    (void)dwParam3;
}
static LINECALLBACK const exampleCallbackPointer = exampleCallback;

/* ---- Structures: size and every field offset -------------------------------------------- */

SIZE_IS(LINEMESSAGE, 40);
OFFSET_IS(LINEMESSAGE, hDevice, 0);
OFFSET_IS(LINEMESSAGE, dwMessageID, 4);
OFFSET_IS(LINEMESSAGE, dwCallbackInstance, 8);
OFFSET_IS(LINEMESSAGE, dwParam1, 16);
OFFSET_IS(LINEMESSAGE, dwParam2, 24);
OFFSET_IS(LINEMESSAGE, dwParam3, 32);

SIZE_IS(LINEINITIALIZEEXPARAMS, 28); /* 32 under natural alignment: pack(1) matters here */
OFFSET_IS(LINEINITIALIZEEXPARAMS, dwTotalSize, 0);
OFFSET_IS(LINEINITIALIZEEXPARAMS, dwNeededSize, 4);
OFFSET_IS(LINEINITIALIZEEXPARAMS, dwUsedSize, 8);
OFFSET_IS(LINEINITIALIZEEXPARAMS, dwOptions, 12);
OFFSET_IS(LINEINITIALIZEEXPARAMS, Handles, 16);
OFFSET_IS(LINEINITIALIZEEXPARAMS, Handles.hEvent, 16);
OFFSET_IS(LINEINITIALIZEEXPARAMS, Handles.hCompletionPort, 16);
OFFSET_IS(LINEINITIALIZEEXPARAMS, dwCompletionKey, 24);

SIZE_IS(LINECALLLIST, 24);
OFFSET_IS(LINECALLLIST, dwTotalSize, 0);
OFFSET_IS(LINECALLLIST, dwNeededSize, 4);
OFFSET_IS(LINECALLLIST, dwUsedSize, 8);
OFFSET_IS(LINECALLLIST, dwCallsNumEntries, 12);
OFFSET_IS(LINECALLLIST, dwCallsSize, 16);
OFFSET_IS(LINECALLLIST, dwCallsOffset, 20);

/* The suite's extensions (not Windows). */
SIZE_IS(ACDCALLDATA, 120);
OFFSET_IS(ACDCALLDATA, dwSize, 0);
OFFSET_IS(ACDCALLDATA, dwVersion, 4);
OFFSET_IS(ACDCALLDATA, dwQueueID, 8);
OFFSET_IS(ACDCALLDATA, dwWaitTime, 12);
OFFSET_IS(ACDCALLDATA, dwPriority, 16);
OFFSET_IS(ACDCALLDATA, szQueueName, 20);
OFFSET_IS(ACDCALLDATA, szRoutePoint, 84);
OFFSET_IS(ACDCALLDATA, dwWrapUpTime, 116);
SIZE_IS(((ACDCALLDATA *)0)->szQueueName, 64);
SIZE_IS(((ACDCALLDATA *)0)->szRoutePoint, 32);

SIZE_IS(ACDAGENTSPECIFICPARAMS, 72);
OFFSET_IS(ACDAGENTSPECIFICPARAMS, dwCommand, 0);
OFFSET_IS(ACDAGENTSPECIFICPARAMS, dwValue, 4);
OFFSET_IS(ACDAGENTSPECIFICPARAMS, szText, 8);
SIZE_IS(((ACDAGENTSPECIFICPARAMS *)0)->szText, 64);

/* The pointer typedefs point to their structure. */
static LPLINEMESSAGE const messagePointer = (LINEMESSAGE *)0;
static LPLINEINITIALIZEEXPARAMS const initializeExParamsPointer = (LINEINITIALIZEEXPARAMS *)0;
static LPLINECALLLIST const callListPointer = (LINECALLLIST *)0;
static LPACDCALLDATA const callDataPointer = (ACDCALLDATA *)0;
static LPACDAGENTSPECIFICPARAMS const agentSpecificParamsPointer = (ACDAGENTSPECIFICPARAMS *)0;

/* ---- Constants -------------------------------------------------------------------------- */

VALUE_IS(LINEINITIALIZEEXOPTION_USEHIDDENWINDOW, 0x00000001);
VALUE_IS(LINEINITIALIZEEXOPTION_USEEVENT, 0x00000002);
VALUE_IS(LINEINITIALIZEEXOPTION_USECOMPLETIONPORT, 0x00000003);
VALUE_IS(LINEINITIALIZEEXOPTION_CALLHUBTRACKING, 0x80000000u);
VALUE_IS(INFINITE, 0xFFFFFFFFu);

VALUE_IS(LINECALLSELECT_LINE, 0x01);
VALUE_IS(LINECALLSELECT_ADDRESS, 0x02);
VALUE_IS(LINECALLSELECT_CALL, 0x04);
VALUE_IS(LINECALLSELECT_DEVICEID, 0x08);
VALUE_IS(LINECALLSELECT_CALLID, 0x10);

VALUE_IS(LINECALLCOMPLCOND_BUSY, 0x1);
VALUE_IS(LINECALLCOMPLCOND_NOANSWER, 0x2);
VALUE_IS(LINECALLCOMPLMODE_CAMPON, 0x1);
VALUE_IS(LINECALLCOMPLMODE_CALLBACK, 0x2);
VALUE_IS(LINECALLCOMPLMODE_INTRUDE, 0x4);
VALUE_IS(LINECALLCOMPLMODE_MESSAGE, 0x8);

VALUE_IS(LINEADDRESSMODE_ADDRESSID, 0x1);
VALUE_IS(LINEADDRESSMODE_DIALABLEADDR, 0x2);

VALUE_IS(LINEADDRESSSTATE_OTHER, 0x001);
VALUE_IS(LINEADDRESSSTATE_DEVSPECIFIC, 0x002);
VALUE_IS(LINEADDRESSSTATE_INUSEZERO, 0x004);
VALUE_IS(LINEADDRESSSTATE_INUSEONE, 0x008);
VALUE_IS(LINEADDRESSSTATE_INUSEMANY, 0x010);
VALUE_IS(LINEADDRESSSTATE_NUMCALLS, 0x020);
VALUE_IS(LINEADDRESSSTATE_FORWARD, 0x040);
VALUE_IS(LINEADDRESSSTATE_TERMINALS, 0x080);
VALUE_IS(LINEADDRESSSTATE_CAPSCHANGE, 0x100);

VALUE_IS(LINEADDRESSSHARING_PRIVATE, 0x01);
VALUE_IS(LINEADDRESSSHARING_BRIDGEDEXCL, 0x02);
VALUE_IS(LINEADDRESSSHARING_BRIDGEDNEW, 0x04);
VALUE_IS(LINEADDRESSSHARING_BRIDGEDSHARED, 0x08);
VALUE_IS(LINEADDRESSSHARING_MONITORED, 0x10);

VALUE_IS(LINEADDRFEATURE_FORWARD, 0x0001);
VALUE_IS(LINEADDRFEATURE_MAKECALL, 0x0002);
VALUE_IS(LINEADDRFEATURE_PICKUP, 0x0004);
VALUE_IS(LINEADDRFEATURE_SETMEDIACONTROL, 0x0008);
VALUE_IS(LINEADDRFEATURE_SETTERMINAL, 0x0010);
VALUE_IS(LINEADDRFEATURE_SETUPCONF, 0x0020);
VALUE_IS(LINEADDRFEATURE_UNCOMPLETECALL, 0x0040);
VALUE_IS(LINEADDRFEATURE_UNPARK, 0x0080);
VALUE_IS(LINEADDRFEATURE_PICKUPHELD, 0x0100);
VALUE_IS(LINEADDRFEATURE_PICKUPGROUP, 0x0200);
VALUE_IS(LINEADDRFEATURE_PICKUPDIRECT, 0x0400);
VALUE_IS(LINEADDRFEATURE_PICKUPWAITING, 0x0800);
VALUE_IS(LINEADDRFEATURE_FORWARDFWD, 0x1000);
VALUE_IS(LINEADDRFEATURE_FORWARDDND, 0x2000);

VALUE_IS(LINEBEARERMODE_VOICE, 0x01);
VALUE_IS(LINEBEARERMODE_SPEECH, 0x02);
VALUE_IS(LINEBEARERMODE_MULTIUSE, 0x04);
VALUE_IS(LINEBEARERMODE_DATA, 0x08);
VALUE_IS(LINEBEARERMODE_ALTSPEECHDATA, 0x10);
VALUE_IS(LINEBEARERMODE_NONCALLSIGNALING, 0x20);
VALUE_IS(LINEBEARERMODE_PASSTHROUGH, 0x40);
VALUE_IS(LINEBEARERMODE_RESTRICTEDDATA, 0x80);

VALUE_IS(LINEMEDIAMODE_UNKNOWN, 0x0002);
VALUE_IS(LINEMEDIAMODE_INTERACTIVEVOICE, 0x0004);
VALUE_IS(LINEMEDIAMODE_AUTOMATEDVOICE, 0x0008);
VALUE_IS(LINEMEDIAMODE_DATAMODEM, 0x0010);
VALUE_IS(LINEMEDIAMODE_G3FAX, 0x0020);
VALUE_IS(LINEMEDIAMODE_TDD, 0x0040);
VALUE_IS(LINEMEDIAMODE_G4FAX, 0x0080);
VALUE_IS(LINEMEDIAMODE_DIGITALDATA, 0x0100);
VALUE_IS(LINEMEDIAMODE_TELETEX, 0x0200);
VALUE_IS(LINEMEDIAMODE_VIDEOTEX, 0x0400);
VALUE_IS(LINEMEDIAMODE_TELEX, 0x0800);
VALUE_IS(LINEMEDIAMODE_MIXED, 0x1000);
VALUE_IS(LINEMEDIAMODE_ADSI, 0x2000);
VALUE_IS(LINEMEDIAMODE_VOICEVIEW, 0x4000);
VALUE_IS(LINEMEDIAMODE_VIDEO, 0x8000);

VALUE_IS(LINECALLINFOSTATE_OTHER, 0x00000001);
VALUE_IS(LINECALLINFOSTATE_DEVSPECIFIC, 0x00000002);
VALUE_IS(LINECALLINFOSTATE_BEARERMODE, 0x00000004);
VALUE_IS(LINECALLINFOSTATE_RATE, 0x00000008);
VALUE_IS(LINECALLINFOSTATE_MEDIAMODE, 0x00000010);
VALUE_IS(LINECALLINFOSTATE_APPSPECIFIC, 0x00000020);
VALUE_IS(LINECALLINFOSTATE_CALLID, 0x00000040);
VALUE_IS(LINECALLINFOSTATE_RELATEDCALLID, 0x00000080);
VALUE_IS(LINECALLINFOSTATE_ORIGIN, 0x00000100);
VALUE_IS(LINECALLINFOSTATE_REASON, 0x00000200);
VALUE_IS(LINECALLINFOSTATE_COMPLETIONID, 0x00000400);
VALUE_IS(LINECALLINFOSTATE_NUMOWNERINCR, 0x00000800);
VALUE_IS(LINECALLINFOSTATE_NUMOWNERDECR, 0x00001000);
VALUE_IS(LINECALLINFOSTATE_NUMMONITORS, 0x00002000);
VALUE_IS(LINECALLINFOSTATE_TRUNK, 0x00004000);
VALUE_IS(LINECALLINFOSTATE_CALLERID, 0x00008000);
VALUE_IS(LINECALLINFOSTATE_CALLEDID, 0x00010000);
VALUE_IS(LINECALLINFOSTATE_CONNECTEDID, 0x00020000);
VALUE_IS(LINECALLINFOSTATE_REDIRECTIONID, 0x00040000);
VALUE_IS(LINECALLINFOSTATE_REDIRECTINGID, 0x00080000);
VALUE_IS(LINECALLINFOSTATE_DISPLAY, 0x00100000);
VALUE_IS(LINECALLINFOSTATE_USERUSERINFO, 0x00200000);
VALUE_IS(LINECALLINFOSTATE_HIGHLEVELCOMP, 0x00400000);
VALUE_IS(LINECALLINFOSTATE_LOWLEVELCOMP, 0x00800000);
VALUE_IS(LINECALLINFOSTATE_CHARGINGINFO, 0x01000000);
VALUE_IS(LINECALLINFOSTATE_TERMINAL, 0x02000000);
VALUE_IS(LINECALLINFOSTATE_DIALPARAMS, 0x04000000);
VALUE_IS(LINECALLINFOSTATE_MONITORMODES, 0x08000000);
VALUE_IS(LINECALLINFOSTATE_TREATMENT, 0x10000000);
VALUE_IS(LINECALLINFOSTATE_QOS, 0x20000000);
VALUE_IS(LINECALLINFOSTATE_CALLDATA, 0x40000000);

/* The suite's extensions. */
VALUE_IS(ACDCALLDATA_VERSION, 2);
VALUE_IS(ACDAGENTSPECIFIC_ENDWRAPUP, 1);
VALUE_IS(ACDAGENTSPECIFIC_SETREASON, 2);
VALUE_IS(ACDAGENTSPECIFIC_GETSTATION, 3);
VALUE_IS(ACDAGENTSPECIFIC_GETLASTCHANGE, 4);
VALUE_IS(ACD_AGENT_EXTENSION_ID0, 0x41434431u); /* "ACD1" */
VALUE_IS(ACD_AGENT_EXTENSION_ID1, 0x00002022u);
VALUE_IS(ACD_AGENT_EXTENSION_ID2, 0x00000001u);
VALUE_IS(ACD_AGENT_EXTENSION_ID3, 0x00000001u);

/* ---- Signatures ------------------------------------------------------------------------- */

/* A redeclaration with other parameter types is a constraint violation ("conflicting types"),
 * so these compile only if the header declares each function with exactly this signature. */
LONG WINAPI lineInitializeExA(LPHLINEAPP, HINSTANCE, LINECALLBACK, LPCSTR, LPDWORD, LPDWORD,
                              LPLINEINITIALIZEEXPARAMS);
LONG WINAPI lineInitializeExW(LPHLINEAPP, HINSTANCE, LINECALLBACK, LPCWSTR, LPDWORD, LPDWORD,
                              LPLINEINITIALIZEEXPARAMS);
LONG WINAPI lineShutdown(HLINEAPP);
LONG WINAPI lineGetMessage(HLINEAPP, LPLINEMESSAGE, DWORD);
LONG WINAPI lineNegotiateAPIVersion(HLINEAPP, DWORD, DWORD, DWORD, LPDWORD, LPLINEEXTENSIONID);
LONG WINAPI lineGetDevCapsA(HLINEAPP, DWORD, DWORD, DWORD, LPLINEDEVCAPS);
LONG WINAPI lineGetDevCapsW(HLINEAPP, DWORD, DWORD, DWORD, LPLINEDEVCAPS);
LONG WINAPI lineGetAddressCapsA(HLINEAPP, DWORD, DWORD, DWORD, DWORD, LPLINEADDRESSCAPS);
LONG WINAPI lineGetAddressCapsW(HLINEAPP, DWORD, DWORD, DWORD, DWORD, LPLINEADDRESSCAPS);
LONG WINAPI lineGetAddressStatusA(HLINE, DWORD, LPLINEADDRESSSTATUS);
LONG WINAPI lineGetAddressStatusW(HLINE, DWORD, LPLINEADDRESSSTATUS);
LONG WINAPI lineOpenA(HLINEAPP, DWORD, LPHLINE, DWORD, DWORD, DWORD_PTR, DWORD, DWORD,
                      LPLINECALLPARAMS);
LONG WINAPI lineOpenW(HLINEAPP, DWORD, LPHLINE, DWORD, DWORD, DWORD_PTR, DWORD, DWORD,
                      LPLINECALLPARAMS);
LONG WINAPI lineClose(HLINE);
LONG WINAPI lineSetStatusMessages(HLINE, DWORD, DWORD);
LONG WINAPI lineGetIDA(HLINE, DWORD, HCALL, DWORD, LPVARSTRING, LPCSTR);
LONG WINAPI lineGetIDW(HLINE, DWORD, HCALL, DWORD, LPVARSTRING, LPCWSTR);
LONG WINAPI lineGetNewCalls(HLINE, DWORD, DWORD, LPLINECALLLIST);
LONG WINAPI lineMakeCallA(HLINE, LPHCALL, LPCSTR, DWORD, LPLINECALLPARAMS);
LONG WINAPI lineMakeCallW(HLINE, LPHCALL, LPCWSTR, DWORD, LPLINECALLPARAMS);
LONG WINAPI lineDialA(HCALL, LPCSTR, DWORD);
LONG WINAPI lineDialW(HCALL, LPCWSTR, DWORD);
LONG WINAPI lineAnswer(HCALL, LPCSTR, DWORD);
LONG WINAPI lineDrop(HCALL, LPCSTR, DWORD);
LONG WINAPI lineHold(HCALL);
LONG WINAPI lineUnhold(HCALL);
LONG WINAPI lineSwapHold(HCALL, HCALL);
LONG WINAPI lineBlindTransferA(HCALL, LPCSTR, DWORD);
LONG WINAPI lineBlindTransferW(HCALL, LPCWSTR, DWORD);
LONG WINAPI lineSetupTransferA(HCALL, LPHCALL, LPLINECALLPARAMS);
LONG WINAPI lineSetupTransferW(HCALL, LPHCALL, LPLINECALLPARAMS);
LONG WINAPI lineCompleteTransfer(HCALL, HCALL, LPHCALL, DWORD);
LONG WINAPI lineRedirectA(HCALL, LPCSTR, DWORD);
LONG WINAPI lineRedirectW(HCALL, LPCWSTR, DWORD);
LONG WINAPI lineGetCallInfoA(HCALL, LPLINECALLINFO);
LONG WINAPI lineGetCallInfoW(HCALL, LPLINECALLINFO);
LONG WINAPI lineGetCallStatus(HCALL, LPLINECALLSTATUS);
LONG WINAPI lineSetCallPrivilege(HCALL, DWORD);
LONG WINAPI lineDeallocateCall(HCALL);

/* The unsuffixed names of the A/W functions are the A entry points (they expand to the A
 * name, so this redeclares the A function with its A signature). */
LONG WINAPI lineInitializeEx(LPHLINEAPP, HINSTANCE, LINECALLBACK, LPCSTR, LPDWORD, LPDWORD,
                             LPLINEINITIALIZEEXPARAMS);
LONG WINAPI lineGetDevCaps(HLINEAPP, DWORD, DWORD, DWORD, LPLINEDEVCAPS);
LONG WINAPI lineGetAddressCaps(HLINEAPP, DWORD, DWORD, DWORD, DWORD, LPLINEADDRESSCAPS);
LONG WINAPI lineGetAddressStatus(HLINE, DWORD, LPLINEADDRESSSTATUS);
LONG WINAPI lineOpen(HLINEAPP, DWORD, LPHLINE, DWORD, DWORD, DWORD_PTR, DWORD, DWORD,
                     LPLINECALLPARAMS);
LONG WINAPI lineGetID(HLINE, DWORD, HCALL, DWORD, LPVARSTRING, LPCSTR);
LONG WINAPI lineMakeCall(HLINE, LPHCALL, LPCSTR, DWORD, LPLINECALLPARAMS);
LONG WINAPI lineDial(HCALL, LPCSTR, DWORD);
LONG WINAPI lineBlindTransfer(HCALL, LPCSTR, DWORD);
LONG WINAPI lineSetupTransfer(HCALL, LPHCALL, LPLINECALLPARAMS);
LONG WINAPI lineRedirect(HCALL, LPCSTR, DWORD);
LONG WINAPI lineGetCallInfo(HCALL, LPLINECALLINFO);

/* ---- Runtime: the same layouts seen through real bytes ---------------------------------- */

static DWORD readDword(const unsigned char *bytes, size_t offset)
{
    DWORD value;
    memcpy(&value, bytes + offset, sizeof value);
    return value;
}

static uint64_t readQword(const unsigned char *bytes, size_t offset)
{
    uint64_t value;
    memcpy(&value, bytes + offset, sizeof value);
    return value;
}

int main(void)
{
    unsigned char buffer[sizeof(ACDCALLDATA) + 16];
    unsigned char *bytes = buffer + 1; /* unaligned, as a pack(1) structure may be */
    LINEINITIALIZEEXPARAMS *params = (LINEINITIALIZEEXPARAMS *)(void *)bytes;
    LINEMESSAGE *message = (LINEMESSAGE *)(void *)bytes;
    ACDCALLDATA *callData = (ACDCALLDATA *)(void *)bytes;
    LINEINITIALIZEEXPARAMS filled;
    int failures = 0;

    memset(buffer, 0, sizeof buffer);
    params->dwTotalSize = sizeof(LINEINITIALIZEEXPARAMS);
    params->dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    params->Handles.hEvent = (HANDLE)(intptr_t)0x0102030405060708;
    params->dwCompletionKey = 0xCAFEF00Du;
    failures += readDword(bytes, 0) != 28;
    failures += readDword(bytes, 12) != 2;
    failures += readQword(bytes, 16) != 0x0102030405060708u;
    failures += readDword(bytes, 24) != 0xCAFEF00Du;
    failures += params->Handles.hCompletionPort != params->Handles.hEvent; /* one union */

    /* The USEEVENT descriptor survives the trip through HANDLE, -1 included. */
    memset(&filled, 0, sizeof filled);
    filled.Handles.hEvent = (HANDLE)(intptr_t)17;
    failures += TAPI_EVENT_FD(filled) != 17;
    filled.Handles.hEvent = (HANDLE)(intptr_t)-1;
    failures += TAPI_EVENT_FD(filled) != -1;

    memset(buffer, 0, sizeof buffer);
    message->hDevice = 0x11111111u;
    message->dwMessageID = LINE_REPLY;
    message->dwCallbackInstance = (DWORD_PTR)0x2222222233333333u;
    message->dwParam1 = 7;
    message->dwParam2 = (DWORD_PTR)(uint32_t)LINEERR_OPERATIONFAILED;
    message->dwParam3 = (DWORD_PTR)-1;
    failures += readDword(bytes, 0) != 0x11111111u;
    failures += readDword(bytes, 4) != 12;
    failures += readQword(bytes, 8) != 0x2222222233333333u;
    failures += readQword(bytes, 16) != 7;
    failures += readQword(bytes, 24) != 0x80000048u;
    failures += readQword(bytes, 32) != UINT64_MAX;
    /* LINE_REPLY's result is a LONG in the low 32 bits of dwParam2. */
    failures += (LONG)(DWORD)message->dwParam2 != LINEERR_OPERATIONFAILED;

    memset(buffer, 0, sizeof buffer);
    callData->dwSize = sizeof(ACDCALLDATA);
    callData->dwVersion = ACDCALLDATA_VERSION;
    callData->dwQueueID = 4;
    callData->dwWaitTime = 95;
    callData->dwPriority = 100;
    memcpy(callData->szQueueName, "Support \xC3\x9C" "bersee", 17); /* UTF-8, NUL included */
    memcpy(callData->szRoutePoint, "7001", 5);
    callData->dwWrapUpTime = 45;
    failures += readDword(bytes, 0) != 120;
    failures += readDword(bytes, 4) != 2;
    failures += readDword(bytes, 8) != 4;
    failures += readDword(bytes, 12) != 95;
    failures += readDword(bytes, 16) != 100;
    failures += memcmp(bytes + 20, "Support \xC3\x9C" "bersee", 17) != 0;
    failures += memcmp(bytes + 84, "7001", 5) != 0;
    failures += readDword(bytes, 116) != 45;

    /* Keep the compile-time-only objects referenced (-Wunused under -Werror). */
    failures += exampleCallbackPointer != exampleCallback;
    failures += messagePointer != 0 || initializeExParamsPointer != 0 || callListPointer != 0
                || callDataPointer != 0 || agentSpecificParamsPointer != 0;

    return failures == 0 ? 0 : 1;
}
