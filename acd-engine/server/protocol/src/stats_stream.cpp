// The `stats` topic: a queue's or an agent's figures (the snapshot's objects) whenever they
// changed, at most once per object per tick (the service ticks every 100 ms), so a wallboard
// shows the engine's own KPIs live without recomputing them from call events and without
// polling. Only objects whose serialised figures differ from what was last sent go out; a
// queue's longestWaitMs alone does not count as a change (it ages by itself: clients add the
// time since `at` while calls wait). Also the removal of a queue or agent by an admin.
#include "protocol_impl.h"

#include <sstream>
#include <variant>

namespace acd::server {
namespace {

std::string withoutLongestWait(Poco::JSON::Object::Ptr queue)
{
    const Poco::Dynamic::Var longest = queue->get("longestWaitMs");
    queue->remove("longestWaitMs");
    std::string text = toJson(queue);
    queue->set("longestWaitMs", longest);
    return text;
}

} // namespace

void ProtocolService::Impl::markStatsDirty(const core::Effect &effect)
{
    if (statsSubscribers.empty())
        return;
    // Any event can move a queue's figures (an agent's state changes its staffing), so every
    // queue is compared at the next tick; agents only when an event names them.
    queueStatsDirty = true;
    std::visit(
        [this](const auto &e) {
            if constexpr (requires { e.agent; }) {
                if (e.agent)
                    dirtyAgents.insert(e.agent);
            }
        },
        effect.body);
}

void ProtocolService::Impl::flushStats(bool everyQueue)
{
    if (statsSubscribers.empty()) {
        queueStatsDirty = false;
        dirtyAgents.clear();
        return;
    }
    const core::TimeMs now = clock();
    auto send = [&](const char *name, const char *key, Poco::JSON::Object::Ptr body) {
        Poco::JSON::Object event;
        event.set("ev", name);
        event.set("eseq", lastEffectSeq);
        event.set("at", now);
        event.set(key, body);
        std::ostringstream out;
        event.stringify(out, 0, -1);
        const std::string text = out.str();
        for (ConnectionId id : statsSubscribers)
            if (auto it = connections.find(id); it != connections.end())
                deliver(it->second, name, text);
    };
    // Sends `body` unless `compared` equals what was last sent for the object.
    auto sendIfChanged = [&](std::string &sent, std::string compared, const char *name,
                             const char *key, Poco::JSON::Object::Ptr body) {
        if (compared == sent)
            return;
        sent = std::move(compared);
        send(name, key, body);
    };
    if (queueStatsDirty || everyQueue) {
        for (core::QueueId id : engine.queueIds())
            if (auto snap = engine.queue(id)) {
                Poco::JSON::Object::Ptr body = queueJson(snap.value());
                sendIfChanged(sentQueueStats[id], withoutLongestWait(body), "queue.stats", "queue",
                              body);
            }
    }
    for (core::AgentId id : dirtyAgents)
        if (auto snap = engine.agent(id)) {
            Poco::JSON::Object::Ptr body = agentJson(snap.value());
            sendIfChanged(sentAgentStats[id], toJson(body), "agent.stats", "agent", body);
        }
    queueStatsDirty = false;
    dirtyAgents.clear();
}

void ProtocolService::announceRemoved(const std::string &kind, std::uint32_t id)
{
    Impl &s = *m_impl;
    const bool queue = kind == "queues";
    if (!queue && kind != "agents")
        return;
    const char *name = queue ? "queue.removed" : "agent.removed";
    Poco::JSON::Object event;
    event.set("ev", name);
    event.set("eseq", s.lastEffectSeq);
    event.set("at", s.clock());
    event.set(queue ? "queue" : "agent", id);
    std::ostringstream out;
    event.stringify(out, 0, -1);
    const std::string text = out.str();
    std::set<ConnectionId> targets = s.allSubscribers;
    targets.insert(s.statsSubscribers.begin(), s.statsSubscribers.end());
    if (queue) {
        s.sentQueueStats.erase(id);
        if (auto it = s.queueSubscribers.find(id); it != s.queueSubscribers.end())
            targets.insert(it->second.begin(), it->second.end());
    } else {
        s.sentAgentStats.erase(id);
        s.dirtyAgents.erase(id);
        if (auto it = s.agentSubscribers.find(id); it != s.agentSubscribers.end())
            targets.insert(it->second.begin(), it->second.end());
    }
    for (ConnectionId c : targets)
        if (auto it = s.connections.find(c); it != s.connections.end())
            s.deliver(it->second, name, text);
    s.flushEventBatches();
}

void ProtocolService::tick()
{
    Impl &s = *m_impl;
    const core::TimeMs now = s.clock();
    // Once a second every queue is compared even without events: the measurement period's
    // window slides by itself.
    const bool everyQueue = now - s.lastFullStatsAt >= 1000;
    if (everyQueue)
        s.lastFullStatsAt = now;
    s.flushStats(everyQueue);
    s.flushEventBatches();
    s.retryOverflowed();
}

} // namespace acd::server
