#pragma once
// The engine side of the protocol of docs/protocol.md: sessions (hello, roles, login rate
// limits), the event stream (subscriptions, per-connection sequence numbers, snapshots,
// slow-consumer overflow), and the agent operations. It runs on the engine thread: the
// network front posts each connection's messages there (onOpen/onText/onClose/onOverflow),
// the host hands it the core's effects (onEffects), and it answers through a Transport that
// never blocks.
#include "acd/server/transport.h"
#include "core/effects.h"
#include "core/types.h"
#include "db/config_set.h"
#include "db/report.h"
#include "db/status.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace acd::core {
class Engine;
}
namespace acd::tapi {
class Server;
}

namespace acd::server {

struct ProtocolOptions {
    int heartbeatMs = 15000;
    std::size_t maxMessageBytes = 1u << 20;
    /// Failed logins allowed per user (and per address) within the window, then blocked.
    int maxFailuresPerUser = 5;
    int maxFailuresPerAddress = 20;
    core::TimeMs failureWindowMs = 60000;
    core::TimeMs blockMs = 60000;
    std::string engineName = "acd-engine";
    /// After an overflow, events resume (with the overflow notice) this much later.
    core::TimeMs overflowPauseMs = 1000;
    /// A connection overflowing this often within overflowWindowMs is closed (1013).
    int maxOverflows = 3;
    core::TimeMs overflowWindowMs = 60000;
    /// A connection subscribed to every event ('all') is written at most once per this many
    /// ms (fewer, larger writes for the bulk stream; agents' own messages are not paced).
    std::uint32_t fullStreamWriteMs = 10;
};

/// Counters the metrics endpoint shows.
struct ProtocolCounters {
    std::uint64_t eventsSent = 0;
    std::uint64_t eventsDropped = 0;
    std::uint64_t requests = 0;
    std::uint64_t loginFailures = 0;
    std::uint64_t overflows = 0;
};

/// An agent state forced by a supervisor, or a configuration change: who did what.
struct AuditEntry {
    core::TimeMs at = 0;
    std::string user;
    std::string action; ///< e.g. "agent.setState", "admin.put"
    std::string object; ///< e.g. "agent:1001", "queues:30"
    std::string detail; ///< the request, without secrets
};

class AdminApi;

/// Checks a password or PIN against its salted PBKDF2 hash away from the engine thread (100,000
/// rounds take tens of milliseconds) and calls `done` later ON THE ENGINE THREAD. Returns false
/// when it cannot take the check now (`hello` then fails with `overloaded`).
using SecretChecker = std::function<bool(std::string secret, std::string hash,
                                         std::function<void(bool matches)> done)>;

/// Hashes a new PIN or password of an `admin.put` item away from the engine thread (the
/// service's worker runs db::hashClearSecret(kind, itemJson)) and calls `done` with the item
/// later ON THE ENGINE THREAD. Returns false when it cannot take the work now (`admin.put`
/// then fails with `overloaded`).
using SecretHasher = std::function<bool(std::string kind, std::string itemJson,
                                        std::function<void(std::string hashedItemJson)> done)>;

/// A `report` request: one of the db's reports over [from, to).
struct ReportJob {
    db::ReportKind kind = db::ReportKind::QueueIntervals;
    core::TimeMs from = 0;
    core::TimeMs to = 0;
};
/// Runs a report away from the engine thread (a database read can take long) and calls
/// `done` later ON THE ENGINE THREAD with the table or the database's error. Returns false
/// when it cannot take the job now (the request then fails with `overloaded`).
using ReportRunner =
    std::function<bool(const ReportJob &, std::function<void(db::Result<db::ReportTable>)>)>;

class ProtocolService {
public:
    ProtocolService(core::Engine &engine, const db::ConfigSet &config, Transport &transport,
                    std::function<core::TimeMs()> clock, ProtocolOptions options = {});
    ~ProtocolService();

    void onOpen(ConnectionId connection, const std::string &peerAddress);
    void onText(ConnectionId connection, const std::string &text);
    void onClose(ConnectionId connection);
    /// The front dropped a message for the connection: stop sending events until it has room.
    void onOverflow(ConnectionId connection);
    /// Every core effect, in order (from the host's effects observer).
    void onEffects(const std::vector<core::Effect> &effects);
    /// A queue or agent was deleted by an admin (AdminHooks::removed): sends `queue.removed` /
    /// `agent.removed` to the subscribers of everything, of the stats topic and of the object.
    void announceRemoved(const std::string &kind, std::uint32_t id);
    /// Call every 20 ms (engine thread): sends the `stats` topic's updates (each object at most
    /// once per 100 ms; an agent's 100 ms after its change, so a floor's agents go out spread
    /// over time), retries overflowed connections.
    void tick();
    /// Tells every connection the engine is stopping and closes them (1001).
    void shutdown(const std::string &reason);

    /// The TAPI server remote TAPI (`op: "tapi"`) runs on (engine thread; outlives the
    /// connections). Without one, `tapi` requests fail with `conflict`.
    void setTapiServer(tapi::Server *server);
    /// Receives every audit entry (the service persists them).
    void setAuditSink(std::function<void(const AuditEntry &)> sink);
    /// The backend of the admin.* ops (admin_api.h); without one they fail with `internal`.
    void setAdmin(AdminApi *admin);
    /// Where `hello` checks passwords and PINs; without one it checks them inline.
    void setSecretChecker(SecretChecker checker);
    /// Where `admin.put` hashes a new PIN or password; without one it hashes inline.
    void setSecretHasher(SecretHasher hasher);
    /// Where `report` requests run; without one they fail with `internal`.
    void setReportRunner(ReportRunner runner);
    /// Login rate limiting, shared by `hello` and the REST surface (engine thread): the
    /// milliseconds `user` from `peerAddress` must still wait (0: may try now), and a failed
    /// attempt to count.
    core::TimeMs loginBlockedFor(const std::string &user, const std::string &peerAddress);
    void loginFailed(const std::string &user, const std::string &peerAddress);
    std::size_t connectionCount() const;
    const ProtocolCounters &counters() const;

    class Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace acd::server
