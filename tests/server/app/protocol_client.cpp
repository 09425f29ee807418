#include "protocol_client.h"

#include <Poco/Buffer.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/WebSocket.h>

#include <chrono>

namespace acd::server::test {

std::string codeOf(const Poco::JSON::Object::Ptr &response)
{
    if (!response)
        return "none";
    if (response->getValue<bool>("ok"))
        return "ok";
    return response->getObject("error")->getValue<std::string>("code");
}

ProtocolClient::ProtocolClient(int port, const std::string &path)
    : ProtocolClient(port, path, std::string())
{
}

ProtocolClient::ProtocolClient(int port, const std::string &path, const std::string &caFile)
{
    try {
        if (caFile.empty()) {
            m_session = std::make_unique<Poco::Net::HTTPClientSession>(
                "127.0.0.1", static_cast<Poco::UInt16>(port));
        } else {
            static const bool sslReady = (Poco::Net::initializeSSL(), true);
            (void)sslReady;
            Poco::Net::Context::Ptr context =
                new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile,
                                       Poco::Net::Context::VERIFY_RELAXED);
            m_session = std::make_unique<Poco::Net::HTTPSClientSession>(
                "127.0.0.1", static_cast<Poco::UInt16>(port), context);
        }
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                       Poco::Net::HTTPRequest::HTTP_1_1);
        Poco::Net::HTTPResponse response;
        m_socket = std::make_unique<Poco::Net::WebSocket>(*m_session, request, response);
        m_socket->setMaxPayloadSize(4 << 20);
    } catch (const Poco::Exception &) {
        m_socket.reset();
    }
}

ProtocolClient::~ProtocolClient()
{
    if (m_socket) {
        try {
            m_socket->shutdown();
        } catch (const Poco::Exception &) {
        }
    }
}

Poco::JSON::Object::Ptr ProtocolClient::receive(int timeoutMs)
{
    if (!m_socket || m_closed)
        return nullptr;
    try {
        m_socket->setReceiveTimeout(Poco::Timespan(0, timeoutMs * 1000));
        Poco::Buffer<char> buffer(0);
        int flags = 0;
        int n = m_socket->receiveFrame(buffer, flags);
        int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
        if (n == 0 && flags == 0) {
            m_closed = true;
            return nullptr;
        }
        if (opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE) {
            m_closed = true;
            m_closeCode = buffer.size() >= 2 ? (static_cast<unsigned char>(buffer[0]) << 8)
                                                   | static_cast<unsigned char>(buffer[1])
                                             : 1005;
            return nullptr;
        }
        if (opcode != Poco::Net::WebSocket::FRAME_OP_TEXT)
            return receive(timeoutMs);
        Poco::JSON::Parser parser;
        return parser.parse(std::string(buffer.begin(), buffer.size()))
            .extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::TimeoutException &) {
        return nullptr;
    } catch (const Poco::Exception &) {
        m_closed = true;
        return nullptr;
    }
}

Poco::JSON::Object::Ptr ProtocolClient::request(const std::string &fields, int timeoutMs)
{
    if (!m_socket)
        return nullptr;
    int id = m_nextId++;
    std::string text = "{\"id\":" + std::to_string(id) + (fields.empty() ? "" : ",") + fields + "}";
    try {
        m_socket->sendFrame(text.data(), static_cast<int>(text.size()),
                            Poco::Net::WebSocket::FRAME_TEXT);
    } catch (const Poco::Exception &) {
        return nullptr;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        Poco::JSON::Object::Ptr m = receive(static_cast<int>(std::max<long>(1, left)));
        if (!m) {
            if (m_closed)
                return nullptr;
            continue;
        }
        if (m->has("re") && m->get("re").convert<int>() == id)
            return m;
        if (m->has("ev"))
            events.push_back(m);
    }
    return nullptr;
}

Poco::JSON::Object::Ptr
ProtocolClient::waitEvent(const std::function<bool(const Poco::JSON::Object &)> &match,
                          int timeoutMs)
{
    for (const auto &e : events)
        if (match(*e))
            return e;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        Poco::JSON::Object::Ptr m = receive(static_cast<int>(std::max<long>(1, left)));
        if (!m) {
            if (m_closed)
                return nullptr;
            continue;
        }
        if (!m->has("ev"))
            continue;
        events.push_back(m);
        if (match(*m))
            return m;
    }
    return nullptr;
}

bool ProtocolClient::waitClosed(int &code, int timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!m_closed && std::chrono::steady_clock::now() < deadline) {
        if (auto m = receive(100); m && m->has("ev"))
            events.push_back(m);
    }
    code = m_closeCode;
    return m_closed;
}

} // namespace acd::server::test
