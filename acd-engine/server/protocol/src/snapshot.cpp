// snapshot: queues, agents, sessions and calls as of an effect sequence number, so a client
// can (re)build its view and then apply the events that follow.
#include "protocol_impl.h"

#include "core/enums.h"

#include <Poco/JSON/Array.h>

namespace acd::server {
namespace {

Poco::JSON::Object::Ptr queueCounters(const core::QueueCounters &c)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("offered", c.offered);
    o->set("answered", c.answered);
    o->set("answeredInSl", c.answeredInSl);
    o->set("abandoned", c.abandoned);
    o->set("abandonedShort", c.abandonedShort);
    o->set("flowedIn", c.flowedIn);
    o->set("flowedOut", c.flowedOut);
    o->set("disconnected", c.disconnected);
    o->set("handled", c.handled);
    o->set("waitAnsweredMs", c.waitAnsweredMs);
    o->set("waitAbandonedMs", c.waitAbandonedMs);
    o->set("maxWaitMs", c.maxWaitMs);
    o->set("talkMs", c.talkMs);
    o->set("holdMs", c.holdMs);
    o->set("wrapMs", c.wrapMs);
    return o;
}

Poco::JSON::Object::Ptr agentCounters(const core::AgentCounters &c)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("offered", c.offered);
    o->set("answered", c.answered);
    o->set("ringNoAnswer", c.ringNoAnswer);
    o->set("handled", c.handled);
    o->set("incomingCalls", c.incomingCalls);
    o->set("outgoingCalls", c.outgoingCalls);
    o->set("talkMs", c.talkMs);
    o->set("holdMs", c.holdMs);
    o->set("wrapMs", c.wrapMs);
    o->set("availableMs", c.availableMs);
    o->set("notReadyMs", c.notReadyMs);
    o->set("onCallMs", c.onCallMs);
    o->set("wrapUpMs", c.wrapUpMs);
    return o;
}

} // namespace

Poco::JSON::Object::Ptr queueJson(const core::QueueSnapshot &q)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", q.id);
    o->set("name", q.name);
    o->set("group", q.group);
    o->set("waiting", q.waiting);
    o->set("ringing", q.ringing);
    o->set("open", q.open);
    o->set("longestWaitMs", q.currentLongestWaitMs);
    o->set("agentsStaffed", q.agentsStaffed);
    o->set("agentsAvailable", q.agentsAvailable);
    o->set("agentsOnCall", q.agentsOnCall);
    o->set("agentsWrapUp", q.agentsWrapUp);
    o->set("agentsNotReady", q.agentsNotReady);
    o->set("agentsOtherCall", q.agentsOtherCall);
    o->set("measurementPeriodMs", q.measurementPeriodMs);
    o->set("period", queueCounters(q.period));
    o->set("interval", queueCounters(q.interval));
    o->set("total", queueCounters(q.total));
    return o;
}

Poco::JSON::Object::Ptr agentJson(const core::AgentSnapshot &a)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", a.id);
    o->set("name", a.name);
    o->set("state", std::string(core::toString(a.state)));
    o->set("nextState", std::string(core::toString(a.nextState)));
    o->set("activity", std::string(core::toString(a.activity)));
    o->set("reason", a.reason);
    o->set("activitySince", a.activitySince);
    o->set("currentCall", a.currentCall);
    o->set("currentQueue", a.currentQueue);
    Poco::JSON::Array::Ptr sessions = new Poco::JSON::Array;
    for (core::SessionId s : a.sessions)
        sessions->add(s);
    o->set("sessions", sessions);
    o->set("measurementPeriodMs", a.measurementPeriodMs);
    o->set("period", agentCounters(a.period));
    o->set("interval", agentCounters(a.interval));
    o->set("total", agentCounters(a.total));
    return o;
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
    return result;
}

} // namespace acd::server
