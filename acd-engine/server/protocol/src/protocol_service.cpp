// Connections, request dispatch and responses.
#include "protocol_impl.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace acd::server {

std::string toJson(const Poco::Dynamic::Var &value)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out, 0, -1);
    return out.str();
}

std::string toJson(const Poco::JSON::Object::Ptr &object)
{
    std::ostringstream out;
    object->stringify(out, 0, -1);
    return out.str();
}

ProtocolService::Impl::Impl(core::Engine &e, const db::ConfigSet &c, Transport &t,
                            std::function<core::TimeMs()> clk, ProtocolOptions o)
    : engine(e)
    , config(c)
    , transport(t)
    , clock(std::move(clk))
    , options(std::move(o))
{
}

ProtocolService::ProtocolService(core::Engine &engine, const db::ConfigSet &config,
                                 Transport &transport, std::function<core::TimeMs()> clock,
                                 ProtocolOptions options)
    : m_impl(std::make_unique<Impl>(engine, config, transport, std::move(clock),
                                    std::move(options)))
{
}

ProtocolService::~ProtocolService() = default;

void ProtocolService::setAuditSink(std::function<void(const AuditEntry &)> sink)
{
    m_impl->auditSink = std::move(sink);
}

void ProtocolService::setAdmin(AdminApi *admin)
{
    m_impl->admin = admin;
}

void ProtocolService::setSecretChecker(SecretChecker checker)
{
    m_impl->secretChecker = std::move(checker);
}

void ProtocolService::setSecretHasher(SecretHasher hasher)
{
    m_impl->secretHasher = std::move(hasher);
}

void ProtocolService::setReportRunner(ReportRunner runner)
{
    m_impl->reportRunner = std::move(runner);
}

std::size_t ProtocolService::connectionCount() const
{
    return m_impl->connections.size();
}

const ProtocolCounters &ProtocolService::counters() const
{
    return m_impl->counters;
}

void ProtocolService::onOpen(ConnectionId connection, const std::string &peerAddress)
{
    Connection &c = m_impl->connections[connection];
    c.id = connection;
    c.peer = peerAddress;
}

void ProtocolService::setTapiServer(tapi::Server *server)
{
    m_impl->tapiServer = server;
}

void ProtocolService::onClose(ConnectionId connection)
{
    auto it = m_impl->connections.find(connection);
    if (it == m_impl->connections.end())
        return;
    m_impl->tapiClose(it->second);
    m_impl->forget(it->second);
    m_impl->connections.erase(it);
}

void ProtocolService::onOverflow(ConnectionId connection)
{
    auto it = m_impl->connections.find(connection);
    if (it == m_impl->connections.end() || it->second.overflowed)
        return;
    m_impl->markOverflowed(it->second);
}

void ProtocolService::onText(ConnectionId connection, const std::string &text)
{
    m_impl->handleText(connection, text);
}

void ProtocolService::Impl::replayDeferred(ConnectionId connection)
{
    for (;;) {
        auto it = connections.find(connection);
        if (it == connections.end() || it->second.awaitingWorker || it->second.deferred.empty())
            return;
        std::string text = std::move(it->second.deferred.front());
        it->second.deferred.pop_front();
        handleText(connection, text);
    }
}

void ProtocolService::Impl::handleText(ConnectionId connection, const std::string &text)
{
    Impl &s = *this;
    auto it = s.connections.find(connection);
    if (it == s.connections.end())
        return;
    Connection &c = it->second;
    if (c.awaitingWorker) {
        // Bounded: a client that floods while its hello or admin.put waits for the worker
        // loses the connection.
        if (c.deferred.size() >= 64) {
            s.transport.close(connection, 1008,
                              "too many requests before the previous one was answered");
            return;
        }
        c.deferred.push_back(text);
        return;
    }
    ++s.counters.requests;
    Poco::Dynamic::Var id;
    try {
        if (text.size() > s.options.maxMessageBytes)
            throw RequestError{"bad_request", "message larger than "
                                                  + std::to_string(s.options.maxMessageBytes)
                                                  + " bytes"};
        Poco::JSON::Object::Ptr object;
        try {
            Poco::JSON::Parser parser;
            Poco::Dynamic::Var parsed = parser.parse(text);
            if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
                throw RequestError{"bad_request", "a request is a JSON object"};
            object = parsed.extract<Poco::JSON::Object::Ptr>();
        } catch (const Poco::Exception &e) {
            throw RequestError{"bad_request", "not JSON: " + e.displayText()};
        }
        id = object->get("id");
        if (id.isEmpty() || !(id.isString() || id.isInteger()))
            throw RequestError{"bad_request", "key 'id': missing, or not a number or string", "",
                               "id"};
        Request request(object, id);
        Poco::JSON::Object::Ptr result = new Poco::JSON::Object;
        s.dispatch(c, request, result);
        // The connection may have been closed by the operation (bye); a null result is
        // answered later by the operation itself (report).
        if (result && s.connections.count(connection))
            s.respond(s.connections.at(connection), id, result);
        s.tapiAfterResponse(connection);
    } catch (const RequestError &error) {
        if (s.connections.count(connection))
            s.respondError(s.connections.at(connection), id, error);
        s.tapiAfterResponse(connection);
    } catch (const std::exception &e) {
        if (s.connections.count(connection))
            s.respondError(s.connections.at(connection), id,
                           RequestError{"internal", e.what()});
    }
}

void ProtocolService::Impl::dispatch(Connection &c, Request &r, Poco::JSON::Object::Ptr &result)
{
    const std::string &op = r.op();
    if (op == "ping") {
        r.rejectUnknown();
        result->set("at", clock());
        return;
    }
    if (op == "hello") {
        hello(c, r, result);
        return;
    }
    if (!c.authenticated)
        throw RequestError{"unauthenticated", "say hello first"};
    if (op == "bye") {
        r.rejectUnknown();
        respond(c, r.id(), result);
        transport.close(c.id, 1000, "bye");
        ConnectionId id = c.id;
        tapiClose(c);
        forget(c);
        connections.erase(id);
        return;
    }
    if (op == "subscribe" || op == "unsubscribe") {
        subscribe(c, r, op == "subscribe");
        return;
    }
    if (op == "snapshot") {
        result = snapshot(c, r);
        return;
    }
    if (op.rfind("agent.", 0) == 0) {
        agentOperation(c, r, result);
        return;
    }
    if (op.rfind("admin.", 0) == 0) {
        adminOperation(c, r, result);
        return;
    }
    if (op == "tapi") {
        tapiOperation(c, r, result);
        return;
    }
    if (op == "report") {
        reportOperation(c, r, result);
        return;
    }
    throw RequestError{"bad_request", "unknown op '" + op + "'", "", "op"};
}

void ProtocolService::Impl::respond(Connection &c, const Poco::Dynamic::Var &id,
                                    Poco::JSON::Object::Ptr result)
{
    Poco::JSON::Object response;
    response.set("re", id);
    response.set("ok", true);
    response.set("result", result);
    std::ostringstream out;
    response.stringify(out, 0, -1);
    sendRaw(c, out.str(), false);
}

void ProtocolService::Impl::respondError(Connection &c, const Poco::Dynamic::Var &id,
                                         const RequestError &error)
{
    Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
    e->set("code", error.code);
    e->set("message", error.message);
    if (!error.item.empty())
        e->set("item", error.item);
    if (!error.field.empty())
        e->set("field", error.field);
    if (error.retryAfterMs >= 0)
        e->set("retryAfterMs", error.retryAfterMs);
    Poco::JSON::Object response;
    response.set("re", id.isEmpty() ? Poco::Dynamic::Var() : id);
    response.set("ok", false);
    response.set("error", e);
    std::ostringstream out;
    response.stringify(out, 0, -1);
    sendRaw(c, out.str(), false);
}

void ProtocolService::Impl::sendRaw(Connection &c, std::string text, bool mayDrop)
{
    flushEvents(c);
    if (transport.send(c.id, std::move(text)))
        return;
    if (mayDrop)
        return;
    // Not even a response fits: the client is not reading. Close rather than lie.
    transport.close(c.id, 1013, "outbound queue full");
}

void ProtocolService::Impl::audit(const Connection &c, const std::string &action,
                                  const std::string &object, const std::string &detail)
{
    if (auditSink)
        auditSink(AuditEntry{clock(), c.user, action, object, detail});
}

void ProtocolService::onEffects(const std::vector<core::Effect> &effects)
{
    for (const core::Effect &e : effects)
        m_impl->publish(e);
    m_impl->flushEventBatches();
    m_impl->retryOverflowed();
}

void ProtocolService::shutdown(const std::string &reason)
{
    Impl &s = *m_impl;
    for (auto &[id, c] : s.connections) {
        Poco::JSON::Object event;
        event.set("ev", "shutdown");
        event.set("seq", ++c.seq);
        event.set("eseq", s.lastEffectSeq);
        event.set("at", s.clock());
        event.set("reason", reason);
        std::ostringstream out;
        event.stringify(out, 0, -1);
        s.flushEvents(c);
        s.transport.send(id, out.str());
        s.transport.close(id, 1001, reason);
        s.tapiClose(c);
    }
    s.connections.clear();
    s.allSubscribers.clear();
    s.allConnections.clear();
    s.intervalSubscribers.clear();
    s.queueSubscribers.clear();
    s.agentSubscribers.clear();
    s.callSubscribers.clear();
    s.overflowed.clear();
}

} // namespace acd::server
