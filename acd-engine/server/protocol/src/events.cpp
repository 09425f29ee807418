// The event stream: core effects as JSON events, fanned out by subscription with a sequence
// number per connection; slow consumers get events dropped and one overflow notice.
#include "protocol_impl.h"

#include "flat_json.h"

#include "core/enums.h"

#include <algorithm>
#include <charconv>
#include <type_traits>

namespace acd::server {
namespace {

struct Topics {
    std::vector<core::QueueId> queues;
    std::vector<core::AgentId> agents;
    std::vector<core::CallId> calls;
    bool intervals = false;
};

/// Adds an object to the JSON array being written in `array` (which starts "[").
void appendItem(std::string &array, FlatJson &item)
{
    if (array.size() > 1)
        array += ',';
    array += item.finish();
}

/// The event's name, its fields and its topics.
const char *describe(const core::EffectBody &body, FlatJson &o, Topics &t)
{
    return std::visit(
        [&](const auto &e) -> const char * {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, core::AgentStateChanged>) {
                o.field("agent", e.agent);
                o.field("state", core::toString(e.state));
                o.field("nextState", core::toString(e.nextState));
                o.field("activity", core::toString(e.activity));
                o.field("reason", e.reason);
                o.field("forcedBy", e.forcedBy);
                t.agents = {e.agent};
                return "agent.state";
            } else if constexpr (std::is_same_v<E, core::SessionStarted>) {
                o.field("session", e.session);
                o.field("agent", e.agent);
                o.field("group", e.group);
                o.field("station", e.station);
                t.agents = {e.agent};
                return "session.started";
            } else if constexpr (std::is_same_v<E, core::SessionStateChanged>) {
                o.field("session", e.session);
                o.field("agent", e.agent);
                o.field("group", e.group);
                o.field("state", core::toString(e.state));
                o.field("nextState", core::toString(e.nextState));
                o.field("forcedBy", e.forcedBy);
                t.agents = {e.agent};
                return "session.state";
            } else if constexpr (std::is_same_v<E, core::CallQueued>) {
                o.field("call", e.call);
                o.field("queue", e.queue);
                o.field("priority", e.priority);
                o.field("flowedIn", e.flowedIn);
                t.queues = {e.queue};
                t.calls = {e.call};
                return "call.queued";
            } else if constexpr (std::is_same_v<E, core::CallOffered>) {
                o.field("call", e.call);
                o.field("queue", e.queue);
                o.field("agent", e.agent);
                o.field("session", e.session);
                o.field("waitMs", e.waitMs);
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "call.offered";
            } else if constexpr (std::is_same_v<E, core::CallRequeued>) {
                o.field("call", e.call);
                o.field("queue", e.queue);
                o.field("agent", e.agent);
                o.field("reason", core::toString(e.reason));
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "call.requeued";
            } else if constexpr (std::is_same_v<E, core::CallAnswered>) {
                o.field("call", e.call);
                o.field("queue", e.queue);
                o.field("agent", e.agent);
                o.field("waitMs", e.waitMs);
                o.field("ringMs", e.ringMs);
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "call.answered";
            } else if constexpr (std::is_same_v<E, core::CallRelaxed>) {
                o.field("call", e.call);
                o.field("queue", e.queue);
                o.field("step", e.step);
                t = {{e.queue}, {}, {e.call}, false};
                return "call.relaxed";
            } else if constexpr (std::is_same_v<E, core::CallOverflowed>) {
                o.field("call", e.call);
                o.field("fromQueue", e.fromQueue);
                o.field("toQueue", e.toQueue);
                o.field("reason", core::toString(e.reason));
                o.field("waitMs", e.waitMs);
                t.queues = {e.fromQueue};
                if (e.toQueue)
                    t.queues.push_back(e.toQueue);
                t.calls = {e.call};
                return "call.overflowed";
            } else if constexpr (std::is_same_v<E, core::CallCompleted>) {
                o.field("call", e.call);
                o.field("queue", e.queue);
                o.field("agent", e.agent);
                o.field("disposition", core::toString(e.disposition));
                o.field("arrivedAt", e.arrivedAt);
                o.field("waitMs", e.waitMs);
                o.field("ringMs", e.ringMs);
                o.field("talkMs", e.talkMs);
                o.field("holdMs", e.holdMs);
                t.queues = {e.queue};
                if (e.agent)
                    t.agents = {e.agent};
                t.calls = {e.call};
                return "call.completed";
            } else if constexpr (std::is_same_v<E, core::WrapUpEnded>) {
                o.field("agent", e.agent);
                o.field("call", e.call);
                o.field("queue", e.queue);
                o.field("wrapMs", e.wrapMs);
                t = {{e.queue}, {e.agent}, {e.call}, false};
                return "wrapup.ended";
            } else if constexpr (std::is_same_v<E, core::QueueChanged>) {
                o.field("queue", e.queue);
                o.field("waiting", e.waiting);
                o.field("ringing", e.ringing);
                t.queues = {e.queue};
                return "queue.changed";
            } else if constexpr (std::is_same_v<E, core::IntervalClosed>) {
                o.field("start", e.report->start);
                o.field("end", e.report->end);
                std::string queues = "[";
                for (const auto &q : e.report->queues) {
                    FlatJson item;
                    item.field("queue", q.queue);
                    item.field("offered", q.counters.offered);
                    item.field("answered", q.counters.answered);
                    item.field("answeredInSl", q.counters.answeredInSl);
                    item.field("abandoned", q.counters.abandoned);
                    item.field("handled", q.counters.handled);
                    appendItem(queues, item);
                }
                o.json("queues", queues + "]");
                std::string agents = "[";
                for (const auto &a : e.report->agents) {
                    FlatJson item;
                    item.field("agent", a.agent);
                    item.field("answered", a.counters.answered);
                    item.field("handled", a.counters.handled);
                    item.field("availableMs", a.counters.availableMs);
                    item.field("onCallMs", a.counters.onCallMs);
                    appendItem(agents, item);
                }
                o.json("agents", agents + "]");
                t.intervals = true;
                return "interval.closed";
            } else {
                return nullptr; // switch commands (offer, retract, disconnect) are internal
            }
        },
        body);
}

/// How every event a connection receives begins; its `seq` follows.
constexpr std::string_view kSeqHead = "{\"seq\":";

/// Appends the event numbered `seq` to c's batch: kSeqHead, the number, then `separator` and
/// `rest`, which together are the event's body after its opening brace (`,"ev":...}`).
void batchEvent(Connection &c, std::uint64_t seq, std::string_view separator, std::string_view rest)
{
    // (to_chars: this runs once per subscriber per event, hundreds of thousands a second.)
    char digits[24];
    char *digitsEnd = std::to_chars(digits, digits + sizeof digits, seq).ptr;
    c.eventBatch.append(kSeqHead).append(digits, digitsEnd).append(separator).append(rest);
    c.eventEnds.push_back(static_cast<std::uint32_t>(c.eventBatch.size()));
}

/// Where c's run begins in its burst's bodies.
std::size_t runBegin(const Connection &c)
{
    return c.sharedFirst == 0 ? 0 : c.sharedBurst->ends[c.sharedFirst - 1];
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

    FlatJson o;
    Topics topics;
    const char *name = describe(effect.body, o, topics);
    if (!name)
        return;
    if (const auto *q = std::get_if<core::CallQueued>(&effect.body); q && !q->flowedIn)
        if (auto call = engine.call(q->call)) { // who is calling, for wallboards and grids
            o.field("ani", call.value().ani);
            o.field("dnis", call.value().dnis);
        }
    o.field("ev", name);
    o.field("eseq", effect.seq);
    o.field("at", effect.at);
    const std::string body = o.finish(); // "{...}": each connection prefixes its seq
    if (topics.intervals) {
        for (ConnectionId id : intervalSubscribers)
            if (auto it = connections.find(id); it != connections.end())
                deliver(it->second, name, body);
        return;
    }
    shareEvent(allConnections, body);
    // Then the followers of the event's queues, agents and calls that do not follow
    // everything already, each once.
    std::vector<ConnectionId> &targets = eventTargets;
    targets.clear();
    auto add = [&](const auto &index, const auto &key) {
        if (auto it = index.find(key); it != index.end())
            targets.insert(targets.end(), it->second.begin(), it->second.end());
    };
    for (core::QueueId q : topics.queues)
        add(queueSubscribers, q);
    for (core::AgentId a : topics.agents)
        add(agentSubscribers, a);
    for (core::CallId id : topics.calls)
        add(callSubscribers, id);
    if (targets.size() > 1) {
        std::sort(targets.begin(), targets.end());
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    }
    for (ConnectionId id : targets)
        if (auto it = connections.find(id); it != connections.end() && !it->second.all)
            deliver(it->second, name, body);
}

void ProtocolService::Impl::shareEvent(const std::vector<Connection *> &subscribers,
                                       const std::string &body)
{
    if (subscribers.empty())
        return;
    // One copy of the event for all of them (a hundred supervisors: the engine thread wrote a
    // hundred copies that the I/O thread then read).
    if (!burst)
        burst = std::make_shared<SharedBurst>();
    const std::shared_ptr<SharedBurst> current = burst; // a flush below may seal it
    current->bodies += ',';
    current->bodies.append(std::string_view(body).substr(1));
    current->ends.push_back(static_cast<std::uint32_t>(current->bodies.size()));
    const auto index = static_cast<std::uint32_t>(current->ends.size() - 1);
    for (Connection *c : subscribers)
        deliverShared(*c, current, index, body);
}

void ProtocolService::Impl::indexSubscriberConnections()
{
    auto index = [this](const std::set<ConnectionId> &ids, std::vector<Connection *> &out) {
        out.clear();
        for (ConnectionId id : ids)
            if (auto it = connections.find(id); it != connections.end())
                out.push_back(&it->second);
    };
    index(allSubscribers, allConnections);
    index(statsSubscribers, statsConnections);
}

void ProtocolService::Impl::forget(Connection &c)
{
    const bool indexed = allSubscribers.erase(c.id) + statsSubscribers.erase(c.id) > 0;
    if (indexed)
        indexSubscriberConnections();
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

void ProtocolService::Impl::deliverShared(Connection &c, const std::shared_ptr<SharedBurst> &in,
                                          std::uint32_t index, const std::string &body)
{
    if (c.overflowed) {
        ++counters.eventsDropped;
        return;
    }
    if (!c.eventEnds.empty()) { // events of its own in this burst: the copy keeps the order
        deliver(c, {}, body);
        return;
    }
    if (c.sharedCount > 0) {
        if (c.sharedBurst == in && c.sharedFirst + c.sharedCount == index) {
            ++c.sharedCount;
            ++c.seq;
            return;
        }
        flushEvents(c); // a run in an earlier burst: to the front, then a new run here
        if (c.overflowed) {
            ++counters.eventsDropped;
            return;
        }
    }
    c.sharedBurst = in;
    c.sharedFirst = index;
    c.sharedCount = 1;
    c.sharedFirstSeq = ++c.seq;
    batched.push_back(c.id);
}

void ProtocolService::Impl::materializeRun(Connection &c)
{
    const SharedBurst &b = *c.sharedBurst;
    std::size_t from = runBegin(c);
    for (std::uint32_t i = 0; i < c.sharedCount; ++i) {
        const std::uint32_t end = b.ends[c.sharedFirst + i];
        batchEvent(c, c.sharedFirstSeq + i, {},
                   std::string_view(b.bodies).substr(from, end - from));
        from = end;
    }
    c.sharedBurst.reset();
    c.sharedCount = 0;
}

void ProtocolService::Impl::deliver(Connection &c, const std::string &, const std::string &body)
{
    if (c.overflowed) {
        ++counters.eventsDropped;
        return;
    }
    if (c.sharedCount > 0)
        materializeRun(c); // then this event after them, in order
    // The body is shared by every subscriber; only the head is per connection.
    if (c.eventEnds.empty())
        batched.push_back(c.id);
    batchEvent(c, ++c.seq, ",", std::string_view(body).substr(1));
}

void ProtocolService::Impl::flushRun(Connection &c)
{
    const std::size_t begin = runBegin(c);
    const std::shared_ptr<const SharedBurst> in = std::move(c.sharedBurst);
    if (in == burst)
        burst.reset(); // the front may read it from now on: the next events go to a new one
    const std::size_t count = c.sharedCount;
    const std::size_t queued =
        c.overflowed
            ? 0
            : transport.sendNumbered(c.id, kSeqHead, c.sharedFirstSeq, in, in->bodies, begin,
                                     std::span(in->ends).subspan(c.sharedFirst, count));
    counters.eventsSent += queued;
    dropBatch(c, count - queued);
    if (queued != count && !c.overflowed)
        markOverflowed(c);
}

void ProtocolService::Impl::flushEvents(Connection &c)
{
    if (c.sharedCount > 0) {
        flushRun(c);
        return;
    }
    if (c.eventEnds.empty())
        return;
    const std::size_t queued =
        c.overflowed ? 0 : transport.sendMany(c.id, c.eventBatch, c.eventEnds);
    counters.eventsSent += queued;
    const bool allQueued = queued == c.eventEnds.size();
    dropBatch(c, c.eventEnds.size() - queued);
    // The front reports the overflow too; mark it here so nothing depends on the order.
    if (!allQueued && !c.overflowed)
        markOverflowed(c);
}

void ProtocolService::Impl::dropBatch(Connection &c, std::size_t unsent)
{
    counters.eventsDropped += unsent;
    c.seq -= unsent; // the next event sent takes the first number not delivered
    c.eventBatch.clear();
    c.eventEnds.clear();
    c.sharedBurst.reset();
    c.sharedCount = 0;
}

void ProtocolService::Impl::flushEventBatches()
{
    for (ConnectionId id : batched)
        if (auto it = connections.find(id); it != connections.end())
            flushEvents(it->second);
    batched.clear();
    // The burst ends here even when no run in it went out (every follower of `all`
    // overflowed): the next one starts empty instead of growing on.
    burst.reset();
}

void ProtocolService::Impl::markOverflowed(Connection &c)
{
    // What is still batched (or in a run) is dropped, numbered again later.
    dropBatch(c, c.eventEnds.size() + c.sharedCount);
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
            if (add ? statsSubscribers.insert(c.id).second : statsSubscribers.erase(c.id) > 0) {
                if (add)
                    newStatsSubscribers.push_back(c.id);
                indexSubscriberConnections();
            }
        } else if (topic == "all" || topic == "intervals") {
            if (!privileged)
                throw RequestError{"forbidden", "agents may not subscribe to '" + topic + "'",
                                   "", field};
            (topic == "all" ? c.all : c.intervals) = add;
            auto &index = topic == "all" ? allSubscribers : intervalSubscribers;
            add ? (void)index.insert(c.id) : (void)index.erase(c.id);
            if (topic == "all") {
                indexSubscriberConnections();
                transport.setMinWriteInterval(c.id, add ? options.fullStreamWriteMs : 0);
            }
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
