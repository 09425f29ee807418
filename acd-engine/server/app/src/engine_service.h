#pragma once
// The acd-engine service: the database (recovered, migrated, the configuration loaded or
// imported), the engine host (providers, TAPI server, core, ACD) with every effect persisted
// through the batched writer, the protocol service, and the WebSocket front. Threads: the
// engine thread (the host's loop) owns the core, the server and the protocol state; the I/O
// threads of the front only post to it; the writer has its own thread.
#include "service_config.h"

#include "acd/net/ws_server.h"
#include "acd/server/transport.h"
#include "core/effects.h"

#include <Poco/Logger.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace acd::core {
class Engine;
}
namespace acd::tapi {
class Host;
}
namespace acd::db {
class Store;
class Writer;
struct ConfigSet;
} // namespace acd::db

namespace acd::server {

class ProtocolService;
class AdminApi;
class ReportWorker;
class Ticker;
class WorkerThread;
struct AuditEntry;
struct AdminOutcome;

class EngineService : public net::WsHandler, public Transport {
public:
    EngineService(ServiceConfig config, Poco::Logger &logger);
    ~EngineService() override;

    /// The contact center to store when the database has none and no file is configured
    /// (the demo's).
    void setSeed(const db::ConfigSet &seed);
    /// Opens everything and starts listening; false with `error` naming what failed.
    bool start(std::string &error);
    /// Tells clients, stops the front, finishes the engine's work, flushes the database and
    /// marks the run clean. Idempotent.
    void stop();
    std::uint16_t port() const;
    const db::ConfigSet &contactCenter() const;
    tapi::Host &host() { return *m_host; }

    // net::WsHandler (I/O threads): post to the engine thread.
    void onOpen(net::ConnectionId id, const net::PeerInfo &peer) override;
    void onText(net::ConnectionId id, std::string message) override;
    void onClose(net::ConnectionId id, net::CloseInfo info) override;
    void onOverflow(net::ConnectionId id) override;
    net::HttpResponse onHttp(const net::HttpRequest &request) override;
    /// /metrics and the REST surface: answered from the engine thread (and the secret worker),
    /// the I/O thread not waiting for them.
    void onHttpAsync(const net::HttpRequest &request, net::HttpResponder respond) override;

    // Transport (engine thread): to the front, never blocking.
    bool send(ConnectionId connection, std::string text) override;
    bool sendParts(ConnectionId connection, std::string_view head,
                   std::string_view tail) override;
    void close(ConnectionId connection, std::uint16_t code, std::string reason) override;
    void resume(ConnectionId connection, std::string notice) override;
    void setMinWriteInterval(ConnectionId connection, std::uint32_t ms) override;
    std::size_t sendMany(ConnectionId connection, std::string_view messages,
                         std::span<const std::uint32_t> ends) override;
    std::size_t sendNumbered(ConnectionId connection, std::string_view prefix,
                             std::uint64_t firstNumber, std::shared_ptr<const void> owner,
                             std::string_view messages, std::size_t begin,
                             std::span<const std::uint32_t> ends) override;

    /// The Prometheus text of /metrics (built on the engine thread).
    std::string metricsText();

private:
    bool openDatabase(std::string &error);
    /// Hands the effects (and the callers' numbers of new calls, read from `engine`) to the writer.
    void persist(const core::Engine &engine, const std::vector<core::Effect> &effects);
    /// Logs an audit entry and submits it to the writer (table audit_log). Engine thread.
    void recordAudit(const AuditEntry &entry);
    /// Runs `work` on the secret worker and hands its value to `done` on the engine thread
    /// (not when the protocol is gone by then); false when the worker's queue is full.
    template<typename Work, typename Done>
    bool onSecretWorker(Work work, Done done);
    /// onSecretWorker for work that decides what the engine thread does next: `work` runs on
    /// the worker and returns it.
    bool onSecretWorkerThen(std::function<std::function<void()>()> work);
    /// The REST surface of the admin API: /api/v1/<kind>[/<key>] (rest_api.cpp). Called on an
    /// I/O thread; answers later from the engine thread.
    void onRest(const net::HttpRequest &request, net::HttpResponder respond);
    /// Runs a REST request's admin operation for `user` (audited) and makes it the answer.
    /// Engine thread.
    net::HttpResponse runRestOperation(const std::string &user, const std::string &action,
                                       const std::function<AdminOutcome(AdminApi &)> &op);

    ServiceConfig m_config;
    Poco::Logger &m_log;
    std::unique_ptr<db::Store> m_store;
    std::unique_ptr<db::Writer> m_writer;
    std::unique_ptr<ReportWorker> m_reports; ///< the protocol's `report` queries
    std::unique_ptr<Ticker> m_ticker;        ///< the protocol's 100 ms tick (stats topic)
    std::unique_ptr<WorkerThread> m_secrets; ///< PBKDF2 (hello, admin.put), off the engine thread
    std::unique_ptr<db::ConfigSet> m_contactCenter;
    std::unique_ptr<db::ConfigSet> m_seed;
    std::unique_ptr<tapi::Host> m_host;
    std::unique_ptr<ProtocolService> m_protocol;
    std::unique_ptr<AdminApi> m_admin; ///< engine thread only
    std::unique_ptr<net::WsServer> m_front;
    std::atomic<bool> m_running{false};
    std::atomic<std::uint64_t> m_effects{0};
    std::mutex m_stopMutex;
};

} // namespace acd::server
