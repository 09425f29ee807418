// hello: protocol version, user and password (salted PBKDF2), login rate limits per user and
// per address.
#include "protocol_impl.h"

#include "db/secret_hash.h"

namespace acd::server {
namespace {

Role toRole(db::Role role)
{
    switch (role) {
    case db::Role::Admin:
        return Role::Admin;
    case db::Role::Supervisor:
        return Role::Supervisor;
    case db::Role::Agent:
        break;
    }
    return Role::Agent;
}

const char *roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return "admin";
    case Role::Supervisor:
        return "supervisor";
    case Role::Agent:
        break;
    }
    return "agent";
}

/// Drops failures older than the window; true when `limit` remain.
bool tooMany(std::deque<core::TimeMs> &times, core::TimeMs now, core::TimeMs window, int limit)
{
    while (!times.empty() && times.front() <= now - window)
        times.pop_front();
    return static_cast<int>(times.size()) >= limit;
}

} // namespace

const core::AgentConfig *ProtocolService::Impl::agentByIdText(const std::string &text) const
{
    if (text.empty() || text.size() > 9 || text.front() == '0' ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return nullptr;
    const core::AgentId id = static_cast<core::AgentId>(std::stoul(text));
    for (const core::AgentConfig &a : config.agents)
        if (a.id == id && !a.pinHash.empty())
            return &a;
    return nullptr;
}

bool ProtocolService::Impl::blocked(const std::string &user, const std::string &peer,
                                    core::TimeMs now, core::TimeMs &retryAfter)
{
    core::TimeMs until =
        std::max(userFailures[user].blockedUntil, addressFailures[peer].blockedUntil);
    retryAfter = until - now;
    return until > now;
}

void ProtocolService::Impl::recordFailure(const std::string &user, const std::string &peer,
                                          core::TimeMs now)
{
    ++counters.loginFailures;
    Failures &u = userFailures[user];
    u.times.push_back(now);
    if (tooMany(u.times, now, options.failureWindowMs, options.maxFailuresPerUser))
        u.blockedUntil = now + options.blockMs;
    Failures &a = addressFailures[peer];
    a.times.push_back(now);
    if (tooMany(a.times, now, options.failureWindowMs, options.maxFailuresPerAddress))
        a.blockedUntil = now + options.blockMs;
}

core::TimeMs ProtocolService::loginBlockedFor(const std::string &user,
                                             const std::string &peerAddress)
{
    core::TimeMs retryAfter = 0;
    return m_impl->blocked(user, peerAddress, m_impl->clock(), retryAfter) ? retryAfter : 0;
}

void ProtocolService::loginFailed(const std::string &user, const std::string &peerAddress)
{
    m_impl->recordFailure(user, peerAddress, m_impl->clock());
}

void ProtocolService::Impl::hello(Connection &c, Request &r, Poco::JSON::Object::Ptr &result)
{
    std::int64_t version = r.integer("version");
    std::string user = r.text("user");
    std::string password = r.text("password");
    r.optionalText("client");
    r.rejectUnknown();
    if (version != 1)
        throw RequestError{"unsupported_version",
                           "this engine speaks protocol version 1, not " + std::to_string(version),
                           "", "version"};
    if (c.authenticated)
        throw RequestError{"conflict", "already said hello as '" + c.user + "'"};
    core::TimeMs now = clock();
    core::TimeMs retryAfter = 0;
    if (blocked(user, c.peer, now, retryAfter)) {
        RequestError error{"rate_limited", "too many failed logins; retry later"};
        error.retryAfterMs = retryAfter;
        throw error;
    }
    const db::UserConfig *found = nullptr;
    for (const db::UserConfig &u : config.users)
        if (u.name == user)
            found = &u;
    // Agents log in at a desktop with their agent ID and PIN, as on every ACD: a name that no
    // user has and that is an agent's ID is checked against that agent's PIN.
    const core::AgentConfig *agentLogin = found ? nullptr : agentByIdText(user);
    const std::string &hash = found        ? found->passwordHash
                              : agentLogin ? agentLogin->pinHash
                                           : db::unknownSecretHash();
    const bool known = found || agentLogin;
    const Role role = found ? toRole(found->role) : Role::Agent;
    const core::AgentId agent = found ? found->agent : agentLogin ? agentLogin->id : 0;

    // The check runs on the secret checker's thread; the answer (and every request the client
    // sent meanwhile) waits for it.
    const ConnectionId connection = c.id;
    const Poco::Dynamic::Var id = r.id();
    auto done = [this, connection, id, user, known, role, agent](bool matches) {
        auto it = connections.find(connection);
        if (it == connections.end())
            return; // gone meanwhile
        Connection &conn = it->second;
        conn.awaitingWorker = false;
        if (!matches || !known) {
            recordFailure(user, conn.peer, clock());
            respondError(conn, id, RequestError{"auth_failed", "wrong user or password"});
        } else {
            conn.authenticated = true;
            conn.user = user;
            conn.role = role;
            conn.agent = agent;
            Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
            out->set("version", 1);
            out->set("engine", options.engineName);
            out->set("role", roleName(conn.role));
            if (conn.agent)
                out->set("agent", conn.agent);
            out->set("heartbeatMs", options.heartbeatMs);
            out->set("maxMessageBytes", options.maxMessageBytes);
            respond(conn, id, out);
        }
        replayDeferred(connection);
    };
    result = nullptr; // answered by `done`
    c.awaitingWorker = true;
    if (!secretChecker) {
        done(db::verifySecret(password, hash));
        return;
    }
    if (!secretChecker(password, hash, std::move(done))) {
        c.awaitingWorker = false;
        throw RequestError{"overloaded", "too many logins at once; retry later"};
    }
}

} // namespace acd::server
