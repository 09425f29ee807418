#include "engine_service.h"

#include "acd/server/admin_api.h"
#include "acd/server/protocol_service.h"
#include "acd/tapi/call_router.h"
#include "acd/tapi/host.h"
#include "core/engine.h"
#include "db/config_edit.h"
#include "db/json_config.h"
#include "db/secret_hash.h"
#include "db/sqlite_store.h"
#include "db/writer.h"
#include "metrics.h"
#include "report_worker.h"
#include "ticker.h"
#include "worker_thread.h"

#include <chrono>
#include <fstream>
#include <sstream>

namespace acd::server {
namespace {

core::TimeMs unixMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

EngineService::EngineService(ServiceConfig config, Poco::Logger &logger)
    : m_config(std::move(config))
    , m_log(logger)
{
}

EngineService::~EngineService()
{
    stop();
}

void EngineService::setSeed(const db::ConfigSet &seed)
{
    m_seed = std::make_unique<db::ConfigSet>(seed);
}

const db::ConfigSet &EngineService::contactCenter() const
{
    return *m_contactCenter;
}

bool EngineService::openDatabase(std::string &error)
{
    auto store = db::openSqliteStore(m_config.database);
    if (!store) {
        error = "database '" + m_config.database + "': " + store.status().message();
        return false;
    }
    m_store = std::move(store.value());
    if (auto recovered = m_store->recover(unixMs()); !recovered) {
        error = "database '" + m_config.database + "': " + recovered.status().message();
        return false;
    } else if (!recovered.value().previousRunClean) {
        m_log.warning("the previous run did not stop cleanly; %d call(s) closed as interrupted",
                      recovered.value().interruptedCalls);
    }
    auto loaded = m_store->loadConfig();
    if (!loaded) {
        error = "database '" + m_config.database + "': " + loaded.status().message();
        return false;
    }
    m_contactCenter = std::make_unique<db::ConfigSet>(loaded.value());
    bool empty = m_contactCenter->queues.empty() && m_contactCenter->agents.empty();
    if (empty && !m_config.contactCenter.empty()) {
        std::ifstream in(m_config.contactCenter);
        if (!in) {
            error = m_config.contactCenter + ": cannot be read";
            return false;
        }
        std::stringstream text;
        text << in.rdbuf();
        db::ConfigParse parsed = db::parseConfigJson(text.str());
        if (!parsed.ok()) {
            error = m_config.contactCenter + ": " + parsed.errors.front();
            return false;
        }
        if (db::Status s = m_store->saveConfig(parsed.config); !s) {
            error = "database '" + m_config.database + "': " + s.message();
            return false;
        }
        m_log.information("imported the contact center from %s", m_config.contactCenter);
        *m_contactCenter = parsed.config;
    } else if (empty && m_seed) {
        if (db::Status s = m_store->saveConfig(*m_seed); !s) {
            error = "database '" + m_config.database + "': " + s.message();
            return false;
        }
        *m_contactCenter = *m_seed;
    }
    return true;
}

template<typename Work, typename Done>
bool EngineService::onSecretWorker(Work work, Done done)
{
    return m_secrets->submit([this, work = std::move(work), done = std::move(done)] {
        auto value = work();
        m_host->loop().post([this, done, value = std::move(value)] {
            if (m_protocol)
                done(value);
        });
    });
}

bool EngineService::onSecretWorkerThen(std::function<std::function<void()>()> work)
{
    return onSecretWorker(std::move(work), [](const std::function<void()> &then) { then(); });
}

bool EngineService::start(std::string &error)
{
    if (!openDatabase(error))
        return false;
    m_writer = std::make_unique<db::Writer>(*m_store);
    m_reports = std::make_unique<ReportWorker>(m_config.database);
    m_secrets = std::make_unique<WorkerThread>("pin-check", 1024);

    tapi::HostConfig host;
    host.config = *m_contactCenter;
    for (const ProviderEntry &p : m_config.providers)
        host.providers.push_back({p.library, p.config});
    host.externallyProxiedLines = m_config.externallyProxiedLines;
    host.effectsObserver = [this](const core::Engine &engine,
                                  const std::vector<core::Effect> &effects) {
        persist(engine, effects); // m_host may not be set yet: calls flow during start()
        if (m_protocol)
            m_protocol->onEffects(effects);
    };
    m_host = tapi::Host::start(std::move(host), error);
    if (!m_host)
        return false;

    ProtocolOptions options;
    options.heartbeatMs = m_config.heartbeatMs;
    options.fullStreamWriteMs = m_config.streamWriteMs;
    m_host->loop().invoke([&] {
        m_protocol = std::make_unique<ProtocolService>(m_host->engine(), m_host->config(), *this,
                                                       &unixMs, options);
        m_protocol->setTapiServer(&m_host->server());
        m_protocol->setAuditSink([this](const AuditEntry &e) { recordAudit(e); });
        // The admin API edits the host's configuration in place (engine thread only), so the
        // protocol, the proxy and the router see every change; the writer stores it.
        AdminHooks hooks;
        hooks.persist = [this](std::shared_ptr<const db::ConfigSet> config) {
            m_writer->submit(std::move(config));
        };
        hooks.applyRoutePoints = [this] { return m_host->router().applyRoutePoints(); };
        hooks.callsAtRoutePoint = [this](const std::string &address) {
            return m_host->router().callsAt(address);
        };
        hooks.removed = [this](const std::string &kind, std::uint32_t id) {
            if (m_protocol)
                m_protocol->announceRemoved(kind, id);
        };
        m_admin = std::make_unique<AdminApi>(m_host->engine(), m_host->mutableConfig(),
                                             std::move(hooks));
        m_protocol->setAdmin(m_admin.get());
        m_protocol->setSecretChecker(
            [this](std::string secret, std::string hash, std::function<void(bool)> done) {
                return onSecretWorker(
                    [secret = std::move(secret), hash = std::move(hash)] {
                        return db::verifySecret(secret, hash);
                    },
                    std::move(done));
            });
        m_protocol->setSecretHasher(
            [this](std::string kind, std::string item, std::function<void(std::string)> done) {
                return onSecretWorker(
                    [kind = std::move(kind), item = std::move(item)] {
                        return db::hashClearSecret(kind, item);
                    },
                    std::move(done));
            });
        m_protocol->setReportRunner([this](const ReportJob &job, auto done) {
            return m_reports->submit(
                job.kind, db::TimeRange{job.from, job.to},
                [this, done](const db::Result<db::ReportTable> &table) {
                    // Back to the engine thread, where the protocol's state lives; after
                    // stop() began, nobody is left to answer.
                    m_host->loop().post([this, done, table] {
                        if (m_protocol)
                            done(table);
                    });
                });
        });
    });

    m_ticker = std::make_unique<Ticker>(std::chrono::milliseconds(20), [this] {
        m_host->loop().post([this] {
            if (m_protocol)
                m_protocol->tick();
        });
    });

    net::WsServerConfig front;
    front.host = m_config.listenHost;
    front.port = m_config.listenPort;
    front.ioThreads = static_cast<unsigned>(m_config.ioThreads);
    front.maxConnections = m_config.maxConnections;
    front.maxOutboundBytes = m_config.outboundQueueBytes;
    front.maxFramesPerSecond = m_config.maxMessagesPerSecond;
    front.pingInterval = std::chrono::milliseconds(m_config.heartbeatMs);
    front.idleTimeout = std::chrono::milliseconds(3 * m_config.heartbeatMs);
    front.webSocketPath = "/acd/v1";
    front.subprotocols = {"acd.v1"};
    front.tlsCertificateFile = m_config.tlsCertificate; // [tls]: wss:// and https://
    front.tlsKeyFile = m_config.tlsKey;
    m_front = std::make_unique<net::WsServer>(front, *this);
    if (!m_front->start(&error))
        return false;
    // What the engine thread sends leaves after each burst of its work (at least every
    // EngineLoop::kAfterWorkEvery tasks): one write per connection per burst, not per message.
    // Connections of the full stream are paced besides (ProtocolOptions::fullStreamWriteMs),
    // so releasing often costs writes only to the agents the burst concerned.
    m_host->loop().invoke([this] { m_front->holdFlushesOnThisThread(); });
    m_host->loop().setAfterWork([this] { m_front->releaseHeldFlushes(); });
    m_running = true;
    m_log.information("listening on %s:%hu", m_config.listenHost, m_front->port());
    return true;
}

void EngineService::stop()
{
    std::lock_guard lock(m_stopMutex);
    m_ticker.reset();
    if (m_host)
        m_host->loop().invoke([&] {
            if (m_protocol)
                m_protocol->shutdown("acd-engine stopping");
            m_host->loop().setAfterWork({});
            if (m_front)
                m_front->holdFlushesOnThisThread(false); // writes what the shutdown queued
        });
    if (m_front)
        m_front->stop(); // every client told and closed; the front's threads joined
    m_reports.reset();   // a report still running finishes; its answer finds no protocol
    m_secrets.reset();   // likewise a password check
    m_running = false;
    if (m_host) {
        m_host->loop().invoke([&] {
            m_protocol.reset();
            m_admin.reset();
        });
        m_host.reset(); // the engine thread finishes its work and stops
    }
    if (m_writer) {
        m_writer->stop(); // everything the engine produced is written
        m_writer.reset();
    }
    if (m_store) {
        m_store->markCleanShutdown(unixMs());
        m_store.reset();
        m_log.information("stopped cleanly");
    }
    m_front.reset();
}

std::uint16_t EngineService::port() const
{
    return m_front ? m_front->port() : 0;
}

void EngineService::recordAudit(const AuditEntry &e)
{
    m_log.notice("audit: %s by %s on %s (%s)", e.action, e.user, e.object, e.detail);
    if (m_writer)
        m_writer->submit(db::AuditRecord{e.at, e.user, e.action, e.object, e.detail});
}

void EngineService::persist(const core::Engine &engine, const std::vector<core::Effect> &effects)
{
    m_effects += effects.size();
    for (const core::Effect &e : effects)
        if (const auto *queued = std::get_if<core::CallQueued>(&e.body); queued && !queued->flowedIn)
            if (auto call = engine.call(queued->call))
                m_writer->submit(db::CallInfo{queued->call, call.value().ani, call.value().dnis});
    m_writer->submit(effects);
}

// ---- The front's callbacks (I/O threads) --------------------------------------------------

void EngineService::onOpen(net::ConnectionId id, const net::PeerInfo &peer)
{
    m_host->loop().post([this, id, address = peer.address] {
        if (m_protocol)
            m_protocol->onOpen(id, address);
    });
}

void EngineService::onText(net::ConnectionId id, std::string message)
{
    m_host->loop().post([this, id, message = std::move(message)] {
        if (m_protocol)
            m_protocol->onText(id, message);
    });
}

void EngineService::onClose(net::ConnectionId id, net::CloseInfo)
{
    m_host->loop().post([this, id] {
        if (m_protocol)
            m_protocol->onClose(id);
    });
}

void EngineService::onOverflow(net::ConnectionId id)
{
    m_host->loop().post([this, id] {
        if (m_protocol)
            m_protocol->onOverflow(id);
    });
}

void EngineService::onHttpAsync(const net::HttpRequest &request, net::HttpResponder respond)
{
    if (request.path == "/api/v1" || request.path.rfind("/api/v1/", 0) == 0)
        return onRest(request, std::move(respond));
    if (request.path == "/metrics" && request.method == "GET") {
        // Built on the engine thread, answered from there.
        if (!m_host->loop().post([this, respond] {
                net::HttpResponse response;
                response.contentType = "text/plain; version=0.0.4; charset=utf-8";
                response.body = metricsText();
                respond(std::move(response));
            }))
            respond(net::HttpResponse{503, "text/plain; charset=utf-8", "engine stopping\n", {}});
        return;
    }
    respond(onHttp(request));
}

net::HttpResponse EngineService::onHttp(const net::HttpRequest &request)
{
    net::HttpResponse response;
    if (request.method != "GET") {
        response.status = 405;
        response.body = "only GET here\n";
        return response;
    }
    if (request.path == "/health") {
        response.contentType = "application/json";
        response.body = m_running ? "{\"status\":\"ok\"}\n" : "{\"status\":\"stopping\"}\n";
        response.status = m_running ? 200 : 503;
        return response;
    }
    response.status = 404;
    response.body = "not found\n";
    return response;
}

// ---- Transport (engine thread) --------------------------------------------------------------

bool EngineService::send(ConnectionId connection, std::string text)
{
    return m_front && m_front->send(connection, std::move(text));
}

bool EngineService::sendParts(ConnectionId connection, std::string_view head,
                              std::string_view tail)
{
    return m_front && m_front->sendParts(connection, head, tail);
}

void EngineService::close(ConnectionId connection, std::uint16_t code, std::string reason)
{
    if (m_front)
        m_front->close(connection, code, std::move(reason));
}

std::size_t EngineService::sendNumbered(ConnectionId connection, std::string_view prefix,
                                        std::uint64_t firstNumber,
                                        std::shared_ptr<const void> owner,
                                        std::string_view messages, std::size_t begin,
                                        std::span<const std::uint32_t> ends)
{
    return m_front ? m_front->sendNumbered(connection, prefix, firstNumber, std::move(owner),
                                           messages, begin, ends)
                   : 0;
}

std::size_t EngineService::sendMany(ConnectionId connection, std::string_view messages,
                                    std::span<const std::uint32_t> ends)
{
    return m_front ? m_front->sendMany(connection, messages, ends) : 0;
}

void EngineService::setMinWriteInterval(ConnectionId connection, std::uint32_t ms)
{
    if (m_front)
        m_front->setMinWriteInterval(connection, std::chrono::milliseconds(ms));
}

void EngineService::resume(ConnectionId connection, std::string notice)
{
    if (m_front)
        m_front->resume(connection, std::move(notice));
}

std::string EngineService::metricsText()
{
    MetricsInput in;
    in.engine = &m_host->engine();
    if (m_protocol) {
        in.clients = m_protocol->connectionCount();
        in.protocol = m_protocol->counters();
    }
    in.effects = m_effects.load();
    if (m_writer) {
        db::WriterMetrics w = m_writer->metrics();
        in.writerQueued = w.queued;
        in.writerWritten = w.written;
        in.writerBatches = w.batches;
        in.writerFailed = w.failed;
    }
    if (m_front) {
        net::WsServerStats s = m_front->stats();
        in.openConnections = s.openConnections;
        in.bytesIn = s.bytesIn;
        in.bytesOut = s.bytesOut;
        in.socketWrites = s.socketWrites;
    }
    return buildMetrics(in);
}

} // namespace acd::server
