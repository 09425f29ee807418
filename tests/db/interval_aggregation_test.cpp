// Interval statistics written from a real engine run equal the engine's own statistics.
#include "core/engine.h"
#include "db/writer.h"
#include "db_fixture.h"

#include <cstdio>
#include <random>
#include <set>

namespace acd::db::test {
namespace {

constexpr QueueId kSales = 100;
constexpr QueueId kSupport = 200;

std::vector<std::int64_t> fields(const QueueCounters &c) {
    return {static_cast<std::int64_t>(c.offered),
            static_cast<std::int64_t>(c.flowedIn),
            static_cast<std::int64_t>(c.flowedOut),
            static_cast<std::int64_t>(c.answered),
            static_cast<std::int64_t>(c.answeredInSl),
            static_cast<std::int64_t>(c.abandoned),
            static_cast<std::int64_t>(c.abandonedRinging),
            static_cast<std::int64_t>(c.abandonedShort),
            static_cast<std::int64_t>(c.abandonedInSl),
            static_cast<std::int64_t>(c.disconnected),
            static_cast<std::int64_t>(c.handled),
            c.waitAnsweredMs,
            c.waitAbandonedMs,
            c.maxWaitMs,
            c.talkMs,
            c.holdMs,
            c.wrapMs};
}

std::vector<std::int64_t> fields(const AgentCounters &c) {
    return {static_cast<std::int64_t>(c.offered),
            static_cast<std::int64_t>(c.answered),
            static_cast<std::int64_t>(c.ringNoAnswer),
            static_cast<std::int64_t>(c.handled),
            static_cast<std::int64_t>(c.incomingCalls),
            static_cast<std::int64_t>(c.outgoingCalls),
            c.ringMs,
            c.maxRingMs,
            c.talkMs,
            c.holdMs,
            c.wrapMs,
            c.availableMs,
            c.notReadyMs,
            c.ringingMs,
            c.onCallMs,
            c.wrapUpMs,
            c.otherCallMs};
}

std::vector<std::int64_t> sum(std::vector<std::int64_t> a, const std::vector<std::int64_t> &b,
                              std::size_t maxIndex) {
    for (std::size_t i = 0; i < a.size(); ++i)
        a[i] = i == maxIndex ? std::max(a[i], b[i]) : a[i] + b[i];
    return a;
}

constexpr std::size_t kQueueMaxField = 13; // maxWaitMs
constexpr std::size_t kAgentMaxField = 7;  // maxRingMs

class IntervalAggregation : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSERT_TRUE(engine.addSkill({1, "sales"}));
        ASSERT_TRUE(engine.addSkill({2, "support"}));
        GroupConfig g{10, {}, "Inbound"};
        g.guid.bytes[0] = 1;
        ASSERT_TRUE(engine.addGroup(g));
        ASSERT_TRUE(engine.addQueue(queue(kSales, "sales", 1, 10)));
        ASSERT_TRUE(engine.addQueue(queue(kSupport, "support", 2, 0)));
        ASSERT_TRUE(engine.setReasonCode(3, "Coaching"));
        engine.advanceTo(now);
        for (AgentId id : {1001u, 1002u})
            staff(id);
    }

    static QueueConfig queue(QueueId id, const std::string &name, SkillId skill, int wrap) {
        QueueConfig q;
        q.id = id;
        q.name = name;
        q.group = 10;
        q.skill = {skill, 1};
        q.ringTimeoutSeconds = 20;
        q.wrapUpSeconds = wrap;
        q.serviceLevelSeconds = 20;
        q.shortAbandonSeconds = 5;
        q.overflowWhenNoAgents = false;
        return q;
    }

    void staff(AgentId id) {
        AgentConfig a;
        a.id = id;
        a.name = "Agent " + std::to_string(id);
        a.skills = {{1, 5}, {2, 5}};
        ASSERT_TRUE(engine.addAgent(a));
        auto s = engine.createSession(id, 10, "st" + std::to_string(id), now);
        ASSERT_TRUE(s.isOk());
        ASSERT_TRUE(
            engine.setSessionState(s.value(), SessionState::Ready, SessionState::None, now));
        ASSERT_TRUE(engine.setAgentState(id, AgentStateEx::Ready, AgentStateEx::None, 0, now));
    }

    void at(int seconds) {
        now = kT0 + seconds * 1000LL;
        engine.advanceTo(now);
    }
    void arrive(CallId id, QueueId q) {
        CallArrival c;
        c.id = id;
        c.queue = q;
        ASSERT_TRUE(engine.callArrived(c, now));
    }

    Engine engine;
    TimeMs now = kT0;
};

TEST_F(IntervalAggregation, StoredIntervalsAddUpToTheEnginesStatistics) {
    // Two 15-minute intervals of traffic: answers with wrap-up, an abandon in queue, a ring
    // no answer then an abandon, hold, a call across the interval boundary, Not Ready time.
    at(10);
    arrive(1, kSales);
    at(14);
    ASSERT_TRUE(engine.callAnswered(1, now));
    at(20);
    arrive(2, kSales);
    at(23);
    ASSERT_TRUE(engine.callAnswered(2, now));
    at(30);
    arrive(3, kSales);
    at(40);
    ASSERT_TRUE(engine.callCleared(3, now));
    at(100);
    ASSERT_TRUE(engine.callCleared(1, now));
    at(200);
    arrive(4, kSupport); // rings, nobody answers: RONA after 20 s
    at(300);
    ASSERT_TRUE(engine.callCleared(4, now));
    at(400);
    ASSERT_TRUE(engine.callCleared(2, now));
    at(500);
    for (AgentId id : {1001u, 1002u})
        ASSERT_TRUE(engine.setAgentState(id, AgentStateEx::Ready, AgentStateEx::None, 0, now));
    at(600);
    arrive(5, kSupport);
    at(605);
    ASSERT_TRUE(engine.callAnswered(5, now));
    at(700);
    ASSERT_TRUE(engine.callHeld(5, now));
    at(720);
    ASSERT_TRUE(engine.callRetrieved(5, now));
    at(1000);
    ASSERT_TRUE(engine.callCleared(5, now)); // after the 900 s boundary
    at(1010);
    ASSERT_TRUE(engine.setAgentState(1002, AgentStateEx::NotReady, AgentStateEx::None, 3, now));
    at(1200);
    arrive(6, kSales);
    at(1203);
    ASSERT_TRUE(engine.callAnswered(6, now));
    at(1300);
    ASSERT_TRUE(engine.callCleared(6, now));
    at(1500);
    ASSERT_TRUE(engine.setAgentState(1002, AgentStateEx::Ready, AgentStateEx::None, 0, now));
    at(1800); // closes the second interval

    std::vector<Effect> effects;
    engine.takeEffects(effects);
    {
        Writer writer(*store);
        writer.submit(effects);
        writer.flush();
        EXPECT_EQ(writer.metrics().failed, 0u);
    }

    auto intervals = store->queueIntervals({kT0, kT0 + kDay});
    ASSERT_TRUE(intervals);
    EXPECT_EQ(intervals.value().size(), 4u); // 2 queues x 2 intervals
    for (QueueId q : {kSales, kSupport}) {
        std::vector<std::int64_t> stored(fields(QueueCounters{}));
        for (const auto &row : intervals.value())
            if (row.queue == q)
                stored = sum(stored, fields(row.counters), kQueueMaxField);
        auto live = engine.queue(q);
        ASSERT_TRUE(live);
        EXPECT_EQ(stored, fields(live.value().total)) << "queue " << q;
        auto daily = store->queueDaily({kT0 - kT0 % kDay, kT0 + kDay});
        ASSERT_TRUE(daily);
        for (const auto &row : daily.value()) {
            if (row.queue == q) {
                EXPECT_EQ(fields(row.counters), fields(live.value().total)) << "queue " << q;
            }
        }
    }
    auto agentRows = store->agentIntervals({kT0, kT0 + kDay});
    ASSERT_TRUE(agentRows);
    for (AgentId a : {1001u, 1002u}) {
        std::vector<std::int64_t> stored(fields(AgentCounters{}));
        for (const auto &row : agentRows.value())
            if (row.agent == a)
                stored = sum(stored, fields(row.counters), kAgentMaxField);
        auto live = engine.agent(a);
        ASSERT_TRUE(live);
        EXPECT_EQ(stored, fields(live.value().total)) << "agent " << a;
    }

    // The queue report's KPIs are the engine's, to the cent.
    auto report = store->report(ReportKind::Queue, {kT0, kT0 + kDay});
    ASSERT_TRUE(report) << report.status().message();
    ASSERT_EQ(report.value().rows.size(), 2u);
    const auto &salesRow = report.value().rows[0];
    const QueueCounters sales = engine.queue(kSales).value().total;
    auto fixed = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", v);
        return std::string(buf);
    };
    EXPECT_EQ(salesRow[0], "100");
    EXPECT_EQ(salesRow[3], std::to_string(sales.answered));
    EXPECT_EQ(salesRow[10], fixed(100.0 * sales.serviceLevel(ServiceLevelDefinition::Offered)));
    EXPECT_EQ(salesRow[11], fixed(sales.asaSeconds()));
    EXPECT_EQ(salesRow[13], fixed(sales.ahtSeconds()));
}

TEST_F(IntervalAggregation, CallRecordsMatchWhatHappenedToEachCall) {
    at(10);
    arrive(1, kSales);
    at(14);
    ASSERT_TRUE(engine.callAnswered(1, now));
    at(20);
    arrive(2, kSales);
    at(25);
    arrive(3, kSales);
    at(40);
    ASSERT_TRUE(engine.callCleared(3, now));
    at(60);
    ASSERT_TRUE(engine.callCleared(1, now));
    at(80); // call 2 was ringing at the second agent since 20 s: RONA at 40 s, requeued;
            // agent 1001 is in wrap-up until 70 s, then gets it
    std::vector<Effect> effects;
    engine.takeEffects(effects);
    ASSERT_TRUE(store->writeBatch(std::vector<WriteItem>(effects.begin(), effects.end())));
    const auto calls = allCalls();
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls[0].disposition, Disposition::Answered);
    EXPECT_EQ(calls[0].waitMs, 4000);
    EXPECT_EQ(calls[0].talkMs, 46000);
    EXPECT_EQ(calls[0].wrapMs, 10000);
    EXPECT_FALSE(calls[1].disposition.has_value()); // call 2 still in progress
    EXPECT_EQ(calls[2].disposition, Disposition::Abandoned);
    EXPECT_EQ(calls[2].waitMs, 15000);
    auto states = store->agentStates({kT0, kT0 + kDay});
    ASSERT_TRUE(states);
    bool sawRona = false;
    for (const auto &s : states.value())
        sawRona = sawRona || (s.toState == AgentStateEx::NotReady && s.forcedBy == "system:rona");
    EXPECT_TRUE(sawRona);
}

/// Random traffic (arrivals, answers, holds, hang-ups, abandons, Not Ready, logouts and logins)
/// over three intervals, from a fixed seed: the stored intervals add up to the
/// engine's totals.
TEST_F(IntervalAggregation, RandomTrafficIntervalsAddUpToTheEnginesTotals) {
    for (AgentId id = 1003; id <= 1006; ++id)
        staff(id);
    std::mt19937 random(20261121);
    std::set<CallId> live;
    CallId nextCall = 1;
    const TimeMs end = kT0 + 3 * kInterval;
    for (;;) {
        const TimeMs next = now + static_cast<TimeMs>(random() % 8000) + 1;
        if (next >= end)
            break; // an input at the boundary itself belongs to the next interval
        now = next;
        engine.advanceTo(now);
        for (auto it = live.begin(); it != live.end();) {
            auto call = engine.call(*it);
            if (!call) {
                it = live.erase(it);
                continue;
            }
            const CallSnapshot &c = call.value();
            const unsigned act = random() % 100;
            if (c.ringing && act < 50)
                engine.callAnswered(c.id, now);
            else if (c.connected && act < 10)
                engine.callCleared(c.id, now); // hang-up
            else if (c.connected && act < 15)
                c.held ? engine.callRetrieved(c.id, now) : engine.callHeld(c.id, now);
            else if (!c.connected && act < 3)
                engine.callCleared(c.id, now); // abandon, in queue or ringing
            ++it;
        }
        const unsigned roll = random() % 100;
        if (roll < 40) {
            CallArrival c;
            c.id = nextCall++;
            c.queue = random() % 2 ? kSales : kSupport;
            if (engine.callArrived(c, now))
                live.insert(c.id);
        } else if (roll < 52) {
            const AgentId agent = 1001 + random() % 6;
            if (random() % 3)
                engine.setAgentState(agent, AgentStateEx::Ready, AgentStateEx::None, 0, now);
            else
                engine.setAgentState(agent, AgentStateEx::NotReady, AgentStateEx::None, 3, now);
        } else if (roll < 55) {
            const AgentId agent = 1001 + random() % 6;
            if (engine.sessionsOf(agent).empty()) {
                auto s = engine.createSession(agent, 10, "st", now);
                if (s)
                    engine.setSessionState(s.value(), SessionState::Ready, SessionState::None, now);
            } else {
                engine.logoutAgent(agent, now);
            }
        }
    }
    now = end;
    engine.advanceTo(now);
    ASSERT_EQ(engine.now(), end);
    std::vector<Effect> effects;
    engine.takeEffects(effects);
    ASSERT_TRUE(store->writeBatch(std::vector<WriteItem>(effects.begin(), effects.end())));
    ASSERT_GT(nextCall, 100u);
    // The run exercised what it claims to.
    const QueueCounters sales = engine.queue(kSales).value().total;
    const QueueCounters support = engine.queue(kSupport).value().total;
    RecordProperty("answered", static_cast<int>(sales.answered + support.answered));
    RecordProperty("abandoned", static_cast<int>(sales.abandoned + support.abandoned));
    RecordProperty("abandoned_ringing",
                   static_cast<int>(sales.abandonedRinging + support.abandonedRinging));
    RecordProperty("handled", static_cast<int>(sales.handled + support.handled));
    RecordProperty("hold_ms", static_cast<int>(sales.holdMs + support.holdMs));
    EXPECT_GT(sales.answered + support.answered, 50u);
    EXPECT_GT(sales.abandoned + support.abandoned, 50u);
    EXPECT_GT(sales.holdMs + support.holdMs, 0);

    auto intervals = store->queueIntervals({kT0, kT0 + kDay});
    ASSERT_TRUE(intervals);
    EXPECT_EQ(intervals.value().size(), 6u);
    for (QueueId q : {kSales, kSupport}) {
        std::vector<std::int64_t> stored(fields(QueueCounters{}));
        for (const auto &row : intervals.value())
            if (row.queue == q)
                stored = sum(stored, fields(row.counters), kQueueMaxField);
        EXPECT_EQ(stored, fields(engine.queue(q).value().total)) << "queue " << q;
    }
    auto agentRows = store->agentIntervals({kT0, kT0 + kDay});
    ASSERT_TRUE(agentRows);
    for (AgentId a = 1001; a <= 1006; ++a) {
        std::vector<std::int64_t> stored(fields(AgentCounters{}));
        for (const auto &row : agentRows.value())
            if (row.agent == a)
                stored = sum(stored, fields(row.counters), kAgentMaxField);
        EXPECT_EQ(stored, fields(engine.agent(a).value().total)) << "agent " << a;
    }
    // Every call that completed has exactly one closed record.
    std::size_t closed = 0;
    for (const Effect &e : effects)
        closed += std::holds_alternative<CallCompleted>(e.body) ? 1 : 0;
    std::size_t stored = 0;
    for (const CallRecord &c : allCalls())
        stored += c.disposition.has_value() ? 1 : 0;
    EXPECT_EQ(stored, closed);
}

} // namespace
} // namespace acd::db::test
