#pragma once
// WsServer: the engine's network front. One listening socket, a small fixed number of I/O
// threads, each running its own epoll loop over non-blocking sockets; thousands of clients
// per thread, no thread per connection.
//
// What it serves on one port:
//  - WebSocket (RFC 6455) upgrades: GET with Upgrade: websocket, Connection: Upgrade,
//    Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key. Optional subprotocol negotiation.
//  - Plain HTTP/1.1 requests (GET /health, /metrics, a small REST surface): handed to
//    WsHandler::onHttpAsync, answered at once or later from any thread; one request per
//    connection (the response says Connection: close).
//
// Threading contract:
//  - Every WsHandler callback runs on an I/O thread (with ioThreads > 1, on several threads at
//    once, each connection always on the same one). A callback must return quickly: post the
//    work to the engine thread. Callbacks may call send()/close()/resume() freely.
//  - send(), close(), resume(), connectionCount(), stats() may be called from any thread at any
//    time and never block on the network (they take short internal locks only).
//  - start() and stop() belong to the owner's thread; do not call stop() from a callback.
//
// Ordering: for one connection, onOpen comes first, then onText/onBinary/onOverflow, then
// exactly one onClose. Connection ids are never reused within one WsServer.
//
// Outbound flow control (the overflow/resync contract):
//  - Each connection has an outbound queue bounded by maxOutboundBytes (encoded bytes not yet
//    accepted by the kernel). send() that would exceed it returns false, drops the message and
//    flags the connection "overflowed"; onOverflow(id) is then called once, on the I/O thread.
//  - While overflowed, every send() to that connection returns false and drops the message.
//  - The application recovers by calling resume(id, notice): it clears the flag and queues
//    `notice` (e.g. a "resync" event telling the client to fetch a fresh snapshot), even if the
//    queue is still full, so the client always learns that it missed messages. Messages queued
//    before the overflow are still delivered, in order, before the notice.
//  - A client that never reads is eventually closed by the idle rules below only if it also
//    stops sending; the application may close() an overflowed connection instead of resuming.
//
// Limits against hostile input (all in WsServerConfig, defaults there): connection count (503
// and close), handshake time, request head size (400), HTTP body size (413), message size
// (close 1009), frames per second (close 1008), idle time (close 1001 after pings went
// unanswered). Malformed frames close with 1002, invalid UTF-8 with 1007. No input can make an
// I/O thread wait for one client: reads and writes are non-blocking and bounded per wakeup.
//
// Transport: the socket layer sits behind an internal Transport interface (read/write that may
// "want more"): plain TCP, or TLS (OpenSSL over the same non-blocking fd) when the config names
// a certificate and key. Then every connection on the listener is TLS (wss:// and https://);
// the TLS handshake counts against handshakeTimeout; a failed handshake or TLS error closes
// only that connection (counted in WsServerStats::tlsErrors, logged at most once a second).
#include "acd/net/http.h"
#include "acd/net/ws_frame.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace acd::net {

using ConnectionId = std::uint64_t;

/// Who is on the other end of a WebSocket, as seen at the upgrade.
struct PeerInfo {
    std::string address;     ///< "127.0.0.1" or an IPv6 address
    std::uint16_t port = 0;
    std::string path;        ///< request path of the upgrade ("/ws")
    std::string query;       ///< after '?', without it
    std::string subprotocol; ///< negotiated, or "" when none
    HttpHeaders headers;     ///< the upgrade request's headers
};

/// Why a connection ended.
struct CloseInfo {
    std::uint16_t code = close_code::Abnormal; ///< 1006 when the TCP connection just dropped
    std::string reason;
    bool byPeer = false; ///< true when the client started the close (or vanished)
};

struct WsHandler {
    virtual ~WsHandler() = default;
    /// A WebSocket handshake completed; the connection accepts send() from now on.
    virtual void onOpen(ConnectionId id, const PeerInfo &peer) = 0;
    /// One complete (reassembled, UTF-8 valid) text message.
    virtual void onText(ConnectionId id, std::string message) = 0;
    /// One complete binary message. Default: ignored.
    virtual void onBinary(ConnectionId id, std::string message) { (void)id, (void)message; }
    /// The connection is gone (exactly once per onOpen). send() to it returns false.
    virtual void onClose(ConnectionId id, CloseInfo info) = 0;
    /// A plain HTTP request (anything that is not a WebSocket upgrade), answered at once.
    virtual HttpResponse onHttp(const HttpRequest &request) = 0;
    /// The same, answered later: the I/O thread goes on with its other connections meanwhile,
    /// so a handler that waits (a password check, a round trip to the engine thread) uses this.
    /// `respond` may be called from any thread until the server's destructor; the first call
    /// answers, later ones do nothing. A request whose every copy of `respond` is destroyed
    /// unanswered gets 500; one not answered within httpResponseTimeout gets 504. Default:
    /// respond(onHttp(request)).
    virtual void onHttpAsync(const HttpRequest &request, HttpResponder respond)
    {
        respond(onHttp(request));
    }
    /// send() overflowed this connection's queue; called once per overflow (see resume()).
    virtual void onOverflow(ConnectionId id) { (void)id; }
};

struct WsServerConfig {
    std::string host = "0.0.0.0";
    std::uint16_t port = 0; ///< 0: an ephemeral port, see WsServer::port()
    int listenBacklog = 1024;
    unsigned ioThreads = 1; ///< epoll loops (1..64); connections are spread round-robin

    std::size_t maxConnections = 10000; ///< beyond it: "503 Service Unavailable" and close
    std::chrono::milliseconds handshakeTimeout{5000}; ///< accept → complete request head
    std::size_t maxHeaderBytes = 8 * 1024;            ///< request line + headers; else 400
    std::size_t maxHttpBodyBytes = 64 * 1024;         ///< Content-Length of plain requests; else 413
    std::chrono::milliseconds httpResponseTimeout{30000}; ///< onHttpAsync's answer; else 504
    std::string webSocketPath;                        ///< "" accepts an upgrade on any path
    std::vector<std::string> subprotocols; ///< offered ones we accept, in our preference order

    std::size_t maxMessageBytes = 1024 * 1024;   ///< reassembled inbound message; else 1009
    std::size_t maxOutboundBytes = 4 * 1024 * 1024; ///< per connection; else send() is false
    unsigned maxFramesPerSecond = 200;             ///< inbound frames, any kind; else 1008

    std::chrono::milliseconds pingInterval{30000}; ///< server ping after this much silence
    std::chrono::milliseconds idleTimeout{75000};  ///< nothing received for this long: 1001
    std::chrono::milliseconds closeTimeout{2000};  ///< wait for the peer's close/EOF, then drop
    std::chrono::milliseconds stopTimeout{1000};   ///< stop(): graceful part, then force

    /// TLS: both set, or both empty (plain TCP). PEM files: the server certificate followed by
    /// any intermediates (a chain file), and an unencrypted private key. TLS 1.2 minimum,
    /// OpenSSL's default ciphers. start() fails naming the file when either cannot be loaded
    /// or the key does not match the certificate.
    std::string tlsCertificateFile;
    std::string tlsKeyFile;
};

/// Counters for /metrics. Monotonic except openConnections.
struct WsServerStats {
    std::uint64_t acceptedConnections = 0;
    std::uint64_t rejectedConnections = 0; ///< over maxConnections
    std::uint64_t openConnections = 0;     ///< WebSocket connections now open
    std::uint64_t httpRequests = 0;
    std::uint64_t messagesIn = 0;
    std::uint64_t messagesOut = 0;
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::uint64_t socketWrites = 0; ///< writes that moved bytes to a socket (batching shows here)
    std::uint64_t overflows = 0;
    std::uint64_t protocolErrors = 0; ///< closes with 1002/1007/1008/1009 and 400s
    std::uint64_t tlsHandshakes = 0;  ///< completed TLS handshakes
    std::uint64_t tlsErrors = 0;      ///< failed TLS handshakes and TLS record errors
};

/// Loads a TLS certificate chain and key as start() would ([tls] in acd-engine.conf): true
/// when both load and match, else false with `error` naming the file and the reason (for
/// `acd-engine --check-config`).
bool checkTlsFiles(const std::string &certificateFile, const std::string &keyFile,
                   std::string &error);

class WsServer {
public:
    /// The handler must outlive the server (or at least its stop()).
    WsServer(WsServerConfig config, WsHandler &handler);
    /// Calls stop().
    ~WsServer();
    WsServer(const WsServer &) = delete;
    WsServer &operator=(const WsServer &) = delete;

    /// Loads the TLS certificate and key (when configured), binds, listens and starts the I/O
    /// threads. False (with `error` naming the address or the file, and the reason) when the
    /// address cannot be bound, a TLS file cannot be loaded or the config is unusable.
    bool start(std::string *error = nullptr);

    /// Closes every connection (WebSocket: close 1001 "server stopping"), waits up to
    /// stopTimeout for the close handshakes, drops the rest, calls onClose for each, joins the
    /// threads. Bounded: returns within about stopTimeout + 100 ms. Idempotent.
    void stop();

    /// The bound port (the ephemeral one when config.port was 0); 0 before start().
    std::uint16_t port() const;
    /// The configured number of I/O threads (the only threads the server runs).
    unsigned ioThreadCount() const;

    /// Queues a text message. Never blocks. False when the connection is unknown or closing,
    /// when it is overflowed, or when this message would overflow it (see the contract above).
    bool send(ConnectionId id, std::string text);
    /// Same for the text message `head` + `tail`, encoded straight into the connection's queue
    /// (no joined copy: the event fan-out's per-subscriber cost).
    bool sendParts(ConnectionId id, std::string_view head, std::string_view tail);
    /// Queues the text messages held back to back in `messages` (`ends`: the offset just past
    /// each) with one lookup and one lock: an event burst's per-subscriber cost. Returns how
    /// many were queued, in order; the first that does not fit overflows the connection and
    /// it and the rest are dropped.
    std::size_t sendMany(ConnectionId id, std::string_view messages,
                         std::span<const std::uint32_t> ends);
    /// Queues numbered text messages without copying them: message i is `prefix`, the decimal
    /// number `firstNumber + i`, then its body. The bodies lie back to back in `messages` from
    /// offset `begin`; `ends` holds the offset just past each. `owner` keeps `messages` and
    /// `ends` alive and unchanged until the frames are written: the connection's I/O thread
    /// writes them then, so a producer that sends one burst to a hundred connections writes
    /// it once. Returns how many were queued, in order, as sendMany (the first that does not
    /// fit overflows the connection).
    std::size_t sendNumbered(ConnectionId id, std::string_view prefix, std::uint64_t firstNumber,
                             std::shared_ptr<const void> owner, std::string_view messages,
                             std::size_t begin, std::span<const std::uint32_t> ends);
    /// Queues a binary message, as send() a text one.
    bool sendBinary(ConnectionId id, std::string data);
    /// Clears the overflow flag and queues `resyncNotice` (when not empty) past the byte limit.
    /// False when the connection is unknown or closing.
    bool resume(ConnectionId id, std::string resyncNotice = {});
    /// Starts the close handshake with `code` (sent as is; 1005 sends an empty close frame).
    /// Queued messages are sent first. No-op for an unknown id.
    void close(ConnectionId id, std::uint16_t code = close_code::Normal, std::string reason = {});

    /// Paces a connection that receives a bulk stream (a supervisor's every event of the
    /// center): what is queued for it is written once per `interval`, gathered into one write,
    /// in the connection's own slot of the interval (slots are spread over connections by ID,
    /// so a hundred paced connections do not all write at the same moment). A message waits at
    /// most one interval. 0 (the default) writes every burst as soon as it is queued.
    void setMinWriteInterval(ConnectionId id, std::chrono::milliseconds interval);

    /// Makes the messages queued by the calling thread wait for releaseHeldFlushes() before
    /// they are written: a producer that sends bursts (the engine thread: every event of one
    /// switch event to every subscriber) then costs one socket write per connection per burst
    /// and one wake-up per I/O thread, not one of each per message. Only for a thread that
    /// calls releaseHeldFlushes() regularly; other threads are not affected. `false` releases
    /// and ends holding: call it on that thread before stop().
    void holdFlushesOnThisThread(bool hold = true);
    /// Writes what the calling thread queued since its last release: one task per I/O thread.
    void releaseHeldFlushes();

    /// Open WebSocket connections.
    std::size_t connectionCount() const;
    WsServerStats stats() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace acd::net
