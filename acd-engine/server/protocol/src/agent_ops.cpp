// Agent operations: log in with the PIN, states, wrap-up, logout. An agent acts on their own
// agent only; supervisors and admins may act on anyone, which is a forced change, audited.
#include "protocol_impl.h"

#include "core/enums.h"
#include "db/secret_hash.h"

namespace acd::server {
namespace {

RequestError coreError(const core::Status &status, const std::string &field)
{
    return RequestError{"conflict", status.message(), "", field};
}

} // namespace

void ProtocolService::Impl::agentOperation(Connection &c, Request &r,
                                           Poco::JSON::Object::Ptr &result)
{
    const std::string &op = r.op();
    core::TimeMs now = clock();
    auto agentId = static_cast<core::AgentId>(r.integer("agent"));
    const core::AgentConfig *agent = nullptr;
    for (const core::AgentConfig &a : config.agents)
        if (a.id == agentId)
            agent = &a;
    bool self = c.role == Role::Agent;
    if (self && agentId != c.agent)
        throw RequestError{"forbidden", "an agent may act only on their own agent", "", "agent"};
    if (!agent || !engine.agent(agentId))
        throw RequestError{"not_found", "no agent " + std::to_string(agentId), "", "agent"};
    const std::string forcedBy = self ? std::string() : c.user;
    const std::string object = "agent:" + std::to_string(agentId);

    if (op == "agent.login") {
        std::string pin = r.text("pin");
        std::string station = r.text("station");
        std::vector<std::int64_t> groups = r.integerList("groups");
        r.rejectUnknown();
        if (!db::verifySecret(pin, agent->pinHash))
            throw RequestError{"auth_failed", "wrong PIN for agent " + std::to_string(agentId),
                               "", "pin"};
        bool known = config.stations.empty();
        for (const db::StationConfig &s : config.stations)
            known = known || s.id == station;
        if (!known)
            throw RequestError{"not_found", "no station '" + station + "'", "", "station"};
        if (groups.empty())
            throw RequestError{"invalid", "at least one group", "", "groups"};
        Poco::JSON::Array::Ptr sessions = new Poco::JSON::Array;
        for (std::int64_t g : groups) {
            auto session = engine.createSession(agentId, static_cast<core::GroupId>(g), station,
                                                now);
            if (!session)
                throw coreError(session.status(), "groups");
            sessions->add(session.value());
        }
        result->set("sessions", sessions);
        return;
    }
    if (op == "agent.setState") {
        std::string state = r.text("state");
        std::optional<std::string> next = r.optionalText("nextState");
        auto reason = static_cast<core::ReasonCode>(r.optionalInteger("reason").value_or(0));
        r.rejectUnknown();
        auto s = core::agentStateExFromString(state == "logged-out" ? "released" : state);
        if (!s)
            throw RequestError{"invalid", "unknown state '" + state + "'", "", "state"};
        auto n = next ? core::agentStateExFromString(*next) : core::AgentStateEx::None;
        if (!n)
            throw RequestError{"invalid", "unknown state '" + *next + "'", "", "nextState"};
        if (core::Status st = engine.setAgentState(agentId, *s, *n, reason, now, forcedBy); !st)
            throw coreError(st, "state");
        if (!self)
            audit(c, op, object, "state=" + state + " reason=" + std::to_string(reason));
        return;
    }
    if (op == "agent.setSessionState") {
        auto session = static_cast<core::SessionId>(r.integer("session"));
        std::string state = r.text("state");
        std::optional<std::string> next = r.optionalText("nextState");
        r.rejectUnknown();
        auto snapshot = engine.session(session);
        if (!snapshot || snapshot.value().agent != agentId)
            throw RequestError{"not_found", "agent " + std::to_string(agentId)
                                                + " has no session " + std::to_string(session),
                               "", "session"};
        auto s = core::sessionStateFromString(state);
        auto n = next ? core::sessionStateFromString(*next) : core::SessionState::None;
        if (!s)
            throw RequestError{"invalid", "unknown session state '" + state + "'", "", "state"};
        if (!n)
            throw RequestError{"invalid", "unknown session state '" + *next + "'", "",
                               "nextState"};
        if (core::Status st = engine.setSessionState(session, *s, *n, now, forcedBy); !st)
            throw coreError(st, "state");
        if (!self)
            audit(c, op, object, "session=" + std::to_string(session) + " state=" + state);
        return;
    }
    if (op == "agent.endWrapUp") {
        r.rejectUnknown();
        if (core::Status st = engine.endWrapUp(agentId, now); !st)
            throw coreError(st, "agent");
        return;
    }
    if (op == "agent.logout") {
        r.rejectUnknown();
        if (core::Status st = engine.logoutAgent(agentId, now, forcedBy); !st)
            throw coreError(st, "agent");
        if (!self)
            audit(c, op, object, "forced logout");
        return;
    }
    throw RequestError{"bad_request", "unknown op '" + op + "'", "", "op"};
}

} // namespace acd::server
