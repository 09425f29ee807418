// Calls through the server: handles per application, privileges, async replies, messages.
#include "server_fixture.h"

#include <cstring>

namespace acd::tapi::test {
namespace {

class Calls : public ServerFixture {
protected:
    void SetUp() override
    {
        ServerFixture::SetUp();
        caller = initApp(kClient, "caller");
        callee = initApp(kClient, "callee");
        callerLine = open(caller, "100", LINECALLPRIVILEGE_OWNER);
        calleeLine = open(callee, "101", LINECALLPRIVILEGE_OWNER);
    }

    /// 100 calls 101; returns the caller's hCall (0 on failure) and leaves 101 ringing.
    HCALL call100To101()
    {
        HCALL h = 0;
        LONG id = server->lineMakeCall(kClient, callerLine, &h, "101", 0, nullptr);
        EXPECT_GT(id, 0);
        EXPECT_EQ(waitReply(*caller.sink, id), 0);
        pumpUntil([&] { return newCall(*callee.sink) != 0; });
        return h;
    }

    AppUnderTest caller, callee;
    HLINE callerLine = 0, calleeLine = 0;
};

TEST_F(Calls, MakeCallRepliesOnceAndWritesTheHandleAtTheReply)
{
    HCALL h = 0;
    LONG id = server->lineMakeCall(kClient, callerLine, &h, "101", 0, nullptr);
    ASSERT_GT(id, 0);
    ASSERT_EQ(waitReply(*caller.sink, id), 0);
    EXPECT_NE(h, 0u);
    pump();
    EXPECT_EQ(caller.sink->replies(id), 1u);
}

TEST_F(Calls, TheCalledStationsOwnerGetsAppNewCallThenOffering)
{
    call100To101();
    const auto &m = callee.sink->messages;
    auto it = std::find_if(m.begin(), m.end(),
                           [](const LINEMESSAGE &x) { return x.dwMessageID == LINE_APPNEWCALL; });
    ASSERT_NE(it, m.end());
    EXPECT_EQ(it->hDevice, calleeLine);
    EXPECT_EQ(it->dwParam1, 0u); // address ID
    EXPECT_EQ(it->dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
    ASSERT_NE(it + 1, m.end());
    EXPECT_EQ((it + 1)->dwMessageID, static_cast<DWORD>(LINE_CALLSTATE));
    EXPECT_EQ((it + 1)->hDevice, it->dwParam2);
    EXPECT_EQ((it + 1)->dwParam1, static_cast<DWORD_PTR>(LINECALLSTATE_OFFERING));
    EXPECT_EQ((it + 1)->dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
}

TEST_F(Calls, AnsweringConnectsBothEndsAndDroppingIdlesThem)
{
    HCALL out = call100To101();
    HCALL in = newCall(*callee.sink);
    ASSERT_EQ(waitReply(*callee.sink, server->lineAnswer(kClient, in, nullptr, 0)), 0);
    EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
    EXPECT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
    EXPECT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_IDLE));
    EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
    EXPECT_EQ(server->lineDeallocateCall(kClient, out), 0);
    EXPECT_EQ(server->lineDeallocateCall(kClient, in), 0);
    EXPECT_EQ(server->lineDeallocateCall(kClient, in), LINEERR_INVALCALLHANDLE);
}

TEST_F(Calls, HoldAndUnholdReportTheStates)
{
    HCALL out = call100To101();
    HCALL in = newCall(*callee.sink);
    ASSERT_EQ(waitReply(*callee.sink, server->lineAnswer(kClient, in, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(waitReply(*callee.sink, server->lineHold(kClient, in)), 0);
    EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_ONHOLD));
    ASSERT_EQ(waitReply(*callee.sink, server->lineUnhold(kClient, in)), 0);
    EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_CONNECTED));
}

TEST_F(Calls, AMonitorSeesAnotherAppsOutboundCallAsUnknownFirst)
{
    auto monitor = initApp(kClient, "monitor");
    HLINE monLine = open(monitor, "100", LINECALLPRIVILEGE_MONITOR);
    ASSERT_NE(monLine, 0u);
    call100To101();
    pumpUntil([&] { return monitor.sink->with(LINE_CALLSTATE).size() >= 2; });
    auto states = monitor.sink->with(LINE_CALLSTATE);
    ASSERT_GE(states.size(), 2u);
    EXPECT_EQ(states[0].dwParam1, static_cast<DWORD_PTR>(LINECALLSTATE_UNKNOWN));
    EXPECT_EQ(states[0].dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_MONITOR));
    EXPECT_NE(states[1].dwParam1, static_cast<DWORD_PTR>(LINECALLSTATE_UNKNOWN));
    EXPECT_EQ(monitor.sink->with(LINE_APPNEWCALL).at(0).dwParam3,
              static_cast<DWORD_PTR>(LINECALLPRIVILEGE_MONITOR));
}

TEST_F(Calls, AMonitorCannotAnswer)
{
    auto monitor = initApp(kClient, "monitor");
    open(monitor, "101", LINECALLPRIVILEGE_MONITOR);
    call100To101();
    pumpUntil([&] { return newCall(*monitor.sink) != 0; });
    EXPECT_EQ(server->lineAnswer(kClient, newCall(*monitor.sink), nullptr, 0), LINEERR_NOTOWNER);
}

TEST_F(Calls, AnotherClientCannotUseTheCallHandle)
{
    HCALL out = call100To101();
    EXPECT_EQ(server->lineDrop(kOtherClient, out, nullptr, 0), LINEERR_INVALCALLHANDLE);
}

TEST_F(Calls, TheOnlyOwnerOfALiveCallCannotDeallocateIt)
{
    HCALL out = call100To101();
    EXPECT_EQ(server->lineDeallocateCall(kClient, out), LINEERR_INVALCALLSTATE);
}

TEST_F(Calls, CallInfoNamesTheLineAndTheParties)
{
    call100To101();
    HCALL in = newCall(*callee.sink);
    alignas(8) char buffer[2048] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetCallInfo(kClient, in, info, StringEncoding::Utf8), 0);
    EXPECT_EQ(info->hLine, calleeLine);
    EXPECT_EQ(info->dwLineDeviceID, device("101"));
    EXPECT_EQ(info->dwNumOwners, 1u);
    ASSERT_GT(info->dwCallerIDSize, 0u);
    EXPECT_STREQ(buffer + info->dwCallerIDOffset, "100");
}

TEST_F(Calls, CallInfoThatFitsOnlyTheFixedPartLeavesTheCallerIdEmpty)
{
    call100To101();
    HCALL in = newCall(*callee.sink);
    alignas(8) char buffer[sizeof(LINECALLINFO)] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = offsetof(LINECALLINFO, dwCallerIDAddressType);
    ASSERT_EQ(server->lineGetCallInfo(kClient, in, info, StringEncoding::Utf8), 0);
    EXPECT_GT(info->dwNeededSize, info->dwTotalSize);
    EXPECT_EQ(info->dwCallerIDSize, 0u);
    EXPECT_EQ(info->dwCallerIDOffset, 0u);
    info->dwTotalSize = 100;
    EXPECT_EQ(server->lineGetCallInfo(kClient, in, info, StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
}

TEST_F(Calls, CallStatusReportsThePrivilegeOfTheHandle)
{
    call100To101();
    HCALL in = newCall(*callee.sink);
    alignas(8) char buffer[512] = {};
    auto *status = reinterpret_cast<LINECALLSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetCallStatus(kClient, in, status), 0);
    EXPECT_EQ(status->dwCallState, static_cast<DWORD>(LINECALLSTATE_OFFERING));
    EXPECT_EQ(status->dwCallPrivilege, static_cast<DWORD>(LINECALLPRIVILEGE_OWNER));
}

TEST_F(Calls, GetNewCallsGivesAMonitorHandleForACallAlreadyThere)
{
    call100To101();
    auto late = initApp(kClient, "late");
    HLINE line = open(late, "101", LINECALLPRIVILEGE_MONITOR);
    alignas(8) char buffer[256] = {};
    auto *list = reinterpret_cast<LINECALLLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetNewCalls(kClient, line, 0, LINECALLSELECT_LINE, list), 0);
    ASSERT_EQ(list->dwCallsNumEntries, 1u);
    HCALL h;
    std::memcpy(&h, buffer + list->dwCallsOffset, sizeof h);
    alignas(8) char sbuf[512] = {};
    auto *status = reinterpret_cast<LINECALLSTATUS *>(sbuf);
    status->dwTotalSize = sizeof sbuf;
    ASSERT_EQ(server->lineGetCallStatus(kClient, h, status), 0);
    EXPECT_EQ(status->dwCallPrivilege, static_cast<DWORD>(LINECALLPRIVILEGE_MONITOR));
}

TEST_F(Calls, RedirectMovesTheOfferToAnotherStationWithItsCallData)
{
    auto third = initApp(kClient, "third");
    open(third, "102", LINECALLPRIVILEGE_OWNER);
    call100To101();
    HCALL in = newCall(*callee.sink);
    const char data[] = "queue=7";
    ASSERT_EQ(waitReply(*callee.sink,
                        server->lineSetCallData(kClient, in, const_cast<char *>(data), sizeof data)),
              0);
    ASSERT_EQ(waitReply(*callee.sink, server->lineRedirect(kClient, in, "102", 0)), 0);
    ASSERT_TRUE(pumpUntil([&] { return newCall(*third.sink) != 0; }));
    HCALL moved = newCall(*third.sink);
    alignas(8) char buffer[2048] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetCallInfo(kClient, moved, info, StringEncoding::Utf8), 0);
    ASSERT_EQ(info->dwCallDataSize, sizeof data);
    EXPECT_STREQ(buffer + info->dwCallDataOffset, "queue=7");
}

TEST_F(Calls, BlindTransferHandsTheConnectedCallToAThirdStation)
{
    auto third = initApp(kClient, "third");
    open(third, "102", LINECALLPRIVILEGE_OWNER);
    HCALL out = call100To101();
    HCALL in = newCall(*callee.sink);
    ASSERT_EQ(waitReply(*callee.sink, server->lineAnswer(kClient, in, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(waitReply(*callee.sink, server->lineBlindTransfer(kClient, in, "102", 0)), 0);
    EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
    EXPECT_TRUE(pumpUntil([&] { return newCall(*third.sink) != 0; }));
}

TEST_F(Calls, ConsultationTransferCompletesToTheConsultedStation)
{
    auto third = initApp(kClient, "third");
    open(third, "102", LINECALLPRIVILEGE_OWNER);
    HCALL out = call100To101();
    HCALL in = newCall(*callee.sink);
    ASSERT_EQ(waitReply(*callee.sink, server->lineAnswer(kClient, in, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_CONNECTED));
    HCALL consult = 0;
    ASSERT_EQ(waitReply(*callee.sink, server->lineSetupTransfer(kClient, in, &consult, nullptr)),
              0);
    ASSERT_NE(consult, 0u);
    ASSERT_EQ(waitReply(*callee.sink, server->lineDial(kClient, consult, "102", 0)), 0);
    ASSERT_TRUE(pumpUntil([&] { return newCall(*third.sink) != 0; }));
    HCALL atThird = newCall(*third.sink);
    ASSERT_EQ(waitReply(*third.sink, server->lineAnswer(kClient, atThird, nullptr, 0)), 0);
    ASSERT_TRUE(waitState(*callee.sink, consult, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(waitReply(*callee.sink, server->lineCompleteTransfer(kClient, in, consult, nullptr,
                                                                   LINETRANSFERMODE_TRANSFER)),
              0);
    EXPECT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
    EXPECT_TRUE(waitState(*caller.sink, out, LINECALLSTATE_CONNECTED));
}

TEST_F(Calls, CompleteTransferRejectsAnUnknownModeAndABadConsultHandle)
{
    HCALL out = call100To101();
    EXPECT_EQ(server->lineCompleteTransfer(kClient, out, out, nullptr, 7),
              LINEERR_INVALTRANSFERMODE);
    EXPECT_EQ(server->lineCompleteTransfer(kClient, out, 12345, nullptr,
                                           LINETRANSFERMODE_TRANSFER),
              LINEERR_INVALCONSULTCALLHANDLE);
}

TEST_F(Calls, MakeCallWithoutAHandlePointerIsAnInvalidPointer)
{
    EXPECT_EQ(server->lineMakeCall(kClient, callerLine, nullptr, "101", 0, nullptr),
              LINEERR_INVALPOINTER);
}

TEST_F(Calls, AnApplicationThatNeverDeallocatesKeepsOnlyItsNewestIdleCallHandles)
{
    // The callee never deallocates; the caller does. One call more than the limit.
    std::vector<HCALL> kept;
    for (std::size_t i = 0; i <= Server::kMaxIdleCallHandlesPerLine; ++i) {
        HCALL out = call100To101();
        HCALL in = newCall(*callee.sink, i);
        ASSERT_NE(in, 0u);
        ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
        ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
        ASSERT_EQ(server->lineDeallocateCall(kClient, out), 0);
        kept.push_back(in);
    }
    EXPECT_EQ(server->lineDeallocateCall(kClient, kept.front()), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(server->lineDeallocateCall(kClient, kept[1]), 0);
    EXPECT_EQ(server->lineDeallocateCall(kClient, kept.back()), 0);
}

TEST_F(Calls, AnIdleHandleTheApplicationDeallocatedItselfDoesNotCountTowardsTheLimit)
{
    for (std::size_t i = 0; i <= Server::kMaxIdleCallHandlesPerLine; ++i) {
        HCALL out = call100To101();
        HCALL in = newCall(*callee.sink, i);
        ASSERT_EQ(waitReply(*caller.sink, server->lineDrop(kClient, out, nullptr, 0)), 0);
        ASSERT_TRUE(waitState(*callee.sink, in, LINECALLSTATE_IDLE));
        ASSERT_EQ(server->lineDeallocateCall(kClient, out), 0);
        if (i > 0) { // the first one stays with the application
            ASSERT_EQ(server->lineDeallocateCall(kClient, in), 0);
        }
    }
    EXPECT_EQ(server->lineDeallocateCall(kClient, newCall(*callee.sink, 0)), 0);
}

TEST_F(Calls, ClosingTheLineRemovesItsCallHandles)
{
    HCALL out = call100To101();
    ASSERT_EQ(server->lineClose(kClient, callerLine), 0);
    EXPECT_EQ(server->lineDrop(kClient, out, nullptr, 0), LINEERR_INVALCALLHANDLE);
}

} // namespace
} // namespace acd::tapi::test
