// Configuration: skills, groups, queues, agents, reason codes; validated with messages that
// name the object and field.
#include "core/engine_impl.h"

#include <algorithm>

namespace acd::core {
namespace {

std::string queueName(const QueueConfig &q)
{
    return "queue " + std::to_string(q.id) + (q.name.empty() ? "" : " '" + q.name + "'");
}

Status invalid(const std::string &what)
{
    return {ErrorCode::InvalidArgument, what};
}

} // namespace

Status Engine::Impl::addSkill(const SkillConfig &skill)
{
    if (skill.id == 0)
        return invalid("skill '" + skill.name + "': field id must be non-zero");
    if (skill.name.empty())
        return invalid("skill " + std::to_string(skill.id) + ": field name must not be empty");
    if (m_skills.count(skill.id))
        return {ErrorCode::DuplicateId, "skill " + std::to_string(skill.id) + " already exists"};
    m_skills.emplace(skill.id, skill.name);
    return {};
}

Status Engine::Impl::addGroup(const GroupConfig &group)
{
    if (group.id == 0)
        return invalid("group '" + group.name + "': field id must be non-zero");
    if (group.name.empty())
        return invalid("group " + std::to_string(group.id) + ": field name must not be empty");
    if (m_groupIndex.count(group.id))
        return {ErrorCode::DuplicateId, "group " + std::to_string(group.id) + " already exists"};
    for (const Group &g : m_groups) {
        if (g.cfg.guid == group.guid)
            return {ErrorCode::DuplicateId, "group " + std::to_string(group.id)
                                                + ": field guid is already used by group "
                                                + std::to_string(g.cfg.id)};
    }
    m_groupIndex.emplace(group.id, static_cast<Index>(m_groups.size()));
    m_groups.push_back(Group{group, {}});
    return {};
}

Status Engine::Impl::validateQueue(const QueueConfig &q, bool isUpdate) const
{
    const std::string name = queueName(q);
    if (q.id == 0)
        return invalid(name + ": field id must be non-zero");
    if (q.name.empty())
        return invalid(name + ": field name must not be empty");
    if (!isUpdate && m_queueIndex.contains(q.id))
        return {ErrorCode::DuplicateId, name + " already exists"};
    if (!m_groupIndex.count(q.group))
        return {ErrorCode::UnknownGroup,
                name + ": field group: unknown group " + std::to_string(q.group)};
    if (!m_skills.count(q.skill.skill))
        return {ErrorCode::UnknownSkill,
                name + ": field skill: unknown skill " + std::to_string(q.skill.skill)};
    if (q.skill.minLevel < kMinSkillLevel || q.skill.minLevel > kMaxSkillLevel)
        return invalid(name + ": field minLevel must be 1-16, got "
                       + std::to_string(q.skill.minLevel));
    if (q.serviceLevelSeconds <= 0)
        return invalid(name + ": field serviceLevelSeconds must be positive, got "
                       + std::to_string(q.serviceLevelSeconds));
    if (q.shortAbandonSeconds < 0)
        return invalid(name + ": field shortAbandonSeconds must not be negative");
    if (q.maxLength < 0)
        return invalid(name + ": field maxLength must not be negative");
    if (q.maxWaitSeconds < 0)
        return invalid(name + ": field maxWaitSeconds must not be negative");
    if (q.wrapUpSeconds < 0)
        return invalid(name + ": field wrapUpSeconds must not be negative");
    if (q.ringTimeoutSeconds < 0)
        return invalid(name + ": field ringTimeoutSeconds must not be negative");
    if (q.measurementPeriodSeconds <= 0)
        return invalid(name + ": field measurementPeriodSeconds must be positive");
    if (q.overflowQueue == q.id)
        return invalid(name + ": field overflowQueue must not be the queue itself");
    if (q.closedQueue == q.id)
        return invalid(name + ": field closedQueue must not be the queue itself");
    for (std::size_t i = 0; i < q.openHours.size(); ++i) {
        const OpenHours &h = q.openHours[i];
        const std::string where = name + ": field openHours[" + std::to_string(i) + "]";
        if (h.weekday < 0 || h.weekday > 6)
            return invalid(where + ": weekday must be 0 (Monday) to 6, got "
                           + std::to_string(h.weekday));
        if (h.openMinute < 0 || h.openMinute >= h.closeMinute || h.closeMinute > 1440)
            return invalid(where + ": must open before it closes within the day, got "
                           + std::to_string(h.openMinute) + "-" + std::to_string(h.closeMinute)
                           + " minutes");
    }
    int previous = -1;
    for (std::size_t i = 0; i < q.relaxation.size(); ++i) {
        const RelaxationStep &step = q.relaxation[i];
        const std::string where = name + ": relaxation step " + std::to_string(i + 1);
        if (step.afterSeconds < 0 || step.afterSeconds < previous)
            return invalid(where + ": field afterSeconds must not be negative or decrease, got "
                           + std::to_string(step.afterSeconds));
        previous = step.afterSeconds;
        switch (step.action) {
        case RelaxAction::LowerMinLevel:
            if (step.value < kMinSkillLevel || step.value > kMaxSkillLevel)
                return invalid(where + ": field value (new minimum level) must be 1-16, got "
                               + std::to_string(step.value));
            break;
        case RelaxAction::AddQueue:
            if (step.value == 0 || step.value == q.id)
                return invalid(where + ": field value must name another queue, got "
                               + std::to_string(step.value));
            break;
        case RelaxAction::RaisePriority:
            if (step.value < 1 || step.value > kMaxPriority - kMinPriority)
                return invalid(where + ": field value (priority increase) must be 1-9, got "
                               + std::to_string(step.value));
            break;
        }
    }
    return {};
}

Status Engine::Impl::removeQueue(QueueId id)
{
    auto fq = findQueue(id);
    if (!fq)
        return fq.status();
    Queue &queue = m_queues[fq.value()];
    if (queue.waiting + queue.ringing > 0)
        return {ErrorCode::InvalidState, queueName(queue.cfg) + " has calls waiting or ringing"};
    for (const Queue &other : m_queues) {
        if (other.removedAt >= 0 || other.cfg.id == id)
            continue;
        const bool refers =
            other.cfg.overflowQueue == id || other.cfg.closedQueue == id
            || std::any_of(other.cfg.relaxation.begin(), other.cfg.relaxation.end(),
                           [&](const RelaxationStep &step) {
                               return step.action == RelaxAction::AddQueue && step.value == id;
                           });
        if (refers)
            return {ErrorCode::InvalidState,
                    queueName(queue.cfg) + " is a target of " + queueName(other.cfg)};
    }
    m_queueIndex.erase(id);
    queue.removedAt = m_now;
    return {};
}

Status Engine::Impl::removeAgent(AgentId id)
{
    auto fa = findAgent(id);
    if (!fa)
        return fa.status();
    Agent &agent = m_agents[fa.value()];
    if (agent.activity != AgentActivity::LoggedOut || !agent.sessions.empty())
        return {ErrorCode::InvalidState,
                "agent " + std::to_string(id) + " is logged in (log the agent out first)"};
    m_agentIndex.erase(id);
    agent.removedAt = m_now;
    return {};
}

Status Engine::Impl::validateReferences() const
{
    for (const Queue &q : m_queues) {
        if (q.removedAt >= 0)
            continue;
        if (q.cfg.overflowQueue != 0 && !m_queueIndex.contains(q.cfg.overflowQueue))
            return {ErrorCode::UnknownQueue, queueName(q.cfg)
                                                 + ": field overflowQueue: unknown queue "
                                                 + std::to_string(q.cfg.overflowQueue)};
        if (q.cfg.closedQueue != 0 && !m_queueIndex.contains(q.cfg.closedQueue))
            return {ErrorCode::UnknownQueue, queueName(q.cfg)
                                                 + ": field closedQueue: unknown queue "
                                                 + std::to_string(q.cfg.closedQueue)};
        for (std::size_t i = 0; i < q.cfg.relaxation.size(); ++i) {
            const RelaxationStep &step = q.cfg.relaxation[i];
            if (step.action == RelaxAction::AddQueue && !m_queueIndex.contains(step.value))
                return {ErrorCode::UnknownQueue,
                        queueName(q.cfg) + ": relaxation step " + std::to_string(i + 1)
                            + ": field value: unknown queue " + std::to_string(step.value)};
        }
    }
    return {};
}

Index Engine::Impl::poolFor(Index group, SkillId skill)
{
    const std::uint64_t key = (static_cast<std::uint64_t>(group) << 32) | skill;
    const auto it = m_poolIndex.find(key);
    if (it != m_poolIndex.end())
        return it->second;
    const Index p = static_cast<Index>(m_pools.size());
    m_pools.emplace_back();
    m_poolMasks.emplace_back();
    m_idleBuckets.resize(m_idleBuckets.size() + kLevels);
    m_pools[p].group = group;
    m_pools[p].skill = skill;
    m_poolIndex.emplace(key, p);
    // Agents already logged in to the group join the new pool (rare: configuration time).
    for (Index s : m_groups[group].sessions) {
        const Index a = m_sessions[s].agent;
        Agent &agent = m_agents[a];
        const int level = skillLevel(agent, skill);
        if (level == 0)
            continue;
        const bool wasIndexed = agent.idleIndexed;
        unindexIdleKeepingPlace(a);
        agent.memberships.push_back(
            Membership{p, static_cast<std::uint8_t>(level), s, newIdleNode(a, p, level)});
        m_pools[p].members.emplace_back(a, static_cast<std::uint8_t>(level));
        ++m_pools[p].staffedAtLevel[level - 1];
        if (wasIndexed)
            indexIdle(a);
    }
    return p;
}

void Engine::Impl::applyQueueRules(Index q)
{
    Queue &queue = m_queues[q];
    queue.group = m_groupIndex.at(queue.cfg.group);
    const Index pool = poolFor(queue.group, queue.cfg.skill.skill);
    if (queue.pool != pool) {
        if (queue.pool != kNil) {
            auto &old = m_pools[queue.pool].queues;
            old.erase(std::remove(old.begin(), old.end(), q), old.end());
        }
        m_pools[pool].queues.push_back(q);
        queue.pool = pool;
    }
    const int slot = keyedSlot(queue.cfg.strategy);
    if (slot >= 0)
        addKeyedStrategy(pool, slot);
    m_queueWindows.setPeriod(q, queue.cfg.measurementPeriodSeconds * kMsPerSecond, m_now);
}

Status Engine::Impl::addQueue(const QueueConfig &queue)
{
    if (Status s = validateQueue(queue, false); !s)
        return s;
    const Index q = static_cast<Index>(m_queues.size());
    m_queues.emplace_back();
    m_queues[q].cfg = queue;
    m_queueWindows.addObject(queue.measurementPeriodSeconds * kMsPerSecond);
    m_queueIndex.set(queue.id, q);
    applyQueueRules(q);
    return {};
}

Status Engine::Impl::updateQueue(const QueueConfig &queue)
{
    auto found = findQueue(queue.id);
    if (!found)
        return found.status();
    if (Status s = validateQueue(queue, true); !s)
        return s;
    Queue &q = m_queues[found.value()];
    const bool moved = q.cfg.group != queue.group || !(q.cfg.skill == queue.skill);
    if (moved && (q.waiting > 0 || q.ringing > 0))
        return {ErrorCode::InvalidState,
                queueName(queue) + ": group and skill can change only while no call waits ("
                    + std::to_string(q.waiting + q.ringing) + " waiting)"};
    q.cfg = queue;
    applyQueueRules(found.value());
    return {};
}

Status Engine::Impl::validateSkills(const std::string &owner,
                                    const std::vector<AgentSkill> &skills) const
{
    if (skills.size() > static_cast<std::size_t>(kMaxSkillsPerAgent))
        return invalid(owner + ": field skills: at most 60 skills, got "
                       + std::to_string(skills.size()));
    for (std::size_t i = 0; i < skills.size(); ++i) {
        const AgentSkill &s = skills[i];
        if (!m_skills.count(s.skill))
            return {ErrorCode::UnknownSkill,
                    owner + ": field skills: unknown skill " + std::to_string(s.skill)};
        if (s.level < kMinSkillLevel || s.level > kMaxSkillLevel)
            return invalid(owner + ": skill " + std::to_string(s.skill)
                           + ": field level must be 1-16, got " + std::to_string(s.level));
        for (std::size_t j = 0; j < i; ++j) {
            if (skills[j].skill == s.skill)
                return invalid(owner + ": field skills: skill " + std::to_string(s.skill)
                               + " listed twice");
        }
    }
    return {};
}

Status Engine::Impl::addAgent(const AgentConfig &agent)
{
    const std::string owner = "agent " + std::to_string(agent.id);
    if (agent.id == 0)
        return invalid("agent '" + agent.name + "': field id must be non-zero");
    if (m_agentIndex.contains(agent.id))
        return {ErrorCode::DuplicateId, owner + " already exists"};
    if (agent.measurementPeriodSeconds <= 0)
        return invalid(owner + ": field measurementPeriodSeconds must be positive");
    if (Status s = validateSkills(owner, agent.skills); !s)
        return s;
    const Index a = static_cast<Index>(m_agents.size());
    reserveForOneMore(m_agents);
    m_agents.emplace_back();
    m_idleLive.push_back(0);
    m_activityOf.push_back(AgentActivity::LoggedOut);
    m_agents[a].cfg = agent;
    m_agentWindows.addObject(agent.measurementPeriodSeconds * kMsPerSecond);
    m_agentIndex.set(agent.id, a);
    return {};
}

Status Engine::Impl::setAgentSkills(AgentId id, const std::vector<AgentSkill> &skills)
{
    auto found = findAgent(id);
    if (!found)
        return found.status();
    if (Status s = validateSkills("agent " + std::to_string(id), skills); !s)
        return s;
    const Index a = found.value();
    Agent &agent = m_agents[a];
    unindexIdleKeepingPlace(a);
    const std::vector<Index> sessions = agent.sessions;
    for (Index s : sessions)
        leavePools(a, s);
    agent.cfg.skills = skills;
    for (Index s : sessions)
        joinPools(a, s);
    for (Index s : sessions)
        checkStaffing(a, m_sessions[s].group);
    if (agent.activity == AgentActivity::Available)
        routeAgent(a);
    return {};
}

Status Engine::Impl::setReasonCode(ReasonCode code, const std::string &name)
{
    if (code == 0 || code > kMaxReasonCode)
        return invalid("reason code " + std::to_string(code) + ": must be 1-99");
    if (name.empty())
        return invalid("reason code " + std::to_string(code) + ": field name must not be empty");
    m_config.reasonCodes[code] = name;
    return {};
}

} // namespace acd::core
