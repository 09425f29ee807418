#pragma once
// The admin API (docs/protocol.md, "Admin API"): list, get, put and delete the items of the
// configuration (skills, groups, queues with their routing rules, agents, reason codes,
// stations, route points, users). Shared by the protocol ops admin.* and the REST surface.
//
// Engine thread only. A change is validated by the configuration file's reader over the whole
// edited configuration (db/config_edit.h: errors name the item and the field), applied to the
// running core, committed into the service's ConfigSet in place (the protocol, the TAPI proxy
// and the call router hold references to it and see the change at once), handed to the
// route point hook and to the persist hook (the service submits it to the database writer, so
// the engine thread never waits for the disk). Auditing is the caller's: an outcome of a
// change carries the audit object and detail.
//
// The core cannot remove items: a deleted skill, group, queue or agent stays in the core's
// tables, unreachable (no route point, overflow or relaxation step leads to a deleted queue; a
// deleted agent cannot log in), until the next start. Putting the same key again revives it.
#include "core/types.h"
#include "db/config_set.h"
#include "db/secret_hash.h"

#include <functional>
#include <memory>
#include <string>

namespace acd::core {
class Engine;
}

namespace acd::server {

struct AdminError {
    std::string code; ///< bad_request, not_found, invalid, conflict, internal (docs/protocol.md)
    std::string message;
    std::string item;  ///< "<kind> <key>", e.g. "queues 30"
    std::string field; ///< e.g. "maxWaitSeconds"
};

struct AdminOutcome {
    bool ok = true;
    AdminError error;
    std::string resultJson = "{}"; ///< the result object of the response, as JSON
    /// Set on a change: what the audit entry records ("queues:30") and the request without
    /// secrets.
    std::string auditObject;
    std::string auditDetail;
};

struct AdminHooks {
    /// The configuration changed: store it (asynchronously).
    std::function<void(std::shared_ptr<const db::ConfigSet>)> persist;
    /// The route points changed: the router opens/closes its lines and rebinds. Returns ""
    /// or an error naming the route point (then the change is undone).
    std::function<std::string()> applyRoutePoints;
    /// Calls now at a route point (a route point with calls cannot be deleted).
    std::function<std::size_t(const std::string &address)> callsAtRoutePoint;
    /// A queue or agent was deleted and taken out of the core: tell the clients.
    std::function<void(const std::string &kind, std::uint32_t id)> removed;
};

struct AdminOptions {
    int pbkdf2Iterations = db::kDefaultPbkdf2Iterations; ///< for new PINs and passwords
};

class AdminApi {
public:
    AdminApi(core::Engine &engine, db::ConfigSet &config, AdminHooks hooks = {},
             AdminOptions options = {});

    AdminOutcome list(const std::string &kind) const;
    AdminOutcome get(const std::string &kind, const std::string &key) const;
    /// Creates or replaces the item (`itemJson` is a JSON object with the file's fields).
    AdminOutcome put(const std::string &kind, const std::string &itemJson);
    AdminOutcome remove(const std::string &kind, const std::string &key);

private:
    AdminOutcome checkKind(const std::string &kind) const;
    AdminError applyPut(const std::string &kind, const db::ConfigSet &next,
                        const std::string &key, bool existed);
    AdminError checkDelete(const std::string &kind, const std::string &key);
    void commit(const std::string &kind, db::ConfigSet &next);

    core::Engine &m_engine;
    db::ConfigSet &m_config;
    AdminHooks m_hooks;
    AdminOptions m_options;
};

} // namespace acd::server
