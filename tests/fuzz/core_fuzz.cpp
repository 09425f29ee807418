// libFuzzer target for the ACD core (acd-engine/core): any sequence of the Engine's inputs,
// valid or not (unknown IDs, illegal states, out-of-range levels and priorities, calls that
// overflow, relax, flow to a closed queue's target, configuration changed and removed under
// live traffic), on a virtual clock that jumps by milliseconds to days.
// Invariants, besides no crash, no exception and no sanitizer report: those of
// tests/core/core_invariants.h after every input (shared with the property test), and at the
// end, every call still live is cleared, and then every accepted call has been completed
// exactly once.
#include "core/engine.h"
#include "core_invariants.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace acd::core;
namespace invariants = acd::core::invariants;
using invariants::LiveCall;

namespace {

constexpr TimeMs kT0 = 1'700'001'000'000; // a Tuesday, 22:30 UTC

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "core_fuzz: %s\n", what.c_str());
    std::abort();
}

/// The input, read a byte at a time; zeros once it is used up.
class Reader {
public:
    Reader(const std::uint8_t *data, std::size_t size)
        : m_data(data)
        , m_size(size)
    {}
    bool more() const { return m_at < m_size; }
    std::uint32_t byte() { return m_at < m_size ? m_data[m_at++] : 0; }
    /// 0 .. n-1
    std::uint32_t below(std::uint32_t n) { return byte() % n; }

private:
    const std::uint8_t *m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

QueueConfig queue(QueueId id, GroupId group, SkillId skill, int minLevel, Strategy strategy)
{
    QueueConfig q;
    q.id = id;
    q.name = "q" + std::to_string(id);
    q.group = group;
    q.skill = {skill, minLevel};
    q.strategy = strategy;
    q.ringTimeoutSeconds = 10;
    q.wrapUpSeconds = 5;
    q.overflowWhenNoAgents = false;
    return q;
}

/// Six queues over two groups and three skills, with every kind of rule on some of them.
std::vector<QueueConfig> baseQueues()
{
    std::vector<QueueConfig> qs;
    QueueConfig q1 = queue(1, 1, 1, 3, Strategy::LongestIdle);
    q1.relaxation = {{5, RelaxAction::LowerMinLevel, 1}};
    qs.push_back(q1);
    QueueConfig q2 = queue(2, 2, 2, 1, Strategy::MostSkilled);
    q2.maxLength = 2;
    q2.maxWaitSeconds = 30;
    q2.overflowQueue = 1;
    q2.overflowWhenNoAgents = true;
    qs.push_back(q2);
    QueueConfig q3 = queue(3, 1, 3, 2, Strategy::FewestCalls);
    q3.relaxation = {{10, RelaxAction::AddQueue, 4}, {20, RelaxAction::RaisePriority, 3}};
    qs.push_back(q3);
    QueueConfig q4 = queue(4, 2, 1, 1, Strategy::RoundRobin);
    q4.maxWaitSeconds = 15; // then disconnected
    q4.wrapUpSeconds = 0;
    qs.push_back(q4);
    qs.push_back(queue(5, 1, 2, 1, Strategy::LeastOccupied));
    QueueConfig q6 = queue(6, 2, 3, 1, Strategy::Random);
    for (int day = 0; day < 5; ++day)
        q6.openHours.push_back({day, 9 * 60, 17 * 60});
    q6.closedQueue = 5;
    qs.push_back(q6);
    return qs;
}

std::vector<AgentConfig> baseAgents()
{
    std::vector<AgentConfig> as;
    const int levels[6][3] = {{5, 0, 3}, {2, 8, 0}, {16, 1, 1}, {0, 0, 9}, {1, 4, 2}, {3, 3, 3}};
    for (AgentId a = 1; a <= 6; ++a) {
        AgentConfig c{a, "a" + std::to_string(a), "", {}};
        for (SkillId s = 1; s <= 3; ++s)
            if (levels[a - 1][s - 1] > 0)
                c.skills.push_back({s, levels[a - 1][s - 1]});
        as.push_back(c);
    }
    return as;
}

class Harness {
public:
    Harness()
    {
        for (SkillId s = 1; s <= 3; ++s)
            ok(engine.addSkill({s, "s" + std::to_string(s)}), "addSkill");
        for (GroupId g = 1; g <= 2; ++g) {
            GroupConfig gc{g, {}, "g" + std::to_string(g)};
            gc.guid.bytes[0] = static_cast<std::uint8_t>(g);
            ok(engine.addGroup(gc), "addGroup");
        }
        for (const QueueConfig &q : baseQueues()) {
            ok(engine.addQueue(q), "addQueue");
            ledger.queues[q.id] = q;
        }
        ok(engine.validateReferences(), "validateReferences");
        for (const AgentConfig &a : baseAgents()) {
            ok(engine.addAgent(a), "addAgent");
            ledger.agents[a.id] = a;
        }
        engine.advanceTo(now);
    }

    void step(Reader &in)
    {
        const AgentId agent = in.below(8); // 0 and 7 are unknown
        switch (in.below(27)) {
        case 0:
        case 1:
        case 2:
            arrive(in);
            break;
        case 3:
            (void)engine.callAnswered(someCall(in), now);
            break;
        case 4:
            (void)engine.callAnsweredBy(someCall(in), agent, now);
            break;
        case 5:
            (void)engine.callHeld(someCall(in), now);
            break;
        case 6:
            (void)engine.callRetrieved(someCall(in), now);
            break;
        case 7:
            (void)engine.callCleared(someCall(in), now);
            break;
        case 8:
            (void)engine.offerFailed(someCall(in), now);
            break;
        case 9:
        case 10:
            (void)engine.createSession(agent, in.below(4), "st" + std::to_string(in.below(4)), now);
            break;
        case 11:
            (void)engine.endSession(someSession(in, agent), now, in.below(2) ? "sup" : "");
            break;
        case 12:
            (void)engine.logoutAgent(agent, now, in.below(2) ? "sup" : "");
            break;
        case 13:
        case 14:
            (void)engine.setAgentState(agent, agentState(in), agentState(in), in.below(100), now,
                                       in.below(4) == 0 ? "sup" : "");
            break;
        case 15:
            (void)engine.setSessionState(someSession(in, agent), sessionState(in), sessionState(in),
                                         now);
            break;
        case 16:
            (void)engine.endWrapUp(agent, now);
            break;
        case 17:
            if (in.below(2))
                (void)engine.otherCallStarted(agent, in.below(2) != 0, now);
            else
                (void)engine.otherCallEnded(agent, now);
            break;
        case 18:
            setSkills(in, agent);
            break;
        case 19:
            updateQueue(in);
            break;
        case 20:
            removeOrAddQueue(in);
            break;
        case 21:
            removeOrAddAgent(agent);
            break;
        case 22:
            if (in.below(2))
                (void)engine.setQueueMeasurementPeriod(in.below(8),
                                                       static_cast<int>(in.byte()) * 60 - 60);
            else
                (void)engine.setAgentMeasurementPeriod(agent,
                                                       static_cast<int>(in.byte()) * 60 - 60);
            break;
        case 23:
            advance(static_cast<TimeMs>(in.byte()) * 100); // up to 25.5 s
            break;
        case 24:
            advance(static_cast<TimeMs>(in.byte()) * 60'000); // up to 4.25 hours
            break;
        case 25:
            advance(static_cast<TimeMs>(1 + in.below(8)) * 86'400'000); // days
            break;
        default:
            advance(static_cast<TimeMs>(in.byte()) * 1000 / 4);
            break;
        }
        check();
    }

    /// Clears every call still live and lets every timer run; then every accepted call must
    /// have ended exactly once.
    void finish()
    {
        std::vector<CallId> ids;
        for (const auto &[id, call] : ledger.live)
            ids.push_back(id);
        for (CallId id : ids) {
            // Clearing one call may end others in the same step (corpus input
            // clearing-one-call-ends-others); check() has checked each completion already.
            if (!ledger.live.count(id))
                continue;
            if (!engine.callCleared(id, now))
                fail("a live call " + std::to_string(id) + " could not be cleared");
            check();
        }
        advance(2 * 86'400'000);
        check();
        if (!ledger.live.empty())
            fail("call " + std::to_string(ledger.live.begin()->first) + " never completed");
        if (engine.activeCallCount() != 0)
            fail("the engine still holds " + std::to_string(engine.activeCallCount()) + " calls");
    }

private:
    static void ok(const Status &s, const char *what)
    {
        if (!s)
            fail(std::string(what) + ": " + s.message());
    }

    void arrive(Reader &in)
    {
        CallArrival c;
        c.id = 1 + in.below(40); // reused IDs: refused while live, a new call after
        c.queue = in.below(8);
        c.ani = "0170" + std::to_string(in.byte());
        c.priority = static_cast<int>(in.below(12)); // 0 and 11 are out of range
        const std::uint32_t shape = in.byte();
        if (shape & 1)
            c.skill = {in.below(5), static_cast<int>(in.below(18))};
        for (std::uint32_t i = 0; i < ((shape >> 1) & 3); ++i)
            c.extraSkills.push_back({in.below(5), static_cast<int>(in.below(18))});
        const bool wasLive = ledger.live.count(c.id) != 0;
        if (!engine.callArrived(c, now))
            return;
        if (wasLive)
            fail("call " + std::to_string(c.id) + " accepted twice while live");
        ledger.completed.erase(c.id); // the ID now names a new call
        ledger.live[c.id] = LiveCall{c.skill.skill != 0 || !c.extraSkills.empty()};
    }

    CallId someCall(Reader &in)
    {
        const std::uint32_t pick = in.byte();
        if (ledger.live.empty() || pick >= 224)
            return pick % 48; // mostly unknown
        auto it = ledger.live.begin();
        std::advance(it, static_cast<long>(pick % ledger.live.size()));
        return it->first;
    }

    SessionId someSession(Reader &in, AgentId agent)
    {
        const std::vector<SessionId> sessions = engine.sessionsOf(agent);
        const std::uint32_t pick = in.byte();
        if (sessions.empty() || pick >= 224)
            return pick % 32;
        return sessions[pick % sessions.size()];
    }

    static AgentStateEx agentState(Reader &in)
    {
        static const AgentStateEx states[] = {
            AgentStateEx::None,     AgentStateEx::NotReady,         AgentStateEx::Ready,
            AgentStateEx::BusyAcd,  AgentStateEx::BusyIncoming,     AgentStateEx::Unknown,
            AgentStateEx::Released, static_cast<AgentStateEx>(0x80)};
        return states[in.below(8)];
    }

    static SessionState sessionState(Reader &in)
    {
        static const SessionState states[] = {
            SessionState::None,       SessionState::NotReady,         SessionState::Ready,
            SessionState::BusyOnCall, SessionState::BusyWrapUp,       SessionState::Ended,
            SessionState::Released,   static_cast<SessionState>(0x40)};
        return states[in.below(8)];
    }

    void setSkills(Reader &in, AgentId agent)
    {
        std::vector<AgentSkill> skills;
        for (std::uint32_t i = in.below(5); i > 0; --i)
            skills.push_back({in.below(5), static_cast<int>(in.below(18))});
        if (engine.setAgentSkills(agent, skills))
            ledger.agents[agent].skills = skills;
    }

    void updateQueue(Reader &in)
    {
        const QueueId id = in.below(8);
        auto it = ledger.queues.find(id);
        QueueConfig q =
            it != ledger.queues.end() ? it->second : queue(id, 1, 1, 1, Strategy::LongestIdle);
        q.strategy = static_cast<Strategy>(in.below(7)); // 6 is not a strategy
        q.skill.minLevel = static_cast<int>(in.below(18));
        if (in.below(4) == 0)
            q.skill.skill = in.below(5);
        if (in.below(4) == 0)
            q.group = in.below(4);
        q.maxLength = static_cast<int>(in.below(5)) - 1;
        q.maxWaitSeconds = static_cast<int>(in.below(5)) * 10;
        q.wrapUpSeconds = static_cast<int>(in.below(4)) * 5;
        q.ringTimeoutSeconds = static_cast<int>(in.below(4)) * 5;
        q.overflowWhenNoAgents = in.below(2) != 0;
        if (engine.updateQueue(q)) {
            if (it == ledger.queues.end())
                fail("an unknown queue was updated");
            it->second = q;
        }
    }

    void removeOrAddQueue(Reader &in)
    {
        const QueueId id = 1 + in.below(6);
        if (ledger.queues.count(id)) {
            if (engine.removeQueue(id))
                ledger.queues.erase(id);
            return;
        }
        QueueConfig q = baseQueues()[id - 1];
        // Its targets may be gone too: then the engine refuses it, which is what is tested.
        if (engine.addQueue(q))
            ledger.queues[id] = q;
    }

    void removeOrAddAgent(AgentId agent)
    {
        if (ledger.agents.count(agent)) {
            if (engine.removeAgent(agent))
                ledger.agents.erase(agent);
            return;
        }
        if (agent < 1 || agent > 6)
            return;
        const AgentConfig a = baseAgents()[agent - 1];
        if (engine.addAgent(a))
            ledger.agents[agent] = a;
    }

    void advance(TimeMs by)
    {
        now += by;
        engine.advanceTo(now);
    }

    void check()
    {
        if (const std::string error = invariants::checkAll(engine, ledger); !error.empty())
            fail(error);
    }

    Engine engine;
    TimeMs now = kT0;
    invariants::Ledger ledger; ///< configuration as it is now, live and completed calls
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 1024)
        return 0; // a few hundred inputs reach every state; longer runs only run slower
    Reader in(data, size);
    Harness h;
    while (in.more())
        h.step(in);
    h.finish();
    return 0;
}
