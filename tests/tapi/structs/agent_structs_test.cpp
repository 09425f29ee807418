#include "acd/tapi/agent_structs.h"
#include "test_buffer.h"

#include <cstddef>
#include <cstring>

#include <gtest/gtest.h>

using namespace acd;
using namespace acd::tapi;
using acd::tapi::test::TestBuffer;

namespace {

core::Guid guidOf(std::uint8_t first)
{
    core::Guid g;
    for (std::size_t i = 0; i < 16; ++i)
        g.bytes[i] = static_cast<std::uint8_t>(first + i);
    return g;
}

AgentHandlerCaps handlerCaps()
{
    AgentHandlerCaps h;
    h.handlerName = "ACD proxy"; // 10 bytes in UTF-8
    h.features = LINEAGENTFEATURE_SETAGENTGROUP | LINEAGENTFEATURE_SETAGENTSTATE;
    h.states = LINEAGENTSTATE_READY | LINEAGENTSTATE_NOTREADY;
    h.nextStates = LINEAGENTSTATE_READY;
    h.maxGroupEntries = 4;
    h.statusMessages = LINEAGENTSTATUS_STATE;
    h.extensionIds = {LINEEXTENSIONID{1, 2, 3, 4}};
    h.proxyGuid = guidOf(0x10);
    return h;
}

} // namespace

// ---- LINEAGENTCAPS ----------------------------------------------------------------------

TEST(AgentCaps, FixedPartIs72BytesFromTapi22And56Before)
{
    EXPECT_EQ(agentCapsFixedSize(TAPI_VERSION2_2), 72u);
    EXPECT_EQ(agentCapsFixedSize(TAPI_VERSION3_0), 72u);
    EXPECT_EQ(agentCapsFixedSize(TAPI_VERSION2_1), 56u);
    EXPECT_EQ(agentCapsFixedSize(TAPI_VERSION2_0), 56u);
}

TEST(AgentCaps, Version22FitsWithProxyGuidExtensionIdsAndHandlerName)
{
    TestBuffer<LINEAGENTCAPS> buf(200);
    ASSERT_EQ(fillAgentCaps(buf.get(), TAPI_VERSION2_2, handlerCaps(), StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 98u);
    EXPECT_EQ(buf->dwUsedSize, 98u);
    EXPECT_EQ(buf->dwCapsVersion, TAPI_VERSION2_2);
    EXPECT_EQ(buf->dwFeatures, 0x3u);
    EXPECT_EQ(buf->dwStates, 0x6u);
    EXPECT_EQ(buf->dwNextStates, 0x4u);
    EXPECT_EQ(buf->dwMaxNumGroupEntries, 4u);
    EXPECT_EQ(buf->dwAgentStatusMessages, 0x2u);
    EXPECT_EQ(buf->dwNumAgentExtensionIDs, 1u);
    EXPECT_EQ(buf->dwAgentExtensionIDListOffset, 72u);
    EXPECT_EQ(buf->dwAgentExtensionIDListSize, 16u);
    EXPECT_EQ(buf.dwordAt(72), 1u);
    EXPECT_EQ(buf.dwordAt(84), 4u);
    EXPECT_EQ(buf->dwAgentHandlerInfoOffset, 88u);
    EXPECT_EQ(buf->dwAgentHandlerInfoSize, 10u);
    EXPECT_EQ(buf.utf8At(88, 10), "ACD proxy");
    EXPECT_EQ(std::memcmp(buf.bytes() + 56, guidOf(0x10).bytes.data(), 16), 0);
}

TEST(AgentCaps, Version20LeavesProxyGuidOutOfTheFixedPart)
{
    TestBuffer<LINEAGENTCAPS> buf(200);
    ASSERT_EQ(fillAgentCaps(buf.get(), TAPI_VERSION2_0, handlerCaps(), StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 82u);
    EXPECT_EQ(buf->dwUsedSize, 82u);
    EXPECT_EQ(buf->dwAgentExtensionIDListOffset, 56u); // where a 2.2 ProxyGUID would be
    EXPECT_EQ(buf.dwordAt(56), 1u);
    EXPECT_EQ(buf->dwAgentHandlerInfoOffset, 72u);
    EXPECT_EQ(buf.utf8At(72, 10), "ACD proxy");
}

TEST(AgentCaps, Version20AcceptsA56ByteBufferThatVersion22Rejects)
{
    TestBuffer<LINEAGENTCAPS> old(56);
    EXPECT_EQ(fillAgentCaps(old.get(), TAPI_VERSION2_0, handlerCaps(), StringEncoding::Utf8), 0);
    EXPECT_EQ(old->dwUsedSize, 56u);
    EXPECT_EQ(old->dwNeededSize, 82u);
    EXPECT_TRUE(old.guardIntact());

    TestBuffer<LINEAGENTCAPS> current(56);
    EXPECT_EQ(fillAgentCaps(current.get(), TAPI_VERSION2_2, handlerCaps(), StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(current->dwNeededSize, 72u);
}

TEST(AgentCaps, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEAGENTCAPS> buf(71);
    EXPECT_EQ(fillAgentCaps(buf.get(), TAPI_VERSION2_2, handlerCaps(), StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 72u);
}

TEST(AgentCaps, ExtensionIdsFitButTheHandlerNameDoesNot)
{
    TestBuffer<LINEAGENTCAPS> buf(95);
    ASSERT_EQ(fillAgentCaps(buf.get(), TAPI_VERSION2_2, handlerCaps(), StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 98u);
    EXPECT_EQ(buf->dwUsedSize, 88u);
    EXPECT_EQ(buf->dwAgentExtensionIDListSize, 16u);
    EXPECT_EQ(buf->dwAgentHandlerInfoSize, 0u);
    EXPECT_EQ(buf->dwAgentHandlerInfoOffset, 0u);
    EXPECT_TRUE(buf.guardIntact());
}

TEST(AgentCaps, HandlerNameDecodesBackFromUtf16)
{
    AgentHandlerCaps h = handlerCaps();
    h.handlerName = "Zo\xC3\xAB \xF0\x9F\x98\x80"; // "Zoë 😀": 6 WCHARs + NUL
    TestBuffer<LINEAGENTCAPS> buf(200);
    ASSERT_EQ(fillAgentCaps(buf.get(), TAPI_VERSION2_2, h, StringEncoding::Utf16), 0);
    EXPECT_EQ(buf->dwAgentHandlerInfoSize, 14u);
    EXPECT_EQ(buf.utf16At(buf->dwAgentHandlerInfoOffset, 14), u"Zo\u00EB \U0001F600");
    EXPECT_EQ(buf->dwUsedSize, 102u);
}

TEST(AgentCaps, NullStructureIsInvalPointer)
{
    EXPECT_EQ(fillAgentCaps(nullptr, TAPI_VERSION2_2, handlerCaps(), StringEncoding::Utf8),
              LINEERR_INVALPOINTER);
}

// ---- LINEAGENTSTATUS --------------------------------------------------------------------

namespace {

AddressAgentStatus readyInSales()
{
    AddressAgentStatus s;
    s.groups = {{guidOf(0x40), "Sales"}};
    s.state = LINEAGENTSTATE_READY;
    s.nextState = LINEAGENTSTATE_READY;
    s.activityId = 90;
    s.activityName = "Ring no answer";
    s.features = LINEAGENTFEATURE_SETAGENTSTATE;
    s.validStates = LINEAGENTSTATE_READY | LINEAGENTSTATE_NOTREADY;
    s.validNextStates = LINEAGENTSTATE_READY;
    return s;
}

} // namespace

TEST(AgentStatus, FitsWithGroupEntriesNamesAndActivity)
{
    TestBuffer<LINEAGENTSTATUS> buf(200);
    ASSERT_EQ(fillAgentStatus(buf.get(), readyInSales(), StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 101u);
    EXPECT_EQ(buf->dwUsedSize, 101u);
    EXPECT_EQ(buf->dwNumEntries, 1u);
    EXPECT_EQ(buf->dwGroupListOffset, 56u);
    EXPECT_EQ(buf->dwGroupListSize, 24u);
    const auto entry = buf.entryAt<LINEAGENTGROUPENTRY>(56, 0);
    EXPECT_EQ(std::memcmp(&entry.GroupID, guidOf(0x40).bytes.data(), 16), 0);
    EXPECT_EQ(entry.dwNameOffset, 80u); // from the start of LINEAGENTSTATUS
    EXPECT_EQ(entry.dwNameSize, 6u);
    EXPECT_EQ(buf.utf8At(80, 6), "Sales");
    EXPECT_EQ(buf->dwState, LINEAGENTSTATE_READY);
    EXPECT_EQ(buf->dwNextState, LINEAGENTSTATE_READY);
    EXPECT_EQ(buf->dwActivityID, 90u);
    EXPECT_EQ(buf->dwActivityOffset, 86u);
    EXPECT_EQ(buf->dwActivitySize, 15u);
    EXPECT_EQ(buf.utf8At(86, 15), "Ring no answer");
    EXPECT_EQ(buf->dwAgentFeatures, LINEAGENTFEATURE_SETAGENTSTATE);
    EXPECT_EQ(buf->dwValidStates, 0x6u);
    EXPECT_EQ(buf->dwValidNextStates, 0x4u);
}

TEST(AgentStatus, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEAGENTSTATUS> buf(55);
    EXPECT_EQ(fillAgentStatus(buf.get(), readyInSales(), StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 56u);
}

TEST(AgentStatus, GroupListFitsButTheActivityNameDoesNot)
{
    TestBuffer<LINEAGENTSTATUS> buf(90);
    ASSERT_EQ(fillAgentStatus(buf.get(), readyInSales(), StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 101u);
    EXPECT_EQ(buf->dwUsedSize, 86u);
    EXPECT_EQ(buf->dwGroupListSize, 24u);
    EXPECT_EQ(buf->dwActivitySize, 0u);
    EXPECT_EQ(buf->dwActivityOffset, 0u);
    EXPECT_EQ(buf->dwActivityID, 90u);
    EXPECT_TRUE(buf.guardIntact());
}

TEST(AgentStatus, AnUnfittedGroupArrayKeepsTheCountAndPlacesNoNames)
{
    TestBuffer<LINEAGENTSTATUS> buf(70);
    ASSERT_EQ(fillAgentStatus(buf.get(), readyInSales(), StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNumEntries, 1u);
    EXPECT_EQ(buf->dwGroupListSize, 0u);
    EXPECT_EQ(buf->dwGroupListOffset, 0u);
    EXPECT_EQ(buf->dwNeededSize, 101u);
    EXPECT_EQ(buf->dwUsedSize, 56u); // the 15-byte activity name does not fit in 14 either
}

TEST(AgentStatus, NamesDecodeBackFromUtf16)
{
    AddressAgentStatus s = readyInSales();
    s.groups[0].name = "Zo\xC3\xAB";           // 8 bytes
    s.activityName = "Pause \xF0\x9F\x98\x80"; // 9 WCHARs incl. NUL = 18 bytes
    TestBuffer<LINEAGENTSTATUS> buf(200);
    ASSERT_EQ(fillAgentStatus(buf.get(), s, StringEncoding::Utf16), 0);
    const auto entry = buf.entryAt<LINEAGENTGROUPENTRY>(56, 0);
    EXPECT_EQ(buf.utf16At(entry.dwNameOffset, entry.dwNameSize), u"Zo\u00EB");
    EXPECT_EQ(buf->dwActivityOffset, 88u);
    EXPECT_EQ(buf.utf16At(88, buf->dwActivitySize), u"Pause \U0001F600");
    EXPECT_EQ(buf->dwUsedSize, 106u);
}

// ---- LINEAGENTACTIVITYLIST ------------------------------------------------------------

namespace {
const std::map<core::ReasonCode, std::string> kReasons{{91, "Station unreachable"},
                                                       {90, "Ring no answer"}};
}

TEST(AgentActivityList, FitsWithEntriesInReasonCodeOrder)
{
    TestBuffer<LINEAGENTACTIVITYLIST> buf(200);
    ASSERT_EQ(fillAgentActivityList(buf.get(), kReasons, StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 83u);
    EXPECT_EQ(buf->dwUsedSize, 83u);
    EXPECT_EQ(buf->dwNumEntries, 2u);
    EXPECT_EQ(buf->dwListOffset, 24u);
    EXPECT_EQ(buf->dwListSize, 24u);
    const auto first = buf.entryAt<LINEAGENTACTIVITYENTRY>(24, 0);
    const auto second = buf.entryAt<LINEAGENTACTIVITYENTRY>(24, 1);
    EXPECT_EQ(first.dwID, 90u);
    EXPECT_EQ(first.dwNameOffset, 48u);
    EXPECT_EQ(first.dwNameSize, 15u);
    EXPECT_EQ(buf.utf8At(48, 15), "Ring no answer");
    EXPECT_EQ(second.dwID, 91u);
    EXPECT_EQ(second.dwNameOffset, 63u);
    EXPECT_EQ(second.dwNameSize, 20u);
    EXPECT_EQ(buf.utf8At(63, 20), "Station unreachable");
}

TEST(AgentActivityList, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEAGENTACTIVITYLIST> buf(23);
    EXPECT_EQ(fillAgentActivityList(buf.get(), kReasons, StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 24u);
}

TEST(AgentActivityList, AnEntryWhoseNameDoesNotFitHasNameZeroZero)
{
    TestBuffer<LINEAGENTACTIVITYLIST> buf(70);
    ASSERT_EQ(fillAgentActivityList(buf.get(), kReasons, StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 83u);
    EXPECT_EQ(buf->dwUsedSize, 63u);
    const auto second = buf.entryAt<LINEAGENTACTIVITYENTRY>(24, 1);
    EXPECT_EQ(second.dwID, 91u);
    EXPECT_EQ(second.dwNameSize, 0u);
    EXPECT_EQ(second.dwNameOffset, 0u);
    EXPECT_TRUE(buf.guardIntact());
}

TEST(AgentActivityList, AnUnfittedEntryArrayIsZeroZeroWithTheCountKept)
{
    TestBuffer<LINEAGENTACTIVITYLIST> buf(40);
    ASSERT_EQ(fillAgentActivityList(buf.get(), kReasons, StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNumEntries, 2u);
    EXPECT_EQ(buf->dwListSize, 0u);
    EXPECT_EQ(buf->dwListOffset, 0u);
    EXPECT_EQ(buf->dwNeededSize, 83u);
    EXPECT_EQ(buf->dwUsedSize, 24u);
    EXPECT_EQ(buf.bytes()[24], std::byte{0xCC}); // no orphan names placed
}

TEST(AgentActivityList, AnEmptyMapGivesNoEntries)
{
    TestBuffer<LINEAGENTACTIVITYLIST> buf(24);
    ASSERT_EQ(fillAgentActivityList(buf.get(), {}, StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNumEntries, 0u);
    EXPECT_EQ(buf->dwListOffset, 0u);
    EXPECT_EQ(buf->dwNeededSize, 24u);
}

// ---- LINEAGENTGROUPLIST ---------------------------------------------------------------

namespace {

std::vector<core::GroupConfig> twoGroups()
{
    core::GroupConfig a;
    a.id = 1;
    a.name = "Zo\xC3\xAB";
    // {33221100-5544-7766-8899-aabbccddeeff} in Windows memory order.
    a.guid.bytes = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                    0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF};
    core::GroupConfig b;
    b.id = 2;
    b.name = "Sales \xF0\x9F\x98\x80";
    b.guid = guidOf(0x50);
    return {a, b};
}

} // namespace

TEST(AgentGroupList, FitsWithGroupIdsFromTheGuidBytesAndUtf16Names)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(200);
    ASSERT_EQ(fillAgentGroupList(buf.get(), twoGroups(), StringEncoding::Utf16), 0);
    EXPECT_EQ(buf->dwNeededSize, 98u);
    EXPECT_EQ(buf->dwUsedSize, 98u);
    EXPECT_EQ(buf->dwNumEntries, 2u);
    EXPECT_EQ(buf->dwListOffset, 24u);
    EXPECT_EQ(buf->dwListSize, 48u);
    const auto first = buf.entryAt<LINEAGENTGROUPENTRY>(24, 0);
    EXPECT_EQ(first.GroupID.dwGroupID1, 0x33221100u); // Data1
    EXPECT_EQ(first.GroupID.dwGroupID2, 0x77665544u); // Data2 | Data3 << 16
    EXPECT_EQ(first.GroupID.dwGroupID3, 0xBBAA9988u);
    EXPECT_EQ(first.GroupID.dwGroupID4, 0xFFEEDDCCu);
    EXPECT_EQ(first.dwNameOffset, 72u);
    EXPECT_EQ(first.dwNameSize, 8u);
    EXPECT_EQ(buf.utf16At(72, 8), u"Zo\u00EB");
    const auto second = buf.entryAt<LINEAGENTGROUPENTRY>(24, 1);
    EXPECT_EQ(second.dwNameOffset, 80u);
    EXPECT_EQ(second.dwNameSize, 18u);
    EXPECT_EQ(buf.utf16At(80, 18), u"Sales \U0001F600");
}

TEST(AgentGroupList, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(12);
    EXPECT_EQ(fillAgentGroupList(buf.get(), twoGroups(), StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 24u);
}

TEST(AgentGroupList, OnlyTheNamesThatFitArePlaced)
{
    TestBuffer<LINEAGENTGROUPLIST> buf(90);
    ASSERT_EQ(fillAgentGroupList(buf.get(), twoGroups(), StringEncoding::Utf16), 0);
    EXPECT_EQ(buf->dwNeededSize, 98u);
    EXPECT_EQ(buf->dwUsedSize, 80u);
    EXPECT_EQ(buf.entryAt<LINEAGENTGROUPENTRY>(24, 0).dwNameSize, 8u);
    const auto second = buf.entryAt<LINEAGENTGROUPENTRY>(24, 1);
    EXPECT_EQ(second.dwNameSize, 0u);
    EXPECT_EQ(second.dwNameOffset, 0u);
    EXPECT_EQ(second.GroupID.dwGroupID1, 0x53525150u); // the GUID is still there
    EXPECT_TRUE(buf.guardIntact());
}

TEST(AgentGroupList, AgentGroupValuesFillTheSameAsGroupConfigs)
{
    TestBuffer<LINEAGENTGROUPLIST> fromConfig(200);
    TestBuffer<LINEAGENTGROUPLIST> fromGroups(200);
    std::vector<AgentGroup> groups;
    for (const auto &g : twoGroups())
        groups.push_back({g.guid, g.name});
    ASSERT_EQ(fillAgentGroupList(fromConfig.get(), twoGroups(), StringEncoding::Utf8), 0);
    ASSERT_EQ(fillAgentGroupList(fromGroups.get(), groups, StringEncoding::Utf8), 0);
    EXPECT_EQ(std::memcmp(fromConfig.bytes(), fromGroups.bytes(), 200), 0);
}

// ---- LINEAGENTINFO --------------------------------------------------------------------

namespace {

core::AgentSnapshot busyAgent()
{
    core::AgentSnapshot a;
    a.state = core::AgentStateEx::BusyAcd;
    a.nextState = core::AgentStateEx::Ready;
    a.measurementPeriodMs = 1'800'000;
    a.period.handled = 3;
    a.period.answered = 4;
    a.period.incomingCalls = 2;
    a.period.outgoingCalls = 1;
    a.period.talkMs = 125'400;
    a.period.holdMs = 10'000;
    a.period.wrapMs = 30'100;
    return a;
}

} // namespace

TEST(AgentInfo, FillsStatesAndPeriodFiguresInSeconds)
{
    TestBuffer<LINEAGENTINFO> buf(56);
    ASSERT_EQ(fillAgentInfo(buf.get(), busyAgent()), 0);
    EXPECT_EQ(buf->dwNeededSize, 56u);
    EXPECT_EQ(buf->dwUsedSize, 56u);
    EXPECT_EQ(buf->dwAgentState, LINEAGENTSTATEEX_BUSYACD);
    EXPECT_EQ(buf->dwNextAgentState, LINEAGENTSTATEEX_READY);
    EXPECT_EQ(buf->dwMeasurementPeriod, 1800u);
    EXPECT_EQ(buf->dwNumberOfACDCalls, 3u); // handled, not answered
    EXPECT_EQ(buf->dwNumberOfIncomingCalls, 2u);
    EXPECT_EQ(buf->dwNumberOfOutgoingCalls, 1u);
    EXPECT_EQ(buf->dwTotalACDTalkTime, 125u);
    EXPECT_EQ(buf->dwTotalACDCallTime, 166u); // 165.5 s of talk + hold + wrap-up, half up
    EXPECT_EQ(buf->dwTotalACDWrapUpTime, 30u);
}

TEST(AgentInfo, OverallCallRateIsHandledCallsPerHourAsCurrency)
{
    TestBuffer<LINEAGENTINFO> buf(56);
    ASSERT_EQ(fillAgentInfo(buf.get(), busyAgent()), 0);
    CURRENCY rate;
    std::memcpy(&rate, buf.bytes() + 24, sizeof rate);
    EXPECT_EQ(rate.int64, 60'000); // 3 calls in half an hour = 6.0000 per hour
}

TEST(AgentInfo, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEAGENTINFO> buf(55);
    EXPECT_EQ(fillAgentInfo(buf.get(), busyAgent()), LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 56u);
}

TEST(AgentInfo, NextStateNoneIsReportedAsZero)
{
    core::AgentSnapshot a = busyAgent();
    a.nextState = core::AgentStateEx::None;
    TestBuffer<LINEAGENTINFO> buf(56);
    ASSERT_EQ(fillAgentInfo(buf.get(), a), 0);
    EXPECT_EQ(buf->dwNextAgentState, 0u);
}

TEST(AgentInfo, LeavesBytesBeyondTheFixedPartUntouched)
{
    TestBuffer<LINEAGENTINFO> buf(80);
    ASSERT_EQ(fillAgentInfo(buf.get(), busyAgent()), 0);
    EXPECT_EQ(buf->dwUsedSize, 56u);
    EXPECT_EQ(buf.bytes()[56], std::byte{0xCC});
}
