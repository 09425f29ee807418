#include "acd/net/ws_server.h"

#include "numbered_run.h"
#include "pacing.h"
#include "tls_transport.h"
#include "transport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <functional>
#include <iostream>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

namespace acd::net {

namespace {

using Clock = std::chrono::steady_clock;
using detail::IoResult;
using detail::nextSlot;
using detail::pingPhase;
using detail::spreadOffset;

constexpr std::uint64_t kWakeKey = 1;   // epoll key of a loop's eventfd
constexpr std::uint64_t kListenKey = 2; // epoll key of the listening socket
constexpr std::uint64_t kFirstConnectionId = 16;
constexpr std::size_t kReadChunk = 64 * 1024;
// Paced connections written per turn of a loop: between turns its tasks run, so an agent's
// message does not wait behind a hundred supervisors' gathered writes.
constexpr std::size_t kPacedWritesPerTurn = 8;
// Pings sent per turn of a loop, for the same reason: thousands of connections opened within
// seconds of each other are due for their ping in the same tick.
constexpr std::size_t kPingsPerTurn = 16;

void logError(const std::string &what)
{
    std::cerr << "acd-net: " << what << '\n';
}

// Runs a handler callback; an exception must not take the I/O thread down.
template<class F>
void guarded(const char *callback, F &&f)
{
    try {
        f();
    } catch (const std::exception &e) {
        logError(std::string(callback) + " threw: " + e.what());
    } catch (...) {
        logError(std::string(callback) + " threw a non-std exception");
    }
}

std::string peerAddress(const sockaddr_storage &ss, std::uint16_t &port)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (ss.ss_family == AF_INET) {
        const auto &in = reinterpret_cast<const sockaddr_in &>(ss);
        ::inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
        port = ntohs(in.sin_port);
    } else if (ss.ss_family == AF_INET6) {
        const auto &in6 = reinterpret_cast<const sockaddr_in6 &>(ss);
        ::inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
        port = ntohs(in6.sin6_port);
    }
    return text;
}

enum class State {
    Request,   // reading the HTTP request head (and body)
    Open,      // WebSocket open
    Closing,   // we sent a close frame; waiting for the peer's close (or EOF, or the deadline)
    Lingering, // last bytes queued; after they are written: FIN, then wait for EOF/deadline
};

} // namespace

struct Loop;

struct Connection {
    Connection(ConnectionId connectionId, int socket, Loop *owner, DecoderLimits limits,
               std::unique_ptr<detail::Transport> t)
        : id(connectionId), fd(socket), loop(owner), transport(std::move(t)), decoder(limits)
    {
    }

    const ConnectionId id;
    const int fd;
    Loop *const loop;

    // Shared with send()/resume() on any thread; guarded by m.
    std::mutex m;
    std::string pending;          // encoded frames not yet moved to outBuf
    std::vector<detail::NumberedRun>
        runs;                     // frames queued by reference, each at its place in pending
    std::size_t queuedBytes = 0;  // pending + unwritten outBuf
    bool acceptSends = false;
    bool overflowed = false;
    bool overflowToReport = false;
    bool flushScheduled = false;

    // I/O thread only.
    std::unique_ptr<detail::Transport> transport; // plain TCP or TLS
    State state = State::Request;
    bool dead = false;
    bool opened = false;         // onOpen was called: onClose is owed
    bool closeNotified = false;  // onClose was called
    bool writeShut = false;
    bool wantWrite = false;      // EPOLLOUT is registered
    bool outPending = false;     // outBuf has bytes the kernel has not taken
    bool established = false;    // the transport's handshake was counted
    bool readTaskPosted = false; // a read of TLS-buffered input is posted
    bool awaitingResponse = false; // onHttpAsync has the request; its answer has not come
    bool peerFinished = false;     // it half-closed after its request: reading is over
    std::string inBuf;
    HttpRequest request;
    bool haveHead = false;
    std::size_t headLength = 0;
    FrameDecoder decoder;
    std::uint64_t framesSeen = 0;
    unsigned framesInWindow = 0;
    Clock::time_point windowStart;
    std::string outBuf;
    std::size_t outOff = 0;
    // Pacing (setMinWriteInterval): queued messages wait for the connection's next slot,
    // every `minWriteInterval` at `paceOffset` into it.
    std::chrono::milliseconds minWriteInterval{0};
    std::chrono::milliseconds paceOffset{0};
    Clock::time_point writeDue{};
    bool writeDeferred = false; // in the loop's `paced` list
    CloseInfo closeInfo;
    std::string address;
    std::uint16_t port = 0;
    Clock::time_point acceptedAt, lastReceive, lastPing, deadline;
};

struct Loop {
    WsServer::Impl *server = nullptr;
    unsigned index = 0;
    int epfd = -1;
    int wakefd = -1;
    std::thread thread;
    std::mutex taskMutex;
    std::vector<std::function<void()>> tasks;
    bool closed = false; // fds closed by stop(): post() must not write the eventfd
    std::unordered_map<ConnectionId, std::shared_ptr<Connection>> conns; // I/O thread only
    bool stopBegun = false;
    bool listening = false;
    Clock::time_point acceptPausedUntil{};
    std::vector<char> readBuffer = std::vector<char>(kReadChunk);
    Clock::time_point lastTlsLog{};
    unsigned tlsLogsSuppressed = 0;
    std::vector<std::shared_ptr<Connection>> paced; // writes deferred by pacing
    Clock::time_point nextPacedWrite = Clock::time_point::max();
    std::deque<std::shared_ptr<Connection>> pingsDue; // found by tick(), sent a few per turn

    void post(std::function<void()> task);
    void run();
    void runTasks();
    void acceptAll();
    void adopt(int fd, std::string address, std::uint16_t port);
    void onEvent(const std::shared_ptr<Connection> &c, std::uint32_t events);
    void onReadable(const std::shared_ptr<Connection> &c);
    void processRequest(const std::shared_ptr<Connection> &c);
    void upgrade(const std::shared_ptr<Connection> &c);
    void processFrames(const std::shared_ptr<Connection> &c);
    /// onHttpAsync's answer for `c`, on this loop's thread (nothing if c is gone meanwhile).
    void answerHttp(const std::shared_ptr<Connection> &c, const HttpResponse &response,
                    bool includeBody);
    void respond(const std::shared_ptr<Connection> &c, const HttpResponse &response,
                 bool includeBody = true);
    void queueRaw(const std::shared_ptr<Connection> &c, std::string bytes);
    void flush(const std::shared_ptr<Connection> &c);
    /// flush() for newly queued messages: a paced connection waits for its next slot
    /// instead.
    void flushQueued(const std::shared_ptr<Connection> &c);
    void flushPacedDue(Clock::time_point now);
    void sendDuePings();
    void setWantWrite(const std::shared_ptr<Connection> &c, bool want);
    void updateInterest(const std::shared_ptr<Connection> &c);
    void transportEnded(const std::shared_ptr<Connection> &c);
    void beginClose(const std::shared_ptr<Connection> &c, std::uint16_t code, std::string reason);
    void failConnection(const std::shared_ptr<Connection> &c, std::uint16_t code,
                        std::string reason);
    void stopSends(const std::shared_ptr<Connection> &c);
    void notifyClosed(const std::shared_ptr<Connection> &c);
    void linger(const std::shared_ptr<Connection> &c);
    void destroy(const std::shared_ptr<Connection> &c);
    void tick(Clock::time_point now);
    void beginStop();
};

/// The connections a holding thread queued messages for and has not released yet.
struct HeldFlushes {
    const WsServer::Impl *server = nullptr;
    std::vector<std::shared_ptr<Connection>> connections;
};
thread_local HeldFlushes t_held;

struct WsServer::Impl {
    Impl(WsServerConfig cfg, WsHandler &h) : config(std::move(cfg)), handler(h) {}

    WsServerConfig config;
    WsHandler &handler;
    int listenFd = -1;
    std::uint16_t boundPort = 0;
    std::vector<std::unique_ptr<Loop>> loops;
    std::atomic<unsigned> nextLoop{0};
    std::atomic<ConnectionId> nextId{kFirstConnectionId};
    mutable std::shared_mutex registryMutex;
    std::unordered_map<ConnectionId, std::shared_ptr<Connection>> registry; // open WebSockets
    std::atomic<std::size_t> totalSockets{0}; // accepted and not yet closed, any state
    std::atomic<bool> stopping{false};
    Clock::time_point stopDeadline;
    bool started = false;
    bool stopped = false;
    std::chrono::milliseconds tickInterval{250};
    std::shared_ptr<detail::TlsContext> tls; // set when the listener is TLS

    std::atomic<std::uint64_t> accepted{0}, rejected{0}, open{0}, httpRequests{0},
        messagesIn{0}, messagesOut{0}, bytesIn{0}, bytesOut{0}, socketWrites{0}, overflows{0},
        protocolErrors{0}, tlsHandshakes{0}, tlsErrors{0};

    std::shared_ptr<Connection> find(ConnectionId id) const
    {
        std::shared_lock lock(registryMutex);
        auto it = registry.find(id);
        return it == registry.end() ? nullptr : it->second;
    }
    /// Queues the message `head` + `tail` as one frame.
    bool enqueue(ConnectionId id, Opcode opcode, std::string_view head,
                 std::string_view tail = {});
    /// Queues numbered messages by reference (see WsServer::sendNumbered); how many.
    std::size_t enqueueNumbered(ConnectionId id, std::string_view prefix, std::uint64_t firstNumber,
                                std::shared_ptr<const void> owner, std::string_view messages,
                                std::size_t begin, std::span<const std::uint32_t> ends);
    /// Queues text frames (see WsServer::sendMany); how many were queued.
    std::size_t enqueueMany(ConnectionId id, std::string_view messages,
                            std::span<const std::uint32_t> ends);
    /// With c.m held: a message did not fit; the flush reports it (onOverflow) once.
    void markOverflowed(Connection &c)
    {
        c.overflowed = true;
        c.overflowToReport = true;
        ++overflows;
    }
    /// With c.m held: appends one frame of `head` + `tail`, or marks `c` overflowed (false).
    bool appendFrame(Connection &c, Opcode opcode, std::string_view head,
                     std::string_view tail = {});
    /// Runs `appendFrames(Connection &) -> frames queued` under the connection's lock, then
    /// has the connection flushed; how many were queued (0 for an unknown, closing or
    /// overflowed connection).
    template<class AppendFrames>
    std::size_t enqueueFrames(ConnectionId id, AppendFrames appendFrames);
    /// After frames were queued on `c` and no flush was scheduled yet: holds it for this
    /// thread's release, or posts it to the connection's loop.
    void scheduleFlush(std::shared_ptr<Connection> c);
};

/// One plain HTTP request the handler answers later: the first answer is posted to the
/// connection's loop; a request dropped unanswered (every copy of its responder destroyed)
/// gets 500.
class PendingHttp {
public:
    PendingHttp(Loop *loop, std::weak_ptr<Connection> connection, bool includeBody)
        : m_loop(loop)
        , m_connection(std::move(connection))
        , m_includeBody(includeBody)
    {}
    PendingHttp(const PendingHttp &) = delete;
    PendingHttp &operator=(const PendingHttp &) = delete;
    ~PendingHttp()
    {
        answer(HttpResponse{500, "text/plain; charset=utf-8", "the request was dropped\n", {}});
    }
    void answer(HttpResponse response)
    {
        if (m_answered.exchange(true))
            return;
        m_loop->post([loop = m_loop, weak = m_connection, response = std::move(response),
                      body = m_includeBody] { loop->answerHttp(weak.lock(), response, body); });
    }

private:
    Loop *m_loop;
    std::weak_ptr<Connection> m_connection;
    bool m_includeBody;
    std::atomic<bool> m_answered{false};
};

// ---- Loop -------------------------------------------------------------------------------

void Loop::post(std::function<void()> task)
{
    // The eventfd write happens under the lock so stop() cannot close the fd in between (a
    // closed fd number may already belong to someone else).
    std::lock_guard lock(taskMutex);
    if (closed)
        return; // the loop is gone; its connections are closed
    const bool wake = tasks.empty();
    tasks.push_back(std::move(task));
    if (wake) {
        std::uint64_t one = 1;
        [[maybe_unused]] ssize_t n = ::write(wakefd, &one, sizeof one);
    }
}

void Loop::runTasks()
{
    std::vector<std::function<void()>> batch;
    {
        std::lock_guard lock(taskMutex);
        batch.swap(tasks);
    }
    for (auto &task : batch)
        task();
}

void Loop::run()
{
    std::vector<epoll_event> events(256);
    Clock::time_point nextTick = Clock::now() + server->tickInterval;
    for (;;) {
        auto now = Clock::now();
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::min(nextTick, nextPacedWrite) - now);
        if (nextPacedWrite < nextTick && nextPacedWrite > now)
            wait += std::chrono::milliseconds(1); // round up: waking early would spin
        if (!pingsDue.empty())
            wait = std::chrono::milliseconds(0);
        if (server->stopping.load())
            wait = std::min(wait, std::chrono::milliseconds(10));
        int timeout = static_cast<int>(std::max<std::int64_t>(0, wait.count()));
        int n = ::epoll_wait(epfd, events.data(), static_cast<int>(events.size()), timeout);
        if (n < 0 && errno != EINTR) {
            logError(std::string("epoll_wait: ") + std::strerror(errno));
            break;
        }
        for (int i = 0; i < n; ++i) {
            std::uint64_t key = events[i].data.u64;
            if (key == kWakeKey) {
                std::uint64_t value;
                [[maybe_unused]] ssize_t r = ::read(wakefd, &value, sizeof value);
            } else if (key == kListenKey) {
                acceptAll();
            } else {
                auto it = conns.find(key);
                if (it != conns.end()) {
                    auto c = it->second; // keep alive while handling
                    onEvent(c, events[i].events);
                }
            }
        }
        runTasks();
        now = Clock::now();
        if (now >= nextPacedWrite)
            flushPacedDue(now);
        sendDuePings();
        if (now >= nextTick) {
            tick(now);
            nextTick = now + server->tickInterval;
        }
        if (server->stopping.load()) {
            if (!stopBegun)
                beginStop();
            if (conns.empty())
                break;
            if (Clock::now() >= server->stopDeadline) {
                std::vector<std::shared_ptr<Connection>> rest;
                for (auto &[id, c] : conns)
                    rest.push_back(c);
                for (auto &c : rest)
                    destroy(c);
                break;
            }
        }
    }
}

void Loop::acceptAll()
{
    // Bounded per wakeup so a connection storm cannot starve the connections already open.
    for (int i = 0; i < 256; ++i) {
        sockaddr_storage ss{};
        socklen_t len = sizeof ss;
        int fd = ::accept4(server->listenFd, reinterpret_cast<sockaddr *>(&ss), &len,
                           SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO)
                continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Out of descriptors: stop accepting for a moment instead of spinning.
                logError(std::string("accept: ") + std::strerror(errno) + "; pausing 100 ms");
                ::epoll_ctl(epfd, EPOLL_CTL_DEL, server->listenFd, nullptr);
                listening = false;
                acceptPausedUntil = Clock::now() + std::chrono::milliseconds(100);
            }
            return;
        }
        ++server->accepted;
        if (server->totalSockets.load() >= server->config.maxConnections) {
            ++server->rejected;
            static const std::string busy = serializeResponse(
                HttpResponse{503, "text/plain; charset=utf-8", "too many connections\n", {}});
            if (!server->tls) {
                // (A TLS listener cannot answer before a handshake: it just closes.)
                char sink[4096];
                [[maybe_unused]] ssize_t r = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
                [[maybe_unused]] ssize_t w = ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL);
                ::shutdown(fd, SHUT_WR);
            }
            ::close(fd);
            continue;
        }
        ++server->totalSockets;
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::uint16_t port = 0;
        std::string address = peerAddress(ss, port);
        Loop *target = server->loops[server->nextLoop++ % server->loops.size()].get();
        if (target == this) {
            adopt(fd, std::move(address), port);
        } else {
            target->post([target, fd, address = std::move(address), port]() mutable {
                target->adopt(fd, std::move(address), port);
            });
        }
    }
}

void Loop::adopt(int fd, std::string address, std::uint16_t port)
{
    if (server->stopping.load() || stopBegun) {
        ::close(fd);
        --server->totalSockets;
        return;
    }
    DecoderLimits limits;
    limits.maxMessageBytes = server->config.maxMessageBytes;
    std::unique_ptr<detail::Transport> transport;
    if (server->tls)
        transport = std::make_unique<detail::TlsTransport>(fd, server->tls);
    else
        transport = std::make_unique<detail::PlainTransport>(fd);
    auto c = std::make_shared<Connection>(server->nextId++, fd, this, limits, std::move(transport));
    c->address = std::move(address);
    c->port = port;
    c->acceptedAt = c->lastReceive = c->lastPing = c->windowStart = Clock::now();
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = c->id;
    if (::epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        logError(std::string("epoll_ctl ADD: ") + std::strerror(errno));
        ::close(fd);
        --server->totalSockets;
        return;
    }
    conns.emplace(c->id, c);
}

void Loop::onEvent(const std::shared_ptr<Connection> &c, std::uint32_t events)
{
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        // A TLS write that waited for input may go on once the read took it.
        const bool retryWrite = c->transport->writeWantsReadable();
        onReadable(c);
        if (!c->dead && retryWrite)
            flush(c);
    }
    if (!c->dead && (events & EPOLLOUT)) {
        if (c->transport->wantsWritable())
            onReadable(c); // a TLS handshake step or read that had to write first
        if (!c->dead)
            flush(c);
    }
    if (!c->dead)
        updateInterest(c);
}

void Loop::transportEnded(const std::shared_ptr<Connection> &c)
{
    const std::string why = c->transport->failure();
    if (why.empty())
        return;
    ++server->tlsErrors;
    // Rate-limited: a port scanner or a plain-HTTP client on the TLS port must not flood it.
    auto now = Clock::now();
    if (now - lastTlsLog < std::chrono::seconds(1)) {
        ++tlsLogsSuppressed;
        return;
    }
    std::string line = why + " (" + c->address + ":" + std::to_string(c->port) + ")";
    if (tlsLogsSuppressed > 0)
        line += "; " + std::to_string(tlsLogsSuppressed) + " similar suppressed";
    logError(line);
    lastTlsLog = now;
    tlsLogsSuppressed = 0;
}

void Loop::onReadable(const std::shared_ptr<Connection> &c)
{
    // One read per wakeup: epoll is level-triggered, so a busy client gets its turn again
    // after the others had theirs.
    IoResult r = c->transport->read(readBuffer.data(), readBuffer.size());
    if (!c->established && c->transport->established()) {
        c->established = true;
        if (server->tls)
            ++server->tlsHandshakes;
    }
    if (r.status == IoResult::Status::WouldBlock)
        return;
    if (r.status == IoResult::Status::Closed && c->state == State::Request && c->awaitingResponse) {
        // A client that half-closes after its request still waits for the answer: stop
        // reading (the EOF would wake this loop forever) and answer when it comes.
        c->peerFinished = true;
        epoll_event ev{};
        ev.events = c->wantWrite ? EPOLLOUT : 0u;
        ev.data.u64 = c->id;
        ::epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
        return;
    }
    if (r.status != IoResult::Status::Ok) {
        if (c->state == State::Open) {
            c->closeInfo = CloseInfo{close_code::Abnormal, "connection lost", true};
        }
        transportEnded(c);
        destroy(c);
        return;
    }
    if (c->transport->hasBufferedInput() && !c->readTaskPosted) {
        // TLS holds decrypted input the kernel no longer signals: come back after the others.
        c->readTaskPosted = true;
        post([this, c] {
            c->readTaskPosted = false;
            if (c->dead)
                return;
            onReadable(c);
            if (!c->dead)
                updateInterest(c);
        });
    }
    server->bytesIn += r.bytes;
    c->lastReceive = Clock::now();
    switch (c->state) {
    case State::Request:
        if (c->awaitingResponse)
            break; // one request per connection: what follows it is not read
        c->inBuf.append(readBuffer.data(), r.bytes);
        processRequest(c);
        break;
    case State::Open:
    case State::Closing:
        c->decoder.feed(readBuffer.data(), r.bytes);
        processFrames(c);
        break;
    case State::Lingering:
        break; // discarded
    }
}

void Loop::processRequest(const std::shared_ptr<Connection> &c)
{
    const WsServerConfig &cfg = server->config;
    if (!c->haveHead) {
        std::string error;
        HeadParse result = parseRequestHead(c->inBuf, cfg.maxHeaderBytes, c->request,
                                            c->headLength, error);
        if (result == HeadParse::Incomplete)
            return;
        if (result != HeadParse::Complete) {
            ++server->protocolErrors;
            respond(c, HttpResponse{400, "text/plain; charset=utf-8", error + "\n", {}});
            return;
        }
        c->haveHead = true;
        c->request.peerAddress = c->address;
        c->request.peerPort = c->port;
    }
    HttpRequest &req = c->request;
    if (headerHasToken(req.header("Upgrade"), "websocket")) {
        upgrade(c);
        return;
    }
    if (req.hasHeader("Transfer-Encoding")) {
        respond(c, HttpResponse{411, "text/plain; charset=utf-8",
                                "chunked bodies are not supported; send Content-Length\n", {}});
        return;
    }
    std::size_t bodyLength = 0;
    if (req.hasHeader("Content-Length")) {
        std::string value = req.header("Content-Length");
        if (value.empty() || value.size() > 12
            || !std::all_of(value.begin(), value.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
            ++server->protocolErrors;
            respond(c, HttpResponse{400, "text/plain; charset=utf-8",
                                    "bad Content-Length '" + value.substr(0, 20) + "'\n", {}});
            return;
        }
        bodyLength = std::stoull(value);
        if (bodyLength > cfg.maxHttpBodyBytes) {
            respond(c, HttpResponse{413, "text/plain; charset=utf-8",
                                    "body larger than " + std::to_string(cfg.maxHttpBodyBytes)
                                        + " bytes\n",
                                    {}});
            return;
        }
    }
    if (c->inBuf.size() < c->headLength + bodyLength)
        return; // the body is still arriving
    req.body = c->inBuf.substr(c->headLength, bodyLength);
    c->inBuf.clear();
    ++server->httpRequests;
    // The handler answers when it can, from any thread; this thread goes on meanwhile.
    c->awaitingResponse = true;
    c->deadline = Clock::now() + cfg.httpResponseTimeout;
    auto pending = std::make_shared<PendingHttp>(this, c, req.method != "HEAD");
    guarded("onHttp", [&] {
        server->handler.onHttpAsync(req,
                                    [pending](HttpResponse r) { pending->answer(std::move(r)); });
    });
}

void Loop::answerHttp(const std::shared_ptr<Connection> &c, const HttpResponse &response,
                      bool includeBody)
{
    if (!c || c->dead || !c->awaitingResponse)
        return; // the peer went away, or the deadline answered first
    c->awaitingResponse = false;
    respond(c, response, includeBody);
    if (!c->dead)
        updateInterest(c);
}

void Loop::upgrade(const std::shared_ptr<Connection> &c)
{
    const WsServerConfig &cfg = server->config;
    HttpRequest &req = c->request;
    const std::string key = req.header("Sec-WebSocket-Key");
    auto bad = [&](std::string why) {
        ++server->protocolErrors;
        respond(c, HttpResponse{400, "text/plain; charset=utf-8", why + "\n", {}});
    };
    if (req.method != "GET")
        return bad("WebSocket upgrade with method '" + req.method + "', expected GET");
    if (req.version != "HTTP/1.1")
        return bad("WebSocket upgrade needs HTTP/1.1, got '" + req.version + "'");
    if (!headerHasToken(req.header("Connection"), "upgrade"))
        return bad("WebSocket upgrade without 'Connection: Upgrade'");
    if (key.size() != 24 || key.substr(22) != "==")
        return bad("Sec-WebSocket-Key '" + key.substr(0, 40) + "' is not 16 bytes of base64");
    if (req.header("Sec-WebSocket-Version") != "13") {
        respond(c, HttpResponse{426, "text/plain; charset=utf-8",
                                "WebSocket version 13 only\n", {{"Sec-WebSocket-Version", "13"}}});
        return;
    }
    if (!cfg.webSocketPath.empty() && req.path != cfg.webSocketPath) {
        respond(c, HttpResponse{404, "text/plain; charset=utf-8",
                                "no WebSocket endpoint at '" + req.path + "'\n", {}});
        return;
    }
    PeerInfo peer;
    const std::string offered = req.header("Sec-WebSocket-Protocol");
    for (const auto &mine : cfg.subprotocols) {
        if (headerHasToken(offered, mine)) {
            peer.subprotocol = mine;
            break;
        }
    }
    std::string head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                       + webSocketAcceptKey(key) + "\r\n";
    if (!peer.subprotocol.empty())
        head += "Sec-WebSocket-Protocol: " + peer.subprotocol + "\r\n";
    head += "\r\n";

    std::string early = c->inBuf.substr(c->headLength); // frames sent right behind the request
    c->inBuf = std::string();
    peer.address = c->address;
    peer.port = c->port;
    peer.path = req.path;
    peer.query = req.query;
    peer.headers = std::move(req.headers);
    c->request = HttpRequest();

    auto now = Clock::now();
    c->state = State::Open;
    c->lastReceive = c->windowStart = now;
    c->lastPing = now - pingPhase(c->id, server->config.pingInterval);
    {
        std::lock_guard lock(c->m);
        c->pending.insert(0, head); // before acceptSends: no run refers to pending yet
        c->queuedBytes += head.size();
        c->acceptSends = true;
    }
    {
        std::unique_lock lock(server->registryMutex);
        server->registry.emplace(c->id, c);
    }
    c->opened = true;
    ++server->open;
    guarded("onOpen", [&] { server->handler.onOpen(c->id, peer); });
    if (!early.empty() && c->state == State::Open) {
        c->decoder.feed(early);
        processFrames(c);
    }
    if (!c->dead)
        flush(c);
}

void Loop::processFrames(const std::shared_ptr<Connection> &c)
{
    const WsServerConfig &cfg = server->config;
    while (!c->dead && (c->state == State::Open || c->state == State::Closing)) {
        std::optional<WsEvent> event = c->decoder.next();
        // Flood control: every frame counts, control frames and fragments included.
        std::uint64_t frames = c->decoder.frameCount();
        auto now = Clock::now();
        if (now - c->windowStart >= std::chrono::seconds(1)) {
            c->windowStart = now;
            c->framesInWindow = 0;
        }
        c->framesInWindow += static_cast<unsigned>(frames - c->framesSeen);
        c->framesSeen = frames;
        if (c->state == State::Open && c->framesInWindow > cfg.maxFramesPerSecond) {
            ++server->protocolErrors;
            failConnection(c, close_code::PolicyViolation,
                           "more than " + std::to_string(cfg.maxFramesPerSecond)
                               + " frames per second");
            return;
        }
        if (!event)
            return;
        if (c->state == State::Closing) {
            // Waiting for the peer's close; everything else is dropped.
            if (event->kind == WsEvent::Kind::Close || event->kind == WsEvent::Kind::Error)
                linger(c);
            continue;
        }
        switch (event->kind) {
        case WsEvent::Kind::Text:
            ++server->messagesIn;
            guarded("onText", [&] { server->handler.onText(c->id, std::move(event->payload)); });
            break;
        case WsEvent::Kind::Binary:
            ++server->messagesIn;
            guarded("onBinary",
                    [&] { server->handler.onBinary(c->id, std::move(event->payload)); });
            break;
        case WsEvent::Kind::Ping:
            queueRaw(c, encodeFrame(Opcode::Pong, event->payload));
            flush(c);
            break;
        case WsEvent::Kind::Pong:
            break;
        case WsEvent::Kind::Close: {
            // The peer starts the close: echo its code, then we close the TCP connection.
            stopSends(c);
            c->closeInfo = CloseInfo{event->code, event->payload, true};
            queueRaw(c, encodeCloseFrame(event->code, {}));
            linger(c);
            return;
        }
        case WsEvent::Kind::Error:
            ++server->protocolErrors;
            failConnection(c, event->code, event->payload);
            return;
        }
    }
}

void Loop::respond(const std::shared_ptr<Connection> &c, const HttpResponse &response,
                   bool includeBody)
{
    queueRaw(c, serializeResponse(response, includeBody));
    c->inBuf = std::string();
    linger(c);
}

void Loop::queueRaw(const std::shared_ptr<Connection> &c, std::string bytes)
{
    std::lock_guard lock(c->m);
    c->queuedBytes += bytes.size();
    c->pending += bytes;
}

void Loop::flush(const std::shared_ptr<Connection> &c)
{
    if (c->dead)
        return;
    bool report = false;
    std::vector<detail::NumberedRun> runs;
    std::string bytes;
    {
        std::lock_guard lock(c->m);
        if (!c->runs.empty()) { // framed below, outside the lock the producer takes
            runs.swap(c->runs);
            bytes.swap(c->pending);
        } else if (!c->pending.empty()) {
            if (c->outOff == c->outBuf.size()) {
                c->outBuf.swap(c->pending);
                c->outOff = 0;
            } else {
                c->outBuf += c->pending;
            }
            c->pending.clear();
        }
        c->flushScheduled = false;
        report = c->overflowToReport;
        c->overflowToReport = false;
    }
    if (!runs.empty()) {
        if (c->outOff == c->outBuf.size()) {
            c->outBuf.clear();
            c->outOff = 0;
        }
        detail::appendWithRuns(c->outBuf, bytes, runs);
    }
    if (report && c->opened && c->state == State::Open)
        guarded("onOverflow", [&] { server->handler.onOverflow(c->id); });
    while (c->outOff < c->outBuf.size()) {
        IoResult r = c->transport->write(c->outBuf.data() + c->outOff, c->outBuf.size() - c->outOff);
        if (r.status == IoResult::Status::WouldBlock)
            break;
        if (r.status != IoResult::Status::Ok) {
            if (c->state == State::Open)
                c->closeInfo = CloseInfo{close_code::Abnormal, "connection lost", true};
            transportEnded(c);
            destroy(c);
            return;
        }
        c->outOff += r.bytes;
        server->bytesOut += r.bytes;
        ++server->socketWrites;
        std::lock_guard lock(c->m);
        c->queuedBytes -= r.bytes;
    }
    const bool drained = c->outOff == c->outBuf.size();
    if (drained) {
        c->outOff = 0;
        if (c->outBuf.capacity() > 256 * 1024)
            c->outBuf = std::string();
        else
            c->outBuf.clear();
    }
    setWantWrite(c, !drained);
    if (drained && c->state == State::Lingering && !c->writeShut) {
        bool more;
        {
            std::lock_guard lock(c->m);
            more = !c->pending.empty() || !c->runs.empty();
        }
        if (!more) {
            c->transport->shutdownWrite();
            c->writeShut = true;
            if (c->peerFinished)
                destroy(c); // its EOF came already: nothing is left to wait for
        }
    }
}

void Loop::flushQueued(const std::shared_ptr<Connection> &c)
{
    if (c->writeDeferred)
        return; // its due write takes these messages too
    const bool drained = c->outOff == c->outBuf.size();
    if (c->minWriteInterval.count() > 0 && drained && c->state == State::Open && !c->dead) {
        c->writeDue = nextSlot(Clock::now(), c->minWriteInterval, c->paceOffset);
        c->writeDeferred = true;
        paced.push_back(c);
        nextPacedWrite = std::min(nextPacedWrite, c->writeDue);
        return;
    }
    flush(c);
}

void Loop::flushPacedDue(Clock::time_point now)
{
    std::vector<std::shared_ptr<Connection>> due;
    nextPacedWrite = Clock::time_point::max();
    for (auto it = paced.begin(); it != paced.end();) {
        if ((*it)->writeDue <= now && due.size() < kPacedWritesPerTurn) {
            due.push_back(std::move(*it));
            it = paced.erase(it);
        } else {
            nextPacedWrite = std::min(nextPacedWrite, (*it)->writeDue);
            ++it;
        }
    }
    for (const auto &c : due) {
        c->writeDeferred = false;
        flush(c);
    }
}

void Loop::setWantWrite(const std::shared_ptr<Connection> &c, bool want)
{
    c->outPending = want;
    updateInterest(c);
}

void Loop::updateInterest(const std::shared_ptr<Connection> &c)
{
    // EPOLLOUT while there is output the socket can take (not while a TLS write waits for
    // input: that would spin) or while the transport itself must write (TLS handshake).
    const bool want = (c->outPending && !c->transport->writeWantsReadable())
                      || c->transport->wantsWritable();
    if (c->dead || c->wantWrite == want)
        return;
    c->wantWrite = want;
    epoll_event ev{};
    ev.events = (c->peerFinished ? 0u : EPOLLIN) | (want ? EPOLLOUT : 0u);
    ev.data.u64 = c->id;
    ::epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

void Loop::beginClose(const std::shared_ptr<Connection> &c, std::uint16_t code, std::string reason)
{
    if (c->dead || c->state != State::Open)
        return;
    stopSends(c);
    std::uint16_t wire = (code == close_code::NoStatus || isSendableCloseCode(code))
                             ? code
                             : close_code::NoStatus;
    queueRaw(c, encodeCloseFrame(wire, reason));
    c->closeInfo = CloseInfo{code, std::move(reason), false};
    c->state = State::Closing;
    c->deadline = Clock::now() + server->config.closeTimeout;
    flush(c);
}

void Loop::failConnection(const std::shared_ptr<Connection> &c, std::uint16_t code,
                          std::string reason)
{
    // RFC 6455 7.1.7: send the close frame and close the connection; no reply is awaited.
    if (c->dead || c->state != State::Open)
        return;
    stopSends(c);
    queueRaw(c, encodeCloseFrame(code, reason));
    c->closeInfo = CloseInfo{code, std::move(reason), false};
    linger(c);
}

void Loop::stopSends(const std::shared_ptr<Connection> &c)
{
    {
        std::lock_guard lock(c->m);
        c->acceptSends = false;
    }
    std::unique_lock lock(server->registryMutex);
    server->registry.erase(c->id);
}

void Loop::linger(const std::shared_ptr<Connection> &c)
{
    // The WebSocket is over (close handshake done or failed): tell the application now, not
    // when the peer gets round to closing TCP.
    c->state = State::Lingering;
    c->deadline = Clock::now() + server->config.closeTimeout;
    flush(c);
    notifyClosed(c);
}

void Loop::notifyClosed(const std::shared_ptr<Connection> &c)
{
    if (!c->opened || c->closeNotified)
        return;
    c->closeNotified = true;
    --server->open;
    guarded("onClose", [&] { server->handler.onClose(c->id, c->closeInfo); });
}

void Loop::destroy(const std::shared_ptr<Connection> &c)
{
    if (c->dead)
        return;
    c->dead = true;
    {
        std::lock_guard lock(c->m);
        c->acceptSends = false;
        c->pending.clear();
        c->runs.clear();
    }
    {
        std::unique_lock lock(server->registryMutex);
        server->registry.erase(c->id);
    }
    ::epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, nullptr);
    ::close(c->fd);
    conns.erase(c->id);
    --server->totalSockets;
    notifyClosed(c);
}

void Loop::tick(Clock::time_point now)
{
    if (!listening && index == 0 && !server->stopping.load() && now >= acceptPausedUntil) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = kListenKey;
        if (::epoll_ctl(epfd, EPOLL_CTL_ADD, server->listenFd, &ev) == 0)
            listening = true;
    }
    const WsServerConfig &cfg = server->config;
    std::vector<std::shared_ptr<Connection>> expired, idle, toPing;
    for (auto &[id, c] : conns) {
        switch (c->state) {
        case State::Request:
            if (c->awaitingResponse ? now >= c->deadline
                                    : now - c->acceptedAt >= cfg.handshakeTimeout)
                expired.push_back(c);
            break;
        case State::Open:
            if (now - c->lastReceive >= cfg.idleTimeout)
                idle.push_back(c);
            else if (now - c->lastPing >= cfg.pingInterval)
                toPing.push_back(c);
            break;
        case State::Closing:
        case State::Lingering:
            if (now >= c->deadline)
                expired.push_back(c);
            break;
        }
    }
    for (auto &c : expired) {
        if (c->state == State::Request && c->awaitingResponse) {
            answerHttp(c, HttpResponse{504, "text/plain; charset=utf-8", "no answer in time\n", {}},
                       true);
            continue;
        }
        destroy(c);
    }
    for (auto &c : idle)
        beginClose(c, close_code::GoingAway, "idle timeout");
    for (auto &c : toPing) {
        c->lastPing = now;
        pingsDue.push_back(std::move(c));
    }
}

void Loop::sendDuePings()
{
    for (std::size_t sent = 0; sent < kPingsPerTurn && !pingsDue.empty(); ++sent) {
        std::shared_ptr<Connection> c = std::move(pingsDue.front());
        pingsDue.pop_front();
        if (c->dead || c->state != State::Open)
            continue;
        queueRaw(c, encodeFrame(Opcode::Ping, {}));
        flush(c);
    }
}

void Loop::beginStop()
{
    stopBegun = true;
    if (index == 0 && listening) {
        ::epoll_ctl(epfd, EPOLL_CTL_DEL, server->listenFd, nullptr);
        listening = false;
    }
    std::vector<std::shared_ptr<Connection>> all;
    for (auto &[id, c] : conns)
        all.push_back(c);
    for (auto &c : all) {
        if (c->state == State::Open)
            beginClose(c, close_code::GoingAway, "server stopping");
        else if (c->state == State::Request)
            destroy(c);
    }
}

// ---- WsServer ---------------------------------------------------------------------------

bool WsServer::Impl::appendFrame(Connection &c, Opcode opcode, std::string_view head,
                                 std::string_view tail)
{
    const std::size_t payload = head.size() + tail.size();
    const std::size_t bytes = frameSize(payload);
    if (c.queuedBytes + bytes > config.maxOutboundBytes) {
        markOverflowed(c);
        return false;
    }
    appendFrameHeader(c.pending, opcode, payload);
    c.pending.append(head).append(tail);
    c.queuedBytes += bytes;
    ++messagesOut;
    return true;
}

template<class AppendFrames>
std::size_t WsServer::Impl::enqueueFrames(ConnectionId id, AppendFrames appendFrames)
{
    std::shared_ptr<Connection> c = find(id);
    if (!c)
        return 0;
    std::size_t queued = 0;
    bool schedule = false;
    {
        std::lock_guard lock(c->m);
        if (!c->acceptSends || c->overflowed)
            return 0;
        queued = appendFrames(*c);
        schedule = !c->flushScheduled;
        c->flushScheduled = true;
        if (c->overflowed) { // reported by the flush, at once
            if (schedule)
                c->loop->post([c] { c->loop->flush(c); });
            return queued;
        }
    }
    if (schedule)
        scheduleFlush(std::move(c));
    return queued;
}

bool WsServer::Impl::enqueue(ConnectionId id, Opcode opcode, std::string_view head,
                             std::string_view tail)
{
    return enqueueFrames(id, [&](Connection &c) -> std::size_t {
               return appendFrame(c, opcode, head, tail);
           })
           == 1;
}

std::size_t WsServer::Impl::enqueueMany(ConnectionId id, std::string_view messages,
                                        std::span<const std::uint32_t> ends)
{
    return enqueueFrames(id, [&](Connection &c) {
        std::size_t queued = 0;
        std::size_t begin = 0;
        for (std::uint32_t end : ends) {
            if (!appendFrame(c, Opcode::Text, messages.substr(begin, end - begin)))
                break;
            begin = end;
            ++queued;
        }
        return queued;
    });
}

std::size_t WsServer::Impl::enqueueNumbered(ConnectionId id, std::string_view prefix,
                                            std::uint64_t firstNumber,
                                            std::shared_ptr<const void> owner,
                                            std::string_view messages, std::size_t begin,
                                            std::span<const std::uint32_t> ends)
{
    return enqueueFrames(id, [&](Connection &c) -> std::size_t {
        // Accounted now, as the frames will be, so overflow is decided here as for sendMany.
        std::size_t queued = 0;
        std::size_t bytes = 0;
        std::size_t from = begin;
        for (std::uint32_t end : ends) {
            const std::size_t frame =
                detail::numberedFrameSize(prefix.size(), firstNumber + queued, end - from);
            if (c.queuedBytes + bytes + frame > config.maxOutboundBytes) {
                markOverflowed(c);
                break;
            }
            bytes += frame;
            from = end;
            ++queued;
        }
        if (queued == 0)
            return 0;
        c.queuedBytes += bytes;
        messagesOut += queued;
        c.runs.push_back(detail::NumberedRun{std::move(owner), messages, begin, ends.first(queued),
                                             firstNumber, std::string(prefix), c.pending.size()});
        return queued;
    });
}

void WsServer::Impl::scheduleFlush(std::shared_ptr<Connection> c)
{
    if (t_held.server == this)
        t_held.connections.push_back(std::move(c));
    else
        c->loop->post([c] { c->loop->flushQueued(c); });
}

bool checkTlsFiles(const std::string &certificateFile, const std::string &keyFile,
                   std::string &error)
{
    return detail::TlsContext::create(certificateFile, keyFile, error) != nullptr;
}

WsServer::WsServer(WsServerConfig config, WsHandler &handler)
    : m_impl(std::make_unique<Impl>(std::move(config), handler))
{
}

WsServer::~WsServer()
{
    stop();
    // A thread that held flushes and is destroying the server must not keep pointing at it:
    // a later server at the same address would find its sends held.
    if (t_held.server == m_impl.get()) {
        t_held.connections.clear();
        t_held.server = nullptr;
    }
}

bool WsServer::start(std::string *error)
{
    Impl &d = *m_impl;
    auto fail = [&](std::string why) {
        if (error)
            *error = std::move(why);
        if (d.listenFd >= 0) {
            ::close(d.listenFd);
            d.listenFd = -1;
        }
        return false;
    };
    if (d.started)
        return fail("already started");
    const WsServerConfig &cfg = d.config;
    if (cfg.ioThreads < 1 || cfg.ioThreads > 64)
        return fail("ioThreads " + std::to_string(cfg.ioThreads) + " is outside 1..64");
    auto shortest = std::min({cfg.handshakeTimeout, cfg.pingInterval, cfg.idleTimeout,
                              cfg.closeTimeout});
    d.tickInterval = std::clamp(shortest / 4, std::chrono::milliseconds(5),
                                std::chrono::milliseconds(250));
    if (cfg.tlsCertificateFile.empty() != cfg.tlsKeyFile.empty())
        return fail(cfg.tlsCertificateFile.empty()
                        ? "tlsKeyFile '" + cfg.tlsKeyFile + "' is set without tlsCertificateFile"
                        : "tlsCertificateFile '" + cfg.tlsCertificateFile
                              + "' is set without tlsKeyFile");
    if (!cfg.tlsCertificateFile.empty()) {
        std::string why;
        d.tls = detail::TlsContext::create(cfg.tlsCertificateFile, cfg.tlsKeyFile, why);
        if (!d.tls)
            return fail(why);
    }

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const std::string where = cfg.host + ":" + std::to_string(cfg.port);
    int rc = ::getaddrinfo(cfg.host.empty() ? nullptr : cfg.host.c_str(),
                           std::to_string(cfg.port).c_str(), &hints, &found);
    if (rc != 0)
        return fail("cannot resolve " + where + ": " + ::gai_strerror(rc));
    std::string lastError = "no address";
    for (addrinfo *ai = found; ai; ai = ai->ai_next) {
        int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                          ai->ai_protocol);
        if (fd < 0) {
            lastError = std::strerror(errno);
            continue;
        }
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, cfg.listenBacklog) == 0) {
            d.listenFd = fd;
            break;
        }
        lastError = std::strerror(errno);
        ::close(fd);
    }
    ::freeaddrinfo(found);
    if (d.listenFd < 0)
        return fail("cannot listen on " + where + ": " + lastError);
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    ::getsockname(d.listenFd, reinterpret_cast<sockaddr *>(&ss), &len);
    peerAddress(ss, d.boundPort);

    for (unsigned i = 0; i < cfg.ioThreads; ++i) {
        auto loop = std::make_unique<Loop>();
        loop->server = &d;
        loop->index = i;
        loop->epfd = ::epoll_create1(EPOLL_CLOEXEC);
        loop->wakefd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (loop->epfd < 0 || loop->wakefd < 0)
            return fail(std::string("epoll/eventfd: ") + std::strerror(errno));
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = kWakeKey;
        ::epoll_ctl(loop->epfd, EPOLL_CTL_ADD, loop->wakefd, &ev);
        if (i == 0) {
            ev.data.u64 = kListenKey;
            ::epoll_ctl(loop->epfd, EPOLL_CTL_ADD, d.listenFd, &ev);
            loop->listening = true;
        }
        d.loops.push_back(std::move(loop));
    }
    d.started = true;
    for (auto &loop : d.loops)
        loop->thread = std::thread([l = loop.get()] {
            pthread_setname_np(pthread_self(), ("net-io-" + std::to_string(l->index)).c_str());
            l->run();
        });
    return true;
}

void WsServer::stop()
{
    Impl &d = *m_impl;
    if (!d.started || d.stopped)
        return;
    d.stopped = true;
    d.stopDeadline = Clock::now() + d.config.stopTimeout;
    d.stopping = true;
    for (auto &loop : d.loops)
        loop->post([] {});
    for (auto &loop : d.loops) {
        if (loop->thread.joinable())
            loop->thread.join();
    }
    // Tasks posted after a loop exited: adoptions close their socket, flushes see dead
    // connections and do nothing.
    for (auto &loop : d.loops)
        loop->runTasks();
    for (auto &loop : d.loops) {
        std::lock_guard lock(loop->taskMutex);
        loop->closed = true;
        loop->tasks.clear();
        ::close(loop->epfd);
        ::close(loop->wakefd);
    }
    if (d.listenFd >= 0) {
        ::close(d.listenFd);
        d.listenFd = -1;
    }
    std::unique_lock lock(d.registryMutex);
    d.registry.clear();
}

std::uint16_t WsServer::port() const
{
    return m_impl->boundPort;
}

unsigned WsServer::ioThreadCount() const
{
    return m_impl->config.ioThreads;
}

bool WsServer::send(ConnectionId id, std::string text)
{
    return m_impl->enqueue(id, Opcode::Text, text);
}

bool WsServer::sendParts(ConnectionId id, std::string_view head, std::string_view tail)
{
    return m_impl->enqueue(id, Opcode::Text, head, tail);
}

bool WsServer::sendBinary(ConnectionId id, std::string data)
{
    return m_impl->enqueue(id, Opcode::Binary, data);
}

bool WsServer::resume(ConnectionId id, std::string resyncNotice)
{
    std::shared_ptr<Connection> c = m_impl->find(id);
    if (!c)
        return false;
    bool schedule = false;
    {
        std::lock_guard lock(c->m);
        if (!c->acceptSends)
            return false;
        c->overflowed = false;
        c->overflowToReport = false;
        if (!resyncNotice.empty()) {
            std::string frame = encodeFrame(Opcode::Text, resyncNotice);
            c->queuedBytes += frame.size();
            c->pending += frame;
            ++m_impl->messagesOut;
            schedule = !c->flushScheduled;
            c->flushScheduled = true;
        }
    }
    if (schedule)
        c->loop->post([c] { c->loop->flush(c); });
    return true;
}

void WsServer::close(ConnectionId id, std::uint16_t code, std::string reason)
{
    std::shared_ptr<Connection> c = m_impl->find(id);
    if (!c)
        return;
    c->loop->post([c, code, reason = std::move(reason)]() mutable {
        c->loop->beginClose(c, code, std::move(reason));
    });
}

std::size_t WsServer::sendMany(ConnectionId id, std::string_view messages,
                               std::span<const std::uint32_t> ends)
{
    return m_impl->enqueueMany(id, messages, ends);
}

std::size_t WsServer::sendNumbered(ConnectionId id, std::string_view prefix,
                                   std::uint64_t firstNumber, std::shared_ptr<const void> owner,
                                   std::string_view messages, std::size_t begin,
                                   std::span<const std::uint32_t> ends)
{
    return m_impl->enqueueNumbered(id, prefix, firstNumber, std::move(owner), messages, begin,
                                   ends);
}

void WsServer::setMinWriteInterval(ConnectionId id, std::chrono::milliseconds interval)
{
    std::shared_ptr<Connection> c = m_impl->find(id);
    if (!c)
        return;
    c->loop->post([c, interval] {
        c->minWriteInterval = std::max(interval, std::chrono::milliseconds(0));
        c->paceOffset = spreadOffset(c->id, c->minWriteInterval);
        if (c->minWriteInterval.count() == 0 && c->writeDeferred) {
            // No reason to wait for its slot any more: due now (the others keep theirs).
            c->writeDue = Clock::now();
            c->loop->nextPacedWrite = std::min(c->loop->nextPacedWrite, c->writeDue);
        }
    });
}

void WsServer::holdFlushesOnThisThread(bool hold)
{
    if (hold) {
        t_held.server = m_impl.get();
    } else if (t_held.server == m_impl.get()) {
        releaseHeldFlushes();
        t_held.server = nullptr;
    }
}

void WsServer::releaseHeldFlushes()
{
    if (t_held.server != m_impl.get() || t_held.connections.empty())
        return;
    std::vector<std::shared_ptr<Connection>> held;
    held.swap(t_held.connections);
    // Grouped by I/O thread, in the order queued (a loop flushes its share in one task).
    for (const auto &loop : m_impl->loops) {
        std::vector<std::shared_ptr<Connection>> mine;
        for (const auto &c : held)
            if (c->loop == loop.get())
                mine.push_back(c);
        if (!mine.empty())
            loop->post([mine = std::move(mine)] {
                for (const auto &c : mine)
                    c->loop->flushQueued(c);
            });
    }
}

std::size_t WsServer::connectionCount() const
{
    return static_cast<std::size_t>(m_impl->open.load());
}

WsServerStats WsServer::stats() const
{
    const Impl &d = *m_impl;
    WsServerStats s;
    s.acceptedConnections = d.accepted;
    s.rejectedConnections = d.rejected;
    s.openConnections = d.open;
    s.httpRequests = d.httpRequests;
    s.messagesIn = d.messagesIn;
    s.messagesOut = d.messagesOut;
    s.bytesIn = d.bytesIn;
    s.bytesOut = d.bytesOut;
    s.socketWrites = d.socketWrites;
    s.overflows = d.overflows;
    s.protocolErrors = d.protocolErrors;
    s.tlsHandshakes = d.tlsHandshakes;
    s.tlsErrors = d.tlsErrors;
    return s;
}

} // namespace acd::net
