// WsServer over real sockets on 127.0.0.1 (ephemeral ports). Poco::Net::WebSocket is the
// well-behaved client (an independent RFC 6455 implementation); a raw Poco StreamSocket sends
// what a well-behaved client never would. Every wait is bounded; nothing sleeps.
#include "acd/net/ws_server.h"

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <malloc.h>
#include <map>
#include <mutex>
#include <thread>

using namespace acd::net;
using Poco::Net::WebSocket;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

class RecordingHandler : public WsHandler {
public:
    WsServer *server = nullptr;

    void onOpen(ConnectionId id, const PeerInfo &peer) override
    {
        std::lock_guard lock(m);
        opened.push_back(id);
        peers[id] = peer;
        cv.notify_all();
    }
    void onText(ConnectionId id, std::string message) override
    {
        server->send(id, "echo:" + message);
        std::lock_guard lock(m);
        texts.emplace_back(id, std::move(message));
        cv.notify_all();
    }
    void onClose(ConnectionId id, CloseInfo info) override
    {
        std::lock_guard lock(m);
        closed[id] = info;
        cv.notify_all();
    }
    HttpResponse onHttp(const HttpRequest &request) override
    {
        std::lock_guard lock(m);
        httpPaths.push_back(request.method + " " + request.target);
        cv.notify_all();
        if (request.path == "/health")
            return HttpResponse{200, "text/plain; charset=utf-8", "ok\n", {}};
        return HttpResponse{404, "text/plain; charset=utf-8", "no route\n", {}};
    }
    /// /later: the responder is kept (answered by the test); /dropped: it is dropped unanswered.
    void onHttpAsync(const HttpRequest &request, HttpResponder respond) override
    {
        if (request.path == "/later") {
            std::lock_guard lock(m);
            held.push_back(std::move(respond));
            cv.notify_all();
            return;
        }
        if (request.path == "/dropped")
            return;
        respond(onHttp(request));
    }
    void onOverflow(ConnectionId id) override
    {
        std::lock_guard lock(m);
        overflowed.push_back(id);
        cv.notify_all();
    }

    template<class Pred>
    bool waitUntil(Pred pred, std::chrono::milliseconds timeout = 5000ms)
    {
        std::unique_lock lock(m);
        return cv.wait_for(lock, timeout, pred);
    }

    std::mutex m;
    std::condition_variable cv;
    std::vector<ConnectionId> opened;
    std::map<ConnectionId, PeerInfo> peers;
    std::vector<std::pair<ConnectionId, std::string>> texts;
    std::map<ConnectionId, CloseInfo> closed;
    std::vector<std::string> httpPaths;
    std::vector<ConnectionId> overflowed;
    std::vector<HttpResponder> held; ///< cleared before the server goes (its contract)

    /// The responders of the /later requests so far, taken out of `held`.
    std::vector<HttpResponder> takeHeld()
    {
        std::lock_guard lock(m);
        std::vector<HttpResponder> out;
        out.swap(held);
        return out;
    }
};

struct Fixture {
    explicit Fixture(WsServerConfig config = {})
    {
        config.host = "127.0.0.1";
        config.port = 0;
        server = std::make_unique<WsServer>(config, handler);
        handler.server = server.get();
        std::string error;
        started = server->start(&error);
        EXPECT_TRUE(started) << error;
    }
    RecordingHandler handler;
    std::unique_ptr<WsServer> server;
    bool started = false;
};

struct WsClient {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    std::unique_ptr<WebSocket> ws;
    Poco::Net::HTTPResponse response;
};

WsClient connectClient(std::uint16_t port, const std::string &protocols = {})
{
    WsClient client;
    client.session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/ws?agent=7",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    if (!protocols.empty())
        request.set("Sec-WebSocket-Protocol", protocols);
    client.ws = std::make_unique<WebSocket>(*client.session, request, client.response);
    client.ws->setReceiveTimeout(Poco::Timespan(5, 0));
    return client;
}

struct Frame {
    int opcode = -1; // -1: connection closed
    std::string payload;
};

Frame receive(WebSocket &ws)
{
    Poco::Buffer<char> buffer(0);
    int flags = 0;
    int n = ws.receiveFrame(buffer, flags);
    if (n == 0 && flags == 0)
        return {};
    return Frame{flags & WebSocket::FRAME_OP_BITMASK, std::string(buffer.begin(), buffer.size())};
}

// Skips pings; returns the close code (0 for a bare EOF).
std::uint16_t receiveClose(WebSocket &ws, std::string *reason = nullptr, int *pings = nullptr)
{
    for (int i = 0; i < 100000; ++i) {
        Frame frame = receive(ws);
        if (frame.opcode == -1)
            return 0;
        if (frame.opcode == WebSocket::FRAME_OP_PING && pings)
            ++*pings;
        if (frame.opcode != WebSocket::FRAME_OP_CLOSE)
            continue;
        if (frame.payload.size() < 2)
            return close_code::NoStatus;
        if (reason)
            *reason = frame.payload.substr(2);
        return static_cast<std::uint16_t>((static_cast<unsigned char>(frame.payload[0]) << 8)
                                          | static_cast<unsigned char>(frame.payload[1]));
    }
    return 0;
}

Poco::Net::StreamSocket rawConnect(std::uint16_t port)
{
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    return socket;
}

void sendAll(Poco::Net::StreamSocket &socket, const std::string &bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size())
        sent += static_cast<std::size_t>(
            socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
}

std::string readToEof(Poco::Net::StreamSocket &socket)
{
    std::string all;
    char buffer[4096];
    for (;;) {
        int n = socket.receiveBytes(buffer, sizeof buffer);
        if (n <= 0)
            return all;
        all.append(buffer, static_cast<std::size_t>(n));
    }
}

void rawHandshake(Poco::Net::StreamSocket &socket)
{
    sendAll(socket, "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && socket.receiveBytes(&c, 1) == 1)
        head.push_back(c);
    ASSERT_EQ(head.rfind("HTTP/1.1 101 Switching Protocols\r\n", 0), 0u) << head;
    ASSERT_NE(head.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"),
              std::string::npos);
}

// Reads server frames until one of the wanted kind arrives (or EOF: Error with code 0).
WsEvent rawReceive(Poco::Net::StreamSocket &socket, FrameDecoder &decoder, WsEvent::Kind want)
{
    char buffer[4096];
    for (;;) {
        while (auto event = decoder.next()) {
            if (event->kind == want)
                return *event;
        }
        int n = socket.receiveBytes(buffer, sizeof buffer);
        if (n <= 0)
            return WsEvent{WsEvent::Kind::Error, "eof", 0};
        decoder.feed(buffer, static_cast<std::size_t>(n));
    }
}

const std::uint8_t kMask[4] = {1, 2, 3, 4};

/// The server's socket write count once it differs from `before` (the I/O thread counts a
/// write just after making it, so a received message's write may not be counted yet).
std::uint64_t writesOnceCounted(const WsServer &server, std::uint64_t before)
{
    for (int spins = 0; spins < 1'000'000 && server.stats().socketWrites == before; ++spins)
        std::this_thread::yield();
    return server.stats().socketWrites;
}

std::size_t threadCount()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

long rssKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

} // namespace

TEST(WsServer, ReportsTheEphemeralPortItBound)
{
    Fixture f;
    EXPECT_NE(f.server->port(), 0);
}

TEST(WsServer, HandshakesNegotiatesSubprotocolAndEchoesOverAPocoWebSocket)
{
    WsServerConfig config;
    config.subprotocols = {"acd.v1"};
    Fixture f(config);
    WsClient client = connectClient(f.server->port(), "other, acd.v1");
    EXPECT_EQ(client.response.get("Sec-WebSocket-Protocol"), "acd.v1");
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    {
        std::lock_guard lock(f.handler.m);
        const PeerInfo &peer = f.handler.peers[id];
        EXPECT_EQ(peer.address, "127.0.0.1");
        EXPECT_EQ(peer.path, "/ws");
        EXPECT_EQ(peer.query, "agent=7");
        EXPECT_EQ(peer.subprotocol, "acd.v1");
    }
    client.ws->sendFrame("hello", 5, WebSocket::FRAME_TEXT);
    Frame reply = receive(*client.ws);
    EXPECT_EQ(reply.opcode, WebSocket::FRAME_OP_TEXT);
    EXPECT_EQ(reply.payload, "echo:hello");
    EXPECT_EQ(f.server->connectionCount(), 1u);

    client.ws->shutdown(4000, "done"); // the client starts the close handshake
    std::string reason;
    EXPECT_EQ(receiveClose(*client.ws, &reason), 4000); // echoed
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.closed.count(id) == 1; }));
    std::lock_guard lock(f.handler.m);
    EXPECT_EQ(f.handler.closed[id].code, 4000);
    EXPECT_EQ(f.handler.closed[id].reason, "done");
    EXPECT_TRUE(f.handler.closed[id].byPeer);
}

TEST(WsServer, ServesAThousandConcurrentClientsWithTwoIoThreads)
{
    const std::size_t before = threadCount();
    WsServerConfig config;
    config.ioThreads = 2;
    Fixture f(config);
    EXPECT_EQ(f.server->ioThreadCount(), 2u);
    EXPECT_EQ(threadCount(), before + 2);

    constexpr int kClients = 1000;
    const long rssBefore = rssKiB();
    const auto start = Clock::now();
    std::vector<WsClient> clients;
    clients.reserve(kClients);
    for (int i = 0; i < kClients; ++i)
        clients.push_back(connectClient(f.server->port()));
    const auto connected = Clock::now();
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == kClients; }));
    EXPECT_EQ(f.server->connectionCount(), static_cast<std::size_t>(kClients));
    const long rssConnected = rssKiB();

    for (int i = 0; i < kClients; ++i) {
        std::string message = std::to_string(i);
        message.insert(message.begin(), 'm');
        clients[i].ws->sendFrame(message.data(), static_cast<int>(message.size()),
                                 WebSocket::FRAME_TEXT);
    }
    int replies = 0;
    for (int i = 0; i < kClients; ++i) {
        Frame reply = receive(*clients[i].ws);
        std::string expected = "echo:m";
        expected += std::to_string(i);
        if (reply.payload == expected)
            ++replies;
    }
    const auto done = Clock::now();
    EXPECT_EQ(replies, kClients);
    EXPECT_EQ(threadCount(), before + 2); // still only the two I/O threads
    EXPECT_EQ(f.server->stats().messagesIn, static_cast<std::uint64_t>(kClients));

    auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    std::printf("[ figures  ] 1000 clients: connect %lld ms, echo round %lld ms, total %lld ms; "
                "RSS +%ld KiB for 1000 connections (client+server sides in one process)\n",
                static_cast<long long>(ms(connected - start)),
                static_cast<long long>(ms(done - connected)),
                static_cast<long long>(ms(done - start)), rssConnected - rssBefore);
}

TEST(WsServer, IdleWebSocketCostsTheServerUnderFourKibOfHeap)
{
    // Raw clients hold no user-space state beyond a socket object, so the heap growth is the
    // server's: connection, decoder, queues, registry and loop map entries.
    Fixture f;
    constexpr int kClients = 500;
    std::vector<Poco::Net::StreamSocket> sockets;
    sockets.reserve(kClients);
    const std::size_t heapBefore = mallinfo2().uordblks;
    for (int i = 0; i < kClients; ++i) {
        sockets.push_back(rawConnect(f.server->port()));
        rawHandshake(sockets.back());
    }
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == kClients; }));
    const std::size_t heapAfter = mallinfo2().uordblks;
    const double perConnection = (double(heapAfter) - double(heapBefore)) / kClients;
    std::printf("[ figures  ] heap per idle WebSocket (server side + a Poco StreamSocket): "
                "%.0f bytes\n", perConnection);
    EXPECT_LT(perConnection, 4096.0);
}

TEST(WsServer, SlowConsumerOverflowsOnceWhileOthersKeepReceivingThenResyncs)
{
    WsServerConfig config;
    config.maxOutboundBytes = 64 * 1024;
    Fixture f(config);
    WsClient slow = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId slowId = f.handler.opened[0];

    // The slow client never reads: the kernel buffers fill, then the 64 KiB queue. After each
    // message, give the I/O thread up to 50 ms to hand it to the kernel, so the overflow comes
    // from the peer not reading, not from outrunning the I/O thread.
    const std::string chunk(16 * 1024, 's');
    const std::uint64_t frameBytes = encodeFrame(Opcode::Text, chunk).size();
    const std::uint64_t baseOut = f.server->stats().bytesOut;
    int accepted = 0;
    bool refused = false;
    for (int i = 0; i < 20000 && !refused; ++i) {
        if (!f.server->send(slowId, chunk)) {
            refused = true;
            break;
        }
        ++accepted;
        const auto until = Clock::now() + 50ms;
        while (f.server->stats().bytesOut < baseOut + accepted * frameBytes && Clock::now() < until)
            std::this_thread::sleep_for(200us);
    }
    ASSERT_TRUE(refused);
    std::printf("[ figures  ] slow consumer: %d x 16 KiB accepted before the overflow\n",
                accepted);
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.overflowed.size() == 1; }));
    for (int i = 0; i < 10; ++i)
        EXPECT_FALSE(f.server->send(slowId, "dropped"));

    // Another client is unaffected.
    WsClient other = connectClient(f.server->port());
    other.ws->sendFrame("still here", 10, WebSocket::FRAME_TEXT);
    EXPECT_EQ(receive(*other.ws).payload, "echo:still here");
    {
        std::lock_guard lock(f.handler.m);
        EXPECT_EQ(f.handler.overflowed, std::vector<ConnectionId>{slowId});
    }
    EXPECT_EQ(f.server->stats().overflows, 1u);

    // The application resyncs: everything accepted before the overflow, then the notice.
    EXPECT_TRUE(f.server->resume(slowId, "resync"));
    int received = 0;
    Frame frame;
    for (;;) {
        frame = receive(*slow.ws);
        if (frame.opcode != WebSocket::FRAME_OP_TEXT || frame.payload != chunk)
            break;
        ++received;
    }
    EXPECT_EQ(received, accepted);
    EXPECT_EQ(frame.payload, "resync");
    EXPECT_TRUE(f.server->send(slowId, "after resync"));
    EXPECT_EQ(receive(*slow.ws).payload, "after resync");
}

TEST(WsServer, UnmaskedClientFrameIsClosedWith1002)
{
    Fixture f;
    Poco::Net::StreamSocket socket = rawConnect(f.server->port());
    rawHandshake(socket);
    sendAll(socket, encodeFrame(Opcode::Text, "not masked"));
    FrameDecoder decoder(DecoderLimits{1 << 20, false});
    WsEvent close = rawReceive(socket, decoder, WsEvent::Kind::Close);
    EXPECT_EQ(close.code, 1002);
    EXPECT_EQ(close.payload, "unmasked client frame");
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.closed.size() == 1; }, 5000ms));
    std::lock_guard lock(f.handler.m);
    EXPECT_EQ(f.handler.closed.begin()->second.code, 1002);
    EXPECT_FALSE(f.handler.closed.begin()->second.byPeer);
}

TEST(WsServer, MessageOverTheConfiguredLimitIsClosedWith1009)
{
    WsServerConfig config;
    config.maxMessageBytes = 1024;
    Fixture f(config);
    WsClient client = connectClient(f.server->port());
    const std::string big(2000, 'b');
    client.ws->sendFrame(big.data(), static_cast<int>(big.size()), WebSocket::FRAME_TEXT);
    EXPECT_EQ(receiveClose(*client.ws), 1009);
}

TEST(WsServer, InvalidUtf8TextIsClosedWith1007)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    client.ws->sendFrame("\xff\xfe", 2, WebSocket::FRAME_TEXT);
    EXPECT_EQ(receiveClose(*client.ws), 1007);
    std::lock_guard lock(f.handler.m);
    EXPECT_TRUE(f.handler.texts.empty());
}

TEST(WsServer, FragmentedMessageFromARawClientIsReassembled)
{
    Fixture f;
    Poco::Net::StreamSocket socket = rawConnect(f.server->port());
    rawHandshake(socket);
    sendAll(socket, encodeFrame(Opcode::Text, "Hel", false, kMask)
                        + encodeFrame(Opcode::Continuation, "lo", true, kMask));
    FrameDecoder decoder(DecoderLimits{1 << 20, false});
    EXPECT_EQ(rawReceive(socket, decoder, WsEvent::Kind::Text).payload, "echo:Hello");
}

TEST(WsServer, GarbageBeforeTheHandshakeGets400AndIsClosed)
{
    Fixture f;
    Poco::Net::StreamSocket socket = rawConnect(f.server->port());
    sendAll(socket, std::string("\x00\x01\x02garbage\r\n\r\n", 14));
    std::string response = readToEof(socket); // EOF: the server closed
    EXPECT_EQ(response.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << response;
    EXPECT_EQ(f.server->stats().protocolErrors, 1u);
    std::lock_guard lock(f.handler.m);
    EXPECT_TRUE(f.handler.opened.empty());
    EXPECT_TRUE(f.handler.httpPaths.empty());
}

TEST(WsServer, RequestHeadOverEightKibGets400)
{
    Fixture f;
    Poco::Net::StreamSocket socket = rawConnect(f.server->port());
    sendAll(socket, "GET / HTTP/1.1\r\nX-Fill: " + std::string(9000, 'a'));
    std::string response = readToEof(socket);
    EXPECT_EQ(response.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u);
    EXPECT_NE(response.find("request head larger than 8192 bytes"), std::string::npos);
}

TEST(WsServer, SilentConnectionIsDroppedAfterTheHandshakeTimeout)
{
    WsServerConfig config;
    config.handshakeTimeout = 200ms;
    Fixture f(config);
    Poco::Net::StreamSocket socket = rawConnect(f.server->port());
    const auto start = Clock::now();
    EXPECT_EQ(readToEof(socket), "");
    EXPECT_LT(Clock::now() - start, 3s);
}

TEST(WsServer, PingFromTheClientGetsAPongWithTheSamePayload)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    client.ws->sendFrame("abc", 3, int(WebSocket::FRAME_FLAG_FIN) | int(WebSocket::FRAME_OP_PING));
    Frame pong = receive(*client.ws);
    EXPECT_EQ(pong.opcode, WebSocket::FRAME_OP_PONG);
    EXPECT_EQ(pong.payload, "abc");
}

TEST(WsServer, HeartbeatPingsThenClosesASilentClientWith1001)
{
    WsServerConfig config;
    config.pingInterval = 50ms;
    config.idleTimeout = 300ms;
    config.closeTimeout = 200ms;
    Fixture f(config);
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const auto start = Clock::now();
    int pings = 0;
    std::string reason;
    EXPECT_EQ(receiveClose(*client.ws, &reason, &pings), 1001);
    EXPECT_EQ(reason, "idle timeout");
    EXPECT_GE(pings, 1);
    EXPECT_LT(Clock::now() - start, 3s);
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.closed.size() == 1; }));
    std::lock_guard lock(f.handler.m);
    EXPECT_EQ(f.handler.closed.begin()->second.code, 1001);
}

TEST(WsServer, FrameFloodIsClosedWith1008)
{
    WsServerConfig config;
    config.maxFramesPerSecond = 20;
    Fixture f(config);
    Poco::Net::StreamSocket socket = rawConnect(f.server->port());
    rawHandshake(socket);
    std::string flood;
    for (int i = 0; i < 50; ++i)
        flood += encodeFrame(Opcode::Ping, "x", true, kMask);
    sendAll(socket, flood);
    FrameDecoder decoder(DecoderLimits{1 << 20, false});
    WsEvent close = rawReceive(socket, decoder, WsEvent::Kind::Close);
    EXPECT_EQ(close.code, 1008);
    EXPECT_EQ(close.payload, "more than 20 frames per second");
}

/// Status and body of a GET on `session` (which must not have been used).
std::pair<int, std::string> get(Poco::Net::HTTPClientSession &session, const std::string &path)
{
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream &body = session.receiveResponse(response);
    std::string text;
    Poco::StreamCopier::copyToString(body, text);
    return {response.getStatus(), text};
}

TEST(WsServer, PlainGetHealthIsRoutedToOnHttp)
{
    Fixture f;
    Poco::Net::HTTPClientSession session("127.0.0.1", f.server->port());
    EXPECT_EQ(get(session, "/health"), (std::pair<int, std::string>{200, "ok\n"}));
    Poco::Net::HTTPClientSession second("127.0.0.1", f.server->port());
    EXPECT_EQ(get(second, "/nope").first, 404);
    std::lock_guard lock(f.handler.m);
    EXPECT_EQ(f.handler.httpPaths, (std::vector<std::string>{"GET /health", "GET /nope"}));
}

TEST(WsServer, ARequestAnsweredLaterLeavesTheIoThreadToOthersMeanwhile)
{
    Fixture f; // one I/O thread
    Poco::Net::HTTPClientSession waiting("127.0.0.1", f.server->port());
    waiting.setTimeout(Poco::Timespan(5, 0));
    std::pair<int, std::string> late;
    std::thread asker([&] { late = get(waiting, "/later"); });
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.held.size() == 1; }));
    Poco::Net::HTTPClientSession other("127.0.0.1", f.server->port());
    other.setTimeout(Poco::Timespan(5, 0));
    EXPECT_EQ(get(other, "/health"), (std::pair<int, std::string>{200, "ok\n"}));
    HttpResponder respond = std::move(f.handler.takeHeld().front());
    std::thread([&] { respond(HttpResponse{202, "text/plain", "done\n", {}}); }).join();
    respond(HttpResponse{200, "text/plain", "twice\n", {}}); // only the first answer counts
    asker.join();
    EXPECT_EQ(late, (std::pair<int, std::string>{202, "done\n"}));
}

TEST(WsServer, AClientThatHalfClosesAfterItsRequestStillGetsTheLaterAnswer)
{
    Fixture f;
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", f.server->port()));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    const std::string request = "GET /later HTTP/1.1\r\nHost: x\r\n\r\n";
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    socket.shutdownSend();
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.held.size() == 1; }));
    HttpResponder respond = std::move(f.handler.takeHeld().front());
    respond(HttpResponse{202, "text/plain", "done\n", {}});
    std::string text;
    char buffer[512];
    for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
        text.append(buffer, static_cast<std::size_t>(n));
    EXPECT_EQ(text.rfind("HTTP/1.1 202", 0), 0u) << text;
    EXPECT_NE(text.find("\r\n\r\ndone\n"), std::string::npos) << text;
}

TEST(WsServer, ARequestWhoseAnswerIsDroppedGets500)
{
    Fixture f;
    Poco::Net::HTTPClientSession session("127.0.0.1", f.server->port());
    session.setTimeout(Poco::Timespan(5, 0));
    EXPECT_EQ(get(session, "/dropped").first, 500);
}

TEST(WsServer, ARequestNotAnsweredInTimeGets504AndALateAnswerChangesNothing)
{
    WsServerConfig config;
    config.httpResponseTimeout = 300ms;
    Fixture f(config);
    Poco::Net::HTTPClientSession session("127.0.0.1", f.server->port());
    session.setTimeout(Poco::Timespan(5, 0));
    EXPECT_EQ(get(session, "/later").first, 504);
    std::vector<HttpResponder> held = f.handler.takeHeld();
    ASSERT_EQ(held.size(), 1u);
    held.front()(HttpResponse{200, "text/plain", "late\n", {}});
    held.clear();
    Poco::Net::HTTPClientSession next("127.0.0.1", f.server->port());
    next.setTimeout(Poco::Timespan(5, 0));
    EXPECT_EQ(get(next, "/health").first, 200);
}

TEST(WsServer, ConnectionsBeyondTheLimitGet503)
{
    WsServerConfig config;
    config.maxConnections = 2;
    Fixture f(config);
    WsClient first = connectClient(f.server->port());
    WsClient second = connectClient(f.server->port());
    Poco::Net::StreamSocket third = rawConnect(f.server->port());
    std::string response = readToEof(third);
    EXPECT_EQ(response.rfind("HTTP/1.1 503 Service Unavailable\r\n", 0), 0u) << response;
    EXPECT_EQ(f.server->stats().rejectedConnections, 1u);
    EXPECT_EQ(f.server->connectionCount(), 2u);
}

TEST(WsServer, AMessageSentInTwoPartsArrivesAsOneTextMessageOfEveryLengthClass)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    // 7-bit, 16-bit and 64-bit payload lengths, the header written before the two parts.
    for (std::size_t size : {std::size_t(20), std::size_t(300), std::size_t(70000)}) {
        const std::string tail(size, 'x');
        EXPECT_TRUE(f.server->sendParts(id, "{\"seq\":7,", tail));
        EXPECT_EQ(receive(*client.ws).payload, "{\"seq\":7," + tail) << size;
    }
}

TEST(WsServer, MessagesQueuedByAHoldingThreadLeaveInOneWriteWhenItReleases)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    EXPECT_TRUE(f.server->send(id, "first")); // the handshake's write is done once it arrives
    EXPECT_EQ(receive(*client.ws).payload, "first");
    for (int spins = 0; spins < 1'000'000 && f.server->stats().socketWrites < 2; ++spins)
        std::this_thread::yield(); // the handshake's and this message's writes are counted
    f.server->holdFlushesOnThisThread();
    const std::uint64_t writesBefore = f.server->stats().socketWrites;
    for (const char *text : {"one", "two", "three"})
        EXPECT_TRUE(f.server->send(id, text));
    EXPECT_EQ(f.server->stats().socketWrites, writesBefore); // held: nothing written yet
    f.server->releaseHeldFlushes();
    EXPECT_EQ(receive(*client.ws).payload, "one");
    EXPECT_EQ(receive(*client.ws).payload, "two");
    EXPECT_EQ(receive(*client.ws).payload, "three");
    // Three writes would show at least two here, since the last one has been received.
    EXPECT_EQ(writesOnceCounted(*f.server, writesBefore), writesBefore + 1);
    f.server->holdFlushesOnThisThread(false);
}

TEST(WsServer, SendManyQueuesEachMessageAsItsOwnFrameInOrder)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const std::string messages = "abbccc" + std::string(300, 'd');
    const std::uint32_t ends[] = {1, 3, 6, 306};
    EXPECT_EQ(f.server->sendMany(f.handler.opened[0], messages, ends), 4u);
    EXPECT_EQ(receive(*client.ws).payload, "a");
    EXPECT_EQ(receive(*client.ws).payload, "bb");
    EXPECT_EQ(receive(*client.ws).payload, "ccc");
    EXPECT_EQ(receive(*client.ws).payload, std::string(300, 'd'));
}

/// The fixture's one connection once its handshake's bytes have left (a first message sent
/// after them has arrived): from then on its queue counts only what the test queues. 0 when
/// it did not open.
ConnectionId openWithNothingQueued(Fixture &f, WsClient &client)
{
    if (!f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }))
        return 0;
    const ConnectionId id = f.handler.opened[0];
    EXPECT_TRUE(f.server->send(id, "first"));
    EXPECT_EQ(receive(*client.ws).payload, "first");
    return id;
}

TEST(WsServer, SendManyStopsAtTheFirstMessageThatDoesNotFitAndOverflowsOnce)
{
    WsServerConfig config;
    config.maxOutboundBytes = 4096;
    Fixture f(config);
    WsClient client = connectClient(f.server->port());
    const ConnectionId id = openWithNothingQueued(f, client);
    ASSERT_NE(id, 0u);
    f.server->holdFlushesOnThisThread(); // nothing leaves: what is queued stays counted
    const std::string messages(4 * 1500, 'x');
    const std::uint32_t ends[] = {1500, 3000, 4500, 6000}; // frames of 1,504 bytes: two fit
    EXPECT_EQ(f.server->sendMany(id, messages, ends), 2u);
    EXPECT_EQ(f.server->sendMany(id, messages, ends), 0u); // overflowed until resumed
    EXPECT_EQ(f.server->stats().overflows, 1u);
    f.server->holdFlushesOnThisThread(false);
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.overflowed.size() == 1; }));
    EXPECT_EQ(receive(*client.ws).payload, std::string(1500, 'x'));
    EXPECT_EQ(receive(*client.ws).payload, std::string(1500, 'x'));
}

/// A burst shared by several connections, as the protocol hands it over.
struct SharedBodies {
    std::string bodies;
    std::vector<std::uint32_t> ends;
};

TEST(WsServer, NumberedMessagesArriveAsPrefixNumberAndBodyInOrderWithOtherSends)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    auto shared = std::make_shared<SharedBodies>();
    shared->bodies = ",a}"
                     ",bb}"
                     + std::string(",") + std::string(300, 'c') + "}";
    shared->ends = {3, 7, 309};
    f.server->holdFlushesOnThisThread(); // all four queued before the I/O thread frames any
    EXPECT_TRUE(f.server->send(id, "before"));
    EXPECT_EQ(f.server->sendNumbered(id, "{\"seq\":", 41, shared, shared->bodies, 3,
                                     std::span(shared->ends).subspan(1)),
              2u); // from the second body on
    EXPECT_TRUE(f.server->send(id, "after"));
    f.server->holdFlushesOnThisThread(false);
    EXPECT_EQ(receive(*client.ws).payload, "before");
    EXPECT_EQ(receive(*client.ws).payload, "{\"seq\":41,bb}");
    EXPECT_EQ(receive(*client.ws).payload, "{\"seq\":42," + std::string(300, 'c') + "}");
    EXPECT_EQ(receive(*client.ws).payload, "after");
}

TEST(WsServer, TheFrontLetsGoOfNumberedMessagesOnceTheyAreWritten)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    auto shared = std::make_shared<SharedBodies>();
    shared->bodies = ",x}";
    shared->ends = {3};
    EXPECT_EQ(f.server->sendNumbered(f.handler.opened[0], "{\"seq\":", 1, shared, shared->bodies, 0,
                                     shared->ends),
              1u);
    EXPECT_EQ(receive(*client.ws).payload, "{\"seq\":1,x}");
    for (int spins = 0; spins < 1'000'000 && shared.use_count() > 1; ++spins)
        std::this_thread::yield();
    EXPECT_EQ(shared.use_count(), 1);
}

TEST(WsServer, NumberedMessagesThatDoNotFitOverflowTheConnectionAsSendManyDoes)
{
    WsServerConfig config;
    config.maxOutboundBytes = 4096;
    Fixture f(config);
    WsClient client = connectClient(f.server->port());
    const ConnectionId id = openWithNothingQueued(f, client);
    ASSERT_NE(id, 0u);
    f.server->holdFlushesOnThisThread(); // nothing leaves: what is queued stays counted
    auto shared = std::make_shared<SharedBodies>();
    shared->bodies = std::string(4 * 1500, 'x');
    shared->ends = {1500, 3000, 4500, 6000}; // "{"seq":7" + 1,500 bytes: frames of 1,512 bytes
    EXPECT_EQ(f.server->sendNumbered(id, "{\"seq\":", 7, shared, shared->bodies, 0, shared->ends),
              2u);
    EXPECT_EQ(f.server->sendNumbered(id, "{\"seq\":", 9, shared, shared->bodies, 0, shared->ends),
              0u); // overflowed until resumed
    EXPECT_EQ(f.server->stats().overflows, 1u);
    f.server->holdFlushesOnThisThread(false);
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.overflowed.size() == 1; }));
    EXPECT_EQ(receive(*client.ws).payload, "{\"seq\":7" + std::string(1500, 'x'));
    EXPECT_EQ(receive(*client.ws).payload, "{\"seq\":8" + std::string(1500, 'x'));
}

TEST(WsServer, APacedConnectionWaitsOutItsIntervalAndGathersWhatCameMeanwhile)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    f.server->setMinWriteInterval(id, std::chrono::milliseconds(500));
    EXPECT_TRUE(f.server->send(id, "first"));
    EXPECT_EQ(receive(*client.ws).payload, "first");
    for (int spins = 0; spins < 1'000'000 && f.server->stats().socketWrites < 2; ++spins)
        std::this_thread::yield(); // the handshake's and this message's writes are counted
    const std::uint64_t writesBefore = f.server->stats().socketWrites;
    const auto sentAt = Clock::now();
    for (const char *text : {"one", "two", "three"})
        EXPECT_TRUE(f.server->send(id, text));
    EXPECT_EQ(receive(*client.ws).payload, "one");
    // "first" was written moments ago: the next write waits for the rest of the 500 ms.
    EXPECT_GE(Clock::now() - sentAt, std::chrono::milliseconds(250));
    EXPECT_EQ(receive(*client.ws).payload, "two");
    EXPECT_EQ(receive(*client.ws).payload, "three");
    EXPECT_EQ(writesOnceCounted(*f.server, writesBefore), writesBefore + 1);
}

TEST(WsServer, UnpacingAConnectionWritesWhatWaitsForItsSlotAtOnce)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    f.server->setMinWriteInterval(id, std::chrono::minutes(10)); // its slot: minutes away
    const auto sentAt = Clock::now();
    EXPECT_TRUE(f.server->send(id, "waiting for its slot"));
    f.server->setMinWriteInterval(id, std::chrono::milliseconds(0));
    EXPECT_EQ(receive(*client.ws).payload, "waiting for its slot");
    EXPECT_LT(Clock::now() - sentAt, std::chrono::seconds(5));
}

TEST(WsServer, AnotherThreadsSendsAreNotHeld)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    f.server->holdFlushesOnThisThread();
    std::thread other([&] { EXPECT_TRUE(f.server->send(id, "from another thread")); });
    other.join();
    EXPECT_EQ(receive(*client.ws).payload, "from another thread"); // no release needed
    f.server->holdFlushesOnThisThread(false);
}

TEST(WsServer, EndingTheHoldWritesWhatWasHeld)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    f.server->holdFlushesOnThisThread();
    EXPECT_TRUE(f.server->send(id, "held"));
    f.server->holdFlushesOnThisThread(false);
    EXPECT_EQ(receive(*client.ws).payload, "held");
    EXPECT_TRUE(f.server->send(id, "not held")); // holding ended: written at once
    EXPECT_EQ(receive(*client.ws).payload, "not held");
}

TEST(WsServer, AServerDestroyedWhileItsThreadHeldFlushesLeavesTheNextOneUnheld)
{
    {
        Fixture held;
        held.server->holdFlushesOnThisThread(); // and never ended, as a failing test might
    }
    Fixture f; // may well be allocated where the first one was
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    EXPECT_TRUE(f.server->send(f.handler.opened[0], "not held"));
    EXPECT_EQ(receive(*client.ws).payload, "not held"); // no release needed
}

TEST(WsServer, CloseFromTheApplicationSendsItsCodeAndReason)
{
    Fixture f;
    WsClient client = connectClient(f.server->port());
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 1; }));
    const ConnectionId id = f.handler.opened[0];
    EXPECT_TRUE(f.server->send(id, "last words"));
    f.server->close(id, 4001, "kicked");
    EXPECT_EQ(receive(*client.ws).payload, "last words");
    std::string reason;
    EXPECT_EQ(receiveClose(*client.ws, &reason), 4001);
    EXPECT_EQ(reason, "kicked");
    client.ws->shutdown(4001, "");
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.closed.count(id) == 1; }));
    EXPECT_FALSE(f.server->send(id, "too late"));
    std::lock_guard lock(f.handler.m);
    EXPECT_EQ(f.handler.closed[id].code, 4001);
    EXPECT_FALSE(f.handler.closed[id].byPeer);
}

TEST(WsServer, StopWithClientsConnectedReturnsWithinTwoSecondsAndSendsGoingAway)
{
    Fixture f;
    std::vector<WsClient> clients;
    for (int i = 0; i < 20; ++i)
        clients.push_back(connectClient(f.server->port()));
    Poco::Net::StreamSocket halfOpen = rawConnect(f.server->port()); // never finishes a request
    ASSERT_TRUE(f.handler.waitUntil([&] { return f.handler.opened.size() == 20; }));

    const auto start = Clock::now();
    f.server->stop();
    EXPECT_LT(Clock::now() - start, 2s);
    {
        std::lock_guard lock(f.handler.m);
        EXPECT_EQ(f.handler.closed.size(), 20u);
        for (const auto &[id, info] : f.handler.closed)
            EXPECT_EQ(info.code, 1001);
    }
    for (auto &client : clients)
        EXPECT_EQ(receiveClose(*client.ws), 1001);
    EXPECT_EQ(f.server->connectionCount(), 0u);
    f.server->stop(); // idempotent
}
