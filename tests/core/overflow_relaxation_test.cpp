// Time-based relaxation of waiting calls and overflow to other queues or disconnection.
#include "core_fixture.h"

namespace acd::core::test {
namespace {

constexpr QueueId kExperts = 300;
constexpr QueueId kBackup = 400;

class OverflowRelaxationTest : public CoreTest {
protected:
    void addExperts(std::vector<RelaxationStep> steps, int minLevel = 12)
    {
        QueueConfig q = queueConfig(kExperts, "experts", kSpanish);
        q.skill.minLevel = minLevel;
        q.relaxation = std::move(steps);
        ASSERT_TRUE(engine.addQueue(q));
    }
};

TEST_F(OverflowRelaxationTest, LoweredMinimumLevelLetsALessSkilledAgentTakeTheCall)
{
    addExperts({{30, RelaxAction::LowerMinLevel, 6}});
    staff(1, {{kSpanish, 8}});
    ASSERT_TRUE(arrive(500, kExperts));
    at(29.999);
    EXPECT_EQ(offeredTo(500), 0u);
    at(30);
    EXPECT_EQ(offeredTo(500), 1u);
    EXPECT_EQ(all<CallRelaxed>().size(), 1u);
}

TEST_F(OverflowRelaxationTest, AddedQueueLetsTheOtherQueuesAgentsTakeTheCall)
{
    addExperts({{20, RelaxAction::AddQueue, kSupportQueue}});
    staff(1, {{kSupport, 5}});
    ASSERT_TRUE(arrive(500, kExperts));
    EXPECT_EQ(offeredTo(500), 0u);
    at(20);
    EXPECT_EQ(offeredTo(500), 1u);
    // The call still belongs to its own queue.
    EXPECT_EQ(queue(kExperts).ringing, 1);
    EXPECT_EQ(queue(kSupportQueue).ringing, 0);
}

TEST_F(OverflowRelaxationTest, RaisedPriorityMovesTheCallAheadOfNewerHighPriorityCalls)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.relaxation = {{60, RelaxAction::RaisePriority, 5}};
    ASSERT_TRUE(engine.updateQueue(q));
    addAgent(1, {{kSales, 5}});
    const SessionId s = login(1);
    ASSERT_TRUE(engine.setSessionState(s, SessionState::Ready, SessionState::None, now));
    ASSERT_TRUE(arrive(500, kSalesQueue, 1));
    at(10);
    ASSERT_TRUE(arrive(501, kSalesQueue, 4));
    at(60); // 500 now has priority 6 > 4
    ready(1);
    EXPECT_EQ(offeredTo(500), 1u);
}

TEST_F(OverflowRelaxationTest, StepsApplyInOrderRelativeToQueueEntry)
{
    addExperts({{10, RelaxAction::LowerMinLevel, 10}, {20, RelaxAction::LowerMinLevel, 4}});
    staff(1, {{kSpanish, 5}});
    ASSERT_TRUE(arrive(500, kExperts));
    at(15);
    EXPECT_EQ(offeredTo(500), 0u);
    at(20);
    EXPECT_EQ(offeredTo(500), 1u);
    const auto relaxed = all<CallRelaxed>();
    ASSERT_EQ(relaxed.size(), 2u);
    EXPECT_EQ(relaxed[0].step, 0);
    EXPECT_EQ(relaxed[1].step, 1);
}

TEST_F(OverflowRelaxationTest, MaxWaitMovesTheCallToTheOverflowQueue)
{
    QueueConfig backup = queueConfig(kBackup, "backup", kSupport);
    ASSERT_TRUE(engine.addQueue(backup));
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.maxWaitSeconds = 60;
    q.overflowQueue = kBackup;
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1, {{kSupport, 5}});
    ASSERT_TRUE(arrive(500));
    at(60);
    const auto flows = all<CallOverflowed>();
    ASSERT_EQ(flows.size(), 1u);
    EXPECT_EQ(flows[0].toQueue, kBackup);
    EXPECT_EQ(flows[0].reason, OverflowReason::MaxWait);
    EXPECT_EQ(flows[0].waitMs, 60000);
    EXPECT_EQ(offeredTo(500), 1u);
    EXPECT_EQ(queue(kSalesQueue).total.flowedOut, 1u);
    EXPECT_EQ(queue(kBackup).total.flowedIn, 1u);
    EXPECT_EQ(queue(kBackup).total.offered, 1u);
}

TEST_F(OverflowRelaxationTest, MaxLengthOverflowsTheNewArrival)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.maxLength = 2;
    ASSERT_TRUE(engine.updateQueue(q));
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    ASSERT_TRUE(arrive(501));
    ASSERT_TRUE(arrive(502));
    const auto done = all<CallCompleted>();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].call, 502u);
    EXPECT_EQ(done[0].disposition, Disposition::OverflowDisconnected);
    EXPECT_EQ(all<DisconnectCall>().at(0).reason, OverflowReason::MaxLength);
    EXPECT_EQ(queue(kSalesQueue).waiting, 2);
}

TEST_F(OverflowRelaxationTest, ArrivalWithNoAgentLoggedInIsDisconnectedWithADisposition)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.overflowWhenNoAgents = true;
    ASSERT_TRUE(engine.updateQueue(q));
    ASSERT_TRUE(arrive(500));
    const auto done = all<CallCompleted>();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].disposition, Disposition::OverflowDisconnected);
    EXPECT_EQ(all<CallOverflowed>().at(0).reason, OverflowReason::NoAgents);
    EXPECT_EQ(queue(kSalesQueue).total.disconnected, 1u);
}

TEST_F(OverflowRelaxationTest, LastQualifiedAgentLoggingOutOverflowsWaitingCalls)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.overflowWhenNoAgents = true;
    ASSERT_TRUE(engine.updateQueue(q));
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    ASSERT_TRUE(arrive(501));
    ASSERT_TRUE(engine.logoutAgent(1, now));
    EXPECT_EQ(all<CallCompleted>().size(), 2u);
    EXPECT_EQ(queue(kSalesQueue).waiting, 0);
}

TEST_F(OverflowRelaxationTest, OverflowLoopBetweenTwoQueuesEndsInDisconnection)
{
    QueueConfig a = queueConfig(kSalesQueue, "sales", kSales);
    a.overflowWhenNoAgents = true;
    a.overflowQueue = kSupportQueue;
    QueueConfig b = queueConfig(kSupportQueue, "support", kSupport);
    b.overflowWhenNoAgents = true;
    b.overflowQueue = kSalesQueue;
    ASSERT_TRUE(engine.updateQueue(a));
    ASSERT_TRUE(engine.updateQueue(b));
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(all<CallOverflowed>().size(), 9u); // 8 hops, then the disconnect
    EXPECT_EQ(all<CallCompleted>().size(), 1u);
    EXPECT_EQ(all<CallCompleted>().at(0).disposition, Disposition::OverflowDisconnected);
}

TEST_F(OverflowRelaxationTest, MaxWaitDuringRingingIsDecidedWhenTheOfferComesBack)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.maxWaitSeconds = 10;
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(10); // ringing at agent 1: not overflowed while it rings
    EXPECT_TRUE(all<CallOverflowed>().empty());
    at(20); // RONA: back in queue, max wait long passed
    EXPECT_EQ(all<CallOverflowed>().size(), 1u);
    EXPECT_EQ(all<CallCompleted>().at(0).disposition, Disposition::OverflowDisconnected);
}

TEST_F(OverflowRelaxationTest, DanglingOverflowTargetIsReportedByValidation)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.overflowQueue = 999;
    ASSERT_TRUE(engine.updateQueue(q));
    const Status s = engine.validateReferences();
    EXPECT_EQ(s.code(), ErrorCode::UnknownQueue);
    EXPECT_EQ(s.message(), "queue 100 'sales': field overflowQueue: unknown queue 999");
}

} // namespace
} // namespace acd::core::test
