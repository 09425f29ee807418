// The timer queue: FIFOs per duration, merged into one deadline order.
#include "core/timer_queue.h"

#include <gtest/gtest.h>

namespace acd::core {
namespace {

TEST(TimerQueueTest, TimersOfDifferentDurationsComeDueInDeadlineOrder)
{
    TimerQueue q;
    const auto a = q.schedule(0, 300, TimerKind::RingTimeout, 1);  // due 300
    const auto b = q.schedule(10, 100, TimerKind::WrapUpEnd, 2);   // due 110
    const auto c = q.schedule(20, 300, TimerKind::RingTimeout, 3); // due 320
    const auto d = q.schedule(30, 100, TimerKind::WrapUpEnd, 4);   // due 130
    EXPECT_EQ(q.nextDue(), 110);
    std::vector<std::uint64_t> order;
    while (q.size() > 0)
        order.push_back(q.pop().token);
    EXPECT_EQ(order, (std::vector<std::uint64_t>{b, d, a, c}));
    EXPECT_FALSE(q.nextDue().has_value());
}

TEST(TimerQueueTest, TimersDueAtTheSameTimeFireInTheOrderTheyWereSet)
{
    TimerQueue q;
    const auto a = q.schedule(100, 50, TimerKind::MaxWait, 1);   // due 150
    const auto b = q.schedule(0, 150, TimerKind::Relaxation, 2); // due 150
    EXPECT_TRUE(q.hasDue(150));
    EXPECT_FALSE(q.hasDue(149));
    EXPECT_EQ(q.pop().token, a);
    EXPECT_EQ(q.pop().token, b);
}

} // namespace
} // namespace acd::core
