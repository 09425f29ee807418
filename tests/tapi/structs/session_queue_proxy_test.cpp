#include "acd/tapi/proxy_structs.h"
#include "acd/tapi/queue_structs.h"
#include "acd/tapi/session_structs.h"
#include "acd/tapi/values.h"
#include "test_buffer.h"

#include <cstddef>
#include <cstring>

#include <gtest/gtest.h>

using namespace acd;
using namespace acd::tapi;
using acd::tapi::test::TestBuffer;

// ---- values -----------------------------------------------------------------------------

TEST(Values, SecondsRoundHalfUpAndNeverGoNegative)
{
    EXPECT_EQ(secondsFromMs(1499), 1u);
    EXPECT_EQ(secondsFromMs(1500), 2u);
    EXPECT_EQ(secondsFromMs(-5000), 0u);
}

TEST(Values, OleDateOfTheUnixEpochIs25569Days)
{
    EXPECT_EQ(oleDateFromUnixMs(0), 25569.0);
    EXPECT_EQ(oleDateFromUnixMs(43'200'000), 25569.5); // noon
}

TEST(Values, CallRateIsScaledByTenThousandAndRoundedHalfUp)
{
    EXPECT_EQ(callRatePerHour(1, 7'200'000).int64, 5'000);       // 0.5 per hour
    EXPECT_EQ(callRatePerHour(1, 3'600'000 * 3LL).int64, 3'333); // 0.33333...
    EXPECT_EQ(callRatePerHour(2, 3'600'000 * 3LL).int64, 6'667); // 0.66666...
    EXPECT_EQ(callRatePerHour(5, 0).int64, 0);
}

// ---- LINEAGENTSESSIONLIST -------------------------------------------------------------

namespace {

std::vector<AgentSessionRef> twoSessions()
{
    core::Guid g;
    for (std::size_t i = 0; i < 16; ++i)
        g.bytes[i] = static_cast<std::uint8_t>(0xA0 + i);
    return {{7, 3, g, 0}, {8, 3, core::Guid{}, 2}};
}

} // namespace

TEST(AgentSessionList, FitsWithEntriesInOrder)
{
    TestBuffer<LINEAGENTSESSIONLIST> buf(100);
    ASSERT_EQ(fillAgentSessionList(buf.get(), twoSessions()), 0);
    EXPECT_EQ(buf->dwNeededSize, 80u);
    EXPECT_EQ(buf->dwUsedSize, 80u);
    EXPECT_EQ(buf->dwNumEntries, 2u);
    EXPECT_EQ(buf->dwListOffset, 24u);
    EXPECT_EQ(buf->dwListSize, 56u);
    const auto first = buf.entryAt<LINEAGENTSESSIONENTRY>(24, 0);
    EXPECT_EQ(first.hAgentSession, 7u);
    EXPECT_EQ(first.hAgent, 3u);
    EXPECT_EQ(first.GroupID.Data1, 0xA3A2A1A0u);
    EXPECT_EQ(first.GroupID.Data2, 0xA5A4u);
    EXPECT_EQ(first.GroupID.Data3, 0xA7A6u);
    EXPECT_EQ(first.GroupID.Data4[0], 0xA8);
    EXPECT_EQ(first.GroupID.Data4[7], 0xAF);
    EXPECT_EQ(first.dwWorkingAddressID, 0u);
    const auto second = buf.entryAt<LINEAGENTSESSIONENTRY>(24, 1);
    EXPECT_EQ(second.hAgentSession, 8u);
    EXPECT_EQ(second.dwWorkingAddressID, 2u);
}

TEST(AgentSessionList, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEAGENTSESSIONLIST> buf(23);
    EXPECT_EQ(fillAgentSessionList(buf.get(), twoSessions()), LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 24u);
}

TEST(AgentSessionList, AnUnfittedArrayIsZeroZeroWithTheCountKept)
{
    TestBuffer<LINEAGENTSESSIONLIST> buf(79);
    ASSERT_EQ(fillAgentSessionList(buf.get(), twoSessions()), 0);
    EXPECT_EQ(buf->dwNumEntries, 2u);
    EXPECT_EQ(buf->dwListSize, 0u);
    EXPECT_EQ(buf->dwListOffset, 0u);
    EXPECT_EQ(buf->dwNeededSize, 80u);
    EXPECT_EQ(buf->dwUsedSize, 24u);
    EXPECT_TRUE(buf.guardIntact());
}

// ---- LINEAGENTSESSIONINFO -------------------------------------------------------------

namespace {

core::SessionSnapshot workedSession()
{
    core::SessionSnapshot s;
    s.state = core::SessionState::BusyWrapUp;
    s.nextState = core::SessionState::Ready;
    s.durationMs = 7'200'000;
    s.counters.handled = 4;
    s.counters.answered = 4;
    s.counters.talkMs = 400'000;
    s.counters.holdMs = 20'000;
    s.counters.wrapMs = 40'000;
    s.counters.ringMs = 12'000;
    s.counters.maxRingMs = 5'400;
    return s;
}

} // namespace

TEST(AgentSessionInfo, FillsStatesDateTotalsAndAverages)
{
    TestBuffer<LINEAGENTSESSIONINFO> buf(76);
    ASSERT_EQ(fillAgentSessionInfo(buf.get(), workedSession(), 45000.25), 0);
    EXPECT_EQ(buf->dwNeededSize, 76u);
    EXPECT_EQ(buf->dwUsedSize, 76u);
    EXPECT_EQ(buf->dwAgentSessionState, LINEAGENTSESSIONSTATE_BUSYWRAPUP);
    EXPECT_EQ(buf->dwNextAgentSessionState, LINEAGENTSESSIONSTATE_READY);
    DATE date;
    std::memcpy(&date, buf.bytes() + 20, sizeof date); // packed: the DATE is at byte 20
    EXPECT_EQ(date, 45000.25);
    EXPECT_EQ(buf->dwSessionDuration, 7200u);
    EXPECT_EQ(buf->dwNumberOfCalls, 4u);
    EXPECT_EQ(buf->dwTotalTalkTime, 400u);
    EXPECT_EQ(buf->dwAverageTalkTime, 100u);
    EXPECT_EQ(buf->dwTotalCallTime, 460u); // talk + hold + wrap-up
    EXPECT_EQ(buf->dwAverageCallTime, 115u);
    EXPECT_EQ(buf->dwTotalWrapUpTime, 40u);
    EXPECT_EQ(buf->dwAverageWrapUpTime, 10u);
    EXPECT_EQ(buf->dwLongestTimeToAnswer, 5u);
    EXPECT_EQ(buf->dwAverageTimeToAnswer, 3u);
}

TEST(AgentSessionInfo, AcdCallRateIsHandledCallsPerHourOfSession)
{
    TestBuffer<LINEAGENTSESSIONINFO> buf(76);
    ASSERT_EQ(fillAgentSessionInfo(buf.get(), workedSession(), 0.0), 0);
    CURRENCY rate;
    std::memcpy(&rate, buf.bytes() + 60, sizeof rate); // packed: the CURRENCY is at byte 60
    EXPECT_EQ(rate.int64, 20'000);                     // 4 calls in 2 hours
}

TEST(AgentSessionInfo, AveragesAreZeroWithoutCalls)
{
    core::SessionSnapshot s;
    s.state = core::SessionState::Ready;
    s.durationMs = 60'000;
    TestBuffer<LINEAGENTSESSIONINFO> buf(76);
    ASSERT_EQ(fillAgentSessionInfo(buf.get(), s, 0.0), 0);
    EXPECT_EQ(buf->dwAverageTalkTime, 0u);
    EXPECT_EQ(buf->dwAverageTimeToAnswer, 0u);
    EXPECT_EQ(buf->dwNextAgentSessionState, LINEAGENTSESSIONSTATE_READY);
}

TEST(AgentSessionInfo, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEAGENTSESSIONINFO> buf(75);
    EXPECT_EQ(fillAgentSessionInfo(buf.get(), workedSession(), 0.0), LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 76u);
}

// ---- LINEQUEUELIST --------------------------------------------------------------------

namespace {

std::vector<core::QueueConfig> twoQueues()
{
    core::QueueConfig a;
    a.id = 10;
    a.name = "Sales";
    core::QueueConfig b;
    b.id = 11;
    b.name = "Zo\xC3\xAB \xF0\x9F\x98\x80";
    return {a, b};
}

} // namespace

TEST(QueueList, FitsWithIdsAndUtf8Names)
{
    TestBuffer<LINEQUEUELIST> buf(200);
    ASSERT_EQ(fillQueueList(buf.get(), twoQueues(), StringEncoding::Utf8), 0);
    // Names: "Sales" 6 bytes, "Zoë 😀" 9 bytes + NUL.
    EXPECT_EQ(buf->dwNeededSize, 24u + 24u + 6u + 10u);
    EXPECT_EQ(buf->dwUsedSize, 64u);
    EXPECT_EQ(buf->dwNumEntries, 2u);
    EXPECT_EQ(buf->dwListOffset, 24u);
    EXPECT_EQ(buf->dwListSize, 24u);
    const auto first = buf.entryAt<LINEQUEUEENTRY>(24, 0);
    EXPECT_EQ(first.dwQueueID, 10u);
    EXPECT_EQ(first.dwNameOffset, 48u);
    EXPECT_EQ(buf.utf8At(48, first.dwNameSize), "Sales");
    const auto second = buf.entryAt<LINEQUEUEENTRY>(24, 1);
    EXPECT_EQ(second.dwQueueID, 11u);
    EXPECT_EQ(second.dwNameOffset, 54u);
    EXPECT_EQ(buf.utf8At(54, second.dwNameSize), "Zo\xC3\xAB \xF0\x9F\x98\x80");
}

TEST(QueueList, NamesDecodeBackFromUtf16)
{
    TestBuffer<LINEQUEUELIST> buf(200);
    ASSERT_EQ(fillQueueList(buf.get(), twoQueues(), StringEncoding::Utf16), 0);
    const auto second = buf.entryAt<LINEQUEUEENTRY>(24, 1);
    EXPECT_EQ(second.dwNameOffset, 60u);
    EXPECT_EQ(second.dwNameSize, 14u);
    EXPECT_EQ(buf.utf16At(60, 14), u"Zo\u00EB \U0001F600");
    EXPECT_EQ(buf->dwUsedSize, 74u);
}

TEST(QueueList, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEQUEUELIST> buf(8);
    EXPECT_EQ(fillQueueList(buf.get(), twoQueues(), StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 24u);
}

TEST(QueueList, OnlyTheNamesThatFitArePlaced)
{
    TestBuffer<LINEQUEUELIST> buf(60);
    ASSERT_EQ(fillQueueList(buf.get(), twoQueues(), StringEncoding::Utf8), 0);
    EXPECT_EQ(buf->dwNeededSize, 64u);
    EXPECT_EQ(buf->dwUsedSize, 54u);
    EXPECT_EQ(buf.entryAt<LINEQUEUEENTRY>(24, 0).dwNameSize, 6u);
    EXPECT_EQ(buf.entryAt<LINEQUEUEENTRY>(24, 1).dwNameSize, 0u);
    EXPECT_EQ(buf.entryAt<LINEQUEUEENTRY>(24, 1).dwNameOffset, 0u);
    EXPECT_TRUE(buf.guardIntact());
}

TEST(QueueList, QueueRefsFillTheSameAsQueueConfigs)
{
    TestBuffer<LINEQUEUELIST> fromConfig(200);
    TestBuffer<LINEQUEUELIST> fromRefs(200);
    ASSERT_EQ(fillQueueList(fromConfig.get(), twoQueues(), StringEncoding::Utf8), 0);
    ASSERT_EQ(fillQueueList(fromRefs.get(),
                            std::vector<QueueRef>{{10, "Sales"}, {11, twoQueues()[1].name}},
                            StringEncoding::Utf8),
              0);
    EXPECT_EQ(std::memcmp(fromConfig.bytes(), fromRefs.bytes(), 200), 0);
}

// ---- LINEQUEUEINFO --------------------------------------------------------------------

namespace {

core::QueueSnapshot busyQueue()
{
    core::QueueSnapshot q;
    q.waiting = 3;
    q.ringing = 1;
    q.currentLongestWaitMs = 50'000;
    q.measurementPeriodMs = 900'000;
    q.period.offered = 10;
    q.period.flowedIn = 1;
    q.period.flowedOut = 3;
    q.period.answered = 6;
    q.period.abandoned = 2;
    q.period.disconnected = 1;
    q.period.waitAnsweredMs = 60'000;
    q.period.waitAbandonedMs = 20'000;
    q.period.maxWaitMs = 45'000;
    q.total.maxWaitMs = 600'000; // not the measurement period: must not show
    return q;
}

} // namespace

TEST(QueueInfo, FillsPeriodFiguresInSeconds)
{
    TestBuffer<LINEQUEUEINFO> buf(52);
    ASSERT_EQ(fillQueueInfo(buf.get(), busyQueue()), 0);
    EXPECT_EQ(buf->dwNeededSize, 52u);
    EXPECT_EQ(buf->dwUsedSize, 52u);
    EXPECT_EQ(buf->dwMeasurementPeriod, 900u);
    EXPECT_EQ(buf->dwTotalCallsQueued, 10u);
    EXPECT_EQ(buf->dwCurrentCallsQueued, 3u); // waiting only, not the ringing call
    EXPECT_EQ(buf->dwTotalCallsAbandoned, 2u);
    EXPECT_EQ(buf->dwTotalCallsFlowedIn, 1u);
    EXPECT_EQ(buf->dwTotalCallsFlowedOut, 3u);
    EXPECT_EQ(buf->dwCurrentLongestWaitTime, 50u);
    EXPECT_EQ(buf->dwAverageWaitTime, 10u); // 80 s over 8 answered and abandoned calls
    EXPECT_EQ(buf->dwFinalDisposition, 0u);
}

TEST(QueueInfo, LongestEverWaitIncludesACallStillWaiting)
{
    TestBuffer<LINEQUEUEINFO> buf(52);
    ASSERT_EQ(fillQueueInfo(buf.get(), busyQueue()), 0);
    EXPECT_EQ(buf->dwLongestEverWaitTime, 50u);
}

TEST(QueueInfo, LongestEverWaitIsTheLongestFinishedWaitWhenNoLongerCallWaits)
{
    core::QueueSnapshot q = busyQueue();
    q.currentLongestWaitMs = 2'000;
    TestBuffer<LINEQUEUEINFO> buf(52);
    ASSERT_EQ(fillQueueInfo(buf.get(), q), 0);
    EXPECT_EQ(buf->dwLongestEverWaitTime, 45u);
}

TEST(QueueInfo, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEQUEUEINFO> buf(51);
    EXPECT_EQ(fillQueueInfo(buf.get(), busyQueue()), LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 52u);
}

// ---- LINEPROXYREQUESTLIST -------------------------------------------------------------

TEST(ProxyRequestList, FitsWithTheRequestTypesInOrder)
{
    TestBuffer<LINEPROXYREQUESTLIST> buf(64);
    ASSERT_EQ(fillProxyRequestList(buf.get(),
                                   {LINEPROXYREQUEST_GETAGENTCAPS, LINEPROXYREQUEST_GETQUEUEINFO,
                                    LINEPROXYREQUEST_SETAGENTSTATEEX}),
              0);
    EXPECT_EQ(buf->dwNeededSize, 36u);
    EXPECT_EQ(buf->dwUsedSize, 36u);
    EXPECT_EQ(buf->dwNumEntries, 3u);
    EXPECT_EQ(buf->dwListOffset, 24u);
    EXPECT_EQ(buf->dwListSize, 12u);
    EXPECT_EQ(buf.dwordAt(24), 0x04u);
    EXPECT_EQ(buf.dwordAt(28), 0x12u);
    EXPECT_EQ(buf.dwordAt(32), 0x14u);
}

TEST(ProxyRequestList, BelowTheFixedPartIsStructureTooSmall)
{
    TestBuffer<LINEPROXYREQUESTLIST> buf(20);
    EXPECT_EQ(fillProxyRequestList(buf.get(), {1}), LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(buf->dwNeededSize, 24u);
}

TEST(ProxyRequestList, AnUnfittedArrayIsZeroZeroWithTheCountKept)
{
    TestBuffer<LINEPROXYREQUESTLIST> buf(30);
    ASSERT_EQ(fillProxyRequestList(buf.get(), {1, 2}), 0);
    EXPECT_EQ(buf->dwNumEntries, 2u);
    EXPECT_EQ(buf->dwListSize, 0u);
    EXPECT_EQ(buf->dwListOffset, 0u);
    EXPECT_EQ(buf->dwNeededSize, 32u);
    EXPECT_EQ(buf->dwUsedSize, 24u);
    EXPECT_TRUE(buf.guardIntact());
}
