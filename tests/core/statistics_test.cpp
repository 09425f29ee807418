// Queue and agent statistics: definitions, the measurement window and intervals.
#include "core_fixture.h"

#include <random>

namespace acd::core::test {
namespace {

class StatisticsTest : public CoreTest {
protected:
    /// Queue: 2 answered (waits 10 s and 30 s), 1 abandoned at 3 s (short), 1 abandoned at
    /// 25 s. Service level threshold 20 s, short abandons under 5 s.
    void runMixedTraffic()
    {
        addAgent(1, {{kSales, 5}});
        const SessionId s = login(1);
        ASSERT_TRUE(engine.setSessionState(s, SessionState::Ready, SessionState::None, now));
        ASSERT_TRUE(arrive(500));
        ASSERT_TRUE(arrive(501));
        ASSERT_TRUE(arrive(502));
        ASSERT_TRUE(arrive(503));
        at(3);
        clear(502); // abandoned after 3 s: short, within SL
        at(10);
        ready(1); // takes 500
        answer(500);
        at(25);
        clear(503); // abandoned after 25 s
        at(30);
        clear(500); // agent takes 501 at once
        answer(501);
        at(90);
        clear(501);
    }
};

TEST_F(StatisticsTest, ServiceLevelOverOfferedCountsAbandonsInTheDenominator)
{
    runMixedTraffic();
    const QueueCounters &c = queue(kSalesQueue).total;
    EXPECT_EQ(c.answered, 2u);
    EXPECT_EQ(c.answeredInSl, 1u);
    EXPECT_EQ(c.abandoned, 2u);
    EXPECT_DOUBLE_EQ(c.serviceLevel(ServiceLevelDefinition::Offered), 1.0 / 4.0);
}

TEST_F(StatisticsTest, ServiceLevelOverAnsweredIgnoresAbandons)
{
    runMixedTraffic();
    EXPECT_DOUBLE_EQ(queue(kSalesQueue).total.serviceLevel(ServiceLevelDefinition::AnsweredOnly),
                     1.0 / 2.0);
}

TEST_F(StatisticsTest, ServiceLevelExcludingShortAbandonsDropsThemFromTheDenominator)
{
    runMixedTraffic();
    EXPECT_DOUBLE_EQ(
        queue(kSalesQueue).total.serviceLevel(ServiceLevelDefinition::ShortAbandonsExcluded),
        1.0 / 3.0);
    EXPECT_EQ(queue(kSalesQueue).total.abandonedShort, 1u);
}

TEST_F(StatisticsTest, AsaIsTheMeanWaitOfAnsweredCalls)
{
    runMixedTraffic();
    EXPECT_DOUBLE_EQ(queue(kSalesQueue).total.asaSeconds(), (10.0 + 30.0) / 2);
    EXPECT_EQ(queue(kSalesQueue).total.maxWaitMs, 30000);
}

TEST_F(StatisticsTest, AverageWaitCoversAnsweredAndAbandonedCalls)
{
    runMixedTraffic();
    EXPECT_DOUBLE_EQ(queue(kSalesQueue).total.averageWaitSeconds(), (10.0 + 30 + 3 + 25) / 4);
    EXPECT_DOUBLE_EQ(queue(kSalesQueue).total.abandonRate(), 0.5);
}

TEST_F(StatisticsTest, AhtIsTalkPlusHoldPlusWrapUpPerHandledCall)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.wrapUpSeconds = 15;
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    at(40);
    ASSERT_TRUE(engine.callHeld(500, now));
    at(50);
    ASSERT_TRUE(engine.callRetrieved(500, now));
    at(100);
    clear(500);
    EXPECT_EQ(queue(kSalesQueue).total.handled, 0u); // not before wrap-up ends
    at(115);
    const QueueCounters &c = queue(kSalesQueue).total;
    EXPECT_EQ(c.handled, 1u);
    EXPECT_EQ(c.talkMs, 90000);
    EXPECT_EQ(c.holdMs, 10000);
    EXPECT_EQ(c.wrapMs, 15000);
    EXPECT_DOUBLE_EQ(c.ahtSeconds(), 115.0);
    EXPECT_DOUBLE_EQ(agent(1).total.averageHandleSeconds(), 115.0);
}

TEST_F(StatisticsTest, MeasurementPeriodCountsOnlyTheLastPeriodSeconds)
{
    ASSERT_TRUE(engine.setQueueMeasurementPeriod(kSalesQueue, 60));
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    at(10);
    clear(500); // abandoned at 10 s
    at(50);
    ASSERT_TRUE(arrive(501));
    at(55);
    clear(501); // abandoned at 55 s
    EXPECT_EQ(queue(kSalesQueue).period.abandoned, 2u);
    at(70);
    EXPECT_EQ(queue(kSalesQueue).period.abandoned, 1u);
    EXPECT_EQ(queue(kSalesQueue).period.offered, 1u);
    EXPECT_EQ(queue(kSalesQueue).period.maxWaitMs, 5000);
    EXPECT_EQ(queue(kSalesQueue).total.abandoned, 2u);
    at(115);
    EXPECT_EQ(queue(kSalesQueue).period.abandoned, 0u);
    EXPECT_EQ(queue(kSalesQueue).measurementPeriodMs, 60000);
}

TEST_F(StatisticsTest, IntervalClosesOnTheClockBoundaryWithItsCounters)
{
    addAgent(1);
    login(1);
    ASSERT_TRUE(arrive(500));
    at(60);
    clear(500);
    at(899);
    EXPECT_TRUE(all<IntervalClosed>().empty());
    at(900);
    const auto closed = all<IntervalClosed>();
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].report->start, kT0);
    EXPECT_EQ(closed[0].report->end, kT0 + 900000);
    bool found = false;
    for (const auto &q : closed[0].report->queues) {
        if (q.queue == kSalesQueue) {
            found = true;
            EXPECT_EQ(q.counters.abandoned, 1u);
            EXPECT_EQ(q.counters.offered, 1u);
        }
    }
    EXPECT_TRUE(found);
    ASSERT_EQ(closed[0].report->agents.size(), 1u);
    EXPECT_EQ(closed[0].report->agents[0].counters.notReadyMs, 900000);
    EXPECT_EQ(queue(kSalesQueue).interval.offered, 0u);
}

TEST_F(StatisticsTest, QueueSnapshotCountsStaffedAgentsByActivity)
{
    staff(1);
    staff(2);
    addAgent(3);
    login(3);
    ASSERT_TRUE(arrive(500));
    const QueueSnapshot q = queue(kSalesQueue);
    EXPECT_EQ(q.agentsStaffed, 3);
    EXPECT_EQ(q.agentsOnCall, 1);
    EXPECT_EQ(q.agentsAvailable, 1);
    EXPECT_EQ(q.agentsNotReady, 1);
}

TEST_F(StatisticsTest, QueueSnapshotCountsEachStateOnlyForMembersAtTheQueuesMinimumLevel)
{
    constexpr QueueId kSeniorSales = 300;
    QueueConfig senior = queueConfig(kSeniorSales, "senior sales", kSales);
    senior.skill.minLevel = 4;
    senior.wrapUpSeconds = 30;
    ASSERT_TRUE(engine.addQueue(senior));
    staff(1, {{kSales, 5}});
    staff(2, {{kSales, 5}});
    staff(3, {{kSales, 5}});
    staff(4, {{kSales, 2}}); // below the minimum level: in no count of the senior queue
    ASSERT_TRUE(arrive(1, kSeniorSales));
    answer(1);
    clear(1); // agent 1 wraps up
    ASSERT_TRUE(arrive(2, kSeniorSales)); // rings at agent 2
    ASSERT_TRUE(engine.otherCallStarted(3, false, now));
    staff(5, {{kSales, 6}});
    addAgent(6, {{kSales, 4}});
    login(6); // not ready

    const QueueSnapshot q = queue(kSeniorSales);
    EXPECT_EQ(q.agentsStaffed, 5);
    EXPECT_EQ(q.agentsWrapUp, 1);
    EXPECT_EQ(q.agentsOnCall, 1);
    EXPECT_EQ(q.agentsOtherCall, 1);
    EXPECT_EQ(q.agentsAvailable, 1);
    EXPECT_EQ(q.agentsNotReady, 1);
    EXPECT_EQ(queue(kSalesQueue).agentsAvailable, 2); // agents 4 and 5
}

TEST_F(StatisticsTest, SlidingWindowKeepsTheLongestWaitOfRecordsStillInside)
{
    SlidingWindow<QueueCounters> w(10000);
    w.add(makeRecord(1000, kQueueAnswered, 0, 9000));
    w.add(makeRecord(2000, kQueueAnswered, 0, 4000));
    w.add(makeRecord(3000, kQueueAnswered, 0, 6000));
    EXPECT_EQ(w.at(3000).maxWaitMs, 9000);
    EXPECT_EQ(w.at(11000).maxWaitMs, 6000); // the 9 s wait (at 1 s) left the window
    EXPECT_EQ(w.at(11000).answered, 2u);
    EXPECT_EQ(w.at(13000).answered, 0u);
    EXPECT_EQ(w.recordCount(), 0u);
}

/// The engine's WindowTable (shared logs, running sums) must give exactly what one
/// SlidingWindow per object gives, including across period changes.
template<typename Counters>
void expectSameCounters(const Counters &a, const Counters &b);

template<>
void expectSameCounters(const QueueCounters &a, const QueueCounters &b)
{
    EXPECT_EQ(a.offered, b.offered);
    EXPECT_EQ(a.flowedIn, b.flowedIn);
    EXPECT_EQ(a.flowedOut, b.flowedOut);
    EXPECT_EQ(a.answered, b.answered);
    EXPECT_EQ(a.answeredInSl, b.answeredInSl);
    EXPECT_EQ(a.abandoned, b.abandoned);
    EXPECT_EQ(a.abandonedRinging, b.abandonedRinging);
    EXPECT_EQ(a.abandonedShort, b.abandonedShort);
    EXPECT_EQ(a.abandonedInSl, b.abandonedInSl);
    EXPECT_EQ(a.disconnected, b.disconnected);
    EXPECT_EQ(a.handled, b.handled);
    EXPECT_EQ(a.waitAnsweredMs, b.waitAnsweredMs);
    EXPECT_EQ(a.waitAbandonedMs, b.waitAbandonedMs);
    EXPECT_EQ(a.maxWaitMs, b.maxWaitMs);
    EXPECT_EQ(a.talkMs, b.talkMs);
    EXPECT_EQ(a.holdMs, b.holdMs);
    EXPECT_EQ(a.wrapMs, b.wrapMs);
}

template<>
void expectSameCounters(const AgentCallCounters &a, const AgentCallCounters &b)
{
    EXPECT_EQ(a.offered, b.offered);
    EXPECT_EQ(a.answered, b.answered);
    EXPECT_EQ(a.ringNoAnswer, b.ringNoAnswer);
    EXPECT_EQ(a.handled, b.handled);
    EXPECT_EQ(a.incomingCalls, b.incomingCalls);
    EXPECT_EQ(a.outgoingCalls, b.outgoingCalls);
    EXPECT_EQ(a.ringMs, b.ringMs);
    EXPECT_EQ(a.maxRingMs, b.maxRingMs);
    EXPECT_EQ(a.talkMs, b.talkMs);
    EXPECT_EQ(a.holdMs, b.holdMs);
    EXPECT_EQ(a.wrapMs, b.wrapMs);
}

template<typename Counters>
void compareWindowTableWithSlidingWindows(std::uint8_t kinds)
{
    constexpr int kObjects = 7;
    std::mt19937_64 rng(7);
    WindowTable<Counters> table;
    std::vector<SlidingWindow<Counters>> single;
    for (int i = 0; i < kObjects; ++i) {
        const TimeMs period = (i % 3 + 1) * 10000; // three periods: three shared logs
        table.addObject(period);
        single.emplace_back(period);
    }
    TimeMs now = 0;
    for (int step = 0; step < 20000; ++step) {
        now += static_cast<TimeMs>(rng() % 700);
        const auto id = static_cast<std::uint32_t>(rng() % kObjects);
        const int what = static_cast<int>(rng() % 100);
        if (what < 80) {
            const StatRecord r = makeRecord(
                now, static_cast<std::uint8_t>(rng() % kinds), static_cast<std::uint8_t>(rng() % 8),
                static_cast<std::int32_t>(rng() % 60000), static_cast<std::int32_t>(rng() % 9000),
                static_cast<std::int32_t>(rng() % 9000));
            table.add(id, r);
            single[id].add(r);
        } else if (what < 98) {
            expectSameCounters(table.at(id, now), single[id].at(now));
        } else {
            // SlidingWindow drops old records lazily; drop them now, as the table does.
            const TimeMs period = static_cast<TimeMs>(rng() % 4 + 1) * 7000;
            (void)single[id].at(now);
            single[id].setPeriod(period);
            table.setPeriod(id, period, now);
            EXPECT_EQ(table.periodMs(id), period);
        }
    }
    std::size_t held = 0;
    for (int i = 0; i < kObjects; ++i) {
        expectSameCounters(table.at(static_cast<std::uint32_t>(i), now), single[i].at(now));
        held += single[i].recordCount();
    }
    EXPECT_EQ(table.recordCount(), held);
}

TEST_F(StatisticsTest, WindowTableGivesExactlyTheFiguresOfOneSlidingWindowPerObject)
{
    compareWindowTableWithSlidingWindows<QueueCounters>(kQueueHandled + 1);
    compareWindowTableWithSlidingWindows<AgentCallCounters>(kAgentOtherCall + 1);
}

} // namespace
} // namespace acd::core::test
