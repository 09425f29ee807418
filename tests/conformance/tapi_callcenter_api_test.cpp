// tapi.h, call-center part, seen from C++: every function is declared with the exact
// documented signature and C linkage, the unsuffixed names of the A/W-only functions are the
// A entry points, and every call-center constant and message has its documented value. No
// function is called (the server is not built yet): addresses are taken only in decltype.
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

// TAPI 2.0, per-address agent model.
EXPECT_SIGNATURE(lineAgentSpecific, HLINE, DWORD, DWORD, LPVOID, DWORD);
EXPECT_SIGNATURE(lineGetAgentActivityListA, HLINE, DWORD, LPLINEAGENTACTIVITYLIST);
EXPECT_SIGNATURE(lineGetAgentActivityListW, HLINE, DWORD, LPLINEAGENTACTIVITYLIST);
EXPECT_SIGNATURE(lineGetAgentCapsA, HLINEAPP, DWORD, DWORD, DWORD, LPLINEAGENTCAPS);
EXPECT_SIGNATURE(lineGetAgentCapsW, HLINEAPP, DWORD, DWORD, DWORD, LPLINEAGENTCAPS);
EXPECT_SIGNATURE(lineGetAgentGroupListA, HLINE, DWORD, LPLINEAGENTGROUPLIST);
EXPECT_SIGNATURE(lineGetAgentGroupListW, HLINE, DWORD, LPLINEAGENTGROUPLIST);
EXPECT_SIGNATURE(lineGetAgentStatusA, HLINE, DWORD, LPLINEAGENTSTATUS);
EXPECT_SIGNATURE(lineGetAgentStatusW, HLINE, DWORD, LPLINEAGENTSTATUS);
EXPECT_SIGNATURE(lineSetAgentActivity, HLINE, DWORD, DWORD);
EXPECT_SIGNATURE(lineSetAgentGroup, HLINE, DWORD, LPLINEAGENTGROUPLIST);
EXPECT_SIGNATURE(lineSetAgentState, HLINE, DWORD, DWORD, DWORD);
// TAPI 2.0, proxy side.
EXPECT_SIGNATURE(lineProxyMessage, HLINE, HCALL, DWORD, DWORD, DWORD, DWORD);
EXPECT_SIGNATURE(lineProxyResponse, HLINE, LPLINEPROXYREQUEST, DWORD);
// TAPI 2.2.
EXPECT_SIGNATURE(lineCreateAgentA, HLINE, LPSTR, LPSTR, LPHAGENT);
EXPECT_SIGNATURE(lineCreateAgentW, HLINE, LPWSTR, LPWSTR, LPHAGENT);
EXPECT_SIGNATURE(lineCreateAgentSessionA, HLINE, HAGENT, LPSTR, DWORD, LPGUID, LPHAGENTSESSION);
EXPECT_SIGNATURE(lineCreateAgentSessionW, HLINE, HAGENT, LPWSTR, DWORD, LPGUID, LPHAGENTSESSION);
EXPECT_SIGNATURE(lineGetAgentInfo, HLINE, HAGENT, LPLINEAGENTINFO);
EXPECT_SIGNATURE(lineGetAgentSessionInfo, HLINE, HAGENTSESSION, LPLINEAGENTSESSIONINFO);
EXPECT_SIGNATURE(lineGetAgentSessionList, HLINE, HAGENT, LPLINEAGENTSESSIONLIST);
EXPECT_SIGNATURE(lineGetGroupListA, HLINE, LPLINEAGENTGROUPLIST);
EXPECT_SIGNATURE(lineGetGroupListW, HLINE, LPLINEAGENTGROUPLIST);
EXPECT_SIGNATURE(lineGetProxyStatus, HLINEAPP, DWORD, DWORD, LPLINEPROXYREQUESTLIST);
EXPECT_SIGNATURE(lineGetQueueInfo, HLINE, DWORD, LPLINEQUEUEINFO);
EXPECT_SIGNATURE(lineGetQueueListA, HLINE, LPGUID, LPLINEQUEUELIST);
EXPECT_SIGNATURE(lineGetQueueListW, HLINE, LPGUID, LPLINEQUEUELIST);
EXPECT_SIGNATURE(lineSetAgentMeasurementPeriod, HLINE, HAGENT, DWORD);
EXPECT_SIGNATURE(lineSetAgentSessionState, HLINE, HAGENTSESSION, DWORD, DWORD);
EXPECT_SIGNATURE(lineSetAgentStateEx, HLINE, HAGENT, DWORD, DWORD);
EXPECT_SIGNATURE(lineSetQueueMeasurementPeriod, HLINE, DWORD, DWORD);

// The types the signatures are made of have the Windows widths.
static_assert(std::is_same_v<LONG, std::int32_t>);
static_assert(std::is_same_v<HAGENT, DWORD> && std::is_same_v<HAGENTSESSION, DWORD>);
static_assert(std::is_same_v<LPSTR, char *>);
static_assert(std::is_same_v<WCHAR, char16_t>);
static_assert(std::is_same_v<LPWSTR, char16_t *>);
static_assert(std::is_same_v<LPCWSTR, const char16_t *>);
static_assert(std::is_same_v<DATE, double>);
static_assert(sizeof(CURRENCY) == 8 && std::is_same_v<decltype(CURRENCY::int64), std::int64_t>);

// ---- A/W names -----------------------------------------------------------------------------

#define STRINGIFY_(x) #x
#define EXPANSION_OF(x) STRINGIFY_(x)

struct NameMapping {
    const char *unsuffixed; // as written by the application
    const char *expansion;  // what the preprocessor made of it
};

TEST(TapiCallCenterNames, UnsuffixedNamesOfAWOnlyFunctionsAreTheAEntryPoints)
{
    const NameMapping rows[] = {
        {"lineCreateAgent", EXPANSION_OF(lineCreateAgent)},
        {"lineCreateAgentSession", EXPANSION_OF(lineCreateAgentSession)},
        {"lineGetAgentActivityList", EXPANSION_OF(lineGetAgentActivityList)},
        {"lineGetAgentCaps", EXPANSION_OF(lineGetAgentCaps)},
        {"lineGetAgentGroupList", EXPANSION_OF(lineGetAgentGroupList)},
        {"lineGetAgentStatus", EXPANSION_OF(lineGetAgentStatus)},
        {"lineGetGroupList", EXPANSION_OF(lineGetGroupList)},
        {"lineGetQueueList", EXPANSION_OF(lineGetQueueList)},
    };
    for (const NameMapping &row : rows)
        EXPECT_EQ(std::string(row.expansion), std::string(row.unsuffixed) + "A") << row.unsuffixed;

    // And they keep the A signature (UTF-8 strings), so an unchanged Windows program compiles.
    static_assert(std::is_same_v<decltype(&lineCreateAgent), decltype(&lineCreateAgentA)>);
    static_assert(
        std::is_same_v<decltype(&lineCreateAgentSession), decltype(&lineCreateAgentSessionA)>);
}

// Windows exports these under the plain name only: they must be functions, not macros.
#if defined(lineAgentSpecific) || defined(lineGetAgentInfo) || defined(lineGetAgentSessionInfo)    \
    || defined(lineGetAgentSessionList) || defined(lineGetProxyStatus)                             \
    || defined(lineGetQueueInfo) || defined(lineProxyMessage) || defined(lineProxyResponse)        \
    || defined(lineSetAgentActivity) || defined(lineSetAgentGroup)                                 \
    || defined(lineSetAgentMeasurementPeriod) || defined(lineSetAgentSessionState)                 \
    || defined(lineSetAgentState) || defined(lineSetAgentStateEx)                                  \
    || defined(lineSetQueueMeasurementPeriod)
#error "a plain-name call-center function is a macro"
#endif

// ---- Constants and messages ----------------------------------------------------------------

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

class TapiCallCenterConstants : public ::testing::TestWithParam<Constant> {};

TEST_P(TapiCallCenterConstants, HaveTheDocumentedValue)
{
    EXPECT_EQ(GetParam().value, GetParam().documented) << GetParam().name;
}

const Constant kMessages[] = {
    ROW(LINE_AGENTSPECIFIC, 21), ROW(LINE_AGENTSTATUS, 22),        ROW(LINE_APPNEWCALL, 23),
    ROW(LINE_PROXYREQUEST, 24),  ROW(LINE_AGENTSESSIONSTATUS, 27), ROW(LINE_QUEUESTATUS, 28),
    ROW(LINE_AGENTSTATUSEX, 29), ROW(LINE_GROUPSTATUS, 30),        ROW(LINE_PROXYSTATUS, 31),
};

const Constant kProxyRequestTypes[] = {
    ROW(LINEPROXYREQUEST_SETAGENTGROUP, 1),
    ROW(LINEPROXYREQUEST_SETAGENTSTATE, 2),
    ROW(LINEPROXYREQUEST_SETAGENTACTIVITY, 3),
    ROW(LINEPROXYREQUEST_GETAGENTCAPS, 4),
    ROW(LINEPROXYREQUEST_GETAGENTSTATUS, 5),
    ROW(LINEPROXYREQUEST_AGENTSPECIFIC, 6),
    ROW(LINEPROXYREQUEST_GETAGENTACTIVITYLIST, 7),
    ROW(LINEPROXYREQUEST_GETAGENTGROUPLIST, 8),
    ROW(LINEPROXYREQUEST_CREATEAGENT, 0x09),
    ROW(LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD, 0x0A),
    ROW(LINEPROXYREQUEST_GETAGENTINFO, 0x0B),
    ROW(LINEPROXYREQUEST_CREATEAGENTSESSION, 0x0C),
    ROW(LINEPROXYREQUEST_GETAGENTSESSIONLIST, 0x0D),
    ROW(LINEPROXYREQUEST_SETAGENTSESSIONSTATE, 0x0E),
    ROW(LINEPROXYREQUEST_GETAGENTSESSIONINFO, 0x0F),
    ROW(LINEPROXYREQUEST_GETQUEUELIST, 0x10),
    ROW(LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD, 0x11),
    ROW(LINEPROXYREQUEST_GETQUEUEINFO, 0x12),
    ROW(LINEPROXYREQUEST_GETGROUPLIST, 0x13),
    ROW(LINEPROXYREQUEST_SETAGENTSTATEEX, 0x14),
};

const Constant kAgentConstants[] = {
    ROW(LINEAGENTFEATURE_SETAGENTGROUP, 0x01),
    ROW(LINEAGENTFEATURE_SETAGENTSTATE, 0x02),
    ROW(LINEAGENTFEATURE_SETAGENTACTIVITY, 0x04),
    ROW(LINEAGENTFEATURE_AGENTSPECIFIC, 0x08),
    ROW(LINEAGENTFEATURE_GETAGENTACTIVITYLIST, 0x10),
    ROW(LINEAGENTFEATURE_GETAGENTGROUP, 0x20),
    ROW(LINEAGENTFEATURE_GETAGENTGROUPLIST, 0x20),
    ROW(LINEAGENTSTATE_LOGGEDOFF, 0x001),
    ROW(LINEAGENTSTATE_NOTREADY, 0x002),
    ROW(LINEAGENTSTATE_READY, 0x004),
    ROW(LINEAGENTSTATE_BUSYACD, 0x008),
    ROW(LINEAGENTSTATE_BUSYINCOMING, 0x010),
    ROW(LINEAGENTSTATE_BUSYOUTBOUND, 0x020),
    ROW(LINEAGENTSTATE_BUSYOTHER, 0x040),
    ROW(LINEAGENTSTATE_WORKINGAFTERCALL, 0x080),
    ROW(LINEAGENTSTATE_UNKNOWN, 0x100),
    ROW(LINEAGENTSTATE_UNAVAIL, 0x200),
    ROW(LINEAGENTSTATUS_GROUP, 0x001),
    ROW(LINEAGENTSTATUS_STATE, 0x002),
    ROW(LINEAGENTSTATUS_NEXTSTATE, 0x004),
    ROW(LINEAGENTSTATUS_ACTIVITY, 0x008),
    ROW(LINEAGENTSTATUS_ACTIVITYLIST, 0x010),
    ROW(LINEAGENTSTATUS_GROUPLIST, 0x020),
    ROW(LINEAGENTSTATUS_CAPSCHANGE, 0x040),
    ROW(LINEAGENTSTATUS_VALIDSTATES, 0x080),
    ROW(LINEAGENTSTATUS_VALIDNEXTSTATES, 0x100),
    ROW(LINEAGENTSTATEEX_NOTREADY, 0x01),
    ROW(LINEAGENTSTATEEX_READY, 0x02),
    ROW(LINEAGENTSTATEEX_BUSYACD, 0x04),
    ROW(LINEAGENTSTATEEX_BUSYINCOMING, 0x08),
    ROW(LINEAGENTSTATEEX_BUSYOUTGOING, 0x10),
    ROW(LINEAGENTSTATEEX_UNKNOWN, 0x20),
    ROW(LINEAGENTSTATEEX_RELEASED, 0x40),
    ROW(LINEAGENTSTATUSEX_NEWAGENT, 0x1),
    ROW(LINEAGENTSTATUSEX_STATE, 0x2),
    ROW(LINEAGENTSTATUSEX_UPDATEINFO, 0x4),
    ROW(LINEAGENTSESSIONSTATE_NOTREADY, 0x01),
    ROW(LINEAGENTSESSIONSTATE_READY, 0x02),
    ROW(LINEAGENTSESSIONSTATE_BUSYONCALL, 0x04),
    ROW(LINEAGENTSESSIONSTATE_BUSYWRAPUP, 0x08),
    ROW(LINEAGENTSESSIONSTATE_ENDED, 0x10),
    ROW(LINEAGENTSESSIONSTATE_RELEASED, 0x20),
    ROW(LINEAGENTSESSIONSTATUS_NEWSESSION, 0x1),
    ROW(LINEAGENTSESSIONSTATUS_STATE, 0x2),
    ROW(LINEAGENTSESSIONSTATUS_UPDATEINFO, 0x4),
    ROW(LINEQUEUESTATUS_UPDATEINFO, 0x1),
    ROW(LINEQUEUESTATUS_NEWQUEUE, 0x2),
    ROW(LINEQUEUESTATUS_QUEUEREMOVED, 0x4),
    ROW(LINEGROUPSTATUS_NEWGROUP, 0x1),
    ROW(LINEGROUPSTATUS_GROUPREMOVED, 0x2),
    ROW(LINEPROXYSTATUS_OPEN, 0x1),
    ROW(LINEPROXYSTATUS_CLOSE, 0x2),
    ROW(LINEPROXYSTATUS_ALLOPENFORACD, 0x4),
};

const Constant kLineConstantsUsedByTheAcd[] = {
    ROW(LINEOPENOPTION_SINGLEADDRESS, 0x80000000),
    ROW(LINEOPENOPTION_PROXY, 0x40000000),
    ROW(LINEADDRCAPFLAGS_PREDICTIVEDIALER, 0x00800000),
    ROW(LINEADDRCAPFLAGS_QUEUE, 0x01000000),
    ROW(LINEADDRCAPFLAGS_ROUTEPOINT, 0x02000000),
    ROW(LINEADDRCAPFLAGS_ACDGROUP, 0x40000000),
    ROW(LINEERR_INVALAGENTID, -0x7FFFFFA9),           // 0x80000057
    ROW(LINEERR_INVALAGENTGROUP, -0x7FFFFFA8),        // 0x80000058
    ROW(LINEERR_INVALPASSWORD, -0x7FFFFFA7),          // 0x80000059
    ROW(LINEERR_INVALAGENTSTATE, -0x7FFFFFA6),        // 0x8000005A
    ROW(LINEERR_INVALAGENTACTIVITY, -0x7FFFFFA5),     // 0x8000005B
    ROW(LINEERR_INVALAGENTSESSIONSTATE, -0x7FFFFFA1), // 0x8000005F
};

// Each test is named after its constant, e.g. ProxyRequestTypes/..../LINEPROXYREQUEST_GETAGENTINFO.
std::string constantName(const ::testing::TestParamInfo<Constant> &info)
{
    return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Messages, TapiCallCenterConstants, ::testing::ValuesIn(kMessages),
                         constantName);
INSTANTIATE_TEST_SUITE_P(ProxyRequestTypes, TapiCallCenterConstants,
                         ::testing::ValuesIn(kProxyRequestTypes), constantName);
INSTANTIATE_TEST_SUITE_P(AgentSessionQueueGroupProxyStatus, TapiCallCenterConstants,
                         ::testing::ValuesIn(kAgentConstants), constantName);
INSTANTIATE_TEST_SUITE_P(LineConstantsUsedByTheAcd, TapiCallCenterConstants,
                         ::testing::ValuesIn(kLineConstantsUsedByTheAcd), constantName);

// ---- Layout, as C++ sees it (the C99 test checks every field; these are the pack(1) cases) --

TEST(TapiCallCenterLayout, PackedStructuresHaveTheWindowsSizesInCxxToo)
{
    EXPECT_EQ(sizeof(LINEAGENTSESSIONINFO), 76u);
    EXPECT_EQ(offsetof(LINEAGENTSESSIONINFO, dateSessionStartTime), 20u);
    EXPECT_EQ(offsetof(LINEAGENTSESSIONINFO, cyACDCallRate), 60u);
    EXPECT_EQ(sizeof(LINEAGENTINFO), 56u);
    EXPECT_EQ(offsetof(LINEAGENTINFO, cyOverallCallRate), 24u);
    EXPECT_EQ(sizeof(LINEPROXYREQUEST), 108u);
    EXPECT_EQ(offsetof(LINEPROXYREQUEST, SetAgentGroup), 28u);
    EXPECT_EQ(offsetof(LINEPROXYREQUEST, GetAgentInfo.AgentInfo), 32u);
    EXPECT_EQ(offsetof(LINEPROXYREQUEST, CreateAgentSession.GroupID), 44u);
}

TEST(TapiCallCenterLayout, ProxyRequestUnionMembersShareTheirFirstBytes)
{
    LINEPROXYREQUEST request;
    std::memset(&request, 0, sizeof request);
    request.CreateAgent.hAgent = 0x1234;
    EXPECT_EQ(request.SetAgentStateEx.hAgent, 0x1234u);
    EXPECT_EQ(request.GetAgentStatus.dwAddressID, 0x1234u);
    request.GetGroupList.GroupList.dwTotalSize = sizeof(LINEAGENTGROUPLIST);
    EXPECT_EQ(request.SetQueueMeasurementPeriod.dwQueueID, 24u);
}

} // namespace
