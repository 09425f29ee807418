// snapshot: queues, agents, sessions and calls as of an effect sequence number, so a client
// can (re)build its view and then apply the events that follow.
#include "protocol_impl.h"
#include "snapshot_fields.h"

#include "core/enums.h"

#include <Poco/JSON/Array.h>

#include <string_view>
#include <type_traits>

namespace acd::server {
namespace {

/// snapshot_fields.h's writer interface on a Poco::JSON tree.
class PocoOut {
public:
    template<class T>
    void field(std::string_view key, const T &value)
    {
        if constexpr (std::is_convertible_v<T, std::string_view>)
            m_object->set(std::string(key), std::string(std::string_view(value)));
        else
            m_object->set(std::string(key), value);
    }
    template<class Fill>
    void object(std::string_view key, Fill fill)
    {
        PocoOut inner;
        fill(inner);
        m_object->set(std::string(key), inner.m_object);
    }
    template<class Range>
    void numberList(std::string_view key, const Range &values)
    {
        Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
        for (const auto value : values)
            array->add(value);
        m_object->set(std::string(key), array);
    }
    Poco::JSON::Object::Ptr object() const { return m_object; }

private:
    Poco::JSON::Object::Ptr m_object = new Poco::JSON::Object;
};

} // namespace

Poco::JSON::Object::Ptr queueJson(const core::QueueSnapshot &q)
{
    PocoOut out;
    writeQueue(out, q);
    return out.object();
}

Poco::JSON::Object::Ptr agentJson(const core::AgentSnapshot &a)
{
    PocoOut out;
    writeAgent(out, a);
    return out.object();
}

namespace {

Poco::JSON::Object::Ptr sessionJson(const core::SessionSnapshot &s)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", s.id);
    o->set("agent", s.agent);
    o->set("group", s.group);
    o->set("station", s.station);
    o->set("state", std::string(core::toString(s.state)));
    o->set("nextState", std::string(core::toString(s.nextState)));
    o->set("startedAt", s.startedAt);
    return o;
}

Poco::JSON::Object::Ptr callJson(const core::CallSnapshot &c)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", c.id);
    o->set("queue", c.queue);
    o->set("ani", c.ani);
    o->set("dnis", c.dnis);
    o->set("priority", c.priority);
    o->set("ringing", c.ringing);
    o->set("connected", c.connected);
    o->set("held", c.held);
    o->set("agent", c.agent);
    o->set("arrivedAt", c.arrivedAt);
    o->set("waitMs", c.waitMs);
    return o;
}

} // namespace

Poco::JSON::Object::Ptr ProtocolService::Impl::snapshot(Connection &c, Request &r)
{
    std::string scope = r.optionalText("scope").value_or("all");
    r.rejectUnknown();
    std::vector<core::QueueId> queues;
    std::vector<core::AgentId> agents;
    bool calls = false;
    if (scope == "all") {
        if (c.role == Role::Agent)
            throw RequestError{"forbidden", "agents may take snapshots of their own agent and "
                                            "of queues only", "", "scope"};
        queues = engine.queueIds();
        agents = engine.agentIds();
        calls = true;
    } else if (scope.rfind("queue:", 0) == 0 || scope.rfind("agent:", 0) == 0) {
        const std::string digits = scope.substr(6);
        if (digits.empty() || digits.size() > 9
            || digits.find_first_not_of("0123456789") != std::string::npos)
            throw RequestError{"bad_request", "scope '" + scope + "': expected a number", "",
                               "scope"};
        auto id = static_cast<std::uint32_t>(std::stoul(digits));
        if (scope[0] == 'q') {
            if (!engine.queue(id))
                throw RequestError{"not_found", "no queue " + digits, "", "scope"};
            queues = {id};
        } else {
            if (c.role == Role::Agent && id != c.agent)
                throw RequestError{"forbidden", "an agent may see only their own agent", "",
                                   "scope"};
            if (!engine.agent(id))
                throw RequestError{"not_found", "no agent " + digits, "", "scope"};
            agents = {id};
        }
    } else {
        throw RequestError{"bad_request", "unknown scope '" + scope + "'", "", "scope"};
    }
    Poco::JSON::Object::Ptr result = new Poco::JSON::Object;
    result->set("eseq", lastEffectSeq);
    result->set("at", clock());
    Poco::JSON::Array::Ptr q = new Poco::JSON::Array, a = new Poco::JSON::Array,
                           s = new Poco::JSON::Array, k = new Poco::JSON::Array;
    for (core::QueueId id : queues)
        if (auto snap = engine.queue(id))
            q->add(queueJson(snap.value()));
    for (core::AgentId id : agents)
        if (auto snap = engine.agent(id)) {
            a->add(agentJson(snap.value()));
            for (core::SessionId sid : snap.value().sessions)
                if (auto session = engine.session(sid))
                    s->add(sessionJson(session.value()));
        }
    if (calls)
        for (core::CallId id : activeCalls)
            if (auto call = engine.call(id))
                k->add(callJson(call.value()));
    result->set("queues", q);
    result->set("agents", a);
    result->set("sessions", s);
    result->set("calls", k);
    if (scope == "all") {
        // The reason codes' names, for a supervisor who may not read the configuration.
        Poco::JSON::Array::Ptr reasons = new Poco::JSON::Array;
        for (const auto &[code, reasonName] : engine.config().reasonCodes) {
            Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
            item->set("code", code);
            item->set("name", reasonName);
            reasons->add(item);
        }
        result->set("reasonCodes", reasons);
    }
    return result;
}

} // namespace acd::server
