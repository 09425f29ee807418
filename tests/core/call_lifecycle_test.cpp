// A call from arrival to its one final record: requeue, hold, abandon, completion.
#include "core_fixture.h"

namespace acd::core::test {
namespace {

class CallLifecycleTest : public CoreTest {};

TEST_F(CallLifecycleTest, RingNoAnswerPutsTheCallBackAtItsOriginalPosition)
{
    staff(1);
    ASSERT_TRUE(arrive(500)); // rings at agent 1
    at(5);
    ASSERT_TRUE(arrive(501)); // waits behind it
    at(20);                   // RONA for 500
    staff(2);
    EXPECT_EQ(offeredTo(500), 2u);
    EXPECT_EQ(queue(kSalesQueue).waiting, 1);
}

TEST_F(CallLifecycleTest, RequeuedCallGoesToAnotherIdleAgentAtOnce)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    staff(2);
    at(20);
    EXPECT_EQ(offeredTo(500), 2u);
}

TEST_F(CallLifecycleTest, RequeuedCallKeepsItsWaitFromTheFirstEntry)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(20);
    staff(2);
    at(23);
    answer(500);
    EXPECT_EQ(all<CallAnswered>().at(0).waitMs, 23000);
    EXPECT_EQ(all<CallAnswered>().at(0).ringMs, 3000);
}

TEST_F(CallLifecycleTest, AnAnswerReportedForTheRingingAgentIsAnOrdinaryAnswer)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(4);
    ASSERT_TRUE(engine.callAnsweredBy(500, 1, now));
    EXPECT_EQ(all<CallAnswered>().at(0).ringMs, 4000);
    EXPECT_EQ(agent(1).activity, AgentActivity::OnCall);
}

TEST_F(CallLifecycleTest, AnAgentWhoAnswersAfterTheRingTimeoutKeepsTheCall)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(20); // RONA: back in the queue, agent 1 Not Ready
    ASSERT_EQ(queue(kSalesQueue).waiting, 1);
    at(20.3);
    ASSERT_TRUE(engine.callAnsweredBy(500, 1, now));
    const QueueSnapshot sales = queue(kSalesQueue);
    EXPECT_EQ(sales.waiting, 0);
    EXPECT_EQ(sales.ringing, 0);
    EXPECT_EQ(sales.total.answered, 1u);
    const AgentSnapshot a = agent(1);
    EXPECT_EQ(a.activity, AgentActivity::OnCall);
    EXPECT_EQ(a.currentCall, 500u);
    EXPECT_EQ(a.total.ringNoAnswer, 1u);
    EXPECT_EQ(a.total.answered, 1u);
    const CallAnswered answered = all<CallAnswered>().at(0);
    EXPECT_EQ(answered.agent, 1u);
    EXPECT_EQ(answered.waitMs, 20300);
    EXPECT_EQ(answered.ringMs, 20300); // from the offer to agent 1
}

TEST_F(CallLifecycleTest, ALateAnswerWithdrawsTheNextOfferAndLeavesThatAgentReady)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    staff(2);
    at(20); // RONA for 1: offered to 2
    ASSERT_EQ(offeredTo(500), 2u);
    ASSERT_TRUE(engine.callAnsweredBy(500, 1, now));
    const auto requeued = all<CallRequeued>();
    ASSERT_EQ(requeued.size(), 2u);
    EXPECT_EQ(requeued[1].agent, 2u);
    EXPECT_EQ(requeued[1].reason, RequeueReason::LateAnswer);
    EXPECT_EQ(agent(2).activity, AgentActivity::Available);
    EXPECT_EQ(agent(2).state, AgentStateEx::Ready);
    EXPECT_EQ(agent(1).currentCall, 500u);
    EXPECT_EQ(queue(kSalesQueue).ringing, 0);
}

TEST_F(CallLifecycleTest, ALateAnswerEndsAsAnAnsweredCallNotAnAbandon)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(20);
    ASSERT_TRUE(engine.callAnsweredBy(500, 1, now));
    at(80);
    clear(500);
    const auto done = all<CallCompleted>();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].disposition, Disposition::Answered);
    EXPECT_EQ(done[0].agent, 1u);
    EXPECT_EQ(queue(kSalesQueue).total.abandoned, 0u);
}

TEST_F(CallLifecycleTest, AnAnswerByAnAgentTheCallWasNeverOfferedToIsRefused)
{
    staff(1);
    staff(2);
    ASSERT_TRUE(arrive(500)); // rings at 1
    const Status s = engine.callAnsweredBy(500, 2, now);
    EXPECT_EQ(s.code(), ErrorCode::InvalidState);
    EXPECT_EQ(s.message(), "call 500 is ringing, not offered to agent 2");
    EXPECT_EQ(agent(1).activity, AgentActivity::Ringing);
}

TEST_F(CallLifecycleTest, ALateAnswerByAnAgentWhoHasLoggedOutIsRefused)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(20);
    ASSERT_TRUE(engine.logoutAgent(1, now));
    const Status s = engine.callAnsweredBy(500, 1, now);
    EXPECT_EQ(s.code(), ErrorCode::NotLoggedIn);
    EXPECT_EQ(queue(kSalesQueue).waiting, 1);
}

TEST_F(CallLifecycleTest, OfferFailureRequeuesAndMarksTheAgentNotReady)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    ASSERT_TRUE(engine.offerFailed(500, now));
    EXPECT_EQ(agent(1).reason, engine.config().offerFailedReason);
    EXPECT_EQ(queue(kSalesQueue).waiting, 1);
}

TEST_F(CallLifecycleTest, AbandonWhileQueuedIsRecordedOnceWithItsWait)
{
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    at(12);
    clear(500);
    const auto done = all<CallCompleted>();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].disposition, Disposition::Abandoned);
    EXPECT_EQ(done[0].waitMs, 12000);
    EXPECT_EQ(queue(kSalesQueue).total.abandoned, 1u);
    EXPECT_EQ(queue(kSalesQueue).waiting, 0);
}

TEST_F(CallLifecycleTest, AbandonWhileRingingFreesTheAgentForTheNextCall)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    ASSERT_TRUE(arrive(501));
    at(3);
    clear(500);
    EXPECT_EQ(all<CallCompleted>().at(0).disposition, Disposition::AbandonedRinging);
    EXPECT_EQ(offeredTo(501), 1u);
    EXPECT_EQ(queue(kSalesQueue).total.abandonedRinging, 1u);
}

TEST_F(CallLifecycleTest, CompletedCallRecordsWaitRingTalkAndHold)
{
    staff(1, {{kSales, 5}});
    addAgent(2, {{kSales, 5}});
    login(2);
    ASSERT_TRUE(arrive(499));
    ASSERT_TRUE(arrive(500)); // waits: agent 1 is ringing with 499
    at(2);
    clear(499); // 499 abandons: agent 1 gets 500 after 2 s in queue
    at(5);
    answer(500);
    at(65);
    ASSERT_TRUE(engine.callHeld(500, now));
    at(85);
    ASSERT_TRUE(engine.callRetrieved(500, now));
    at(125);
    clear(500);
    const auto done = all<CallCompleted>();
    ASSERT_EQ(done.size(), 2u);
    const CallCompleted &c = done[1];
    EXPECT_EQ(c.call, 500u);
    EXPECT_EQ(c.disposition, Disposition::Answered);
    EXPECT_EQ(c.agent, 1u);
    EXPECT_EQ(c.waitMs, 5000);
    EXPECT_EQ(c.ringMs, 3000);
    EXPECT_EQ(c.holdMs, 20000);
    EXPECT_EQ(c.talkMs, 100000);
}

TEST_F(CallLifecycleTest, HangUpWhileOnHoldCountsTheHoldTime)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    at(10);
    ASSERT_TRUE(engine.callHeld(500, now));
    at(40);
    clear(500);
    EXPECT_EQ(all<CallCompleted>().at(0).holdMs, 30000);
    EXPECT_EQ(all<CallCompleted>().at(0).talkMs, 10000);
}

TEST_F(CallLifecycleTest, EveryCallEndsWithExactlyOneCompletedRecord)
{
    staff(1);
    for (CallId c = 500; c < 510; ++c)
        ASSERT_TRUE(arrive(c));
    for (int i = 0; i < 10; ++i) {
        at(i * 10 + 1);
        const CallId ringing = all<OfferCall>().back().call;
        answer(ringing);
        at(i * 10 + 5);
        clear(ringing);
    }
    std::map<CallId, int> count;
    for (const auto &c : all<CallCompleted>())
        ++count[c.call];
    ASSERT_EQ(count.size(), 10u);
    for (const auto &[call, n] : count)
        EXPECT_EQ(n, 1) << "call " << call;
    EXPECT_EQ(engine.activeCallCount(), 0u);
}

TEST_F(CallLifecycleTest, CurrentLongestWaitIsTheOldestUnansweredCall)
{
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500, kSalesQueue, 1));
    at(10);
    ASSERT_TRUE(arrive(501, kSalesQueue, 9));
    at(25);
    EXPECT_EQ(queue(kSalesQueue).currentLongestWaitMs, 25000);
    EXPECT_EQ(queue(kSalesQueue).waiting, 2);
}

} // namespace
} // namespace acd::core::test
