// Public Engine API: advances time, then forwards to the implementation.
#include "core/engine_impl.h"

#include <algorithm>

namespace acd::core {

Engine::Impl::Impl(EngineConfig config)
    : m_config(std::move(config))
    , m_rng(m_config.randomSeed)
{
    m_effects.reserve(64);
}

Result<Index> Engine::Impl::findAgent(AgentId id) const
{
    const Index *found = m_agentIndex.find(id);
    if (!found)
        return Status(ErrorCode::UnknownAgent, "unknown agent " + std::to_string(id));
    return *found;
}

Result<Index> Engine::Impl::findQueue(QueueId id) const
{
    const Index *found = m_queueIndex.find(id);
    if (!found)
        return Status(ErrorCode::UnknownQueue, "unknown queue " + std::to_string(id));
    return *found;
}

Result<Index> Engine::Impl::findGroup(GroupId id) const
{
    const auto it = m_groupIndex.find(id);
    if (it == m_groupIndex.end())
        return Status(ErrorCode::UnknownGroup, "unknown group " + std::to_string(id));
    return it->second;
}

Result<Index> Engine::Impl::findSession(SessionId id) const
{
    const Index *found = m_sessionIndex.find(id);
    if (!found)
        return Status(ErrorCode::UnknownSession, "unknown session " + std::to_string(id));
    return *found;
}

Result<Index> Engine::Impl::findCall(CallId id) const
{
    const Index *found = m_callIndex.find(id);
    if (!found)
        return Status(ErrorCode::UnknownCall, "unknown call " + std::to_string(id));
    return *found;
}

int Engine::Impl::skillLevel(const Agent &agent, SkillId skill) const
{
    for (const AgentSkill &s : agent.cfg.skills) {
        if (s.skill == skill)
            return s.level;
    }
    return 0;
}

namespace {

/// Runs an input at `now`: timers due up to `now` first, then the input, then any timer the
/// input scheduled for `now` itself (e.g. a relaxation step at 0 s).
template<typename Fn>
auto runAt(Engine::Impl &impl, TimeMs now, Fn &&fn)
{
    impl.advanceTo(now);
    auto result = fn();
    impl.advanceTo(impl.m_now);
    return result;
}

} // namespace

Engine::Engine(EngineConfig config)
    : m_impl(std::make_unique<Impl>(std::move(config)))
{}
Engine::~Engine() = default;

Status Engine::addSkill(const SkillConfig &skill)
{
    return m_impl->addSkill(skill);
}
Status Engine::addGroup(const GroupConfig &group)
{
    return m_impl->addGroup(group);
}
Status Engine::addQueue(const QueueConfig &queue)
{
    return m_impl->addQueue(queue);
}
Status Engine::updateQueue(const QueueConfig &queue)
{
    return m_impl->updateQueue(queue);
}
Status Engine::addAgent(const AgentConfig &agent)
{
    return m_impl->addAgent(agent);
}

void Engine::reserveAgents(std::size_t agents, std::size_t skillsPerAgent)
{
    m_impl->m_agents.reserve(m_impl->m_agents.size() + agents);
    m_impl->m_idleLive.reserve(m_impl->m_idleLive.size() + agents);
    m_impl->m_activityOf.reserve(m_impl->m_activityOf.size() + agents);
    m_impl->m_agentWindows.reserve(m_impl->m_agentWindows.size() + agents);
    m_impl->m_sessions.reserve(m_impl->m_sessions.size() + agents);
    m_impl->m_idleNodes.reserve(m_impl->m_idleNodes.size() + agents * skillsPerAgent);
}
Status Engine::setAgentSkills(AgentId agent, const std::vector<AgentSkill> &skills)
{
    return m_impl->setAgentSkills(agent, skills);
}
Status Engine::validateReferences() const
{
    return m_impl->validateReferences();
}

Status Engine::removeQueue(QueueId queue)
{
    return m_impl->removeQueue(queue);
}

Status Engine::removeAgent(AgentId agent)
{
    return m_impl->removeAgent(agent);
}
void Engine::setTimeZones(const TimeZones *zones)
{
    m_impl->m_timeZones = zones;
}

Status Engine::setReasonCode(ReasonCode code, const std::string &name)
{
    return m_impl->setReasonCode(code, name);
}

Status Engine::setQueueMeasurementPeriod(QueueId queue, int seconds)
{
    auto q = m_impl->findQueue(queue);
    if (!q)
        return q.status();
    if (seconds <= 0)
        return {ErrorCode::InvalidArgument, "queue " + std::to_string(queue)
                                                + ": measurement period must be positive, got "
                                                + std::to_string(seconds)};
    Queue &qq = m_impl->m_queues[q.value()];
    qq.cfg.measurementPeriodSeconds = seconds;
    m_impl->m_queueWindows.setPeriod(q.value(), seconds * kMsPerSecond, m_impl->m_now);
    return {};
}

Status Engine::setAgentMeasurementPeriod(AgentId agent, int seconds)
{
    auto a = m_impl->findAgent(agent);
    if (!a)
        return a.status();
    if (seconds <= 0)
        return {ErrorCode::InvalidArgument, "agent " + std::to_string(agent)
                                                + ": measurement period must be positive, got "
                                                + std::to_string(seconds)};
    Agent &aa = m_impl->m_agents[a.value()];
    aa.cfg.measurementPeriodSeconds = seconds;
    m_impl->m_agentWindows.setPeriod(a.value(), seconds * kMsPerSecond, m_impl->m_now);
    return {};
}

Result<SessionId> Engine::createSession(AgentId agent, GroupId group, const std::string &station,
                                        TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->createSession(agent, group, station); });
}

Status Engine::endSession(SessionId session, TimeMs now, const std::string &forcedBy)
{
    return runAt(*m_impl, now, [&] { return m_impl->endSession(session, forcedBy); });
}

Status Engine::logoutAgent(AgentId agent, TimeMs now, const std::string &forcedBy)
{
    return runAt(*m_impl, now, [&] { return m_impl->logoutAgent(agent, forcedBy); });
}

Status Engine::setAgentState(AgentId agent, AgentStateEx state, AgentStateEx nextState,
                             ReasonCode reason, TimeMs now, const std::string &forcedBy)
{
    return runAt(*m_impl, now,
                 [&] { return m_impl->setAgentState(agent, state, nextState, reason, forcedBy); });
}

Status Engine::setSessionState(SessionId session, SessionState state, SessionState nextState,
                               TimeMs now, const std::string &forcedBy)
{
    return runAt(*m_impl, now,
                 [&] { return m_impl->setSessionState(session, state, nextState, forcedBy); });
}

Status Engine::endWrapUp(AgentId agent, TimeMs now)
{
    m_impl->advanceTo(now);
    auto a = m_impl->findAgent(agent);
    if (!a)
        return a.status();
    if (m_impl->m_agents[a.value()].activity != AgentActivity::WrapUp)
        return {ErrorCode::InvalidState,
                "agent " + std::to_string(agent) + " is not in wrap-up (it is "
                    + std::string(toString(m_impl->m_agents[a.value()].activity)) + ")"};
    m_impl->endWrapUp(a.value(), {});
    return {};
}

Status Engine::otherCallStarted(AgentId agent, bool incoming, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->otherCallStarted(agent, incoming); });
}

Status Engine::otherCallEnded(AgentId agent, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->otherCallEnded(agent); });
}

Status Engine::callArrived(const CallArrival &call, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->callArrived(call); });
}

Status Engine::callAnswered(CallId call, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->callAnswered(call); });
}

Status Engine::callAnsweredBy(CallId call, AgentId agent, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->callAnsweredBy(call, agent); });
}

Status Engine::callHeld(CallId call, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->callHeld(call); });
}

Status Engine::callRetrieved(CallId call, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->callRetrieved(call); });
}

Status Engine::callCleared(CallId call, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->callCleared(call); });
}

Status Engine::offerFailed(CallId call, TimeMs now)
{
    return runAt(*m_impl, now, [&] { return m_impl->offerFailed(call); });
}

void Engine::advanceTo(TimeMs now)
{
    m_impl->advanceTo(now);
}
std::optional<TimeMs> Engine::nextDeadline() const
{
    return m_impl->m_timers.nextDue();
}
TimeMs Engine::now() const
{
    return m_impl->m_now;
}

void Engine::takeEffects(std::vector<Effect> &out)
{
    if (out.empty()) {
        out.swap(m_impl->m_effects);
    } else {
        out.insert(out.end(), std::make_move_iterator(m_impl->m_effects.begin()),
                   std::make_move_iterator(m_impl->m_effects.end()));
        m_impl->m_effects.clear();
    }
}

void Engine::discardEffects()
{
    m_impl->m_effects.clear();
}
std::uint64_t Engine::lastSequence() const
{
    return m_impl->m_seq;
}

Result<QueueSnapshot> Engine::queue(QueueId queue) const
{
    return m_impl->queueSnapshot(queue);
}
Result<AgentSnapshot> Engine::agent(AgentId agent) const
{
    return m_impl->agentSnapshot(agent);
}
Result<SessionSnapshot> Engine::session(SessionId session) const
{
    return m_impl->sessionSnapshot(session);
}
Result<CallSnapshot> Engine::call(CallId call) const
{
    return m_impl->callSnapshot(call);
}

std::vector<QueueId> Engine::queueIds() const
{
    std::vector<QueueId> ids;
    for (const Queue &q : m_impl->m_queues)
        if (q.removedAt < 0)
            ids.push_back(q.cfg.id);
    return ids;
}

std::vector<AgentId> Engine::agentIds() const
{
    std::vector<AgentId> ids;
    for (const Agent &a : m_impl->m_agents)
        if (a.removedAt < 0)
            ids.push_back(a.cfg.id);
    return ids;
}

std::vector<GroupConfig> Engine::groups() const
{
    std::vector<GroupConfig> out;
    for (const Group &g : m_impl->m_groups)
        out.push_back(g.cfg);
    return out;
}

std::vector<SessionId> Engine::sessionsOf(AgentId agent) const
{
    std::vector<SessionId> out;
    auto a = m_impl->findAgent(agent);
    if (!a)
        return out;
    for (Index s : m_impl->m_agents[a.value()].sessions)
        out.push_back(m_impl->m_sessions[s].id);
    return out;
}

const EngineConfig &Engine::config() const
{
    return m_impl->m_config;
}
std::size_t Engine::activeCallCount() const
{
    return m_impl->m_callIndex.size();
}

} // namespace acd::core
