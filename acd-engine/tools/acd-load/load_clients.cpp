#include "load_clients.h"

#include "acd/net/ws_frame.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <string_view>

namespace acd::load {

double nowMs()
{
    return std::chrono::duration<double, std::milli>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class LoadClients::Client {
public:
    enum class Step {
        Connecting,
        Handshake,
        Hello,
        Login,
        AgentReady,
        SessionReady,
        Subscribe,
        Running,
        Failed
    };
    ClientSpec spec;
    int fd = -1;
    Step step = Step::Connecting;
    std::string in;
    std::string out;
    net::FrameDecoder decoder{net::DecoderLimits{4u << 20, false}};
    int nextId = 1;
    std::uint64_t session = 0;
    std::uint64_t lastSeq = 0;
    bool wantWrite = false;

    void sendText(const std::string &text)
    {
        static thread_local std::mt19937 random(12345);
        std::uint8_t key[4];
        for (auto &k : key)
            k = static_cast<std::uint8_t>(random());
        out += net::encodeFrame(net::Opcode::Text, text, true, key);
    }
    void request(const std::string &fields)
    {
        sendText("{\"id\":" + std::to_string(nextId++) + "," + fields + "}");
    }
};

namespace {

void setNonBlocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

} // namespace

LoadClients::LoadClients(int port, std::vector<ClientSpec> clients)
    : m_port(port)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    for (ClientSpec &spec : clients) {
        auto c = std::make_unique<Client>();
        c->spec = std::move(spec);
        m_clients.push_back(std::move(c));
    }
}

LoadClients::~LoadClients()
{
    for (auto &c : m_clients)
        if (c->fd >= 0)
            close(c->fd);
    if (m_epoll >= 0)
        close(m_epoll);
}

void LoadClients::fail(Client &c, const std::string &why)
{
    if (c.step == Client::Step::Failed)
        return;
    ++m_results.failures;
    if (m_results.firstFailure.empty())
        m_results.firstFailure = c.spec.user + ": " + why;
    c.step = Client::Step::Failed;
    if (c.fd >= 0) {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        close(c.fd);
        c.fd = -1;
    }
}

bool LoadClients::start(int connectsPerSecond, int timeoutMs)
{
    auto begin = std::chrono::steady_clock::now();
    auto deadline = begin + std::chrono::milliseconds(timeoutMs);
    std::size_t started = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        auto allowed = static_cast<std::size_t>(elapsed * connectsPerSecond) + 1;
        while (started < m_clients.size() && started < allowed) {
            Client &c = *m_clients[started++];
            c.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            setNonBlocking(c.fd);
            int one = 1;
            setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_port = htons(static_cast<std::uint16_t>(m_port));
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (connect(c.fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0
                && errno != EINPROGRESS) {
                fail(c, std::string("connect: ") + std::strerror(errno));
                continue;
            }
            c.step = Client::Step::Handshake;
            c.out = "GET /acd/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n";
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLOUT;
            ev.data.ptr = &c;
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
            c.wantWrite = true;
        }
        poll(10);
        std::size_t done = 0;
        for (auto &c : m_clients)
            done += c->step == Client::Step::Running || c->step == Client::Step::Failed;
        if (done == m_clients.size())
            break;
    }
    return m_results.failures == 0 && m_results.connected == m_clients.size();
}

void LoadClients::run(int ms)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < deadline)
        poll(20);
}

void LoadClients::resetMeasurements()
{
    m_results.offerLatencyMs.clear();
    m_results.offersSeen = 0;
    m_results.supervisorEvents = 0;
    m_results.answered = m_results.completed = m_results.queued = 0;
}

void LoadClients::poll(int timeoutMs)
{
    epoll_event events[256];
    int n = epoll_wait(m_epoll, events, 256, timeoutMs);
    for (int i = 0; i < n; ++i) {
        auto &c = *static_cast<Client *>(events[i].data.ptr);
        if (c.fd < 0)
            continue;
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
            fail(c, "connection lost");
            continue;
        }
        if (events[i].events & EPOLLIN) {
            char buffer[65536];
            for (;;) {
                ssize_t r = recv(c.fd, buffer, sizeof buffer, 0);
                if (r > 0) {
                    if (c.step == Client::Step::Handshake) {
                        c.in.append(buffer, static_cast<std::size_t>(r));
                        std::size_t end = c.in.find("\r\n\r\n");
                        if (end == std::string::npos)
                            continue;
                        if (c.in.rfind("HTTP/1.1 101", 0) != 0) {
                            fail(c, "handshake refused: " + c.in.substr(0, c.in.find('\r')));
                            break;
                        }
                        std::string rest = c.in.substr(end + 4);
                        c.in.clear();
                        c.step = Client::Step::Hello;
                        c.request(R"("op":"hello","version":1,"user":")" + c.spec.user
                                  + R"(","password":")" + c.spec.password + "\"");
                        c.decoder.feed(rest);
                    } else {
                        c.decoder.feed(buffer, static_cast<std::size_t>(r));
                    }
                    while (auto ev = c.decoder.next()) {
                        if (ev->kind == net::WsEvent::Kind::Text)
                            onMessage(c, ev->payload);
                        else if (ev->kind == net::WsEvent::Kind::Ping) {
                            static const std::uint8_t key[4] = {1, 2, 3, 4};
                            c.out += net::encodeFrame(net::Opcode::Pong, ev->payload, true, key);
                        } else if (ev->kind == net::WsEvent::Kind::Close
                                   || ev->kind == net::WsEvent::Kind::Error) {
                            fail(c, "closed by the engine: " + std::to_string(ev->code) + " "
                                        + ev->payload);
                            break;
                        }
                    }
                    if (c.fd < 0)
                        break;
                    continue;
                }
                if (r == 0)
                    fail(c, "connection closed");
                else if (errno != EAGAIN && errno != EWOULDBLOCK)
                    fail(c, std::string("recv: ") + std::strerror(errno));
                break;
            }
        }
        if (c.fd >= 0 && !c.out.empty()) {
            ssize_t w = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
            if (w > 0)
                c.out.erase(0, static_cast<std::size_t>(w));
            else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                fail(c, std::string("send: ") + std::strerror(errno));
        }
        if (c.fd >= 0) {
            bool want = !c.out.empty();
            if (want != c.wantWrite) {
                epoll_event ev{};
                ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
                ev.data.ptr = &c;
                epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
                c.wantWrite = want;
            }
        }
    }
}

namespace {

/// The number after `"key":` in a flat JSON text (events are flat), or -1.
double numberField(std::string_view text, std::string_view pattern)
{
    const std::size_t at = text.find(pattern);
    if (at == std::string_view::npos)
        return -1;
    return std::strtod(text.data() + at + pattern.size(), nullptr);
}

/// The event name after `"ev":"` (up to the next quote), or "" for a response.
std::string_view eventName(std::string_view text)
{
    constexpr std::string_view pattern = "\"ev\":\"";
    std::size_t at = text.find(pattern);
    if (at == std::string_view::npos)
        return {};
    at += pattern.size();
    const std::size_t end = text.find('"', at);
    return end == std::string_view::npos ? std::string_view{} : text.substr(at, end - at);
}

/// An event's sequence number: events start `{"seq":N,`.
std::uint64_t sequenceOf(std::string_view text)
{
    constexpr std::string_view head = "{\"seq\":";
    if (text.substr(0, head.size()) == head)
        return std::strtoull(text.data() + head.size(), nullptr, 10);
    return static_cast<std::uint64_t>(numberField(text, "\"seq\":"));
}

} // namespace

void LoadClients::onMessage(Client &c, const std::string &text)
{
    // Events are read from a few fields without building a JSON tree or copying: a supervisor
    // receives every event of the center, and parsing them all would make this tool, not the
    // engine, the bottleneck (it shares the machine with the engine).
    if (const std::string_view ev = eventName(text); !ev.empty()) {
        if (c.spec.agent == 0) {
            const std::uint64_t seq = sequenceOf(text);
            if (c.lastSeq && seq != c.lastSeq + 1)
                m_results.gaps += seq - c.lastSeq - 1;
            c.lastSeq = seq;
            ++m_results.supervisorEvents;
            const bool counting = c.spec.user == "s0"; // the first supervisor counts the calls
            if (ev == "overflow")
                ++m_results.overflowNotices;
            else if (!counting)
                ;
            else if (ev == "call.queued" && text.find("\"flowedIn\":false") != std::string::npos) {
                auto call = static_cast<std::uint64_t>(numberField(text, "\"call\":"));
                ++m_results.queued;
                const double at = numberField(text, "\"at\":");
                m_queuedAt[call] = at;
                if (auto o = m_offeredAt.find(call); o != m_offeredAt.end()) {
                    m_results.offerLatencyMs.push_back(o->second - at);
                    m_offeredAt.erase(o);
                }
            } else if (ev == "call.answered") {
                ++m_results.answered;
            } else if (ev == "call.completed") {
                ++m_results.completed;
                m_queuedAt.erase(static_cast<std::uint64_t>(numberField(text, "\"call\":")));
            }
        } else if (ev == "call.offered") {
            const double received = nowMs();
            ++m_results.offersSeen;
            auto call = static_cast<std::uint64_t>(numberField(text, "\"call\":"));
            if (auto q = m_queuedAt.find(call); q != m_queuedAt.end())
                m_results.offerLatencyMs.push_back(received - q->second);
            else
                m_offeredAt.emplace(call, received); // the supervisor has not seen it queued yet
        }
        return;
    }
    Poco::JSON::Object::Ptr m;
    try {
        Poco::JSON::Parser parser;
        m = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception &e) {
        fail(c, "unparsable message: " + e.displayText());
        return;
    }
    if (!m->getValue<bool>("ok")) {
        fail(c, "request refused: " + text);
        return;
    }
    auto result = m->getObject("result");
    using Step = Client::Step;
    switch (c.step) {
    case Step::Hello:
        ++m_results.connected;
        if (c.spec.agent == 0) {
            c.step = Step::Subscribe;
            c.request(R"("op":"subscribe","topics":["all"])");
        } else {
            c.step = Step::Login;
            c.request(R"("op":"agent.login","agent":)" + std::to_string(c.spec.agent)
                      + R"(,"pin":")" + c.spec.pin + R"(","station":")" + c.spec.station
                      + R"(","groups":[)" + std::to_string(c.spec.group) + "]");
        }
        break;
    case Step::Login:
        c.session = result->getArray("sessions")->getElement<std::uint64_t>(0);
        c.step = Step::AgentReady;
        c.request(R"("op":"agent.setState","agent":)" + std::to_string(c.spec.agent)
                  + R"(,"state":"ready","nextState":"ready")");
        break;
    case Step::AgentReady:
        c.step = Step::SessionReady;
        c.request(R"("op":"agent.setSessionState","agent":)" + std::to_string(c.spec.agent)
                  + R"(,"session":)" + std::to_string(c.session)
                  + R"(,"state":"ready","nextState":"ready")");
        break;
    case Step::SessionReady:
        c.step = Step::Subscribe;
        c.request(R"("op":"subscribe","topics":["agent:)" + std::to_string(c.spec.agent) + "\"]");
        break;
    case Step::Subscribe:
        c.step = Step::Running;
        if (c.spec.agent)
            ++m_results.ready;
        break;
    default:
        break;
    }
}

} // namespace acd::load
