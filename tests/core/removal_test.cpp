// Queues and agents taken out of service by an admin's delete: unknown from then on, their
// IDs free again, refused while in use.
#include "core_fixture.h"

#include <algorithm>

namespace acd::core::test {
namespace {

constexpr QueueId kExtraQueue = 300;

bool contains(const std::vector<std::uint32_t> &ids, std::uint32_t id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

using RemovalTest = CoreTest;

TEST_F(RemovalTest, ARemovedQueueIsUnknownAndTakesNoCalls)
{
    ASSERT_TRUE(engine.addQueue(queueConfig(kExtraQueue, "extra", kSales)));
    ASSERT_TRUE(engine.removeQueue(kExtraQueue));
    EXPECT_FALSE(contains(engine.queueIds(), kExtraQueue));
    EXPECT_EQ(engine.queue(kExtraQueue).status().code(), ErrorCode::UnknownQueue);
    EXPECT_EQ(arrive(500, kExtraQueue).code(), ErrorCode::UnknownQueue);
}

TEST_F(RemovalTest, ARemovedQueuesIdCanBeAddedAgainAsANewQueue)
{
    ASSERT_TRUE(engine.addQueue(queueConfig(kExtraQueue, "extra", kSales)));
    staff(1, {{kSales, 5}});
    ASSERT_TRUE(arrive(500, kExtraQueue));
    ASSERT_TRUE(engine.callCleared(500, now));
    ASSERT_TRUE(engine.removeQueue(kExtraQueue));
    ASSERT_TRUE(engine.addQueue(queueConfig(kExtraQueue, "extra again", kSales)));
    EXPECT_EQ(queue(kExtraQueue).name, "extra again");
    EXPECT_EQ(queue(kExtraQueue).total.offered, 0u); // fresh figures
}

TEST_F(RemovalTest, AQueueWithCallsOrThatAnotherQueueTargetsIsNotRemoved)
{
    QueueConfig extra = queueConfig(kExtraQueue, "extra", kSales);
    extra.overflowWhenNoAgents = false;
    ASSERT_TRUE(engine.addQueue(extra));
    ASSERT_TRUE(arrive(500, kExtraQueue));
    EXPECT_EQ(engine.removeQueue(kExtraQueue).code(), ErrorCode::InvalidState);
    ASSERT_TRUE(engine.callCleared(500, now));
    QueueConfig sales = queueConfig(kSalesQueue, "sales", kSales);
    sales.closedQueue = kExtraQueue;
    ASSERT_TRUE(engine.updateQueue(sales));
    Status s = engine.removeQueue(kExtraQueue);
    EXPECT_EQ(s.code(), ErrorCode::InvalidState);
    EXPECT_NE(s.message().find("is a target of"), std::string::npos) << s.message();
}

TEST_F(RemovalTest, ARemovedQueueStillReportsTheIntervalItWasRemovedIn)
{
    ASSERT_TRUE(engine.addQueue(queueConfig(kExtraQueue, "extra", kSales)));
    ASSERT_TRUE(engine.removeQueue(kExtraQueue));
    at(15 * 60); // the first interval boundary after kT0 (22:30 + 15 min)
    auto closed = all<IntervalClosed>();
    ASSERT_FALSE(closed.empty());
    auto reported = [&](const IntervalClosed &e) {
        return std::any_of(e.report->queues.begin(), e.report->queues.end(),
                           [](const QueueIntervalRecord &r) { return r.queue == kExtraQueue; });
    };
    EXPECT_TRUE(reported(closed.front()));
    at(30 * 60);
    closed = all<IntervalClosed>();
    EXPECT_FALSE(reported(closed.back()));
}

TEST_F(RemovalTest, ALoggedInAgentIsNotRemovedALoggedOutOneIsAndCannotLogIn)
{
    staff(1, {{kSales, 5}});
    EXPECT_EQ(engine.removeAgent(1).code(), ErrorCode::InvalidState);
    ASSERT_TRUE(engine.logoutAgent(1, now));
    ASSERT_TRUE(engine.removeAgent(1));
    EXPECT_FALSE(contains(engine.agentIds(), 1));
    EXPECT_EQ(engine.createSession(1, 1, "st1", now).status().code(), ErrorCode::UnknownAgent);
    ASSERT_TRUE(engine.addAgent(AgentConfig{1, "again", "", {{kSales, 3}}, 1800}));
    EXPECT_EQ(engine.agent(1).value().name, "again");
}

} // namespace
} // namespace acd::core::test
