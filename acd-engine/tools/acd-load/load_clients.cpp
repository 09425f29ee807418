#include "load_clients.h"

#include "acd/net/ws_frame.h"

#include <Poco/JSON/Object.h>
#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Parser.h>
#include <tapi.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <iterator>
#include <random>
#include <sstream>
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
        LineInitialize,
        LineNegotiate,
        LineAddress,
        LineOpen,
        Running,
        Failed
    };
    ClientSpec spec;
    int fd = -1;
    Step step = Step::Connecting;
    std::string in;
    std::string out;
    net::FrameDecoder decoder{net::DecoderLimits{4u << 20, false, false}}; // the engine's frames
    int nextId = 1;
    std::uint64_t session = 0;
    std::uint64_t lastSeq = 0;
    bool wantWrite = false;
    // Remote TAPI on the station's line.
    std::uint64_t lineApp = 0;
    std::uint64_t lineVersion = 0;
    std::uint64_t offeredCall = 0;  ///< call.offered seen, its line OFFERING not yet
    double lineOfferingAtMs = 0;    ///< OFFERING seen before its call.offered

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
    void tapi(const char *fn, const std::string &args)
    {
        request(std::string(R"("op":"tapi","fn":")") + fn + R"(","args":{)" + args + "}");
    }
};

namespace {

void setNonBlocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

} // namespace

LoadClients::LoadClients(int port, std::vector<ClientSpec> clients, Latencies &latencies)
    : m_port(port)
    , m_latencies(latencies)
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
    runWhile([] { return true; }, ms);
}

void LoadClients::runUntil(const std::atomic<bool> &done)
{
    while (!done)
        poll(20);
}

void LoadClients::runWhile(const std::function<bool()> &more, int maxMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(maxMs);
    while (more() && std::chrono::steady_clock::now() < deadline)
        poll(20);
}

void LoadClients::resetMeasurements()
{
    m_results.offersSeen = 0;
    m_results.lineOfferings = 0;
    m_results.supervisorEvents = 0;
    m_results.statsEvents = 0;
    m_results.answered = m_results.completed = m_results.abandoned = m_results.queued = 0;
}

void LoadClients::poll(int timeoutMs)
{
    epoll_event events[256];
    int n = epoll_wait(m_epoll, events, 256, timeoutMs);
    net::WsEvent message; // one string for all messages of this poll, not one allocation each
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
                    while (c.decoder.next(message)) {
                        if (message.kind == net::WsEvent::Kind::Text)
                            onMessage(c, message.payload);
                        else if (message.kind == net::WsEvent::Kind::Ping) {
                            static const std::uint8_t key[4] = {1, 2, 3, 4};
                            c.out +=
                                net::encodeFrame(net::Opcode::Pong, message.payload, true, key);
                        } else if (message.kind == net::WsEvent::Kind::Close
                                   || message.kind == net::WsEvent::Kind::Error) {
                            fail(c, "closed by the engine: " + std::to_string(message.code) + " "
                                        + message.payload);
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

/// The event name after `"ev":"` (up to the next quote), or "" for a response. The engine
/// writes "ev" after an event's own fields, near the end: searched from there.
std::string_view eventName(std::string_view text)
{
    constexpr std::string_view pattern = "\"ev\":\"";
    std::size_t at = text.rfind(pattern);
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
    if (text.substr(0, head.size()) == head) {
        std::uint64_t seq = 0;
        std::from_chars(text.data() + head.size(), text.data() + text.size(), seq);
        return seq;
    }
    return static_cast<std::uint64_t>(numberField(text, "\"seq\":"));
}

} // namespace

LoadResults &LoadResults::operator+=(const LoadResults &other)
{
    connected += other.connected;
    ready += other.ready;
    failures += other.failures;
    if (firstFailure.empty())
        firstFailure = other.firstFailure;
    offersSeen += other.offersSeen;
    supervisorEvents += other.supervisorEvents;
    statsEvents += other.statsEvents;
    gaps += other.gaps;
    overflowNotices += other.overflowNotices;
    if (other.firstOverflowAtMs > 0
        && (firstOverflowAtMs == 0 || other.firstOverflowAtMs < firstOverflowAtMs))
        firstOverflowAtMs = other.firstOverflowAtMs;
    answered += other.answered;
    completed += other.completed;
    abandoned += other.abandoned;
    queued += other.queued;
    lineOfferings += other.lineOfferings;
    readyAgainAfterRona += other.readyAgainAfterRona;
    return *this;
}

namespace {

/// False (and the client failed) when a TAPI function returned an error.
bool tapiRet(const Poco::JSON::Object &response, std::int64_t &ret)
{
    auto result = response.getObject("result");
    if (!result || !result->has("ret"))
        return false;
    ret = result->getValue<std::int64_t>("ret");
    return ret == 0;
}

/// The dialable address in a LINEADDRESSCAPS (base64, as the engine sends structures).
std::string addressOf(const std::string &base64)
{
    std::istringstream in(base64);
    Poco::Base64Decoder decoder(in);
    std::string bytes((std::istreambuf_iterator<char>(decoder)), {});
    LINEADDRESSCAPS caps{};
    if (bytes.size() < sizeof caps)
        return {};
    std::memcpy(&caps, bytes.data(), sizeof caps);
    if (caps.dwAddressSize == 0 || caps.dwAddressOffset + caps.dwAddressSize > bytes.size())
        return {};
    return std::string(bytes.data() + caps.dwAddressOffset).substr(0, caps.dwAddressSize - 1);
}

/// The six numbers of a TAPI event's `"msg":[hDevice, dwMessageID, dwCallbackInstance,
/// dwParam1, dwParam2, dwParam3]`; false when there is none.
bool lineMessage(std::string_view text, std::uint64_t (&msg)[6])
{
    constexpr std::string_view pattern = "\"msg\":[";
    const std::size_t at = text.find(pattern);
    if (at == std::string_view::npos)
        return false;
    const char *p = text.data() + at + pattern.size();
    for (auto &value : msg) {
        char *end = nullptr;
        value = std::strtoull(p, &end, 10);
        if (end == p)
            return false;
        p = end + 1; // past ',' or ']'
    }
    return true;
}

} // namespace

void LoadClients::onAgentEvent(Client &c, std::string_view ev, const std::string &text)
{
    if (ev == "call.offered") {
        const auto call = static_cast<std::uint64_t>(numberField(text, "\"call\":"));
        ++m_results.offersSeen;
        m_latencies.engineToOfferEvent.end(call, nowMs());
        if (c.lineOfferingAtMs > 0) { // the station rang before this event arrived
            m_latencies.switchToLineOffering.end(call, c.lineOfferingAtMs);
            c.lineOfferingAtMs = 0;
        } else {
            c.offeredCall = call;
        }
        return;
    }
    if (ev == "agent.state") {
        // As an agent at the desk would: a call that rang out made them Not Ready; they make
        // themselves Ready again (runs with ring times near the ring timeout rely on it).
        if (text.find(R"("forcedBy":"system:rona")") != std::string::npos
            && text.find(R"("state":"not-ready")") != std::string::npos) {
            ++m_results.readyAgainAfterRona;
            c.request(R"("op":"agent.setState","agent":)" + std::to_string(c.spec.agent)
                      + R"(,"state":"ready","nextState":"ready")");
        }
        return;
    }
    if (ev != "tapi")
        return;
    std::uint64_t msg[6];
    if (!lineMessage(text, msg) || msg[1] != LINE_CALLSTATE)
        return;
    if (msg[3] == LINECALLSTATE_IDLE) {
        // As a desktop does (agent-desktop's call model): the call is over, its handle is
        // given back, or the engine keeps it for this application.
        c.tapi("lineDeallocateCall", "\"hCall\":" + std::to_string(msg[0]));
        return;
    }
    if (msg[3] != LINECALLSTATE_OFFERING)
        return;
    const double received = nowMs();
    ++m_results.lineOfferings;
    // An agent has one ACD call at a time: the OFFERING at its station is the call just offered.
    if (c.offeredCall) {
        m_latencies.switchToLineOffering.end(c.offeredCall, received);
        c.offeredCall = 0;
    } else {
        c.lineOfferingAtMs = received;
    }
}

void LoadClients::onMessage(Client &c, const std::string &text)
{
    // Events are read from a few fields without building a JSON tree or copying: a supervisor
    // receives every event of the center, and parsing them all would make this tool, not the
    // engine, the bottleneck (it shares the machine with the engine).
    if (const std::string_view ev = eventName(text); !ev.empty()) {
        if (c.spec.agent != 0) {
            onAgentEvent(c, ev, text);
            return;
        }
        // Every event to a connection is numbered, the `stats` figures too.
        const std::uint64_t seq = sequenceOf(text);
        if (c.lastSeq && seq != c.lastSeq + 1)
            m_results.gaps += seq - c.lastSeq - 1;
        c.lastSeq = seq;
        if (ev == "queue.stats" || ev == "agent.stats") {
            ++m_results.statsEvents;
            return;
        }
        ++m_results.supervisorEvents;
        const bool counting = c.spec.user == "s0"; // the first supervisor counts the calls
        if (ev == "overflow") {
            if (m_results.overflowNotices++ == 0)
                m_results.firstOverflowAtMs = nowMs();
        } else if (!counting) {
        } else if (ev == "call.queued" && text.find("\"flowedIn\":false") != std::string::npos) {
            const auto call = static_cast<std::uint64_t>(numberField(text, "\"call\":"));
            ++m_results.queued;
            m_latencies.engineToOfferEvent.start(call, numberField(text, "\"at\":"));
            // pbx-sim made the caller ID the switch's arrival time in microseconds.
            const double arrivalUs = numberField(text, "\"ani\":\"");
            if (arrivalUs > 0)
                m_latencies.switchToLineOffering.start(call, arrivalUs / 1000.0);
        } else if (ev == "call.answered") {
            ++m_results.answered;
        } else if (ev == "call.completed") {
            ++m_results.completed;
            // "abandoned" (in the queue) or "abandoned-ringing" (at an agent)
            if (text.find("\"disposition\":\"abandoned") != std::string::npos)
                ++m_results.abandoned;
            const auto call = static_cast<std::uint64_t>(numberField(text, "\"call\":"));
            m_latencies.engineToOfferEvent.forget(call);
            m_latencies.switchToLineOffering.forget(call);
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
    auto tapiSucceeded = [this](Client &client, const Poco::JSON::Object &response,
                                const char *fn) {
        std::int64_t ret = 0;
        if (tapiRet(response, ret))
            return true;
        fail(client, std::string(fn) + " returned " + std::to_string(ret));
        return false;
    };
    using Step = Client::Step;
    switch (c.step) {
    case Step::Hello:
        ++m_results.connected;
        if (c.spec.agent == 0) {
            c.step = Step::Subscribe;
            c.request(c.spec.stats ? R"("op":"subscribe","topics":["all","stats"])"
                                   : R"("op":"subscribe","topics":["all"])");
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
        if (!c.spec.agent) {
            c.step = Step::Running;
            break;
        }
        c.step = Step::LineInitialize;
        c.tapi("lineInitializeEx",
               R"("lpszFriendlyAppName":"acd-load","machineName":null,"dwAPIVersion":131074)");
        break;
    case Step::LineInitialize:
        if (!tapiSucceeded(c, *m, "lineInitializeEx"))
            break;
        c.lineApp = result->getValue<std::uint64_t>("hLineApp");
        c.step = Step::LineNegotiate;
        c.tapi("lineNegotiateAPIVersion",
               "\"hLineApp\":" + std::to_string(c.lineApp) + ",\"dwDeviceID\":"
                   + std::to_string(c.spec.lineDevice)
                   + R"(,"dwAPILowVersion":131072,"dwAPIHighVersion":131074,)"
                   + R"("lpdwAPIVersion":true,"lpExtensionID":true)");
        break;
    case Step::LineNegotiate:
        if (!tapiSucceeded(c, *m, "lineNegotiateAPIVersion"))
            break;
        c.lineVersion = result->getValue<std::uint64_t>("lpdwAPIVersion");
        c.step = Step::LineAddress;
        c.tapi("lineGetAddressCaps",
               "\"hLineApp\":" + std::to_string(c.lineApp) + ",\"dwDeviceID\":"
                   + std::to_string(c.spec.lineDevice) + ",\"dwAddressID\":0,\"dwAPIVersion\":"
                   + std::to_string(c.lineVersion)
                   + R"(,"dwExtVersion":0,"lpAddressCaps":{"total":1024},"encoding":"utf8")");
        break;
    case Step::LineAddress: {
        if (!tapiSucceeded(c, *m, "lineGetAddressCaps"))
            break;
        const std::string address =
            addressOf(result->getValue<std::string>("lpAddressCaps"));
        if (address != c.spec.station) {
            fail(c, "line device " + std::to_string(c.spec.lineDevice) + " is '" + address
                        + "', not station " + c.spec.station);
            break;
        }
        c.step = Step::LineOpen;
        c.tapi("lineOpen", "\"hLineApp\":" + std::to_string(c.lineApp) + ",\"dwDeviceID\":"
                               + std::to_string(c.spec.lineDevice)
                               + ",\"lphLine\":true,\"dwAPIVersion\":"
                               + std::to_string(c.lineVersion)
                               + R"(,"dwExtVersion":0,"dwCallbackInstance":0,)"
                               + R"("dwPrivileges":)" + std::to_string(LINECALLPRIVILEGE_OWNER)
                               + ",\"dwMediaModes\":"
                               + std::to_string(LINEMEDIAMODE_INTERACTIVEVOICE)
                               + ",\"lpCallParams\":null");
        break;
    }
    case Step::LineOpen:
        if (!tapiSucceeded(c, *m, "lineOpen"))
            break;
        c.step = Step::Running;
        ++m_results.ready;
        break;
    default:
        break;
    }
}

} // namespace acd::load
