// WsServer with TLS (wss:// and https://) over real sockets on 127.0.0.1. A self-signed
// certificate and keys are made once with the openssl CLI in a temp directory. Poco NetSSL is
// the client (an independent TLS + WebSocket implementation); a raw Poco StreamSocket plays
// clients that do not speak TLS. Every wait is bounded.
#include "acd/net/ws_server.h"

#include <Poco/Buffer.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

using namespace acd::net;
using Poco::Net::WebSocket;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

class EchoHandler : public WsHandler {
public:
    WsServer *server = nullptr;

    void onOpen(ConnectionId id, const PeerInfo &) override
    {
        std::lock_guard lock(m);
        opened.push_back(id);
        cv.notify_all();
    }
    void onText(ConnectionId id, std::string message) override
    {
        server->send(id, "echo:" + message);
        std::lock_guard lock(m);
        ++texts;
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
        if (request.path == "/health")
            return HttpResponse{200, "text/plain; charset=utf-8", "ok\n", {}};
        return HttpResponse{404, "text/plain; charset=utf-8", "no route\n", {}};
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
    int texts = 0;
    std::map<ConnectionId, CloseInfo> closed;
};

// A self-signed certificate for localhost / 127.0.0.1, its key, and a key that does not match.
struct Certificates {
    std::filesystem::path dir;
    std::string cert, key, otherKey, garbage;
    bool ok = false;

    Certificates()
    {
        dir = std::filesystem::temp_directory_path()
              / ("acd-tls-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        cert = (dir / "c.pem").string();
        key = (dir / "k.pem").string();
        otherKey = (dir / "other-k.pem").string();
        garbage = (dir / "garbage.pem").string();
        const std::string make =
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key + "' -out '" + cert
            + "' -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
              " 2>/dev/null && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"
              " -out '"
            + otherKey + "' 2>/dev/null";
        ok = std::system(make.c_str()) == 0;
        std::ofstream(garbage) << "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n";
    }
    ~Certificates() { std::filesystem::remove_all(dir); }
};

const Certificates &certificates()
{
    static Certificates c;
    return c;
}

class Tls : public ::testing::Test {
protected:
    static void SetUpTestSuite() { Poco::Net::initializeSSL(); }
    static void TearDownTestSuite() { Poco::Net::uninitializeSSL(); }

    void SetUp() override { ASSERT_TRUE(certificates().ok) << "openssl CLI failed"; }

    void startServer(WsServerConfig config = {})
    {
        config.host = "127.0.0.1";
        config.port = 0;
        config.tlsCertificateFile = certificates().cert;
        config.tlsKeyFile = certificates().key;
        server = std::make_unique<WsServer>(config, handler);
        handler.server = server.get();
        std::string error;
        ASSERT_TRUE(server->start(&error)) << error;
    }

    EchoHandler handler;
    std::unique_ptr<WsServer> server;
};

// Verifies the server's certificate against c.pem itself (chain and host name).
Poco::Net::Context::Ptr verifyingContext()
{
    return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", certificates().cert,
                                  Poco::Net::Context::VERIFY_RELAXED);
}

Poco::Net::Context::Ptr trustingContext()
{
    return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                  Poco::Net::Context::VERIFY_NONE);
}

struct WssClient {
    std::unique_ptr<Poco::Net::HTTPSClientSession> session;
    std::unique_ptr<WebSocket> ws;
    Poco::Net::HTTPResponse response;
};

WssClient connectWss(std::uint16_t port, Poco::Net::Context::Ptr context)
{
    WssClient client;
    client.session = std::make_unique<Poco::Net::HTTPSClientSession>("127.0.0.1", port, context);
    client.session->setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/ws",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
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

std::uint16_t receiveClose(WebSocket &ws, std::string *reason = nullptr)
{
    for (int i = 0; i < 1000; ++i) {
        Frame frame = receive(ws);
        if (frame.opcode == -1)
            return 0;
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

void sendAll(Poco::Net::StreamSocket &socket, const std::string &bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size())
        sent += static_cast<std::size_t>(
            socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
}

// Reads until EOF or an error (a reset, a TLS alert surfacing as an exception).
std::string readToEof(Poco::Net::StreamSocket &socket)
{
    std::string all;
    char buffer[4096];
    try {
        for (;;) {
            int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0)
                return all;
            all.append(buffer, static_cast<std::size_t>(n));
        }
    } catch (const Poco::Exception &) {
        return all;
    }
}

// The WebSocket handshake by hand over a TLS socket.
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

WsEvent rawReceive(Poco::Net::StreamSocket &socket, FrameDecoder &decoder, WsEvent::Kind want)
{
    char buffer[4096];
    for (;;) {
        while (auto event = decoder.next()) {
            if (event->kind == want)
                return *event;
        }
        int n = 0;
        try {
            n = socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception &) {
        }
        if (n <= 0)
            return WsEvent{WsEvent::Kind::Error, "eof", 0};
        decoder.feed(buffer, static_cast<std::size_t>(n));
    }
}

std::size_t threadCount()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

template<class Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout = 5000ms)
{
    const auto until = Clock::now() + timeout;
    while (!pred()) {
        if (Clock::now() >= until)
            return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

const std::uint8_t kMask[4] = {1, 2, 3, 4};

} // namespace

TEST_F(Tls, AWssClientVerifyingTheCertificateHandshakesAndEchoesText)
{
    startServer();
    WssClient client = connectWss(server->port(), verifyingContext());
    EXPECT_EQ(client.response.getStatus(), 101);
    client.ws->sendFrame("hello", 5, WebSocket::FRAME_TEXT);
    Frame reply = receive(*client.ws);
    EXPECT_EQ(reply.opcode, WebSocket::FRAME_OP_TEXT);
    EXPECT_EQ(reply.payload, "echo:hello");
    EXPECT_EQ(server->connectionCount(), 1u);
    EXPECT_EQ(server->stats().tlsHandshakes, 1u);
    EXPECT_EQ(server->stats().tlsErrors, 0u);

    client.ws->shutdown(4000, "done");
    std::string reason;
    EXPECT_EQ(receiveClose(*client.ws, &reason), 4000);
    ASSERT_TRUE(handler.waitUntil([&] { return handler.closed.size() == 1; }));
    std::lock_guard lock(handler.m);
    EXPECT_EQ(handler.closed.begin()->second.code, 4000);
    EXPECT_EQ(handler.closed.begin()->second.reason, "done");
    EXPECT_TRUE(handler.closed.begin()->second.byPeer);
}

TEST_F(Tls, AMessageSpanningManyTlsRecordsIsEchoedWhole)
{
    startServer();
    WssClient client = connectWss(server->port(), trustingContext());
    std::string big(300 * 1024, 'x');
    for (std::size_t i = 0; i < big.size(); i += 997)
        big[i] = static_cast<char>('a' + i % 26);
    client.ws->sendFrame(big.data(), static_cast<int>(big.size()), WebSocket::FRAME_TEXT);
    Frame reply = receive(*client.ws);
    EXPECT_EQ(reply.opcode, WebSocket::FRAME_OP_TEXT);
    EXPECT_EQ(reply.payload.size(), big.size() + 5);
    EXPECT_TRUE(reply.payload == "echo:" + big);
}

TEST_F(Tls, TwoHundredConcurrentTlsClientsEchoOnTwoIoThreads)
{
    const std::size_t before = threadCount();
    WsServerConfig config;
    config.ioThreads = 2;
    startServer(config);
    EXPECT_EQ(threadCount(), before + 2);

    constexpr int kClients = 200;
    Poco::Net::Context::Ptr context = trustingContext();
    const auto start = Clock::now();
    std::vector<WssClient> clients;
    clients.reserve(kClients);
    for (int i = 0; i < kClients; ++i)
        clients.push_back(connectWss(server->port(), context));
    const auto connected = Clock::now();
    ASSERT_TRUE(handler.waitUntil([&] { return handler.opened.size() == kClients; }));
    EXPECT_EQ(server->connectionCount(), static_cast<std::size_t>(kClients));

    for (int i = 0; i < kClients; ++i) {
        std::string message = std::to_string(i);
        message.insert(message.begin(), 'm'); // ("m" + std::to_string(i): a GCC 12 -Wrestrict false positive)
        clients[i].ws->sendFrame(message.data(), static_cast<int>(message.size()),
                                 WebSocket::FRAME_TEXT);
    }
    int replies = 0;
    for (int i = 0; i < kClients; ++i) {
        if (receive(*clients[i].ws).payload == "echo:m" + std::to_string(i))
            ++replies;
    }
    const auto done = Clock::now();
    EXPECT_EQ(replies, kClients);
    EXPECT_EQ(threadCount(), before + 2); // still only the two I/O threads
    EXPECT_EQ(server->stats().tlsHandshakes, static_cast<std::uint64_t>(kClients));
    EXPECT_EQ(server->stats().messagesIn, static_cast<std::uint64_t>(kClients));
    auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    std::printf("[ figures  ] 200 TLS clients (RSA 2048): connect %lld ms, echo round %lld ms\n",
                static_cast<long long>(ms(connected - start)),
                static_cast<long long>(ms(done - connected)));
}

TEST_F(Tls, APlainTcpClientOnTheTlsPortIsClosedWithoutHarmingOthers)
{
    startServer();
    WssClient good = connectWss(server->port(), trustingContext());

    Poco::Net::StreamSocket plain(Poco::Net::SocketAddress("127.0.0.1", server->port()));
    plain.setReceiveTimeout(Poco::Timespan(5, 0));
    sendAll(plain, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto start = Clock::now();
    std::string answer = readToEof(plain); // a TLS alert at most, then EOF
    EXPECT_LT(Clock::now() - start, 3s);
    EXPECT_EQ(answer.find("HTTP/1.1"), std::string::npos);
    EXPECT_TRUE(eventually([&] { return server->stats().tlsErrors == 1; }));
    EXPECT_EQ(server->stats().httpRequests, 0u);

    good.ws->sendFrame("still here", 10, WebSocket::FRAME_TEXT);
    EXPECT_EQ(receive(*good.ws).payload, "echo:still here");
    EXPECT_EQ(server->connectionCount(), 1u);
}

TEST_F(Tls, ASilentTcpClientIsDroppedAfterTheHandshakeTimeout)
{
    WsServerConfig config;
    config.handshakeTimeout = 200ms;
    startServer(config);
    Poco::Net::StreamSocket silent(Poco::Net::SocketAddress("127.0.0.1", server->port()));
    silent.setReceiveTimeout(Poco::Timespan(5, 0));
    const auto start = Clock::now();
    EXPECT_EQ(readToEof(silent), "");
    EXPECT_LT(Clock::now() - start, 3s);
}

TEST_F(Tls, GarbageFramesAfterTheHandshakeAreClosedWith1002)
{
    startServer();
    Poco::Net::SecureStreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server->port()),
                                         trustingContext());
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    rawHandshake(socket);
    sendAll(socket, std::string(64, '\xff')); // reserved bits set, unknown opcode
    FrameDecoder decoder(DecoderLimits{1 << 20, false});
    WsEvent close = rawReceive(socket, decoder, WsEvent::Kind::Close);
    EXPECT_EQ(close.code, 1002);
    EXPECT_EQ(close.payload, "reserved bits set");
    ASSERT_TRUE(handler.waitUntil([&] { return handler.closed.size() == 1; }));
    std::lock_guard lock(handler.m);
    EXPECT_EQ(handler.closed.begin()->second.code, 1002);
    EXPECT_FALSE(handler.closed.begin()->second.byPeer);
    EXPECT_EQ(server->stats().protocolErrors, 1u);
}

TEST_F(Tls, GarbageUnderTheTlsLayerClosesThatConnectionAs1006AndOthersCarryOn)
{
    startServer();
    WssClient good = connectWss(server->port(), trustingContext());
    Poco::Net::SecureStreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server->port()),
                                         trustingContext());
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    rawHandshake(socket);
    ASSERT_TRUE(handler.waitUntil([&] { return handler.opened.size() == 2; }));
    // Bytes that are not a TLS record, written past the client's TLS layer.
    const std::string junk(200, '\x42');
    ASSERT_EQ(::send(socket.impl()->sockfd(), junk.data(), junk.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(junk.size()));
    ASSERT_TRUE(handler.waitUntil([&] { return handler.closed.size() == 1; }));
    {
        std::lock_guard lock(handler.m);
        EXPECT_EQ(handler.closed.begin()->second.code, 1006);
        EXPECT_TRUE(handler.closed.begin()->second.byPeer);
    }
    EXPECT_TRUE(eventually([&] { return server->stats().tlsErrors == 1; }));
    good.ws->sendFrame("fine", 4, WebSocket::FRAME_TEXT);
    EXPECT_EQ(receive(*good.ws).payload, "echo:fine");
}

TEST_F(Tls, AKeyThatDoesNotMatchTheCertificateFailsStartNamingTheKeyFile)
{
    WsServerConfig config;
    config.host = "127.0.0.1";
    config.tlsCertificateFile = certificates().cert;
    config.tlsKeyFile = certificates().otherKey;
    WsServer wrong(config, handler);
    std::string error;
    EXPECT_FALSE(wrong.start(&error));
    EXPECT_EQ(error.rfind("TLS key file '" + certificates().otherKey
                              + "' does not match the certificate in '" + certificates().cert
                              + "'",
                          0),
              0u)
        << error;
    EXPECT_EQ(wrong.port(), 0);
}

TEST_F(Tls, AnUnreadableOrMalformedFileFailsStartNamingIt)
{
    WsServerConfig config;
    config.host = "127.0.0.1";
    config.tlsCertificateFile = certificates().cert;
    config.tlsKeyFile = certificates().garbage;
    std::string error;
    {
        WsServer server(config, handler);
        EXPECT_FALSE(server.start(&error));
        EXPECT_EQ(error.rfind("cannot load TLS key file '" + certificates().garbage + "'", 0), 0u)
            << error;
    }
    config.tlsKeyFile = certificates().key;
    config.tlsCertificateFile = certificates().garbage;
    {
        WsServer server(config, handler);
        EXPECT_FALSE(server.start(&error));
        EXPECT_EQ(
            error.rfind("cannot load TLS certificate file '" + certificates().garbage + "'", 0), 0u)
            << error;
    }
    config.tlsCertificateFile = "/nonexistent/c.pem";
    {
        WsServer server(config, handler);
        EXPECT_FALSE(server.start(&error));
        EXPECT_EQ(error, "cannot read TLS certificate file '/nonexistent/c.pem': "
                         "No such file or directory");
    }
    config.tlsCertificateFile = certificates().cert;
    config.tlsKeyFile.clear();
    {
        WsServer server(config, handler);
        EXPECT_FALSE(server.start(&error));
        EXPECT_EQ(error, "tlsCertificateFile '" + certificates().cert + "' is set without tlsKeyFile");
    }
}

TEST_F(Tls, HealthOverHttpsIsRoutedToOnHttp)
{
    startServer();
    Poco::Net::HTTPSClientSession session("127.0.0.1", server->port(), verifyingContext());
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/health",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream &body = session.receiveResponse(response);
    std::string text;
    Poco::StreamCopier::copyToString(body, text);
    EXPECT_EQ(response.getStatus(), 200);
    EXPECT_EQ(text, "ok\n");
    EXPECT_EQ(server->stats().httpRequests, 1u);
}

TEST_F(Tls, StopSendsGoingAwayToTlsClientsWithinTwoSeconds)
{
    startServer();
    std::vector<WssClient> clients;
    for (int i = 0; i < 5; ++i)
        clients.push_back(connectWss(server->port(), trustingContext()));
    ASSERT_TRUE(handler.waitUntil([&] { return handler.opened.size() == 5; }));
    const auto start = Clock::now();
    server->stop();
    EXPECT_LT(Clock::now() - start, 2s);
    for (auto &client : clients)
        EXPECT_EQ(receiveClose(*client.ws), 1001);
}

TEST_F(Tls, FramesSentRightBehindTheUpgradeRequestAreDecoded)
{
    startServer();
    Poco::Net::SecureStreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server->port()),
                                         trustingContext());
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    sendAll(socket, "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n"
                        + encodeFrame(Opcode::Text, "early", true, kMask));
    FrameDecoder decoder(DecoderLimits{1 << 20, false});
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && socket.receiveBytes(&c, 1) == 1)
        head.push_back(c);
    ASSERT_EQ(head.rfind("HTTP/1.1 101 Switching Protocols\r\n", 0), 0u) << head;
    EXPECT_EQ(rawReceive(socket, decoder, WsEvent::Kind::Text).payload, "echo:early");
}

TEST_F(Tls, ASlowTlsConsumerOverflowsThenReceivesEverythingAcceptedAndTheResync)
{
    // The client does not read: SSL_write meets a full socket (WANT_WRITE) while the queue
    // keeps growing behind the half-written record.
    WsServerConfig config;
    config.maxOutboundBytes = 64 * 1024;
    startServer(config);
    WssClient slow = connectWss(server->port(), trustingContext());
    ASSERT_TRUE(handler.waitUntil([&] { return handler.opened.size() == 1; }));
    const ConnectionId id = handler.opened[0];
    std::string chunk(16 * 1024, 's');
    int accepted = 0;
    bool refused = false;
    const std::uint64_t base = server->stats().bytesOut;
    const std::uint64_t frameBytes = encodeFrame(Opcode::Text, chunk).size();
    for (int i = 0; i < 20000 && !refused; ++i) {
        chunk[0] = static_cast<char>('a' + i % 26);
        if (!server->send(id, chunk)) {
            refused = true;
            break;
        }
        ++accepted;
        const auto until = Clock::now() + 50ms;
        while (server->stats().bytesOut < base + accepted * frameBytes && Clock::now() < until)
            std::this_thread::sleep_for(200us);
    }
    ASSERT_TRUE(refused);
    EXPECT_TRUE(server->resume(id, "resync"));
    int received = 0;
    Frame frame;
    for (;;) {
        frame = receive(*slow.ws);
        if (frame.opcode != WebSocket::FRAME_OP_TEXT || frame.payload.size() != chunk.size()
            || frame.payload[0] != static_cast<char>('a' + received % 26))
            break;
        ++received;
    }
    EXPECT_EQ(received, accepted);
    EXPECT_EQ(frame.payload, "resync");
    std::printf("[ figures  ] slow TLS consumer: %d x 16 KiB accepted before the overflow\n",
                accepted);
}

TEST_F(Tls, ClientsLimitedToTls12OrTls13AreServed)
{
    startServer();
    for (auto usage : {Poco::Net::Context::TLSV1_2_CLIENT_USE, Poco::Net::Context::TLSV1_3_CLIENT_USE}) {
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(usage, "", "", "", Poco::Net::Context::VERIFY_NONE);
        WssClient client = connectWss(server->port(), context);
        client.ws->sendFrame("v", 1, WebSocket::FRAME_TEXT);
        EXPECT_EQ(receive(*client.ws).payload, "echo:v");
    }
    EXPECT_EQ(server->stats().tlsHandshakes, 2u);
}

TEST_F(Tls, AClientOfferingOnlyTls11IsRefused)
{
    startServer();
    // At most TLS 1.1 on the client, security level 0 so that it is willing to offer it.
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                               Poco::Net::Context::VERIFY_NONE, 9, false, "ALL:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(context->sslContext(), TLS1_VERSION);
    ASSERT_EQ(SSL_CTX_set_max_proto_version(context->sslContext(), TLS1_1_VERSION), 1);
    EXPECT_THROW(connectWss(server->port(), context), Poco::Exception);
    EXPECT_TRUE(eventually([&] { return server->stats().tlsErrors == 1; }));
    EXPECT_EQ(server->stats().tlsHandshakes, 0u);
}
