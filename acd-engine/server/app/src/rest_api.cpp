// The REST surface of the admin API for scripts (docs/protocol.md, docs/admin-guide.md):
//   GET /api/v1/<kind>            -> {"items": [...]}
//   GET /api/v1/<kind>/<key>      -> {"item": {...}}
//   PUT /api/v1/<kind>/<key>      -> {"item": {...}}   (body: the item; its key may be left out)
//   DELETE /api/v1/<kind>/<key>   -> {}
// HTTP Basic authentication with an admin user: 401 without valid credentials, 403 for other
// roles. Errors are {"error": {code, message, item?, field?}} with 400/404/409/500.
//
// Threads: this runs on an I/O thread of the front. The user's hash is fetched from the engine
// thread, the password is checked here (PBKDF2 costs milliseconds, the engine thread does not
// pay them), then the operation runs on the engine thread; every wait is bounded.
#include "engine_service.h"

#include "acd/server/admin_api.h"
#include "acd/server/protocol_service.h"
#include "acd/tapi/host.h"
#include "db/config_edit.h"
#include "core/types.h"
#include "db/secret_hash.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <chrono>
#include <future>
#include <optional>
#include <sstream>

namespace acd::server {
namespace {

constexpr auto kEngineWait = std::chrono::seconds(5);

core::TimeMs nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string jsonString(const std::string &text)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(Poco::Dynamic::Var(text), out);
    return out.str();
}

net::HttpResponse jsonResponse(int status, std::string body)
{
    net::HttpResponse r;
    r.status = status;
    r.contentType = "application/json";
    r.body = std::move(body) + "\n";
    return r;
}

net::HttpResponse errorResponse(int status, const std::string &code, const std::string &message,
                                const std::string &item = {}, const std::string &field = {})
{
    std::string body = "{\"error\":{\"code\":" + jsonString(code)
                       + ",\"message\":" + jsonString(message);
    if (!item.empty())
        body += ",\"item\":" + jsonString(item);
    if (!field.empty())
        body += ",\"field\":" + jsonString(field);
    body += "}}";
    net::HttpResponse r = jsonResponse(status, body);
    if (status == 401)
        r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"acd-engine\"");
    return r;
}

int httpStatus(const std::string &code)
{
    if (code == "bad_request" || code == "invalid")
        return 400;
    if (code == "forbidden")
        return 403;
    if (code == "not_found")
        return 404;
    if (code == "conflict")
        return 409;
    return 500;
}

/// "Basic base64(user:password)" -> user, password.
std::optional<std::pair<std::string, std::string>> basicCredentials(const std::string &header)
{
    if (header.size() < 7 || Poco::icompare(header.substr(0, 6), "basic ") != 0)
        return std::nullopt;
    try {
        std::istringstream in(header.substr(6));
        Poco::Base64Decoder decoder(in);
        std::string decoded((std::istreambuf_iterator<char>(decoder)),
                            std::istreambuf_iterator<char>());
        const auto colon = decoded.find(':');
        if (colon == std::string::npos)
            return std::nullopt;
        return std::make_pair(decoded.substr(0, colon), decoded.substr(colon + 1));
    } catch (const Poco::Exception &) {
        return std::nullopt;
    }
}

/// Runs `fn` on the engine thread and waits at most kEngineWait for its value.
template<typename T, typename Loop, typename Fn>
std::optional<T> onEngine(Loop &loop, Fn fn)
{
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> value = promise->get_future();
    if (!loop.post([promise, fn = std::move(fn)]() mutable { promise->set_value(fn()); })
        || value.wait_for(kEngineWait) != std::future_status::ready)
        return std::nullopt;
    return value.get();
}

} // namespace

net::HttpResponse EngineService::onRest(const net::HttpRequest &request)
{
    // /api/v1/<kind>[/<key>]
    std::string rest = request.path.size() > 8 ? request.path.substr(8) : std::string();
    std::string kind = rest, key;
    bool hasKey = false;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        kind = rest.substr(0, slash);
        try {
            Poco::URI::decode(rest.substr(slash + 1), key);
        } catch (const Poco::Exception &) {
            return errorResponse(400, "bad_request", "bad key in the path", "", "key");
        }
        hasKey = true;
    }

    // Who is asking: the hash and role from the engine thread, the check here.
    auto credentials = basicCredentials(request.header("Authorization"));
    if (!credentials)
        return errorResponse(401, "unauthenticated",
                             "HTTP Basic authentication with an admin user is required");
    struct UserLookup {
        bool found = false;
        std::string hash;
        db::Role role = db::Role::Agent;
        core::TimeMs blockedForMs = 0; ///< the login rate limit hello applies too
    };
    const std::string &name = credentials->first;
    const std::string &peer = request.peerAddress;
    auto user = onEngine<UserLookup>(m_host->loop(), [this, name, peer] {
        UserLookup out;
        for (const db::UserConfig &u : m_host->config().users)
            if (u.name == name)
                out = {true, u.passwordHash, u.role, 0};
        if (m_protocol)
            out.blockedForMs = m_protocol->loginBlockedFor(name, peer);
        return out;
    });
    if (!user)
        return errorResponse(503, "overloaded", "the engine is busy; retry later");
    if (user->blockedForMs > 0) {
        net::HttpResponse limited =
            errorResponse(429, "rate_limited", "too many failed logins; retry later");
        limited.headers.emplace_back("Retry-After",
                                     std::to_string((user->blockedForMs + 999) / 1000));
        return limited;
    }
    const bool ok = db::verifySecret(credentials->second,
                                     user->found ? user->hash : db::unknownSecretHash())
                    && user->found;
    if (!ok) {
        m_host->loop().post([this, name, peer] {
            if (m_protocol)
                m_protocol->loginFailed(name, peer);
        });
        return errorResponse(401, "auth_failed", "wrong user or password");
    }
    if (user->role != db::Role::Admin)
        return errorResponse(403, "forbidden", "only admins may use the admin API");

    if (kind.empty() || !db::isConfigKind(kind))
        return errorResponse(404, "not_found", "no such kind '" + kind + "'", "", "kind");
    if (hasKey && key.empty())
        return errorResponse(400, "bad_request", "empty key in the path", "", "key");

    std::string action;
    std::function<AdminOutcome(AdminApi &)> op;
    if (request.method == "GET") {
        action = "admin.get";
        op = hasKey ? std::function<AdminOutcome(AdminApi &)>(
                 [kind, key](AdminApi &a) { return a.get(kind, key); })
                    : [kind](AdminApi &a) { return a.list(kind); };
    } else if (request.method == "DELETE" && hasKey) {
        action = "admin.delete";
        op = [kind, key](AdminApi &a) { return a.remove(kind, key); };
    } else if (request.method == "PUT" && hasKey) {
        action = "admin.put";
        // The key comes from the path; the body may repeat it (then it must match).
        Poco::JSON::Object::Ptr item;
        try {
            Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
            Poco::Dynamic::Var parsed = parser.parse(request.body);
            if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
                return errorResponse(400, "bad_request", "the body must be a JSON object");
            item = parsed.extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception &e) {
            return errorResponse(400, "bad_request", "the body is not JSON: " + e.displayText());
        }
        const std::string keyField(db::configKeyField(kind));
        const bool numeric = keyField == "id" ? kind != "stations" : keyField == "code";
        if (!item->has(keyField)) {
            if (numeric) {
                if (key.find_first_not_of("0123456789") != std::string::npos || key.size() > 10)
                    return errorResponse(400, "invalid",
                                         kind + " " + key + ": field " + keyField
                                             + ": the key in the path must be a number",
                                         kind + " " + key, keyField);
                item->set(keyField, static_cast<std::int64_t>(std::stoll(key)));
            } else {
                item->set(keyField, key);
            }
        } else if (item->get(keyField).toString() != key) {
            return errorResponse(400, "invalid",
                                 kind + " " + key + ": field " + keyField + ": '"
                                     + item->get(keyField).toString()
                                     + "' differs from the key in the path",
                                 kind + " " + key, keyField);
        }
        std::ostringstream body;
        item->stringify(body);
        // A new PIN or password is hashed here, on this connection's thread: 100,000 PBKDF2
        // rounds on the engine thread held every call's routing up for about 150 ms.
        op = [kind, text = db::hashClearSecret(kind, body.str())](AdminApi &a) {
            return a.put(kind, text);
        };
    } else {
        net::HttpResponse r = errorResponse(405, "bad_request",
                                            "use GET on /api/v1/<kind>, or GET, PUT or DELETE "
                                            "on /api/v1/<kind>/<key>");
        r.headers.emplace_back("Allow", hasKey ? "GET, PUT, DELETE" : "GET");
        return r;
    }

    auto outcome = onEngine<AdminOutcome>(
        m_host->loop(), [this, op = std::move(op), action, name = credentials->first] {
            if (!m_admin)
                return AdminOutcome{false, {"internal", "the engine is stopping", {}, {}}, {}, {}, {}};
            AdminOutcome out = op(*m_admin);
            if (out.ok && !out.auditObject.empty())
                recordAudit(AuditEntry{nowMs(), name, action, out.auditObject,
                                       "rest: " + out.auditDetail});
            return out;
        });
    if (!outcome)
        return errorResponse(503, "overloaded", "the engine is busy; retry later");
    if (!outcome->ok)
        return errorResponse(httpStatus(outcome->error.code), outcome->error.code,
                             outcome->error.message, outcome->error.item, outcome->error.field);
    return jsonResponse(200, outcome->resultJson);
}

} // namespace acd::server
