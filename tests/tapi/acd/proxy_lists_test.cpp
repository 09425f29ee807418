// Registration, capabilities, lists and queues through the built-in proxy.
#include "proxy_fixture.h"

#include <cstring>

namespace acd::tapi::acdtest {
namespace {

using Lists = ProxyFixture;

template<typename Entry>
std::vector<Entry> entries(const char *buffer, DWORD count, DWORD offset)
{
    std::vector<Entry> out(count);
    std::memcpy(out.data(), buffer + offset, count * sizeof(Entry));
    return out;
}

TEST_F(Lists, StartRegistersAllTwentyRequestTypesOnEveryDevice)
{
    for (const char *address : {"100", "105", "9000"}) {
        alignas(8) char buffer[256] = {};
        auto *list = reinterpret_cast<LINEPROXYREQUESTLIST *>(buffer);
        list->dwTotalSize = sizeof buffer;
        ASSERT_EQ(server->lineGetProxyStatus(kClient, desk.handle, device(address), TAPI_VERSION2_2,
                                             list),
                  0);
        ASSERT_EQ(list->dwNumEntries, 20u) << address;
        auto types = entries<DWORD>(buffer, 20, list->dwListOffset);
        for (DWORD i = 0; i < 20; ++i)
            EXPECT_EQ(types[i], i + 1);
    }
    EXPECT_NE(proxy->lineOf(device("100")), 0u);
}

TEST_F(Lists, AnExternallyProxiedDeviceIsLeftToItsProxy)
{
    proxy->stop();
    settle();
    EXPECT_EQ(proxy->lineOf(device("100")), 0u);
    proxy = std::make_unique<AcdProxy>(*context, std::vector<DWORD>{device("101")});
    ASSERT_EQ(proxy->start(), 0);
    EXPECT_EQ(proxy->lineOf(device("101")), 0u);
    alignas(8) char buffer[256] = {};
    auto *list = reinterpret_cast<LINEPROXYREQUESTLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    ASSERT_EQ(
        server->lineGetProxyStatus(kClient, desk.handle, device("101"), TAPI_VERSION2_2, list), 0);
    EXPECT_EQ(list->dwNumEntries, 0u);
    ASSERT_EQ(
        server->lineGetProxyStatus(kClient, desk.handle, device("100"), TAPI_VERSION2_2, list), 0);
    EXPECT_EQ(list->dwNumEntries, 20u);
}

TEST_F(Lists, AfterStopNoRequestTypeIsServedAndPendingRequestsFail)
{
    alignas(8) char buffer[256] = {};
    auto *list = reinterpret_cast<LINEAGENTGROUPLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    LONG pending = server->lineGetGroupList(kClient, deskLine, list, StringEncoding::Utf8);
    ASSERT_GT(pending, 0);
    proxy->stop(); // before the proxy saw the request
    EXPECT_EQ(result(pending), LINEERR_OPERATIONFAILED);
    EXPECT_EQ(server->lineGetGroupList(kClient, deskLine, list, StringEncoding::Utf8),
              LINEERR_OPERATIONUNAVAIL);
    EXPECT_EQ(proxy->lineOf(device("100")), 0u);
}

TEST_F(Lists, GetAgentCapsDescribesTheBuiltInProxy)
{
    alignas(8) char buffer[512] = {};
    auto *caps = reinterpret_cast<LINEAGENTCAPS *>(buffer);
    caps->dwTotalSize = sizeof buffer;
    EXPECT_EQ(result(server->lineGetAgentCaps(kClient, desk.handle, device("100"), 0,
                                              TAPI_VERSION2_2, caps, StringEncoding::Utf8)),
              0);
    EXPECT_EQ(caps->dwCapsVersion, static_cast<DWORD>(TAPI_VERSION2_2));
    EXPECT_EQ(text(caps, caps->dwAgentHandlerInfoSize, caps->dwAgentHandlerInfoOffset),
              "ACD suite built-in proxy");
    EXPECT_EQ(caps->dwFeatures, 0x3Fu);
    EXPECT_EQ(caps->dwStates, static_cast<DWORD>(LINEAGENTSTATE_LOGGEDOFF | LINEAGENTSTATE_NOTREADY
                                                 | LINEAGENTSTATE_READY));
    EXPECT_EQ(caps->dwNextStates,
              static_cast<DWORD>(LINEAGENTSTATE_NOTREADY | LINEAGENTSTATE_READY));
    EXPECT_EQ(caps->dwMaxNumGroupEntries, 2u);
    EXPECT_EQ(caps->dwAgentStatusMessages,
              static_cast<DWORD>(LINEAGENTSTATUS_GROUP | LINEAGENTSTATUS_STATE
                                 | LINEAGENTSTATUS_NEXTSTATE | LINEAGENTSTATUS_ACTIVITY));
    ASSERT_EQ(caps->dwNumAgentExtensionIDs, 1u);
    ASSERT_EQ(caps->dwAgentExtensionIDListSize, sizeof(LINEEXTENSIONID));
    auto ext = entries<LINEEXTENSIONID>(buffer, 1, caps->dwAgentExtensionIDListOffset)[0];
    EXPECT_EQ(ext.dwExtensionID0, static_cast<DWORD>(ACD_AGENT_EXTENSION_ID0));
    EXPECT_EQ(ext.dwExtensionID1, static_cast<DWORD>(ACD_AGENT_EXTENSION_ID1));
    EXPECT_EQ(ext.dwExtensionID2, static_cast<DWORD>(ACD_AGENT_EXTENSION_ID2));
    EXPECT_EQ(ext.dwExtensionID3, static_cast<DWORD>(ACD_AGENT_EXTENSION_ID3));
    GUID expected = toGuid(AcdProxy::proxyGuid());
    EXPECT_EQ(std::memcmp(&caps->ProxyGUID, &expected, sizeof expected), 0);
    EXPECT_EQ(caps->dwUsedSize, sizeof(LINEAGENTCAPS) + sizeof(LINEEXTENSIONID) + 25);
}

TEST_F(Lists, GetAgentCapsForATapi20ClientReportsVersion20WithoutProxyGuid)
{
    alignas(8) char buffer[512] = {};
    auto *caps = reinterpret_cast<LINEAGENTCAPS *>(buffer);
    caps->dwTotalSize = sizeof buffer;
    EXPECT_EQ(result(server->lineGetAgentCaps(kClient, desk.handle, device("100"), 0,
                                              TAPI_VERSION2_0, caps, StringEncoding::Utf8)),
              0);
    EXPECT_EQ(caps->dwCapsVersion, static_cast<DWORD>(TAPI_VERSION2_0));
    EXPECT_EQ(caps->dwUsedSize, 56u + sizeof(LINEEXTENSIONID) + 25);
}

TEST_F(Lists, GetAgentActivityListListsEveryReasonCodeInOrder)
{
    alignas(8) char buffer[512] = {};
    auto *list = reinterpret_cast<LINEAGENTACTIVITYLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    EXPECT_EQ(
        result(server->lineGetAgentActivityList(kClient, deskLine, 0, list, StringEncoding::Utf8)),
        0);
    ASSERT_EQ(list->dwNumEntries, 4u);
    auto e = entries<LINEAGENTACTIVITYENTRY>(buffer, 4, list->dwListOffset);
    EXPECT_EQ(e[0].dwID, 1u);
    EXPECT_EQ(text(list, e[0].dwNameSize, e[0].dwNameOffset), "Lunch");
    EXPECT_EQ(e[1].dwID, 2u);
    EXPECT_EQ(text(list, e[1].dwNameSize, e[1].dwNameOffset), "Meeting");
    EXPECT_EQ(e[2].dwID, 90u);
    EXPECT_EQ(text(list, e[2].dwNameSize, e[2].dwNameOffset), "Ring no answer");
    EXPECT_EQ(e[3].dwID, 91u);
    EXPECT_EQ(text(list, e[3].dwNameSize, e[3].dwNameOffset), "Station unreachable");
}

TEST_F(Lists, GetAgentGroupListListsEveryConfiguredGroup)
{
    alignas(8) char buffer[512] = {};
    auto *list = reinterpret_cast<LINEAGENTGROUPLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    EXPECT_EQ(
        result(server->lineGetAgentGroupList(kClient, deskLine, 0, list, StringEncoding::Utf8)), 0);
    ASSERT_EQ(list->dwNumEntries, 2u);
    auto e = entries<LINEAGENTGROUPENTRY>(buffer, 2, list->dwListOffset);
    GUID g0 = group(0);
    EXPECT_EQ(std::memcmp(&e[0].GroupID, &g0, sizeof g0), 0);
    EXPECT_EQ(text(list, e[0].dwNameSize, e[0].dwNameOffset), "front-office");
    EXPECT_EQ(text(list, e[1].dwNameSize, e[1].dwNameOffset), "back-office");
}

TEST_F(Lists, GetGroupListFromAWideClientReturnsUtf16Names)
{
    alignas(8) char buffer[512] = {};
    auto *list = reinterpret_cast<LINEAGENTGROUPLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    EXPECT_EQ(result(server->lineGetGroupList(kClient, deskLine, list, StringEncoding::Utf16)), 0);
    ASSERT_EQ(list->dwNumEntries, 2u);
    auto e = entries<LINEAGENTGROUPENTRY>(buffer, 2, list->dwListOffset);
    EXPECT_EQ(e[0].dwNameSize, 26u); // 12 WCHARs and the NUL
    EXPECT_EQ(text16(list, e[0].dwNameSize, e[0].dwNameOffset), u"front-office");
    EXPECT_EQ(text16(list, e[1].dwNameSize, e[1].dwNameOffset), u"back-office");
    EXPECT_EQ(list->dwUsedSize,
              sizeof(LINEAGENTGROUPLIST) + 2 * sizeof(LINEAGENTGROUPENTRY) + 26 + 24);
}

TEST_F(Lists, GetGroupListFromAnAnsiClientReturnsUtf8Names)
{
    alignas(8) char buffer[512] = {};
    auto *list = reinterpret_cast<LINEAGENTGROUPLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    EXPECT_EQ(result(server->lineGetGroupList(kClient, deskLine, list, StringEncoding::Utf8)), 0);
    auto e = entries<LINEAGENTGROUPENTRY>(buffer, 2, list->dwListOffset);
    EXPECT_EQ(e[0].dwNameSize, 13u);
    EXPECT_EQ(text(list, e[0].dwNameSize, e[0].dwNameOffset), "front-office");
}

TEST_F(Lists, GetQueueListListsTheQueuesOfTheGroup)
{
    alignas(8) char buffer[512] = {};
    auto *list = reinterpret_cast<LINEQUEUELIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    GUID g = group(0);
    EXPECT_EQ(result(server->lineGetQueueList(kClient, deskLine, &g, list, StringEncoding::Utf8)),
              0);
    ASSERT_EQ(list->dwNumEntries, 2u);
    auto e = entries<LINEQUEUEENTRY>(buffer, 2, list->dwListOffset);
    EXPECT_EQ(e[0].dwQueueID, 10u);
    EXPECT_EQ(text(list, e[0].dwNameSize, e[0].dwNameOffset), "sales");
    EXPECT_EQ(e[1].dwQueueID, 20u);
    EXPECT_EQ(text(list, e[1].dwNameSize, e[1].dwNameOffset), "support");
    g = group(1);
    EXPECT_EQ(result(server->lineGetQueueList(kClient, deskLine, &g, list, StringEncoding::Utf8)),
              0);
    ASSERT_EQ(list->dwNumEntries, 1u);
    EXPECT_EQ(entries<LINEQUEUEENTRY>(buffer, 1, list->dwListOffset)[0].dwQueueID, 30u);
}

TEST_F(Lists, GetQueueListOfAnUnknownGroupIsInvalAgentGroup)
{
    alignas(8) char buffer[512] = {};
    auto *list = reinterpret_cast<LINEQUEUELIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    GUID g{};
    EXPECT_EQ(result(server->lineGetQueueList(kClient, deskLine, &g, list, StringEncoding::Utf8)),
              LINEERR_INVALAGENTGROUP);
}

TEST_F(Lists, GetQueueInfoReportsTheQueueAndAnUnknownQueueIsInvalParam)
{
    core::CallArrival call;
    call.id = 7;
    call.queue = 10;
    ASSERT_TRUE(engine->callArrived(call, nowMs).isOk());
    advance(12'000);
    LINEQUEUEINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetQueueInfo(kClient, deskLine, 10, &info)), 0);
    EXPECT_EQ(info.dwUsedSize, sizeof(LINEQUEUEINFO));
    EXPECT_EQ(info.dwMeasurementPeriod, 1800u);
    EXPECT_EQ(info.dwTotalCallsQueued, 1u);
    EXPECT_EQ(info.dwCurrentCallsQueued, 1u);
    EXPECT_EQ(info.dwCurrentLongestWaitTime, 12u);
    EXPECT_EQ(result(server->lineGetQueueInfo(kClient, deskLine, 99, &info)), LINEERR_INVALPARAM);
}

TEST_F(Lists, SetQueueMeasurementPeriodChangesTheQueueInfo)
{
    EXPECT_EQ(result(server->lineSetQueueMeasurementPeriod(kClient, deskLine, 20, 900)), 0);
    LINEQUEUEINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetQueueInfo(kClient, deskLine, 20, &info)), 0);
    EXPECT_EQ(info.dwMeasurementPeriod, 900u);
    EXPECT_EQ(result(server->lineSetQueueMeasurementPeriod(kClient, deskLine, 99, 900)),
              LINEERR_INVALPARAM);
}

} // namespace
} // namespace acd::tapi::acdtest
