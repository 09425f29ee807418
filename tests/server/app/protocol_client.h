#pragma once
// A protocol client for tests: Poco's WebSocket client (an implementation independent of
// ours) speaking docs/protocol.md, with bounded waits.
#include <Poco/JSON/Object.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPClientSession;
class WebSocket;
} // namespace Poco::Net

namespace acd::server::test {

class ProtocolClient {
public:
    explicit ProtocolClient(int port, const std::string &path = "/acd/v1");
    /// Over TLS (wss://), verifying the server's certificate against `caFile` (PEM).
    ProtocolClient(int port, const std::string &path, const std::string &caFile);
    ~ProtocolClient();
    bool connected() const { return m_socket != nullptr; }

    /// How long the tests wait for what must come. These tests check what arrives, not how
    /// fast: on a loaded CI machine (two tests at once beside other tenants) replies that take
    /// 150 ms of PBKDF2 when idle were seen to take over 5 s.
    static constexpr int kPatienceMs = 30000;

    /// Sends `{"id": N, <fields>}` and returns the response (nullptr after the time); events
    /// that arrive meanwhile are kept.
    Poco::JSON::Object::Ptr request(const std::string &fields, int timeoutMs = kPatienceMs);
    /// The first event (kept or arriving within the time) that `match` accepts.
    Poco::JSON::Object::Ptr waitEvent(const std::function<bool(const Poco::JSON::Object &)> &match,
                                      int timeoutMs = kPatienceMs);
    /// True when the server closed the connection within the time; `code` gets its code.
    bool waitClosed(int &code, int timeoutMs = kPatienceMs);
    std::vector<Poco::JSON::Object::Ptr> events;

private:
    /// Reads one message (nullptr on timeout or close).
    Poco::JSON::Object::Ptr receive(int timeoutMs);

    std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
    std::unique_ptr<Poco::Net::WebSocket> m_socket;
    int m_nextId = 1;
    bool m_closed = false;
    int m_closeCode = 0;
};

/// "ok", or the error code of a response; "none" for no response.
std::string codeOf(const Poco::JSON::Object::Ptr &response);

} // namespace acd::server::test
