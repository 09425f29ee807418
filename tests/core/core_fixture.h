#pragma once
// A small call center on a virtual clock, for the core's unit tests.
#include "core/engine.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace acd::core::test {

/// 2023-11-14 22:30:00 UTC: on a 15-minute boundary, so intervals are easy to reason about.
constexpr TimeMs kT0 = 1'700'001'000'000;

constexpr SkillId kSales = 1;
constexpr SkillId kSupport = 2;
constexpr SkillId kSpanish = 3;
constexpr GroupId kGroup = 10;
constexpr GroupId kOtherGroup = 20;
constexpr QueueId kSalesQueue = 100;
constexpr QueueId kSupportQueue = 200;

class CoreTest : public ::testing::Test {
protected:
    explicit CoreTest(EngineConfig config = {})
        : engine(std::move(config))
    {}

    void SetUp() override
    {
        ASSERT_TRUE(engine.addSkill({kSales, "sales"}));
        ASSERT_TRUE(engine.addSkill({kSupport, "support"}));
        ASSERT_TRUE(engine.addSkill({kSpanish, "spanish"}));
        GroupConfig g{kGroup, {}, "Inbound"};
        g.guid.bytes[0] = 1;
        ASSERT_TRUE(engine.addGroup(g));
        GroupConfig g2{kOtherGroup, {}, "Back office"};
        g2.guid.bytes[0] = 2;
        ASSERT_TRUE(engine.addGroup(g2));
        ASSERT_TRUE(engine.addQueue(queueConfig(kSalesQueue, "sales", kSales)));
        ASSERT_TRUE(engine.addQueue(queueConfig(kSupportQueue, "support", kSupport)));
        engine.advanceTo(now);
    }

    static QueueConfig queueConfig(QueueId id, const std::string &name, SkillId skill,
                                   GroupId group = kGroup)
    {
        QueueConfig q;
        q.id = id;
        q.name = name;
        q.group = group;
        q.skill = {skill, 1};
        q.ringTimeoutSeconds = 20;
        q.wrapUpSeconds = 0;
        q.serviceLevelSeconds = 20;
        q.shortAbandonSeconds = 5;
        q.overflowWhenNoAgents = false;
        return q;
    }

    void addAgent(AgentId id, std::vector<AgentSkill> skills = {{kSales, 5}, {kSupport, 5}})
    {
        AgentConfig a;
        a.id = id;
        a.name = "Agent " + std::to_string(id);
        a.skills = std::move(skills);
        ASSERT_TRUE(engine.addAgent(a));
    }

    SessionId login(AgentId id, GroupId group = kGroup)
    {
        auto s = engine.createSession(id, group, "st" + std::to_string(id), now);
        EXPECT_TRUE(s.isOk()) << s.status().message();
        return s.isOk() ? s.value() : 0;
    }

    void ready(AgentId id)
    {
        Status s = engine.setAgentState(id, AgentStateEx::Ready, AgentStateEx::None, 0, now);
        ASSERT_TRUE(s) << s.message();
    }

    /// Adds, logs in (with Ready session) and readies an agent.
    void staff(AgentId id, std::vector<AgentSkill> skills = {{kSales, 5}, {kSupport, 5}},
               GroupId group = kGroup)
    {
        addAgent(id, std::move(skills));
        const SessionId s = login(id, group);
        ASSERT_TRUE(engine.setSessionState(s, SessionState::Ready, SessionState::None, now));
        ready(id);
    }

    Status arrive(CallId id, QueueId queue = kSalesQueue, int priority = 1)
    {
        CallArrival c;
        c.id = id;
        c.queue = queue;
        c.ani = "555000" + std::to_string(id);
        c.dnis = "8000";
        c.priority = priority;
        return engine.callArrived(c, now);
    }

    /// Moves the virtual clock to `seconds` after kT0 (firing due timers).
    void at(double seconds)
    {
        now = kT0 + static_cast<TimeMs>(seconds * 1000);
        engine.advanceTo(now);
    }

    std::vector<Effect> &drain()
    {
        engine.takeEffects(effects);
        return effects;
    }

    template<typename T>
    std::vector<T> all()
    {
        drain();
        std::vector<T> out;
        for (const Effect &e : effects) {
            if (const T *t = std::get_if<T>(&e.body))
                out.push_back(*t);
        }
        return out;
    }

    /// The agent the call was last offered to, or 0.
    AgentId offeredTo(CallId call)
    {
        AgentId agent = 0;
        for (const OfferCall &o : all<OfferCall>()) {
            if (o.call == call)
                agent = o.agent;
        }
        return agent;
    }

    AgentSnapshot agent(AgentId id)
    {
        auto a = engine.agent(id);
        EXPECT_TRUE(a.isOk());
        return a.isOk() ? a.value() : AgentSnapshot{};
    }

    QueueSnapshot queue(QueueId id)
    {
        auto q = engine.queue(id);
        EXPECT_TRUE(q.isOk());
        return q.isOk() ? q.value() : QueueSnapshot{};
    }

    void answer(CallId call) { ASSERT_TRUE(engine.callAnswered(call, now)); }
    void clear(CallId call) { ASSERT_TRUE(engine.callCleared(call, now)); }

    Engine engine;
    TimeMs now = kT0;
    std::vector<Effect> effects;
};

} // namespace acd::core::test
