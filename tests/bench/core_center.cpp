#include "core_center.h"

#include <algorithm>
#include <string>

namespace acd::bench {
namespace {

using namespace acd::core;

// Builds "prefix<n>"; written out because GCC 12 warns falsely (-Wrestrict) on
// "literal" + std::to_string(n).
std::string label(const char *prefix, std::size_t n)
{
    std::string s(prefix);
    s += std::to_string(n);
    return s;
}

} // namespace

CoreCenter::CoreCenter(Workload &w)
    : m_w(w)
    , m_stepMs(std::max<TimeMs>(
          1, static_cast<TimeMs>(180000.0 / (0.95 * std::max<std::size_t>(1, w.agents.size())))))
{
    for (std::uint32_t s = 1; s <= Workload::kSkills; ++s)
        m_engine.addSkill({s, label("skill", s)});
    for (std::uint32_t g = 0; g < Workload::kGroups; ++g) {
        GroupConfig gc{g + 1, {}, label("group", g)};
        gc.guid.bytes[0] = static_cast<std::uint8_t>(g + 1);
        m_engine.addGroup(gc);
    }
    for (std::size_t q = 0; q < w.queues.size(); ++q) {
        QueueConfig qc;
        qc.id = static_cast<QueueId>(q + 1);
        qc.name = label("q", q);
        qc.group = w.queues[q].group + 1;
        qc.skill = {w.queues[q].skill, w.queues[q].minLevel};
        qc.overflowWhenNoAgents = false;
        m_engine.addQueue(qc);
    }
    m_engine.reserveAgents(w.agents.size(), Workload::kSkillsPerAgent);
    for (std::size_t a = 0; a < w.agents.size(); ++a) {
        AgentConfig ac;
        ac.id = static_cast<AgentId>(a + 1);
        for (const auto &[skill, level] : w.agents[a].skills)
            ac.skills.push_back({skill, level});
        m_engine.addAgent(ac);
        auto s =
            m_engine.createSession(ac.id, w.agents[a].group + 1, std::to_string(1000 + a), m_now);
        m_engine.setSessionState(s.value(), SessionState::Ready, SessionState::None, m_now);
        m_engine.setAgentState(ac.id, AgentStateEx::Ready, AgentStateEx::None, 0, m_now);
    }
    m_engine.discardEffects();
}

void CoreCenter::arrive()
{
    m_now += m_stepMs;
    CallArrival c;
    c.id = ++m_lastCall;
    c.queue = static_cast<QueueId>(m_w.pickQueue() + 1);
    m_engine.callArrived(c, m_now);
    settle();
}

void CoreCenter::complete()
{
    const std::size_t i = m_w.rng() % m_connected.size();
    const CallId call = m_connected[i];
    m_connected[i] = m_connected.back();
    m_connected.pop_back();
    m_engine.callCleared(call, m_now);
    settle();
}

void CoreCenter::settle()
{
    for (;;) {
        m_fx.clear();
        m_engine.takeEffects(m_fx);
        if (m_fx.empty())
            return;
        for (const Effect &e : m_fx) {
            if (const auto *o = std::get_if<OfferCall>(&e.body)) {
                m_engine.callAnswered(o->call, m_now);
                m_connected.push_back(o->call);
            }
        }
    }
}

} // namespace acd::bench
