#pragma once
// The protocol service's state and the helpers its parts share (engine thread only).
#include "acd/server/admin_api.h"
#include "acd/server/protocol_service.h"
#include "core/engine.h"

#include <Poco/JSON/Object.h>
#include <tapi.h>

#include <deque>
#include <optional>

namespace acd::server {

struct TapiState; // tapi_ops.cpp: a connection's remote TAPI client

/// The events of one burst as every `all` (or `stats`) subscriber gets them, each body without
/// its opening brace (`,"ev":...}`): a connection's copy is `{"seq":N` + body, and the front
/// writes it from this one copy (Transport::sendNumbered). Appended to until the first
/// connection's run in it is handed to the front, unchanged from then on.
struct SharedBurst {
    std::string bodies;
    std::vector<std::uint32_t> ends;
};

enum class Role { Agent, Supervisor, Admin };

struct Connection {
    ConnectionId id = 0;
    std::string peer;
    bool authenticated = false;
    std::string user;
    Role role = Role::Agent;
    core::AgentId agent = 0; ///< the user's agent, 0 when none
    bool all = false;        ///< subscribed to every event
    bool intervals = false;
    std::set<core::QueueId> queues;
    std::set<core::AgentId> agents;
    std::set<core::CallId> calls;
    std::uint64_t seq = 0;       ///< events sent on this connection
    /// Events numbered and not yet handed to the front, back to back, and where each ends:
    /// the front gets them in one call per connection per burst (flushEvents).
    std::string eventBatch;
    std::vector<std::uint32_t> eventEnds;
    /// Or, while it got only shared events in this burst: the run of them it gets, events
    /// [sharedFirst, sharedFirst + sharedCount) of `sharedBurst`, numbered from sharedFirstSeq.
    /// (At most one of the batch and the run is non-empty.)
    std::shared_ptr<const SharedBurst> sharedBurst;
    std::uint32_t sharedFirst = 0;
    std::uint32_t sharedCount = 0;
    std::uint64_t sharedFirstSeq = 0;
    bool overflowed = false;     ///< dropping events until the overflow notice got through
    std::uint64_t lastSeqBeforeOverflow = 0;
    core::TimeMs overflowedAt = 0;
    std::deque<core::TimeMs> recentOverflows; ///< a client that keeps overflowing is closed
    std::shared_ptr<TapiState> tapi;          ///< set by the first `tapi` request
    /// While `hello`'s password check or an `admin.put`'s hashing of a new secret runs
    /// elsewhere, later requests wait here (in order).
    bool awaitingWorker = false;
    std::deque<std::string> deferred;
};

/// What one request carries, with the keys the handler consumed (unknown keys are errors).
class Request {
public:
    Request(Poco::JSON::Object::Ptr object, Poco::Dynamic::Var id);
    const Poco::Dynamic::Var &id() const { return m_id; }
    const std::string &op() const { return m_op; }
    bool has(const std::string &key) const;
    /// Typed getters: throw RequestError(bad_request) naming the key when missing or mistyped.
    std::string text(const std::string &key);
    std::int64_t integer(const std::string &key);
    std::optional<std::string> optionalText(const std::string &key);
    std::optional<std::int64_t> optionalInteger(const std::string &key);
    std::vector<std::string> textList(const std::string &key);
    std::vector<std::int64_t> integerList(const std::string &key);
    /// A JSON object parameter (admin.put's item, tapi's args): bad_request naming the key
    /// when missing or not an object.
    Poco::JSON::Object::Ptr object(const std::string &key);
    /// A key that is a number or a string, as text (admin.get/delete's key); nullopt if absent.
    std::optional<std::string> optionalKey(const std::string &key);
    /// After the handler read what it needs: any key it did not read is an error.
    void rejectUnknown() const;

private:
    Poco::JSON::Object::Ptr m_object;
    Poco::Dynamic::Var m_id;
    std::string m_op;
    std::set<std::string> m_used{"id", "op"};
};

/// A failed request: the error object of docs/protocol.md.
struct RequestError {
    RequestError(std::string c, std::string m, std::string i = {}, std::string f = {})
        : code(std::move(c))
        , message(std::move(m))
        , item(std::move(i))
        , field(std::move(f))
    {
    }
    std::string code;
    std::string message;
    std::string item;
    std::string field;
    core::TimeMs retryAfterMs = -1; ///< rate_limited only
};

class ProtocolService::Impl {
public:
    Impl(core::Engine &engine, const db::ConfigSet &config, Transport &transport,
         std::function<core::TimeMs()> clock, ProtocolOptions options);

    // protocol_service.cpp
    void handleText(ConnectionId connection, const std::string &text);
    /// Runs the requests that waited for `hello` or an `admin.put` (after it was answered).
    void replayDeferred(ConnectionId connection);
    void dispatch(Connection &c, Request &r, Poco::JSON::Object::Ptr &result);
    void respond(Connection &c, const Poco::Dynamic::Var &id, Poco::JSON::Object::Ptr result);
    void respondError(Connection &c, const Poco::Dynamic::Var &id, const RequestError &error);
    void sendRaw(Connection &c, std::string text, bool mayDrop);
    void audit(const Connection &c, const std::string &action, const std::string &object,
               const std::string &detail);

    // report_ops.cpp: answered later, when the report runner is done
    void reportOperation(Connection &c, Request &r, Poco::JSON::Object::Ptr &result);

    // session.cpp
    void hello(Connection &c, Request &r, Poco::JSON::Object::Ptr &result);
    bool blocked(const std::string &user, const std::string &peer, core::TimeMs now,
                 core::TimeMs &retryAfter);
    void recordFailure(const std::string &user, const std::string &peer, core::TimeMs now);
    /// The agent whose ID is this decimal text and who has a PIN, or null.
    const core::AgentConfig *agentByIdText(const std::string &text) const;

    // events.cpp
    void subscribe(Connection &c, Request &r, bool add);
    void publish(const core::Effect &effect);
    /// Rebuilds allConnections and statsConnections from the subscriber sets.
    void indexSubscriberConnections();
    /// Adds `body` to the burst once and delivers it to every one of `subscribers` from there.
    void shareEvent(const std::vector<Connection *> &subscribers, const std::string &body);
    /// Numbers the event for `c` and adds it to c's batch (sent by flushEvents).
    void deliver(Connection &c, const std::string &event, const std::string &body);
    /// The same for a subscriber of shared events and the burst's event `index` (whose body is
    /// `body`): extends c's run in the shared burst instead of copying, when it can.
    void deliverShared(Connection &c, const std::shared_ptr<SharedBurst> &in, std::uint32_t index,
                       const std::string &body);
    /// Copies c's run of shared events into its batch (before an event of its own).
    void materializeRun(Connection &c);
    /// Hands c's batch to the front. Whatever did not fit is dropped and gives its sequence
    /// numbers back (the stream goes on from the last event queued, after the overflow
    /// notice). Every message sent to `c` some other way first calls this: order is kept.
    void flushEvents(Connection &c);
    /// flushEvents for a connection with a run: hands the front a reference to the burst
    /// (sealing it if it is the current one).
    void flushRun(Connection &c);
    /// Empties c's batch, of which the last `unsent` events did not go out: they count as
    /// dropped and give their sequence numbers back.
    void dropBatch(Connection &c, std::size_t unsent);
    /// flushEvents for every connection with a batch: at the end of each burst of events.
    void flushEventBatches();
    void retryOverflowed();
    void markOverflowed(Connection &c);

    // snapshot.cpp
    Poco::JSON::Object::Ptr snapshot(Connection &c, Request &r);

    // stats_stream.cpp: the `stats` topic (queue.stats, agent.stats), coalesced
    void markStatsDirty(const core::Effect &effect);
    void flushStats(bool everyQueue);
    std::set<ConnectionId> statsSubscribers;
    std::vector<Connection *> statsConnections; ///< statsSubscribers' connections
    /// Subscribed since the last tick: they get every queue at the next one.
    std::vector<ConnectionId> newStatsSubscribers;
    bool queueStatsDirty = false;
    std::map<core::AgentId, core::TimeMs> dirtyAgents; ///< and since when
    core::TimeMs lastFullStatsAt = 0;
    /// What was last sent per object (queues without longestWaitMs, which only ages).
    std::map<core::QueueId, core::QueueSnapshot> sentQueueStats;
    core::TimeMs lastQueueStatsAt = 0;
    std::map<core::AgentId, std::string> sentAgentStats;

    // agent_ops.cpp
    void agentOperation(Connection &c, Request &r, Poco::JSON::Object::Ptr &result);

    // admin_ops.cpp
    void adminOperation(Connection &c, Request &r, Poco::JSON::Object::Ptr &result);
    /// An admin op's outcome as its result (audited), or a RequestError.
    Poco::JSON::Object::Ptr adminResult(Connection &c, const std::string &op,
                                        const AdminOutcome &out);
    /// admin.put of an item with a clear PIN or password: hashed by the secret hasher, put
    /// when that is done (answered then; later requests wait).
    void deferAdminPut(Connection &c, const Poco::Dynamic::Var &id, const std::string &kind,
                       std::string itemJson);

    // tapi_ops.cpp
    void tapiOperation(Connection &c, Request &r, Poco::JSON::Object::Ptr &result);
    /// After the response to a `tapi` request: the TAPI events it caused (deferred so that
    /// the response, with the request ID, comes first).
    void tapiAfterResponse(ConnectionId connection);
    /// The connection is going away: its TAPI client is dropped from the server.
    void tapiClose(Connection &c);
    /// Sends a TAPI event (never dropped: closes the connection when it cannot be queued).
    bool sendTapiEvent(Connection &c, Poco::JSON::Object::Ptr event);
    /// The same for a message that carries nothing but its LINEMESSAGE, formatted without a
    /// JSON tree (the bulk of TAPI events: call states, status messages).
    bool sendTapiMessage(Connection &c, HLINEAPP app, const LINEMESSAGE &m);
    bool sendTapiText(Connection &c, std::string text);

    core::Engine &engine;
    const db::ConfigSet &config;
    Transport &transport;
    std::function<core::TimeMs()> clock;
    ProtocolOptions options;
    ProtocolCounters counters;
    std::function<void(const AuditEntry &)> auditSink;
    AdminApi *admin = nullptr; ///< the admin ops' backend (setAdmin), not owned
    ReportRunner reportRunner;  ///< where `report` runs (setReportRunner)
    SecretChecker secretChecker; ///< where `hello` checks secrets (setSecretChecker)
    SecretHasher secretHasher;   ///< where `admin.put` hashes new secrets (setSecretHasher)
    std::map<ConnectionId, Connection> connections;
    std::set<core::CallId> activeCalls; ///< for snapshots (the core has no call listing)
    // Subscription indexes: an event reaches its subscribers without a scan of every
    // connection (thousands of agents each follow one agent).
    std::set<ConnectionId> allSubscribers;
    /// allSubscribers' connections (their map nodes do not move), for the fan-out of every
    /// event: rebuilt with statsConnections by indexSubscriberConnections() whenever
    /// allSubscribers or statsSubscribers changes.
    std::vector<Connection *> allConnections;
    std::set<ConnectionId> intervalSubscribers;
    std::map<core::QueueId, std::set<ConnectionId>> queueSubscribers;
    std::map<core::AgentId, std::set<ConnectionId>> agentSubscribers;
    std::map<core::CallId, std::set<ConnectionId>> callSubscribers;
    std::set<ConnectionId> overflowed;
    std::vector<ConnectionId> batched; ///< connections whose eventBatch or run is not empty
    /// The burst's events for the `all` subscribers; null until the burst's first event, and
    /// again once a run in it went to the front (a new one then takes the next events).
    std::shared_ptr<SharedBurst> burst;
    std::vector<ConnectionId> eventTargets; ///< publish()'s scratch list
    /// Drops a connection from every index (before it is erased).
    void forget(Connection &c);
    std::uint64_t lastEffectSeq = 0;
    tapi::Server *tapiServer = nullptr;

    struct Failures {
        std::deque<core::TimeMs> times;
        core::TimeMs blockedUntil = 0;
    };
    std::map<std::string, Failures> userFailures;
    std::map<std::string, Failures> addressFailures;
};

/// The snapshot's objects (snapshot.cpp; the stats stream writes the same fields with FlatJson:
/// snapshot_fields.h).
Poco::JSON::Object::Ptr queueJson(const core::QueueSnapshot &q);
Poco::JSON::Object::Ptr agentJson(const core::AgentSnapshot &a);

/// Serialises a JSON value compactly.
std::string toJson(const Poco::Dynamic::Var &value);
std::string toJson(const Poco::JSON::Object::Ptr &object);

} // namespace acd::server
