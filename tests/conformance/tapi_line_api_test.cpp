// tapi.h, line and call part (section 11) and the suite's extensions (section 12), seen from
// C++: every line function an agent desktop uses is declared with the exact documented
// signature and C linkage, each A/W pair has the right string type, the unsuffixed names are
// the A entry points and the plain-name-only functions are real functions, not macros; the
// structures and constants added with them have their Windows values. No function is called
// (the server is not built yet): addresses are taken only in decltype.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <type_traits>

#include "tapi.h"

namespace {

// ---- Signatures --------------------------------------------------------------------------

#define EXPECT_SIGNATURE(function, ...)                                                            \
    static_assert(std::is_same_v<decltype(&function), LONG (*)(__VA_ARGS__)>,                      \
                  #function " does not have the documented signature")

// Initialisation and messages.
EXPECT_SIGNATURE(lineInitializeExA, LPHLINEAPP, HINSTANCE, LINECALLBACK, LPCSTR, LPDWORD, LPDWORD,
                 LPLINEINITIALIZEEXPARAMS);
EXPECT_SIGNATURE(lineInitializeExW, LPHLINEAPP, HINSTANCE, LINECALLBACK, LPCWSTR, LPDWORD,
                 LPDWORD, LPLINEINITIALIZEEXPARAMS);
EXPECT_SIGNATURE(lineShutdown, HLINEAPP);
EXPECT_SIGNATURE(lineGetMessage, HLINEAPP, LPLINEMESSAGE, DWORD);
EXPECT_SIGNATURE(lineNegotiateAPIVersion, HLINEAPP, DWORD, DWORD, DWORD, LPDWORD,
                 LPLINEEXTENSIONID);
// Devices, addresses, lines.
EXPECT_SIGNATURE(lineGetDevCapsA, HLINEAPP, DWORD, DWORD, DWORD, LPLINEDEVCAPS);
EXPECT_SIGNATURE(lineGetDevCapsW, HLINEAPP, DWORD, DWORD, DWORD, LPLINEDEVCAPS);
EXPECT_SIGNATURE(lineGetAddressCapsA, HLINEAPP, DWORD, DWORD, DWORD, DWORD, LPLINEADDRESSCAPS);
EXPECT_SIGNATURE(lineGetAddressCapsW, HLINEAPP, DWORD, DWORD, DWORD, DWORD, LPLINEADDRESSCAPS);
EXPECT_SIGNATURE(lineGetAddressStatusA, HLINE, DWORD, LPLINEADDRESSSTATUS);
EXPECT_SIGNATURE(lineGetAddressStatusW, HLINE, DWORD, LPLINEADDRESSSTATUS);
EXPECT_SIGNATURE(lineOpenA, HLINEAPP, DWORD, LPHLINE, DWORD, DWORD, DWORD_PTR, DWORD, DWORD,
                 LPLINECALLPARAMS);
EXPECT_SIGNATURE(lineOpenW, HLINEAPP, DWORD, LPHLINE, DWORD, DWORD, DWORD_PTR, DWORD, DWORD,
                 LPLINECALLPARAMS);
EXPECT_SIGNATURE(lineClose, HLINE);
EXPECT_SIGNATURE(lineSetStatusMessages, HLINE, DWORD, DWORD);
EXPECT_SIGNATURE(lineGetIDA, HLINE, DWORD, HCALL, DWORD, LPVARSTRING, LPCSTR);
EXPECT_SIGNATURE(lineGetIDW, HLINE, DWORD, HCALL, DWORD, LPVARSTRING, LPCWSTR);
EXPECT_SIGNATURE(lineGetNewCalls, HLINE, DWORD, DWORD, LPLINECALLLIST);
// Call control.
EXPECT_SIGNATURE(lineMakeCallA, HLINE, LPHCALL, LPCSTR, DWORD, LPLINECALLPARAMS);
EXPECT_SIGNATURE(lineMakeCallW, HLINE, LPHCALL, LPCWSTR, DWORD, LPLINECALLPARAMS);
EXPECT_SIGNATURE(lineDialA, HCALL, LPCSTR, DWORD);
EXPECT_SIGNATURE(lineDialW, HCALL, LPCWSTR, DWORD);
EXPECT_SIGNATURE(lineAnswer, HCALL, LPCSTR, DWORD);
EXPECT_SIGNATURE(lineDrop, HCALL, LPCSTR, DWORD);
EXPECT_SIGNATURE(lineHold, HCALL);
EXPECT_SIGNATURE(lineUnhold, HCALL);
EXPECT_SIGNATURE(lineSwapHold, HCALL, HCALL);
EXPECT_SIGNATURE(lineBlindTransferA, HCALL, LPCSTR, DWORD);
EXPECT_SIGNATURE(lineBlindTransferW, HCALL, LPCWSTR, DWORD);
EXPECT_SIGNATURE(lineSetupTransferA, HCALL, LPHCALL, LPLINECALLPARAMS);
EXPECT_SIGNATURE(lineSetupTransferW, HCALL, LPHCALL, LPLINECALLPARAMS);
EXPECT_SIGNATURE(lineCompleteTransfer, HCALL, HCALL, LPHCALL, DWORD);
EXPECT_SIGNATURE(lineRedirectA, HCALL, LPCSTR, DWORD);
EXPECT_SIGNATURE(lineRedirectW, HCALL, LPCWSTR, DWORD);
// Call information and handles.
EXPECT_SIGNATURE(lineGetCallInfoA, HCALL, LPLINECALLINFO);
EXPECT_SIGNATURE(lineGetCallInfoW, HCALL, LPLINECALLINFO);
EXPECT_SIGNATURE(lineGetCallStatus, HCALL, LPLINECALLSTATUS);
EXPECT_SIGNATURE(lineSetCallPrivilege, HCALL, DWORD);
EXPECT_SIGNATURE(lineDeallocateCall, HCALL);

// The callback and the types the signatures are made of have the Windows (Win64) shapes.
static_assert(std::is_same_v<LINECALLBACK, void (*)(DWORD, DWORD, DWORD_PTR, DWORD_PTR, DWORD_PTR,
                                                    DWORD_PTR)>);
static_assert(std::is_same_v<HANDLE, void *> && std::is_same_v<HINSTANCE, void *>);
static_assert(std::is_same_v<LPCSTR, const char *> && std::is_same_v<LPCWSTR, const char16_t *>);
static_assert(std::is_same_v<DWORD_PTR, std::uintptr_t> && sizeof(DWORD_PTR) == 8);
static_assert(std::is_same_v<HLINEAPP, DWORD> && std::is_same_v<HLINE, DWORD>
              && std::is_same_v<HCALL, DWORD>);
static_assert(std::is_same_v<LPLINEMESSAGE, LINEMESSAGE *>
              && std::is_same_v<LPLINEINITIALIZEEXPARAMS, LINEINITIALIZEEXPARAMS *>
              && std::is_same_v<LPLINECALLLIST, LINECALLLIST *>
              && std::is_same_v<LPACDCALLDATA, ACDCALLDATA *>
              && std::is_same_v<LPACDAGENTSPECIFICPARAMS, ACDAGENTSPECIFICPARAMS *>);

// ---- A/W names -----------------------------------------------------------------------------

#define STRINGIFY_(x) #x
#define EXPANSION_OF(x) STRINGIFY_(x)

struct NameMapping {
    const char *unsuffixed; // as written by the application
    const char *expansion;  // what the preprocessor made of it
};

TEST(TapiLineNames, UnsuffixedNamesOfAWFunctionsAreTheAEntryPoints)
{
    const NameMapping rows[] = {
        {"lineInitializeEx", EXPANSION_OF(lineInitializeEx)},
        {"lineGetDevCaps", EXPANSION_OF(lineGetDevCaps)},
        {"lineGetAddressCaps", EXPANSION_OF(lineGetAddressCaps)},
        {"lineGetAddressStatus", EXPANSION_OF(lineGetAddressStatus)},
        {"lineOpen", EXPANSION_OF(lineOpen)},
        {"lineGetID", EXPANSION_OF(lineGetID)},
        {"lineMakeCall", EXPANSION_OF(lineMakeCall)},
        {"lineDial", EXPANSION_OF(lineDial)},
        {"lineBlindTransfer", EXPANSION_OF(lineBlindTransfer)},
        {"lineSetupTransfer", EXPANSION_OF(lineSetupTransfer)},
        {"lineRedirect", EXPANSION_OF(lineRedirect)},
        {"lineGetCallInfo", EXPANSION_OF(lineGetCallInfo)},
    };
    for (const NameMapping &row : rows)
        EXPECT_EQ(std::string(row.expansion), std::string(row.unsuffixed) + "A") << row.unsuffixed;

    // And they keep the A signature (UTF-8 strings), so an unchanged Windows program compiles.
    static_assert(std::is_same_v<decltype(&lineInitializeEx), decltype(&lineInitializeExA)>);
    static_assert(std::is_same_v<decltype(&lineOpen), decltype(&lineOpenA)>);
    static_assert(std::is_same_v<decltype(&lineGetID), decltype(&lineGetIDA)>);
    static_assert(std::is_same_v<decltype(&lineMakeCall), decltype(&lineMakeCallA)>);
    static_assert(std::is_same_v<decltype(&lineDial), decltype(&lineDialA)>);
    static_assert(std::is_same_v<decltype(&lineBlindTransfer), decltype(&lineBlindTransferA)>);
    static_assert(std::is_same_v<decltype(&lineRedirect), decltype(&lineRedirectA)>);
    static_assert(std::is_same_v<decltype(&lineGetCallInfo), decltype(&lineGetCallInfoA)>);
}

TEST(TapiLineNames, WEntryPointsDifferFromAOnlyInTheirStringType)
{
    // The W functions that take a string take UTF-16; those that only fill a structure have
    // the A signature (their difference is the encoding of the strings they write).
    static_assert(!std::is_same_v<decltype(&lineMakeCallW), decltype(&lineMakeCallA)>);
    static_assert(!std::is_same_v<decltype(&lineInitializeExW), decltype(&lineInitializeExA)>);
    static_assert(std::is_same_v<decltype(&lineGetDevCapsW), decltype(&lineGetDevCapsA)>);
    static_assert(std::is_same_v<decltype(&lineGetCallInfoW), decltype(&lineGetCallInfoA)>);
    SUCCEED();
}

// Windows exports these under the plain name only: they must be functions, not macros.
#if defined(lineShutdown) || defined(lineGetMessage) || defined(lineNegotiateAPIVersion)           \
    || defined(lineClose) || defined(lineSetStatusMessages) || defined(lineGetNewCalls)            \
    || defined(lineAnswer) || defined(lineDrop) || defined(lineHold) || defined(lineUnhold)        \
    || defined(lineSwapHold) || defined(lineCompleteTransfer) || defined(lineGetCallStatus)        \
    || defined(lineSetCallPrivilege) || defined(lineDeallocateCall)
#error "a plain-name line function is a macro"
#endif
// And Windows has no lineInitializeExA/W macro of its own to clash with: the A/W entry points
// are real functions.
#if defined(lineInitializeExA) || defined(lineInitializeExW) || defined(lineOpenA)                 \
    || defined(lineMakeCallA) || defined(lineGetCallInfoA)
#error "an A/W entry point is a macro"
#endif

// ---- Constants -------------------------------------------------------------------------------

struct Constant {
    const char *name;
    std::int64_t value;
    std::int64_t documented;
};

// Printed (and shown in the ctest name) as "NAME = value".
void PrintTo(const Constant &constant, std::ostream *os)
{
    *os << constant.name << " = " << constant.value;
}

#define ROW(name, documented)                                                                      \
    {                                                                                              \
#name, static_cast < std::int64_t>(name), documented                                       \
    }

class TapiLineConstants : public ::testing::TestWithParam<Constant> {};

TEST_P(TapiLineConstants, HaveTheDocumentedValue)
{
    EXPECT_EQ(GetParam().value, GetParam().documented) << GetParam().name;
}

const Constant kInitializeAndSelect[] = {
    ROW(LINEINITIALIZEEXOPTION_USEHIDDENWINDOW, 1),
    ROW(LINEINITIALIZEEXOPTION_USEEVENT, 2),
    ROW(LINEINITIALIZEEXOPTION_USECOMPLETIONPORT, 3),
    ROW(LINEINITIALIZEEXOPTION_CALLHUBTRACKING, 0x80000000),
    ROW(INFINITE, 0xFFFFFFFF),
    ROW(LINECALLSELECT_LINE, 0x01),
    ROW(LINECALLSELECT_ADDRESS, 0x02),
    ROW(LINECALLSELECT_CALL, 0x04),
    ROW(LINECALLSELECT_DEVICEID, 0x08),
    ROW(LINECALLSELECT_CALLID, 0x10),
    ROW(LINEADDRESSMODE_ADDRESSID, 0x01),
    ROW(LINEADDRESSMODE_DIALABLEADDR, 0x02),
    ROW(LINECALLCOMPLCOND_BUSY, 0x01),
    ROW(LINECALLCOMPLCOND_NOANSWER, 0x02),
    ROW(LINECALLCOMPLMODE_CAMPON, 0x01),
    ROW(LINECALLCOMPLMODE_CALLBACK, 0x02),
    ROW(LINECALLCOMPLMODE_INTRUDE, 0x04),
    ROW(LINECALLCOMPLMODE_MESSAGE, 0x08),
};

const Constant kSuiteExtensions[] = {
    ROW(ACDCALLDATA_VERSION, 1),
    ROW(ACDAGENTSPECIFIC_ENDWRAPUP, 1),
    ROW(ACDAGENTSPECIFIC_SETREASON, 2),
    ROW(ACDAGENTSPECIFIC_GETSTATION, 3),
    ROW(ACDAGENTSPECIFIC_GETLASTCHANGE, 4),
    ROW(ACD_AGENT_EXTENSION_ID0, 0x41434431),
    ROW(ACD_AGENT_EXTENSION_ID1, 0x00002022),
    ROW(ACD_AGENT_EXTENSION_ID2, 0x00000001),
    ROW(ACD_AGENT_EXTENSION_ID3, 0x00000001),
};

// Each test is named after its constant, e.g. LineInitializeAndSelect/..../LINECALLSELECT_CALL.
std::string constantName(const ::testing::TestParamInfo<Constant> &info)
{
    return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(LineInitializeAndSelect, TapiLineConstants,
                         ::testing::ValuesIn(kInitializeAndSelect), constantName);
INSTANTIATE_TEST_SUITE_P(SuiteExtensions, TapiLineConstants, ::testing::ValuesIn(kSuiteExtensions),
                         constantName);

// ---- Layout, as C++ sees it (the C99 test checks every field) ------------------------------

TEST(TapiLineLayout, StructuresHaveTheWin64SizesInCxxToo)
{
    EXPECT_EQ(sizeof(LINEMESSAGE), 40u);
    EXPECT_EQ(offsetof(LINEMESSAGE, dwCallbackInstance), 8u);
    EXPECT_EQ(offsetof(LINEMESSAGE, dwParam3), 32u);
    EXPECT_EQ(sizeof(LINEINITIALIZEEXPARAMS), 28u);
    EXPECT_EQ(offsetof(LINEINITIALIZEEXPARAMS, Handles), 16u);
    EXPECT_EQ(offsetof(LINEINITIALIZEEXPARAMS, dwCompletionKey), 24u);
    EXPECT_EQ(sizeof(LINECALLLIST), 24u);
    EXPECT_EQ(sizeof(ACDCALLDATA), 116u);
    EXPECT_EQ(offsetof(ACDCALLDATA, szRoutePoint), 84u);
    EXPECT_EQ(sizeof(ACDAGENTSPECIFICPARAMS), 72u);
}

TEST(TapiLineLayout, EventFdRoundTripsThroughTheHandle)
{
    LINEINITIALIZEEXPARAMS params;
    std::memset(&params, 0, sizeof params);
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    for (int fd : {0, 3, 1023, 65535, -1}) {
        params.Handles.hEvent = reinterpret_cast<HANDLE>(static_cast<std::intptr_t>(fd));
        EXPECT_EQ(TAPI_EVENT_FD(params), fd);
    }
}

} // namespace
