// Randomised property test of the routing invariant, through the public API only: after every
// input, no waiting call has a qualified idle agent (an agent that is Available, has a Ready
// session in the call's group and the queue's skill at or above its minimum level). Also
// checked at every step: queue counters balance, each call gets exactly one final record, and
// effect sequence numbers have no gaps. Fixed seeds: deterministic.
#include "core_fixture.h"

#include <map>
#include <random>
#include <set>

namespace acd::core::test {
namespace {

struct Invariants {
    std::map<CallId, int> completed;
    std::set<CallId> live;
    std::uint64_t lastSeq = 0;
};

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
            queues.push_back(qc);
        }
        for (AgentId a = 1; a <= 12; ++a) {
            AgentConfig ac{a, "a", "", {}};
            for (SkillId s = 1; s <= 3; ++s) {
                if (rng() % 3 != 0)
                    ac.skills.push_back({s, static_cast<int>(1 + rng() % 16)});
            }
            ASSERT_TRUE(engine.addAgent(ac));
            agents.push_back(ac);
        }
        engine.advanceTo(now);
    }

    int level(AgentId a, SkillId s) const
    {
        for (const AgentSkill &k : agents[a - 1].skills) {
            if (k.skill == s)
                return k.level;
        }
        return 0;
    }

    void step()
    {
        const auto pick = rng() % 100;
        const AgentId a = static_cast<AgentId>(1 + rng() % agents.size());
        if (pick < 30) {
            CallArrival c;
            c.id = ++lastCall;
            c.queue = static_cast<QueueId>(1 + rng() % queues.size());
            c.priority = static_cast<int>(1 + rng() % 3);
            ASSERT_TRUE(engine.callArrived(c, now));
            inv.live.insert(c.id);
        } else if (pick < 45 && !inv.live.empty()) {
            const CallId c = randomLiveCall();
            auto snap = engine.call(c);
            if (snap && snap.value().ringing) {
                ASSERT_TRUE(engine.callAnswered(c, now));
            }
        } else if (pick < 58 && !inv.live.empty()) {
            (void)engine.callCleared(randomLiveCall(), now);
        } else if (pick < 62 && !inv.live.empty()) {
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
        auto it = inv.live.begin();
        std::advance(it, static_cast<long>(rng() % inv.live.size()));
        return *it;
    }

    void check()
    {
        std::vector<Effect> fx;
        engine.takeEffects(fx);
        for (const Effect &e : fx) {
            ASSERT_EQ(e.seq, inv.lastSeq + 1);
            inv.lastSeq = e.seq;
            if (const auto *c = std::get_if<CallCompleted>(&e.body)) {
                ASSERT_EQ(++inv.completed[c->call], 1) << "call " << c->call;
                inv.live.erase(c->call);
            }
        }
        for (const QueueConfig &qc : queues) {
            const QueueSnapshot q = engine.queue(qc.id).value();
            const QueueCounters &t = q.total;
            ASSERT_EQ(t.offered, t.answered + t.abandoned + t.flowedOut + t.disconnected
                                     + static_cast<std::uint64_t>(q.waiting + q.ringing))
                << "queue " << qc.id;
        }
        // The routing invariant.
        for (CallId c : inv.live) {
            const CallSnapshot call = engine.call(c).value();
            if (call.ringing || call.connected)
                continue;
            const QueueConfig &qc = queues[call.queue - 1];
            for (const AgentConfig &ac : agents) {
                const AgentSnapshot a = engine.agent(ac.id).value();
                if (a.activity != AgentActivity::Available
                    || level(ac.id, qc.skill.skill) < qc.skill.minLevel)
                    continue;
                for (SessionId s : a.sessions) {
                    const SessionSnapshot ss = engine.session(s).value();
                    ASSERT_FALSE(ss.group == qc.group && ss.state == SessionState::Ready)
                        << "call " << c << " waits in queue " << qc.id << " while agent " << ac.id
                        << " idles in its group";
                }
            }
        }
    }

    Engine engine;
    TimeMs now = kT0;
    std::mt19937_64 rng;
    std::vector<QueueConfig> queues;
    std::vector<AgentConfig> agents;
    CallId lastCall = 0;
    Invariants inv;
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
