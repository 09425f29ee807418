// The admin API: one-item configuration edits applied live to the core, and the protocol ops
// admin.list / admin.get / admin.put / admin.delete (admin role only).
#include "acd/server/admin_api.h"

#include "core/engine.h"
#include "db/config_edit.h"
#include "protocol_impl.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <exception>

namespace acd::server {
namespace {

AdminOutcome failed(std::string code, std::string message, std::string item = {},
                    std::string field = {})
{
    AdminOutcome out;
    out.ok = false;
    out.error = {std::move(code), std::move(message), std::move(item), std::move(field)};
    return out;
}

AdminOutcome failed(const AdminError &error)
{
    AdminOutcome out;
    out.ok = false;
    out.error = error;
    return out;
}

/// The request's item without its secrets, for the audit log.
std::string withoutSecrets(const std::string &itemJson)
{
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        Poco::Dynamic::Var v = parser.parse(itemJson);
        if (v.type() != typeid(Poco::JSON::Object::Ptr))
            return {};
        auto object = v.extract<Poco::JSON::Object::Ptr>();
        for (const char *secret : {"pin", "pinHash", "password", "passwordHash"})
            if (object->has(secret))
                object->set(secret, "***");
        return toJson(object);
    } catch (const Poco::Exception &) {
        return {};
    }
}

std::optional<std::uint32_t> numericKey(const std::string &key)
{
    if (key.empty() || key.size() > 10 || key.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const unsigned long long n = std::stoull(key);
    if (n == 0 || n > 0xFFFFFFFFull)
        return std::nullopt;
    return static_cast<std::uint32_t>(n);
}

template<typename T, typename Key>
const T *findById(const std::vector<T> &items, Key id)
{
    for (const T &t : items)
        if (t.id == id)
            return &t;
    return nullptr;
}

int adminCount(const db::ConfigSet &config)
{
    return static_cast<int>(std::count_if(config.users.begin(), config.users.end(),
                                          [](const db::UserConfig &u) {
                                              return u.role == db::Role::Admin;
                                          }));
}

AdminError fromCore(const core::Status &status, const std::string &item)
{
    const bool state = status.code() == core::ErrorCode::InvalidState
                       || status.code() == core::ErrorCode::DuplicateId;
    return {state ? "conflict" : "invalid", status.message(), item, {}};
}

} // namespace

AdminApi::AdminApi(core::Engine &engine, db::ConfigSet &config, AdminHooks hooks,
                   AdminOptions options)
    : m_engine(engine)
    , m_config(config)
    , m_hooks(std::move(hooks))
    , m_options(options)
{
}

AdminOutcome AdminApi::checkKind(const std::string &kind) const
{
    if (db::isConfigKind(kind))
        return {};
    std::string known;
    for (const std::string &k : db::configKinds())
        known += (known.empty() ? "" : ", ") + k;
    return failed("bad_request", "unknown kind '" + kind + "' (" + known + ")", "", "kind");
}

AdminOutcome AdminApi::list(const std::string &kind) const
{
    if (AdminOutcome k = checkKind(kind); !k.ok)
        return k;
    AdminOutcome out;
    out.resultJson = "{\"items\":" + db::configListJson(m_config, kind) + "}";
    return out;
}

AdminOutcome AdminApi::get(const std::string &kind, const std::string &key) const
{
    if (AdminOutcome k = checkKind(kind); !k.ok)
        return k;
    auto item = db::configItemJson(m_config, kind, key);
    if (!item)
        return failed("not_found", kind + " " + key + ": no such item", kind + " " + key,
                      std::string(db::configKeyField(kind)));
    AdminOutcome out;
    out.resultJson = "{\"item\":" + *item + "}";
    return out;
}

AdminOutcome AdminApi::put(const std::string &kind, const std::string &itemJson)
{
    if (AdminOutcome k = checkKind(kind); !k.ok)
        return k;
    db::ConfigEdit edit = db::putConfigItem(m_config, kind, itemJson, m_options.pbkdf2Iterations);
    if (!edit.errors.empty()) {
        const db::ConfigItemError &e = edit.errors.front();
        return failed("invalid", e.message, kind + (e.key.empty() ? "" : " " + e.key), e.field);
    }
    const std::string item = kind + " " + edit.key;
    if (kind == "users" && adminCount(edit.config) == 0)
        return failed("conflict", item + ": the last admin user cannot lose the admin role",
                      item, "role");
    if (AdminError e = applyPut(kind, edit.config, edit.key, edit.existed); !e.code.empty())
        return failed(e);
    const bool routePoints = kind == "routePoints";
    db::ConfigSet previous;
    if (routePoints)
        previous.routePoints = m_config.routePoints;
    commit(kind, edit.config);
    if (routePoints && m_hooks.applyRoutePoints) {
        if (std::string error = m_hooks.applyRoutePoints(); !error.empty()) {
            m_config.routePoints = std::move(previous.routePoints);
            m_hooks.applyRoutePoints(); // back to the lines it had
            return failed("invalid", item + ": field address: " + error, item, "address");
        }
    }
    if (m_hooks.persist)
        m_hooks.persist(std::make_shared<const db::ConfigSet>(m_config));
    AdminOutcome out = get(kind, edit.key);
    out.auditObject = kind + ":" + edit.key;
    out.auditDetail = withoutSecrets(itemJson);
    return out;
}

AdminOutcome AdminApi::remove(const std::string &kind, const std::string &key)
{
    if (AdminOutcome k = checkKind(kind); !k.ok)
        return k;
    const std::string item = kind + " " + key;
    db::ConfigEdit edit = db::deleteConfigItem(m_config, kind, key);
    if (!edit.existed)
        return failed("not_found", item + ": no such item", item,
                      std::string(db::configKeyField(kind)));
    if (!edit.errors.empty())
        return failed("internal", edit.errors.front().message, item);
    if (!edit.conflicts.empty()) {
        const db::ConfigItemError &e = edit.conflicts.front();
        return failed("conflict",
                      item + " is in use: " + e.message,
                      e.kind + (e.key.empty() ? "" : " " + e.key), e.field);
    }
    if (kind == "users" && adminCount(edit.config) == 0)
        return failed("conflict", item + ": the last admin user cannot be deleted", item, "name");
    if (AdminError e = checkDelete(kind, key); !e.code.empty())
        return failed(e);
    // Queues and agents leave the core too, so nothing routes to them and they vanish from
    // snapshots, metrics and the stats topic at once (their memory stays until restart).
    const bool inCore = kind == "queues" || kind == "agents";
    const auto id = numericKey(key);
    if (inCore && id) {
        core::Status s = kind == "queues" ? m_engine.removeQueue(*id) : m_engine.removeAgent(*id);
        if (!s && s.code() != core::ErrorCode::UnknownQueue
            && s.code() != core::ErrorCode::UnknownAgent)
            return failed("conflict", item + ": " + s.message(), item);
    }
    db::ConfigSet previous;
    const bool routePoints = kind == "routePoints";
    if (routePoints)
        previous.routePoints = m_config.routePoints;
    commit(kind, edit.config);
    if (routePoints && m_hooks.applyRoutePoints) {
        if (std::string error = m_hooks.applyRoutePoints(); !error.empty()) {
            m_config.routePoints = std::move(previous.routePoints);
            m_hooks.applyRoutePoints();
            return failed("internal", item + ": " + error, item);
        }
    }
    if (m_hooks.persist)
        m_hooks.persist(std::make_shared<const db::ConfigSet>(m_config));
    if (inCore && id && m_hooks.removed)
        m_hooks.removed(kind, *id);
    AdminOutcome out;
    out.auditObject = kind + ":" + key;
    out.auditDetail = "deleted";
    return out;
}

AdminError AdminApi::applyPut(const std::string &kind, const db::ConfigSet &next,
                              const std::string &key, bool existed)
{
    const std::string item = kind + " " + key;
    const auto id = numericKey(key);
    if (kind == "skills") {
        const core::SkillConfig *skill = findById(next.skills, *id);
        core::Status s = m_engine.addSkill(*skill);
        if (!s && s.code() != core::ErrorCode::DuplicateId) // known to the core: name only
            return fromCore(s, item);
        return {};
    }
    if (kind == "groups") {
        const core::GroupConfig *group = findById(next.groups, *id);
        const auto known = m_engine.groups();
        const bool inCore = std::any_of(known.begin(), known.end(),
                                        [&](const core::GroupConfig &g) { return g.id == *id; });
        if (inCore) // name and GUID live in the configuration the proxy reads
            return {};
        if (core::Status s = m_engine.addGroup(*group); !s)
            return {"conflict", s.message() + " (a deleted group keeps its GUID until restart)",
                    item, "guid"};
        return {};
    }
    if (kind == "queues") {
        const core::QueueConfig *queue = findById(next.queues, *id);
        const auto ids = m_engine.queueIds();
        const bool inCore = std::find(ids.begin(), ids.end(), *id) != ids.end();
        core::Status s = inCore ? m_engine.updateQueue(*queue) : m_engine.addQueue(*queue);
        return s ? AdminError{} : fromCore(s, item);
    }
    if (kind == "agents") {
        const core::AgentConfig *agent = findById(next.agents, *id);
        if (!m_engine.agent(*id)) {
            core::Status s = m_engine.addAgent(*agent);
            return s ? AdminError{} : fromCore(s, item);
        }
        if (core::Status s = m_engine.setAgentSkills(*id, agent->skills); !s)
            return fromCore(s, item);
        if (core::Status s = m_engine.setAgentMeasurementPeriod(*id, agent->measurementPeriodSeconds);
            !s)
            return fromCore(s, item);
        return {};
    }
    if (kind == "reasonCodes") {
        auto it = next.reasonCodes.find(static_cast<core::ReasonCode>(*id));
        core::Status s = m_engine.setReasonCode(it->first, it->second);
        return s ? AdminError{} : fromCore(s, item);
    }
    (void)existed; // stations, route points, users: the shell's configuration only
    return {};
}

AdminError AdminApi::checkDelete(const std::string &kind, const std::string &key)
{
    const std::string item = kind + " " + key;
    const auto id = numericKey(key);
    auto sessions = [&](auto &&match) -> std::string {
        for (core::AgentId a : m_engine.agentIds())
            for (core::SessionId s : m_engine.sessionsOf(a))
                if (auto snap = m_engine.session(s); snap && match(snap.value()))
                    return "agent " + std::to_string(a);
        return {};
    };
    if (kind == "queues" && id) {
        if (auto q = m_engine.queue(*id); q && q.value().waiting + q.value().ringing > 0)
            return {"conflict",
                    item + " has " + std::to_string(q.value().waiting + q.value().ringing)
                        + " call(s) waiting or ringing",
                    item, {}};
    }
    if (kind == "agents" && id) {
        if (auto a = m_engine.agent(*id);
            a && a.value().activity != core::AgentActivity::LoggedOut)
            return {"conflict", item + " is logged in (log the agent out first)", item, {}};
    }
    if (kind == "groups" && id) {
        if (std::string who = sessions([&](const core::SessionSnapshot &s) {
                return s.group == *id;
            });
            !who.empty())
            return {"conflict", item + " has logged-in sessions (" + who + ")", item, {}};
    }
    if (kind == "stations") {
        if (std::string who = sessions([&](const core::SessionSnapshot &s) {
                return s.station == key;
            });
            !who.empty())
            return {"conflict", item + " is in use by a session of " + who, item, {}};
    }
    if (kind == "reasonCodes" && id) {
        const core::EngineConfig &engine = m_engine.config();
        if (*id == engine.ronaReason || *id == engine.offerFailedReason)
            return {"conflict", item + " is the engine's ring-no-answer or offer-failed reason",
                    item, {}};
    }
    if (kind == "routePoints" && m_hooks.callsAtRoutePoint) {
        if (std::size_t n = m_hooks.callsAtRoutePoint(key); n > 0)
            return {"conflict", item + " has " + std::to_string(n) + " call(s)", item, {}};
    }
    return {};
}

void AdminApi::commit(const std::string &kind, db::ConfigSet &next)
{
    // Only the edited list is replaced: the other lists (and the references others hold into
    // them) stay as they are.
    if (kind == "skills")
        m_config.skills = std::move(next.skills);
    else if (kind == "groups")
        m_config.groups = std::move(next.groups);
    else if (kind == "queues")
        m_config.queues = std::move(next.queues);
    else if (kind == "agents")
        m_config.agents = std::move(next.agents);
    else if (kind == "reasonCodes")
        m_config.reasonCodes = std::move(next.reasonCodes);
    else if (kind == "stations")
        m_config.stations = std::move(next.stations);
    else if (kind == "routePoints")
        m_config.routePoints = std::move(next.routePoints);
    else if (kind == "users")
        m_config.users = std::move(next.users);
}

// ---- The protocol ops ------------------------------------------------------------------------

namespace {

Poco::JSON::Object::Ptr parseResult(const std::string &json)
{
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

/// The admin API's key as text: a number (ids, codes) or a string (stations, route points,
/// users).
std::string keyParameter(Request &r)
{
    if (auto n = r.optionalKey("key"))
        return *n;
    throw RequestError{"bad_request", "key 'key': missing", "", "key"};
}

} // namespace

void ProtocolService::Impl::adminOperation(Connection &c, Request &r,
                                           Poco::JSON::Object::Ptr &result)
{
    const std::string &op = r.op();
    if (c.role != Role::Admin)
        throw RequestError{"forbidden", "only admins may use " + op};
    if (!admin)
        throw RequestError{"internal", "the admin API is not available in this engine"};
    const std::string kind = r.text("kind");
    AdminOutcome out;
    if (op == "admin.list") {
        r.rejectUnknown();
        out = admin->list(kind);
    } else if (op == "admin.get") {
        const std::string key = keyParameter(r);
        r.rejectUnknown();
        out = admin->get(kind, key);
    } else if (op == "admin.put") {
        Poco::JSON::Object::Ptr item = r.object("item");
        r.rejectUnknown();
        // 100,000 PBKDF2 rounds would hold every call's routing up for about 150 ms.
        const char *clearSecret = db::clearSecretField(kind);
        if (clearSecret && item->has(clearSecret) && secretHasher) {
            deferAdminPut(c, r.id(), kind, toJson(item));
            result = nullptr; // answered when the hash is done
            return;
        }
        out = admin->put(kind, toJson(item));
    } else if (op == "admin.delete") {
        const std::string key = keyParameter(r);
        r.rejectUnknown();
        out = admin->remove(kind, key);
    } else {
        throw RequestError{"bad_request", "unknown op '" + op + "'", "", "op"};
    }
    result = adminResult(c, op, out);
}

Poco::JSON::Object::Ptr ProtocolService::Impl::adminResult(Connection &c, const std::string &op,
                                                           const AdminOutcome &out)
{
    if (!out.ok)
        throw RequestError{out.error.code, out.error.message, out.error.item, out.error.field};
    if (!out.auditObject.empty())
        audit(c, op, out.auditObject, out.auditDetail);
    return parseResult(out.resultJson);
}

void ProtocolService::Impl::deferAdminPut(Connection &c, const Poco::Dynamic::Var &id,
                                          const std::string &kind, std::string itemJson)
{
    const ConnectionId connection = c.id;
    auto done = [this, connection, id, kind](std::string hashedItemJson) {
        auto it = connections.find(connection);
        if (it == connections.end())
            return; // the admin left before the answer: nothing is changed
        Connection &conn = it->second;
        conn.awaitingWorker = false;
        try {
            if (!admin)
                throw RequestError{"internal", "the admin API is not available in this engine"};
            respond(conn, id, adminResult(conn, "admin.put", admin->put(kind, hashedItemJson)));
        } catch (const RequestError &e) {
            respondError(conn, id, e);
        } catch (const std::exception &e) { // as handleText answers it
            respondError(conn, id, RequestError{"internal", e.what()});
        }
        replayDeferred(connection);
    };
    c.awaitingWorker = true;
    if (!secretHasher(kind, std::move(itemJson), std::move(done))) {
        c.awaitingWorker = false;
        throw RequestError{"overloaded", "too many secrets are being hashed; retry later"};
    }
}

} // namespace acd::server
