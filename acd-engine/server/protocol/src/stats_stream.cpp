// The `stats` topic: a queue's or an agent's figures (the snapshot's objects) whenever they
// changed, at most once per object per 100 ms, so a wallboard shows the engine's own KPIs live
// without recomputing them from call events and without polling. Only objects whose figures
// differ from what was last sent go out; a queue's longestWaitMs alone does not count as a
// change (it ages by itself: clients add the time since `at` while calls wait). Also the
// removal of a queue or agent by an admin.
#include "flat_json.h"
#include "protocol_impl.h"
#include "snapshot_fields.h"

#include <algorithm>
#include <variant>

namespace acd::server {
namespace {

/// No object's figures go out more often than this. An agent's leave at the first tick this
/// long after its first change since they last went (what changes meanwhile goes with them);
/// the service ticks five times as often, so the agents of a busy floor go out spread over
/// the interval, as their changes came. Before, every tick sent the last 100 ms's agents at
/// once: with a hundred supervisors that burst held up the agents' own messages on the I/O
/// thread (offers in the 20-40 ms after each were 5x as often over 6 ms).
constexpr core::TimeMs kStatsIntervalMs = 100;

/// `{"<key>":<body>,"ev":"<name>","eseq":N,"at":T}`: a stats event as every subscriber gets it.
std::string statsEvent(const char *name, const char *key, std::string_view body, std::uint64_t eseq,
                       core::TimeMs at)
{
    FlatJson event;
    event.json(key, body);
    event.field("ev", name);
    event.field("eseq", eseq);
    event.field("at", at);
    return event.finish();
}

} // namespace

void ProtocolService::Impl::markStatsDirty(const core::Effect &effect)
{
    if (statsSubscribers.empty())
        return;
    // Any event can move a queue's figures (an agent's state changes its staffing), so every
    // queue is compared when the queues are next due; agents only when an event names them.
    queueStatsDirty = true;
    std::visit(
        [this](const auto &e) {
            if constexpr (requires { e.agent; }) {
                if (e.agent && !dirtyAgents.count(e.agent))
                    dirtyAgents.emplace(e.agent, clock()); // since when it waits to go out
            }
        },
        effect.body);
}

void ProtocolService::Impl::flushStats(bool everyQueue)
{
    std::vector<Connection *> newcomers;
    std::sort(newStatsSubscribers.begin(), newStatsSubscribers.end()); // subscribed twice: once
    newStatsSubscribers.erase(std::unique(newStatsSubscribers.begin(), newStatsSubscribers.end()),
                              newStatsSubscribers.end());
    for (ConnectionId id : newStatsSubscribers)
        if (auto it = connections.find(id); it != connections.end() && statsSubscribers.count(id))
            newcomers.push_back(&it->second);
    newStatsSubscribers.clear();
    if (statsSubscribers.empty()) {
        queueStatsDirty = false;
        dirtyAgents.clear();
        return;
    }
    const core::TimeMs now = clock();
    // Each object is written once (FlatJson) and shared by every subscriber's run of the
    // burst, as the `all` events are: a hundred supervisors' wallboards do not cost a hundred
    // copies of every agent's figures on this thread.
    auto send = [&](const std::vector<Connection *> &to, const char *name, const char *key,
                    std::string_view body) {
        shareEvent(to, statsEvent(name, key, body, lastEffectSeq, now));
    };
    const bool queuesDue = queueStatsDirty && now - lastQueueStatsAt >= kStatsIntervalMs;
    if (queuesDue || everyQueue || !newcomers.empty()) {
        lastQueueStatsAt = now;
        queueStatsDirty = false;
        for (core::QueueId id : engine.queueIds())
            if (auto snap = engine.queue(id)) {
                // Compared as figures, not as text: a center's thousands of queues are
                // compared ten times a second, and few of them change between two ticks.
                core::QueueSnapshot compared = snap.value();
                compared.currentLongestWaitMs = 0; // only ages: not a change
                auto [sent, first] = sentQueueStats.try_emplace(id, compared);
                const bool changed = first || !(sent->second == compared);
                if (!changed && newcomers.empty())
                    continue;
                sent->second = std::move(compared);
                FlatJson body;
                writeQueue(body, snap.value());
                // A queue that did not change goes to the new subscribers only.
                send(changed ? statsConnections : newcomers, "queue.stats", "queue", body.finish());
            }
    }
    for (auto it = dirtyAgents.begin(); it != dirtyAgents.end();) {
        const auto [id, since] = *it;
        if (now - since < kStatsIntervalMs) {
            ++it; // changed less than an interval ago: at a later tick, with what comes
            continue;
        }
        it = dirtyAgents.erase(it);
        if (auto snap = engine.agent(id)) {
            FlatJson body;
            writeAgent(body, snap.value());
            std::string text = body.finish();
            std::string &sent = sentAgentStats[id];
            if (text == sent)
                continue;
            send(statsConnections, "agent.stats", "agent", text);
            sent = std::move(text);
        }
    }
}

void ProtocolService::announceRemoved(const std::string &kind, std::uint32_t id)
{
    Impl &s = *m_impl;
    const bool queue = kind == "queues";
    if (!queue && kind != "agents")
        return;
    const char *name = queue ? "queue.removed" : "agent.removed";
    FlatJson event; // written as every other event is (publish, statsEvent)
    event.field(queue ? "queue" : "agent", id);
    event.field("ev", name);
    event.field("eseq", s.lastEffectSeq);
    event.field("at", s.clock());
    const std::string text = event.finish();
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
