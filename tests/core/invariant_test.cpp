// Randomised property test of the core's invariants (core_invariants.h: the routing invariant,
// queue counters that balance, one completion per call, gap-free effect numbering, ...),
// through the public API only, checked after every input. Fixed seeds: deterministic. The
// libFuzzer target core_fuzz checks the same invariants over inputs it chooses.
#include "core_fixture.h"
#include "core_invariants.h"

#include <random>

namespace acd::core::test {
namespace {

class RoutingInvariantTest : public ::testing::TestWithParam<std::uint64_t> {
protected:
    void SetUp() override
    {
        rng.seed(GetParam());
        for (SkillId s = 1; s <= 3; ++s)
            ASSERT_TRUE(engine.addSkill({s, std::to_string(s)}));
        for (GroupId g = 1; g <= 2; ++g) {
            GroupConfig gc{g, {}, std::to_string(g)};
            gc.guid.bytes[0] = static_cast<std::uint8_t>(g);
            ASSERT_TRUE(engine.addGroup(gc));
        }
        const Strategy strategies[] = {Strategy::LongestIdle,   Strategy::MostSkilled,
                                       Strategy::FewestCalls,   Strategy::RoundRobin,
                                       Strategy::LeastOccupied, Strategy::Random};
        for (QueueId q = 1; q <= 6; ++q) {
            QueueConfig qc;
            qc.id = q;
            qc.name = std::to_string(q);
            qc.group = (q % 2) + 1;
            qc.skill = {static_cast<SkillId>((q % 3) + 1), static_cast<int>(1 + rng() % 8)};
            qc.strategy = strategies[q - 1];
            qc.wrapUpSeconds = static_cast<int>(rng() % 3) * 5;
            qc.ringTimeoutSeconds = 10;
            qc.overflowWhenNoAgents = false;
            ASSERT_TRUE(engine.addQueue(qc));
            ledger.queues[qc.id] = qc;
        }
        for (AgentId a = 1; a <= 12; ++a) {
            AgentConfig ac{a, "a", "", {}};
            for (SkillId s = 1; s <= 3; ++s) {
                if (rng() % 3 != 0)
                    ac.skills.push_back({s, static_cast<int>(1 + rng() % 16)});
            }
            ASSERT_TRUE(engine.addAgent(ac));
            ledger.agents[ac.id] = ac;
        }
        engine.advanceTo(now);
    }

    void step()
    {
        const auto pick = rng() % 100;
        const AgentId a = static_cast<AgentId>(1 + rng() % ledger.agents.size());
        if (pick < 30) {
            CallArrival c;
            c.id = ++lastCall;
            c.queue = static_cast<QueueId>(1 + rng() % ledger.queues.size());
            c.priority = static_cast<int>(1 + rng() % 3);
            ASSERT_TRUE(engine.callArrived(c, now));
            ledger.live[c.id] = {};
        } else if (pick < 45 && !ledger.live.empty()) {
            const CallId c = randomLiveCall();
            auto snap = engine.call(c);
            if (snap && snap.value().ringing) {
                ASSERT_TRUE(engine.callAnswered(c, now));
            }
        } else if (pick < 58 && !ledger.live.empty()) {
            (void)engine.callCleared(randomLiveCall(), now);
        } else if (pick < 62 && !ledger.live.empty()) {
            const CallId c = randomLiveCall();
            (void)engine.callHeld(c, now);
            (void)engine.callRetrieved(c, now);
        } else if (pick < 72) {
            const GroupId g = static_cast<GroupId>(1 + rng() % 2);
            auto s = engine.createSession(a, g, std::to_string(a), now);
            if (s)
                (void)engine.setSessionState(s.value(), SessionState::Ready, SessionState::None,
                                             now);
        } else if (pick < 82) {
            (void)engine.setAgentState(a, AgentStateEx::Ready, AgentStateEx::None, 0, now);
        } else if (pick < 86) {
            (void)engine.setAgentState(a, AgentStateEx::NotReady, AgentStateEx::None, 0, now);
        } else if (pick < 89) {
            const auto sessions = engine.sessionsOf(a);
            if (!sessions.empty())
                (void)engine.setSessionState(sessions[rng() % sessions.size()],
                                             rng() % 2 ? SessionState::Ready
                                                       : SessionState::NotReady,
                                             SessionState::None, now);
        } else if (pick < 91) {
            (void)engine.logoutAgent(a, now, "sup");
        } else {
            now += static_cast<TimeMs>(rng() % 15000);
            engine.advanceTo(now);
        }
    }

    CallId randomLiveCall()
    {
        auto it = ledger.live.begin();
        std::advance(it, static_cast<long>(rng() % ledger.live.size()));
        return it->first;
    }

    void check()
    {
        const std::string error = invariants::checkAll(engine, ledger);
        ASSERT_TRUE(error.empty()) << error;
    }

    Engine engine;
    TimeMs now = kT0;
    std::mt19937_64 rng;
    CallId lastCall = 0;
    invariants::Ledger ledger; ///< the configuration and the calls the checks follow
};

TEST_P(RoutingInvariantTest, NoWaitingCallEverHasAQualifiedIdleAgent)
{
    for (int i = 0; i < 4000; ++i) {
        ASSERT_NO_FATAL_FAILURE(step()) << "step " << i;
        ASSERT_NO_FATAL_FAILURE(check()) << "after step " << i;
    }
    EXPECT_GT(lastCall, 500u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RoutingInvariantTest, ::testing::Values(1, 2, 3, 4, 5, 6, 7, 8));

} // namespace
} // namespace acd::core::test
