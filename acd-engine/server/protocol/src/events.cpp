// The event stream: core effects as JSON events, fanned out by subscription with a sequence
// number per connection; slow consumers get events dropped and one overflow notice.
#include "protocol_impl.h"

#include "core/enums.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <type_traits>

namespace acd::server {
namespace {

struct Topics {
    std::vector<core::QueueId> queues;
    std::vector<core::AgentId> agents;
    std::vector<core::CallId> calls;
    bool intervals = false;
};

std::string sv(std::string_view v)
{
    return std::string(v);
}

/// The event's name, its fields and its topics.
const char *describe(const core::EffectBody &body, Poco::JSON::Object &o, Topics &t)
{
    return std::visit(
        [&](const auto &e) -> const char * {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, core::AgentStateChanged>) {
                o.set("agent", e.agent);
                o.set("state", sv(core::toString(e.state)));
                o.set("nextState", sv(core::toString(e.nextState)));
                o.set("activity", sv(core::toString(e.activity)));
                o.set("reason", e.reason);
                o.set("forcedBy", e.forcedBy);
                t.agents = {e.agent};
                return "agent.state";
            } else if constexpr (std::is_same_v<E, core::SessionStarted>) {
                o.set("session", e.session);
                o.set("agent", e.agent);
                o.set("group", e.group);
                o.set("station", e.station);
                t.agents = {e.agent};
                return "session.started";
            } else if constexpr (std::is_same_v<E, core::SessionStateChanged>) {
                o.set("session", e.session);
                o.set("agent", e.agent);
                o.set("group", e.group);
                o.set("state", sv(core::toString(e.state)));
                o.set("nextState", sv(core::toString(e.nextState)));
                o.set("forcedBy", e.forcedBy);
                t.agents = {e.agent};
                return "session.state";
            } else if constexpr (std::is_same_v<E, core::CallQueued>) {
                o.set("call", e.call);
                o.set("queue", e.queue);
                o.set("priority", e.priority);
                o.set("flowedIn", e.flowedIn);
                t.queues = {e.queue};
                t.calls = {e.call};
                return "call.queued";
            } else if constexpr (std::is_same_v<E, core::CallOffered>) {
                o.set("call", e.call);
                o.set("queue", e.queue);
                o.set("agent", e.agent);
                o.set("session", e.session);
                o.set("waitMs", e.waitMs);
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "call.offered";
            } else if constexpr (std::is_same_v<E, core::CallRequeued>) {
                o.set("call", e.call);
                o.set("queue", e.queue);
                o.set("agent", e.agent);
                o.set("reason", sv(core::toString(e.reason)));
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "call.requeued";
            } else if constexpr (std::is_same_v<E, core::CallAnswered>) {
                o.set("call", e.call);
                o.set("queue", e.queue);
                o.set("agent", e.agent);
                o.set("waitMs", e.waitMs);
                o.set("ringMs", e.ringMs);
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "call.answered";
            } else if constexpr (std::is_same_v<E, core::CallRelaxed>) {
                o.set("call", e.call);
                o.set("queue", e.queue);
                o.set("step", e.step);
                t = {{e.queue}, {}, {e.call}, false};
                return "call.relaxed";
            } else if constexpr (std::is_same_v<E, core::CallOverflowed>) {
                o.set("call", e.call);
                o.set("fromQueue", e.fromQueue);
                o.set("toQueue", e.toQueue);
                o.set("reason", sv(core::toString(e.reason)));
                o.set("waitMs", e.waitMs);
                t.queues = {e.fromQueue};
                if (e.toQueue)
                    t.queues.push_back(e.toQueue);
                t.calls = {e.call};
                return "call.overflowed";
            } else if constexpr (std::is_same_v<E, core::CallCompleted>) {
                o.set("call", e.call);
                o.set("queue", e.queue);
                o.set("agent", e.agent);
                o.set("disposition", sv(core::toString(e.disposition)));
                o.set("arrivedAt", e.arrivedAt);
                o.set("waitMs", e.waitMs);
                o.set("ringMs", e.ringMs);
                o.set("talkMs", e.talkMs);
                o.set("holdMs", e.holdMs);
                t.queues = {e.queue};
                if (e.agent)
                    t.agents = {e.agent};
                t.calls = {e.call};
                return "call.completed";
            } else if constexpr (std::is_same_v<E, core::WrapUpEnded>) {
                o.set("agent", e.agent);
                o.set("call", e.call);
                o.set("queue", e.queue);
                o.set("wrapMs", e.wrapMs);
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "wrapup.ended";
            } else if constexpr (std::is_same_v<E, core::QueueChanged>) {
                o.set("queue", e.queue);
                o.set("waiting", e.waiting);
                o.set("ringing", e.ringing);
                t.queues = {e.queue};
                return "queue.changed";
            } else if constexpr (std::is_same_v<E, core::IntervalClosed>) {
                o.set("start", e.report->start);
                o.set("end", e.report->end);
                Poco::JSON::Array::Ptr queues = new Poco::JSON::Array;
                for (const auto &q : e.report->queues) {
                    Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
                    item->set("queue", q.queue);
                    item->set("offered", q.counters.offered);
                    item->set("answered", q.counters.answered);
                    item->set("answeredInSl", q.counters.answeredInSl);
                    item->set("abandoned", q.counters.abandoned);
                    item->set("handled", q.counters.handled);
                    queues->add(item);
                }
                o.set("queues", queues);
                Poco::JSON::Array::Ptr agents = new Poco::JSON::Array;
                for (const auto &a : e.report->agents) {
                    Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
                    item->set("agent", a.agent);
                    item->set("answered", a.counters.answered);
                    item->set("handled", a.counters.handled);
                    item->set("availableMs", a.counters.availableMs);
                    item->set("onCallMs", a.counters.onCallMs);
                    agents->add(item);
                }
                o.set("agents", agents);
                t.intervals = true;
                return "interval.closed";
            } else {
                return nullptr; // switch commands (offer, retract, disconnect) are internal
            }
        },
        body);
}

} // namespace

void ProtocolService::Impl::publish(const core::Effect &effect)
{
    lastEffectSeq = effect.seq;
    markStatsDirty(effect);
    if (const auto *q = std::get_if<core::CallQueued>(&effect.body))
        activeCalls.insert(q->call);
    else if (const auto *done = std::get_if<core::CallCompleted>(&effect.body))
        activeCalls.erase(done->call);

    Poco::JSON::Object o;
    Topics topics;
    const char *name = describe(effect.body, o, topics);
    if (!name)
        return;
    if (const auto *q = std::get_if<core::CallQueued>(&effect.body); q && !q->flowedIn)
        if (auto call = engine.call(q->call)) { // who is calling, for wallboards and grids
            o.set("ani", call.value().ani);
            o.set("dnis", call.value().dnis);
        }
    o.set("ev", name);
    o.set("eseq", effect.seq);
    o.set("at", effect.at);
    std::ostringstream out;
    o.stringify(out, 0, -1);
    const std::string body = out.str(); // "{...}": each connection prefixes its seq
    std::vector<ConnectionId> targets;
    auto add = [&](const std::set<ConnectionId> &set) {
        targets.insert(targets.end(), set.begin(), set.end());
    };
    if (topics.intervals) {
        add(intervalSubscribers);
    } else {
        add(allSubscribers);
        for (core::QueueId q : topics.queues)
            if (auto it = queueSubscribers.find(q); it != queueSubscribers.end())
                add(it->second);
        for (core::AgentId a : topics.agents)
            if (auto it = agentSubscribers.find(a); it != agentSubscribers.end())
                add(it->second);
        for (core::CallId id : topics.calls)
            if (auto it = callSubscribers.find(id); it != callSubscribers.end())
                add(it->second);
    }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    for (ConnectionId id : targets)
        if (auto it = connections.find(id); it != connections.end())
            deliver(it->second, name, body);
}

void ProtocolService::Impl::forget(Connection &c)
{
    allSubscribers.erase(c.id);
    statsSubscribers.erase(c.id);
    intervalSubscribers.erase(c.id);
    overflowed.erase(c.id);
    auto drop = [&](auto &index, const auto &keys) {
        for (const auto &key : keys)
            if (auto it = index.find(key); it != index.end()) {
                it->second.erase(c.id);
                if (it->second.empty())
                    index.erase(it);
            }
    };
    drop(queueSubscribers, c.queues);
    drop(agentSubscribers, c.agents);
    drop(callSubscribers, c.calls);
}

void ProtocolService::Impl::deliver(Connection &c, const std::string &, const std::string &body)
{
    if (c.overflowed) {
        ++counters.eventsDropped;
        return;
    }
    // The body is shared by every subscriber; only this head is per connection.
    // (to_chars: this runs once per subscriber per event, hundreds of thousands a second.)
    char head[40] = "{\"seq\":";
    char *end = std::to_chars(head + 7, head + sizeof head - 1, c.seq + 1).ptr;
    *end++ = ',';
    if (transport.sendParts(c.id, std::string_view(head, static_cast<std::size_t>(end - head)),
                            std::string_view(body).substr(1))) {
        ++c.seq;
        ++counters.eventsSent;
        return;
    }
    // The front reports the overflow too; mark it here so nothing depends on the order.
    if (!c.overflowed)
        markOverflowed(c);
    ++counters.eventsDropped;
}

void ProtocolService::Impl::markOverflowed(Connection &c)
{
    core::TimeMs now = clock();
    overflowed.insert(c.id);
    c.overflowed = true;
    c.lastSeqBeforeOverflow = c.seq;
    c.overflowedAt = now;
    ++counters.overflows;
    c.recentOverflows.push_back(now);
    while (!c.recentOverflows.empty()
           && c.recentOverflows.front() <= now - options.overflowWindowMs)
        c.recentOverflows.pop_front();
    if (static_cast<int>(c.recentOverflows.size()) >= options.maxOverflows)
        transport.close(c.id, 1013, "too slow: the event stream overflowed repeatedly");
}

void ProtocolService::Impl::retryOverflowed()
{
    core::TimeMs now = clock();
    for (auto it = overflowed.begin(); it != overflowed.end();) {
        auto found = connections.find(*it);
        if (found == connections.end()) {
            it = overflowed.erase(it);
            continue;
        }
        Connection &c = found->second;
        if (now - c.overflowedAt < options.overflowPauseMs) {
            ++it;
            continue;
        }
        it = overflowed.erase(it);
        // Give the client time to drain, then resume with the notice (queued past the limit,
        // so the client always learns of the gap).
        std::string notice = "{\"seq\":" + std::to_string(c.seq + 1)
                             + ",\"ev\":\"overflow\",\"eseq\":" + std::to_string(lastEffectSeq)
                             + ",\"at\":" + std::to_string(now)
                             + ",\"lastSeq\":" + std::to_string(c.lastSeqBeforeOverflow) + "}";
        transport.resume(c.id, std::move(notice));
        ++c.seq;
        c.overflowed = false;
    }
}

void ProtocolService::Impl::subscribe(Connection &c, Request &r, bool add)
{
    std::vector<std::string> topics = r.textList("topics");
    r.rejectUnknown();
    bool privileged = c.role != Role::Agent;
    for (std::size_t i = 0; i < topics.size(); ++i) {
        const std::string &topic = topics[i];
        const std::string field = "topics[" + std::to_string(i) + "]";
        auto number = [&](std::size_t prefix) -> std::uint64_t {
            const std::string digits = topic.substr(prefix);
            if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos
                || digits.size() > 18)
                throw RequestError{"bad_request", "topic '" + topic + "': expected a number",
                                   "", field};
            return std::stoull(digits);
        };
        if (topic == "stats") {
            if (!privileged)
                throw RequestError{"forbidden", "agents may not subscribe to 'stats'", "", field};
            add ? (void)statsSubscribers.insert(c.id) : (void)statsSubscribers.erase(c.id);
        } else if (topic == "all" || topic == "intervals") {
            if (!privileged)
                throw RequestError{"forbidden", "agents may not subscribe to '" + topic + "'",
                                   "", field};
            (topic == "all" ? c.all : c.intervals) = add;
            auto &index = topic == "all" ? allSubscribers : intervalSubscribers;
            add ? (void)index.insert(c.id) : (void)index.erase(c.id);
        } else if (topic.rfind("queue:", 0) == 0) {
            auto q = static_cast<core::QueueId>(number(6));
            if (!engine.queue(q))
                throw RequestError{"not_found", "no queue " + std::to_string(q), "", field};
            add ? (void)c.queues.insert(q) : (void)c.queues.erase(q);
            add ? (void)queueSubscribers[q].insert(c.id) : (void)queueSubscribers[q].erase(c.id);
        } else if (topic.rfind("agent:", 0) == 0) {
            auto a = static_cast<core::AgentId>(number(6));
            if (!privileged && a != c.agent)
                throw RequestError{"forbidden", "an agent may follow only their own agent", "",
                                   field};
            if (!engine.agent(a))
                throw RequestError{"not_found", "no agent " + std::to_string(a), "", field};
            add ? (void)c.agents.insert(a) : (void)c.agents.erase(a);
            add ? (void)agentSubscribers[a].insert(c.id) : (void)agentSubscribers[a].erase(c.id);
        } else if (topic.rfind("call:", 0) == 0) {
            if (!privileged)
                throw RequestError{"forbidden", "agents may not follow calls by ID", "", field};
            auto id = static_cast<core::CallId>(number(5));
            add ? (void)c.calls.insert(id) : (void)c.calls.erase(id);
            add ? (void)callSubscribers[id].insert(c.id) : (void)callSubscribers[id].erase(c.id);
        } else {
            throw RequestError{"bad_request", "unknown topic '" + topic + "'", "", field};
        }
    }
}

} // namespace acd::server
