// Over a long mixed run (RONA, abandons while queued and while ringing, wrap-up, relaxation,
// overflow, agents logged off mid-call and new agents logging in), every call ends in
// exactly one disposition and no counter double counts.
#include "sim/simulator.h"

#include <gtest/gtest.h>

#include <map>

namespace acd::sim {
namespace {

const char *kMixedScenario = R"({
  "seed": 42, "calls": 60000, "warmup": 0,
  "skills": [{"id": 1, "name": "sales"}, {"id": 2, "name": "support"}, {"id": 3, "name": "vip"}],
  "groups": [{"id": 1, "name": "inbound"}],
  "queues": [
    {"id": 10, "name": "sales", "group": 1, "skill": 1, "minLevel": 4, "arrivalRate": 0.05,
     "ahtSeconds": 150, "patienceSeconds": 90, "wrapUpSeconds": 10, "ringTimeoutSeconds": 12,
     "maxWaitSeconds": 240, "overflowQueue": 20,
     "relaxation": [{"afterSeconds": 30, "action": "lower-min-level", "value": 1},
                    {"afterSeconds": 60, "action": "add-queue", "value": 20}]},
    {"id": 20, "name": "support", "group": 1, "skill": 2, "arrivalRate": 0.04, "ahtSeconds": 200,
     "patienceSeconds": 120, "wrapUpSeconds": 20, "ringTimeoutSeconds": 12, "maxLength": 4,
     "strategy": "most-skilled",
     "relaxation": [{"afterSeconds": 45, "action": "raise-priority", "value": 3}]},
    {"id": 30, "name": "vip", "group": 1, "skill": 3, "arrivalRate": 0.01, "ahtSeconds": 300,
     "patienceSeconds": 60, "priority": 5, "strategy": "fewest-calls", "overflowQueue": 10,
     "maxWaitSeconds": 30}
  ],
  "agents": [
    {"count": 8, "group": 1, "skills": [{"skill": 1, "level": 8}, {"skill": 3, "level": 5}],
     "ringDelaySeconds": 4, "noAnswerProbability": 0.08, "ronaRecoverySeconds": 20},
    {"count": 8, "group": 1, "skills": [{"skill": 2, "level": 6}, {"skill": 1, "level": 2}],
     "ringDelaySeconds": 3, "noAnswerProbability": 0.05, "logoutAtSeconds": 200000},
    {"count": 6, "group": 1, "skills": [{"skill": 2, "level": 10}, {"skill": 3, "level": 9}],
     "ringDelaySeconds": 2, "loginAtSeconds": 150000, "logoutAtSeconds": 500000},
    {"count": 4, "group": 1, "skills": [{"skill": 1, "level": 3}, {"skill": 2, "level": 3}],
     "ringDelaySeconds": 5, "noAnswerProbability": 0.2, "loginAtSeconds": 300000}
  ]
})";

class ConservationTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        Scenario s;
        std::string error;
        ASSERT_TRUE(parseScenario(kMixedScenario, "mixed", s, error)) << error;
        s_sim = new Simulator(s);
        s_sim->setEffectObserver([](const core::Effect &e) {
            if (auto *c = std::get_if<core::CallCompleted>(&e.body))
                ++s_completed[c->call];
            else if (auto *a = std::get_if<core::CallAnswered>(&e.body))
                ++s_answered[a->call];
            else if (auto *c2 = std::get_if<core::CallQueued>(&e.body))
                s_lastQueue[c2->call] = c2->queue;
            else if (std::holds_alternative<core::CallRequeued>(e.body))
                ++s_requeues;
            else if (auto *sc = std::get_if<core::AgentStateChanged>(&e.body))
                s_logoffMidCall += sc->state == core::AgentStateEx::Released
                                   && (sc->oldActivity == core::AgentActivity::OnCall
                                       || sc->oldActivity == core::AgentActivity::WrapUp);
            if (e.seq != s_lastSeq + 1)
                ++s_sequenceGaps;
            s_lastSeq = e.seq;
        });
        s_result = s_sim->run();
    }
    static void TearDownTestSuite() { delete s_sim; }

    static Simulator *s_sim;
    static SimResult s_result;
    static std::map<core::CallId, int> s_completed;
    static std::map<core::CallId, int> s_answered;
    static std::map<core::CallId, core::QueueId> s_lastQueue;
    static std::uint64_t s_requeues;
    static std::uint64_t s_logoffMidCall;
    static std::uint64_t s_lastSeq;
    static std::uint64_t s_sequenceGaps;
};

Simulator *ConservationTest::s_sim = nullptr;
SimResult ConservationTest::s_result;
std::map<core::CallId, int> ConservationTest::s_completed;
std::map<core::CallId, int> ConservationTest::s_answered;
std::map<core::CallId, core::QueueId> ConservationTest::s_lastQueue;
std::uint64_t ConservationTest::s_requeues = 0;
std::uint64_t ConservationTest::s_logoffMidCall = 0;
std::uint64_t ConservationTest::s_lastSeq = 0;
std::uint64_t ConservationTest::s_sequenceGaps = 0;

TEST_F(ConservationTest, TheRunExercisesEveryHardCase)
{
    EXPECT_GT(s_result.rona, 100u);
    EXPECT_GT(s_requeues, 100u);
    EXPECT_GT(s_result.abandoned, 100u);
    EXPECT_GT(s_result.disconnected, 10u);
    EXPECT_GT(s_logoffMidCall, 0u);
}

TEST_F(ConservationTest, EveryArrivedCallHasExactlyOneFinalRecord)
{
    EXPECT_EQ(s_result.totalArrivals, 60000u);
    EXPECT_EQ(s_completed.size(), 60000u);
    for (const auto &[call, n] : s_completed)
        ASSERT_EQ(n, 1) << "call " << call;
    EXPECT_EQ(s_result.duplicateCompletions, 0u);
    EXPECT_EQ(s_sim->engine().activeCallCount(), 0u);
}

TEST_F(ConservationTest, DispositionsAddUpToArrivals)
{
    EXPECT_EQ(s_result.answered + s_result.abandoned + s_result.disconnected, s_result.calls);
}

TEST_F(ConservationTest, NoCallIsAnsweredTwice)
{
    for (const auto &[call, n] : s_answered)
        ASSERT_EQ(n, 1) << "call " << call;
    EXPECT_EQ(s_answered.size(), s_result.answered);
}

TEST_F(ConservationTest, QueueCountersBalance)
{
    std::uint64_t answered = 0, abandoned = 0, disconnected = 0, handled = 0;
    std::uint64_t flowedIn = 0, flowedOut = 0;
    for (core::QueueId id : s_sim->engine().queueIds()) {
        const core::QueueSnapshot q = s_sim->engine().queue(id).value();
        const core::QueueCounters &c = q.total;
        EXPECT_EQ(c.offered, c.answered + c.abandoned + c.flowedOut + c.disconnected)
            << "queue " << id;
        EXPECT_EQ(q.waiting + q.ringing, 0) << "queue " << id;
        EXPECT_EQ(c.handled, c.answered) << "queue " << id;
        answered += c.answered;
        abandoned += c.abandoned;
        disconnected += c.disconnected;
        handled += c.handled;
        flowedIn += c.flowedIn;
        flowedOut += c.flowedOut;
    }
    EXPECT_EQ(answered, s_result.answered);
    EXPECT_EQ(abandoned, s_result.abandoned);
    EXPECT_EQ(disconnected, s_result.disconnected);
    EXPECT_EQ(handled, s_result.answered); // every answered call's after-call work ended
    EXPECT_EQ(flowedIn, flowedOut);
}

TEST_F(ConservationTest, AgentCountersAgreeWithQueueCounters)
{
    std::uint64_t answered = 0, handled = 0, offered = 0, rona = 0;
    for (core::AgentId id : s_sim->engine().agentIds()) {
        const core::AgentCounters c = s_sim->engine().agent(id).value().total;
        answered += c.answered;
        handled += c.handled;
        offered += c.offered;
        rona += c.ringNoAnswer;
    }
    EXPECT_EQ(answered, s_result.answered);
    EXPECT_EQ(handled, s_result.answered);
    EXPECT_GE(offered, answered + rona);
}

TEST_F(ConservationTest, SequenceNumbersHaveNoGaps)
{
    EXPECT_EQ(s_sequenceGaps, 0u);
}

TEST(SimulatorDeterminism, SameSeedGivesIdenticalResults)
{
    Scenario s;
    std::string error;
    ASSERT_TRUE(parseScenario(kMixedScenario, "mixed", s, error)) << error;
    s.calls = 5000;
    const SimResult a = Simulator(s).run();
    const SimResult b = Simulator(s).run();
    EXPECT_EQ(a.effects, b.effects);
    EXPECT_EQ(a.answered, b.answered);
    EXPECT_DOUBLE_EQ(a.asa, b.asa);
    EXPECT_DOUBLE_EQ(a.maxWait, b.maxWait);
}

} // namespace
} // namespace acd::sim
