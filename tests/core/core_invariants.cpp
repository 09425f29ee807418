#include "core_invariants.h"

namespace acd::core::invariants {
namespace {

int level(const AgentConfig &agent, SkillId skill)
{
    for (const AgentSkill &s : agent.skills)
        if (s.skill == skill)
            return s.level;
    return 0;
}

/// The routing invariant for one waiting call (see the header for which calls it covers).
std::string checkNobodyIdlesFor(const Engine &engine, const Ledger &ledger, CallId id,
                                const CallSnapshot &call, const LiveCall &live)
{
    const auto q = ledger.queues.find(call.queue);
    if (live.beyondQueueSkill || q == ledger.queues.end() || !q->second.relaxation.empty()
        || !q->second.openHours.empty())
        return {};
    const QueueConfig &cfg = q->second;
    for (const auto &[agentId, agentCfg] : ledger.agents) {
        if (level(agentCfg, cfg.skill.skill) < cfg.skill.minLevel)
            continue;
        const Result<AgentSnapshot> a = engine.agent(agentId);
        if (!a || a.value().activity != AgentActivity::Available)
            continue;
        for (SessionId s : a.value().sessions) {
            const Result<SessionSnapshot> ss = engine.session(s);
            if (ss && ss.value().group == cfg.group && ss.value().state == SessionState::Ready)
                return "call " + std::to_string(id) + " waits in queue "
                       + std::to_string(call.queue) + " while agent " + std::to_string(agentId)
                       + " idles in its group";
        }
    }
    return {};
}

} // namespace

std::string checkEffects(Engine &engine, Ledger &ledger)
{
    std::vector<Effect> effects;
    engine.takeEffects(effects);
    for (const Effect &e : effects) {
        if (e.seq != ledger.lastSeq + 1)
            return "effect " + std::to_string(e.seq) + " after " + std::to_string(ledger.lastSeq);
        ledger.lastSeq = e.seq;
        if (const auto *done = std::get_if<CallCompleted>(&e.body)) {
            if (!ledger.live.erase(done->call))
                return "call " + std::to_string(done->call) + " completed but not live";
            if (++ledger.completed[done->call] != 1)
                return "call " + std::to_string(done->call) + " completed twice";
        }
    }
    return {};
}

std::string checkQueuesBalance(const Engine &engine, const Ledger &ledger)
{
    for (const auto &[id, cfg] : ledger.queues) {
        const Result<QueueSnapshot> snap = engine.queue(id);
        if (!snap)
            return "queue " + std::to_string(id) + " is gone";
        const QueueSnapshot &q = snap.value();
        const QueueCounters &t = q.total;
        if (q.waiting < 0 || q.ringing < 0
            || t.offered
                   != t.answered + t.abandoned + t.flowedOut + t.disconnected
                          + static_cast<std::uint64_t>(q.waiting + q.ringing))
            return "queue " + std::to_string(id) + " does not balance";
    }
    return {};
}

std::string checkLiveCalls(const Engine &engine, const Ledger &ledger)
{
    for (const auto &[id, live] : ledger.live) {
        const Result<CallSnapshot> snap = engine.call(id);
        if (!snap)
            return "live call " + std::to_string(id) + " is lost";
        const CallSnapshot &c = snap.value();
        if (c.ringing || c.connected) {
            const Result<AgentSnapshot> a = engine.agent(c.agent);
            if (!a || a.value().currentCall != id)
                return "call " + std::to_string(id) + " is at agent " + std::to_string(c.agent)
                       + " who does not have it";
            continue;
        }
        if (std::string error = checkNobodyIdlesFor(engine, ledger, id, c, live); !error.empty())
            return error;
    }
    return {};
}

std::string checkAll(Engine &engine, Ledger &ledger)
{
    if (std::string error = checkEffects(engine, ledger); !error.empty())
        return error;
    if (std::string error = checkQueuesBalance(engine, ledger); !error.empty())
        return error;
    return checkLiveCalls(engine, ledger);
}

} // namespace acd::core::invariants
