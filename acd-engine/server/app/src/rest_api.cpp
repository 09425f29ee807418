// The REST surface of the admin API for scripts (docs/protocol.md, docs/admin-guide.md):
//   GET /api/v1/<kind>            -> {"items": [...]}
//   GET /api/v1/<kind>/<key>      -> {"item": {...}}
//   PUT /api/v1/<kind>/<key>      -> {"item": {...}}   (body: the item; its key may be left out)
//   DELETE /api/v1/<kind>/<key>   -> {}
// HTTP Basic authentication with an admin user: 401 without valid credentials, 403 for other
// roles. Errors are {"error": {code, message, item?, field?}} with 400/404/409/500.
//
// Threads: nothing here waits. The I/O thread reads the path and the credentials and goes on
// with its other connections; the engine thread looks the user up (and the login rate limit);
// the secret worker checks the password and makes the request an operation, hashing a new PIN
// or password (PBKDF2: about 150 ms that neither the engine thread nor an I/O thread with
// thousands of agents' connections may spend); the engine thread runs it and answers.
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
#include <optional>
#include <sstream>

namespace acd::server {
namespace {

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

/// An authenticated admin's request made into an admin operation (on the secret worker: a PUT
/// may hash a new PIN or password), or the answer that refuses it.
struct RestOperation {
    std::optional<net::HttpResponse> refusal;
    std::string action;
    std::function<AdminOutcome(AdminApi &)> op;

    static RestOperation refused(net::HttpResponse response)
    {
        RestOperation r;
        r.refusal = std::move(response);
        return r;
    }
};

RestOperation restOperation(const net::HttpRequest &request, const std::string &kind,
                            const std::string &key, bool hasKey)
{
    RestOperation prepared;
    if (kind.empty() || !db::isConfigKind(kind))
        return RestOperation::refused(
            errorResponse(404, "not_found", "no such kind '" + kind + "'", "", "kind"));
    if (hasKey && key.empty())
        return RestOperation::refused(
            errorResponse(400, "bad_request", "empty key in the path", "", "key"));

    std::string &action = prepared.action;
    std::function<AdminOutcome(AdminApi &)> &op = prepared.op;
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
                return RestOperation::refused(
                    errorResponse(400, "bad_request", "the body must be a JSON object"));
            item = parsed.extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception &e) {
            return RestOperation::refused(
                errorResponse(400, "bad_request", "the body is not JSON: " + e.displayText()));
        }
        const std::string keyField(db::configKeyField(kind));
        const bool numeric = keyField == "id" ? kind != "stations" : keyField == "code";
        if (!item->has(keyField)) {
            if (numeric) {
                if (key.find_first_not_of("0123456789") != std::string::npos || key.size() > 10)
                    return RestOperation::refused(
                        errorResponse(400, "invalid",
                                      kind + " " + key + ": field " + keyField
                                          + ": the key in the path must be a number",
                                      kind + " " + key, keyField));
                item->set(keyField, static_cast<std::int64_t>(std::stoll(key)));
            } else {
                item->set(keyField, key);
            }
        } else if (item->get(keyField).toString() != key) {
            return RestOperation::refused(errorResponse(400, "invalid",
                                                        kind + " " + key + ": field " + keyField
                                                            + ": '" + item->get(keyField).toString()
                                                            + "' differs from the key in the path",
                                                        kind + " " + key, keyField));
        }
        std::ostringstream body;
        item->stringify(body);
        // A new PIN or password is hashed here, on the secret worker: 100,000 PBKDF2 rounds
        // on the engine thread held every call's routing up for about 150 ms.
        op = [kind, text = db::hashClearSecret(kind, body.str())](AdminApi &a) {
            return a.put(kind, text);
        };
    } else {
        net::HttpResponse r = errorResponse(405, "bad_request",
                                            "use GET on /api/v1/<kind>, or GET, PUT or DELETE "
                                            "on /api/v1/<kind>/<key>");
        r.headers.emplace_back("Allow", hasKey ? "GET, PUT, DELETE" : "GET");
        return RestOperation::refused(std::move(r));
    }

    return prepared;
}

} // namespace

void EngineService::onRest(const net::HttpRequest &request, net::HttpResponder respond)
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
            return respond(errorResponse(400, "bad_request", "bad key in the path", "", "key"));
        }
        hasKey = true;
    }

    auto credentials = basicCredentials(request.header("Authorization"));
    if (!credentials)
        return respond(errorResponse(401, "unauthenticated",
                                     "HTTP Basic authentication with an admin user is required"));
    const bool posted = m_host->loop().post([this, request, kind, key, hasKey, respond,
                                             name = credentials->first,
                                             password = credentials->second] {
        // Engine thread: who is asking (the hash, the role) and the login rate limit.
        bool found = false;
        std::string hash;
        db::Role role = db::Role::Agent;
        for (const db::UserConfig &u : m_host->config().users)
            if (u.name == name) {
                found = true;
                hash = u.passwordHash;
                role = u.role;
            }
        const std::string &peer = request.peerAddress;
        if (const core::TimeMs blocked = m_protocol ? m_protocol->loginBlockedFor(name, peer) : 0;
            blocked > 0) {
            net::HttpResponse limited =
                errorResponse(429, "rate_limited", "too many failed logins; retry later");
            limited.headers.emplace_back("Retry-After", std::to_string((blocked + 999) / 1000));
            return respond(std::move(limited));
        }
        // Secret worker: the password, then the request made into an operation; engine thread
        // again: what the worker decided.
        const bool queued = onSecretWorkerThen([=, this]() -> std::function<void()> {
            if (!db::verifySecret(password, found ? hash : db::unknownSecretHash()) || !found)
                return [this, respond, name, peer] {
                    if (m_protocol)
                        m_protocol->loginFailed(name, peer);
                    respond(errorResponse(401, "auth_failed", "wrong user or password"));
                };
            if (role != db::Role::Admin)
                return [respond] {
                    respond(errorResponse(403, "forbidden", "only admins may use the admin API"));
                };
            RestOperation prepared = restOperation(request, kind, key, hasKey);
            if (prepared.refusal)
                return [respond, refusal = std::move(*prepared.refusal)] { respond(refusal); };
            return [this, respond, name, prepared = std::move(prepared)] {
                respond(runRestOperation(name, prepared.action, prepared.op));
            };
        });
        if (!queued)
            respond(errorResponse(503, "overloaded", "the engine is busy; retry later"));
    });
    if (!posted)
        respond(errorResponse(503, "overloaded", "the engine is stopping"));
}

net::HttpResponse EngineService::runRestOperation(const std::string &user,
                                                  const std::string &action,
                                                  const std::function<AdminOutcome(AdminApi &)> &op)
{
    if (!m_admin)
        return errorResponse(503, "overloaded", "the engine is stopping");
    AdminOutcome out = op(*m_admin);
    if (out.ok && !out.auditObject.empty())
        recordAudit(AuditEntry{nowMs(), user, action, out.auditObject, "rest: " + out.auditDetail});
    if (!out.ok)
        return errorResponse(httpStatus(out.error.code), out.error.code, out.error.message,
                             out.error.item, out.error.field);
    return jsonResponse(200, out.resultJson);
}

} // namespace acd::server
