// The remote Binding (see remote_binding.h and docs/protocol.md "Remote TAPI"). Arguments are
// encoded by their C++ type and named by the parameter names of tapi_functions.def, exactly as
// the engine's tapi_ops.cpp decodes them.
#include "remote_binding.h"
#include "remote_wire.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Buffer.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

namespace acd::tapi::client {
namespace {

constexpr std::size_t kMaxBuffer = 1u << 20;
constexpr std::size_t kMaxOutput = 512u << 10;
constexpr auto kRequestTimeout = std::chrono::seconds(30);

bool unbase64(const std::string &text, std::string &out)
{
    try {
        std::istringstream in(text);
        Poco::Base64Decoder decoder(in);
        std::ostringstream bytes;
        bytes << decoder.rdbuf();
        out = bytes.str();
        return true;
    } catch (...) {
        return false;
    }
}

/// Where an output goes in the caller's memory.
struct Target {
    enum class Kind { Dword, Fixed, VarStruct, Bytes };
    std::string name;
    Kind kind;
    void *place;
    std::size_t size; ///< Fixed/Bytes: bytes; VarStruct: the caller's dwTotalSize
};

void applyOutput(const Target &t, const Poco::Dynamic::Var &value)
{
    if (t.kind == Target::Kind::Dword) {
        if (!value.isInteger())
            return;
        auto v = static_cast<DWORD>(value.convert<std::uint64_t>());
        std::memcpy(t.place, &v, sizeof v);
        return;
    }
    if (!value.isString())
        return;
    std::string bytes;
    if (!unbase64(value.extract<std::string>(), bytes))
        return;
    std::size_t n = bytes.size();
    if (t.kind == Target::Kind::VarStruct) {
        // Never past the caller's dwTotalSize (but the 12-byte header, as TAPI always writes
        // dwNeededSize/dwUsedSize); the caller's dwTotalSize is kept.
        n = std::min(n, std::max<std::size_t>(t.size, 12));
        if (n > 4)
            std::memcpy(static_cast<char *>(t.place) + 4, bytes.data() + 4, n - 4);
        return;
    }
    n = std::min(n, t.size);
    std::memcpy(t.place, bytes.data(), n);
}

/// A local copy of a LINE_PROXYREQUEST, valid until lineProxyResponse.
struct ProxyCopy {
    std::uint64_t key = 0;
    HLINE line = 0;
    std::vector<std::uint64_t> words;
    std::size_t size = 0;
    void *data() { return words.data(); }
};

struct Encoded {
    Poco::JSON::Object::Ptr args = new Poco::JSON::Object;
    std::vector<Target> targets;
    struct Bytes {
        std::string name;
        const void *data;
        bool inOut;
    };
    std::vector<Bytes> bytes; ///< encoded once dwSize is known
    LONG localError = 0;      ///< an argument libtapi itself refuses
    std::function<void(Encoded &, const std::string &, LINEPROXYREQUEST *)> proxyLookup;
};

template<class T>
struct Enc;

template<>
struct Enc<DWORD> {
    static void put(Encoded &e, const std::string &name, DWORD v)
    {
        e.args->set(name, static_cast<std::uint64_t>(v));
    }
};
template<>
struct Enc<DWORD_PTR> {
    static void put(Encoded &e, const std::string &name, DWORD_PTR v)
    {
        e.args->set(name, static_cast<std::uint64_t>(v));
    }
};
template<>
struct Enc<StringEncoding> {
    static void put(Encoded &e, const std::string &name, StringEncoding v)
    {
        e.args->set(name, v == StringEncoding::Utf16 ? "utf16" : "utf8");
    }
};
template<>
struct Enc<const char *> {
    static void put(Encoded &e, const std::string &name, const char *v)
    {
        if (name.rfind("lps", 0) == 0 && name.rfind("lpsz", 0) != 0) {
            e.bytes.push_back({name, v, false});
            return;
        }
        if (v)
            e.args->set(name, std::string(v));
        else
            e.args->set(name, Poco::Dynamic::Var());
    }
};
template<>
struct Enc<void *> {
    static void put(Encoded &e, const std::string &name, void *v)
    {
        e.bytes.push_back({name, v, name == "lpParams"});
    }
};
template<>
struct Enc<DWORD *> {
    static void put(Encoded &e, const std::string &name, DWORD *v)
    {
        if (v) {
            e.args->set(name, true);
            e.targets.push_back({name, Target::Kind::Dword, v, sizeof(DWORD)});
        } else {
            e.args->set(name, Poco::Dynamic::Var());
        }
    }
};
template<>
struct Enc<LINEEXTENSIONID *> {
    static void put(Encoded &e, const std::string &name, LINEEXTENSIONID *v)
    {
        if (v) {
            e.args->set(name, true);
            e.targets.push_back({name, Target::Kind::Fixed, v, sizeof(LINEEXTENSIONID)});
        } else {
            e.args->set(name, Poco::Dynamic::Var());
        }
    }
};
template<>
struct Enc<const GUID *> {
    static void put(Encoded &e, const std::string &name, const GUID *v)
    {
        if (v)
            e.args->set(name, wire::base64(v, sizeof(GUID)));
        else
            e.args->set(name, Poco::Dynamic::Var());
    }
};
template<>
struct Enc<LINEPROXYREQUEST *> {
    static void put(Encoded &e, const std::string &name, LINEPROXYREQUEST *v)
    {
        e.proxyLookup(e, name, v);
    }
};
template<class S>
struct Enc<const S *> { // input structures with dwTotalSize
    static void put(Encoded &e, const std::string &name, const S *v)
    {
        if (!v) {
            e.args->set(name, Poco::Dynamic::Var());
            return;
        }
        DWORD total;
        std::memcpy(&total, v, sizeof total);
        if (total > kMaxBuffer) {
            e.localError = LINEERR_INVALPARAM;
            total = 4;
        }
        e.args->set(name, wire::base64(v, std::max<DWORD>(total, 4)));
    }
};
template<class S>
struct Enc<S *> { // output structures: {"total": dwTotalSize}
    static void put(Encoded &e, const std::string &name, S *v)
    {
        if (!v) {
            e.args->set(name, Poco::Dynamic::Var());
            return;
        }
        DWORD total;
        std::memcpy(&total, v, sizeof total);
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        // The engine fills at most this much (its base64 must fit one 1 MiB message); the
        // caller's dwTotalSize stays as it is.
        o->set("total", static_cast<std::uint64_t>(std::min<std::size_t>(total, kMaxOutput)));
        e.args->set(name, o);
        e.targets.push_back({name, Target::Kind::VarStruct, v, total});
    }
};

class RemoteBinding final : public Binding, public std::enable_shared_from_this<RemoteBinding> {
public:
    explicit RemoteBinding(RemoteSettings settings)
        : m_settings(std::move(settings))
    {}
    ~RemoteBinding() override { disconnect(); }

    LONG lineInitializeEx(LPHLINEAPP lphLineApp, std::shared_ptr<MessageSink> sink,
                          const char *friendlyAppName, const AppIdentity &identity,
                          LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion) override
    {
        try {
            if (LONG r = ensureConnected(); r != 0)
                return r;
            Encoded e;
            if (friendlyAppName)
                e.args->set("lpszFriendlyAppName", std::string(friendlyAppName));
            else
                e.args->set("lpszFriendlyAppName", Poco::Dynamic::Var());
            e.args->set("machineName", identity.machineName);
            e.args->set("dwAPIVersion", static_cast<std::uint64_t>(*lpdwAPIVersion));
            e.targets.push_back({"hLineApp", Target::Kind::Dword, lphLineApp, 4});
            e.targets.push_back({"dwNumDevs", Target::Kind::Dword, lpdwNumDevs, 4});
            e.targets.push_back({"dwAPIVersion", Target::Kind::Dword, lpdwAPIVersion, 4});
            return call("lineInitializeEx", e, [this, sink](const Poco::JSON::Object::Ptr &r) {
                // In the reader thread, before any event of the new application is read.
                if (r->optValue<LONG>("ret", -1) == 0) {
                    auto h = static_cast<HLINEAPP>(r->getValue<std::uint64_t>("hLineApp"));
                    m_apps[h] = sink;
                    m_deadApps.erase(h); // a restarted engine may hand out an old number
                }
            });
        } catch (...) {
            return LINEERR_OPERATIONFAILED;
        }
    }

    void close() override { disconnect(); }

#define TAPI_FN(name, args, ...)                                                                   \
    LONG name(__VA_ARGS__) override                                                                \
    {                                                                                              \
        static const std::vector<std::string> names = wire::splitParameterNames(#args);                           \
        return forward(#name, names, std::make_tuple(TAPI_UNPACK args));                           \
    }
#include "tapi_functions.def"
#undef TAPI_FN

private:
    struct Pending {
        bool done = false;
        bool lost = false;
        Poco::JSON::Object::Ptr response;
        std::vector<Target> targets;
        HLINEAPP app = 0;
        DWORD_PTR instance = 0;
        std::function<void(const Poco::JSON::Object::Ptr &)> onResult; // reader thread
    };
    struct Async {
        std::vector<Target> targets;
        HLINEAPP app = 0;
        DWORD_PTR instance = 0;
    };
    struct LineInfo {
        HLINEAPP app = 0;
        DWORD_PTR instance = 0;
    };

    template<class Tuple, std::size_t... I>
    void encodeAll(Encoded &e, const std::vector<std::string> &names, const Tuple &values,
                   std::index_sequence<I...>)
    {
        (Enc<std::tuple_element_t<I, Tuple>>::put(e, names[I], std::get<I>(values)), ...);
    }

    template<class... A>
    LONG forward(const char *fn, const std::vector<std::string> &names,
                 const std::tuple<A...> &values) noexcept
    {
        try {
            Encoded e;
            e.proxyLookup = [this](Encoded &enc, const std::string &name, LINEPROXYREQUEST *p) {
                std::lock_guard lock(m_mutex);
                auto it = m_proxies.find(p);
                if (!p || it == m_proxies.end()) {
                    enc.args->set(name, Poco::Dynamic::Var());
                    if (p)
                        enc.localError = LINEERR_INVALPOINTER;
                    return;
                }
                Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
                o->set("key", it->second->key);
                o->set("bytes", wire::base64(p, it->second->size));
                enc.args->set(name, o);
            };
            encodeAll(e, names, values, std::index_sequence_for<A...>{});
            if (!e.bytes.empty()) {
                DWORD size = 0;
                if (e.args->has("dwSize"))
                    size = static_cast<DWORD>(e.args->getValue<std::uint64_t>("dwSize"));
                if (size > kMaxBuffer)
                    return LINEERR_INVALPARAM;
                for (const Encoded::Bytes &b : e.bytes) {
                    if (!b.data) {
                        e.args->set(b.name, Poco::Dynamic::Var());
                        continue;
                    }
                    e.args->set(b.name, wire::base64(b.data, size));
                    if (b.inOut)
                        e.targets.push_back(
                            {b.name, Target::Kind::Bytes, const_cast<void *>(b.data), size});
                }
            }
            if (e.localError)
                return e.localError;
            const std::string name = fn;
            const std::string first = names.empty() ? std::string() : names.front();
            DWORD handle = 0;
            if (e.args->has(first) && e.args->get(first).isInteger())
                handle = static_cast<DWORD>(e.args->getValue<std::uint64_t>(first));
            if (name == "lineShutdown") {
                std::lock_guard lock(m_mutex);
                if (m_deadApps.erase(handle))
                    return 0; // an application of a lost connection: nothing left to do
            }
            std::function<void(const Poco::JSON::Object::Ptr &)> onResult;
            if (name == "lineOpen") {
                HLINEAPP app = handle;
                auto instance =
                    static_cast<DWORD_PTR>(e.args->getValue<std::uint64_t>("dwCallbackInstance"));
                onResult = [this, app, instance](const Poco::JSON::Object::Ptr &r) {
                    if (r->optValue<LONG>("ret", -1) == 0 && r->has("lphLine"))
                        m_lines[static_cast<HLINE>(r->getValue<std::uint64_t>("lphLine"))] = {
                            app, instance};
                };
            } else if (name == "lineClose") {
                HLINE line = handle;
                onResult = [this, line](const Poco::JSON::Object::Ptr &r) {
                    if (r->optValue<LONG>("ret", -1) == 0) {
                        m_lines.erase(line);
                        forgetProxies(line);
                    }
                };
            } else if (name == "lineDeallocateCall") {
                HCALL hCall = handle;
                onResult = [this, hCall](const Poco::JSON::Object::Ptr &r) {
                    if (r->optValue<LONG>("ret", -1) == 0)
                        m_calls.erase(hCall);
                };
            } else if (name == "lineShutdown") {
                HLINEAPP app = handle;
                onResult = [this, app](const Poco::JSON::Object::Ptr &r) {
                    if (r->optValue<LONG>("ret", -1) == 0) {
                        // Its lines closed and its requests complete into nothing.
                        m_apps.erase(app);
                        for (auto it = m_lines.begin(); it != m_lines.end();)
                            it = it->second.app == app ? m_lines.erase(it) : std::next(it);
                        for (auto it = m_async.begin(); it != m_async.end();)
                            it = it->second.app == app ? m_async.erase(it) : std::next(it);
                    }
                };
            }
            LINEPROXYREQUEST *answered = nullptr;
            if (name == "lineProxyResponse")
                answered = proxyArgument(values);
            LONG ret = call(name, e, std::move(onResult), first, handle);
            if (answered && (ret == 0 || ret == LINEERR_INVALPOINTER)) {
                std::lock_guard lock(m_mutex);
                m_proxies.erase(answered);
            }
            return ret;
        } catch (...) {
            return LINEERR_OPERATIONFAILED;
        }
    }

    template<class Tuple>
    static LINEPROXYREQUEST *proxyArgument(const Tuple &values)
    {
        if constexpr (std::tuple_size_v<Tuple> == 3) {
            if constexpr (std::is_same_v<std::tuple_element_t<1, Tuple>, LINEPROXYREQUEST *>)
                return std::get<1>(values);
        }
        return nullptr;
    }

    /// One request and its response; the result's outputs are written to the targets.
    LONG call(const std::string &fn, Encoded &e,
              std::function<void(const Poco::JSON::Object::Ptr &)> onResult = {},
              const std::string &firstName = {}, DWORD firstHandle = 0)
    {
        auto pending = std::make_shared<Pending>();
        pending->targets = e.targets;
        pending->onResult = std::move(onResult);
        std::uint64_t id;
        std::shared_ptr<Poco::Net::WebSocket> socket;
        {
            std::lock_guard lock(m_mutex);
            if (!m_connected)
                return LINEERR_OPERATIONFAILED;
            socket = m_socket;
            // Whose request: for LINE_REPLY (on a lost connection) and its callback instance.
            if (firstName == "hLine") {
                if (auto l = m_lines.find(firstHandle); l != m_lines.end()) {
                    pending->app = l->second.app;
                    pending->instance = l->second.instance;
                }
            } else if (firstName == "hLineApp") {
                pending->app = firstHandle;
            } else if (firstName == "hCall" || firstName == "hActiveCall") {
                if (auto c = m_calls.find(firstHandle); c != m_calls.end()) {
                    pending->app = c->second.app;
                    pending->instance = c->second.instance;
                }
            }
            id = m_nextId++;
            m_pending[id] = pending;
        }
        Poco::JSON::Object request;
        request.set("id", id);
        request.set("op", "tapi");
        request.set("fn", fn);
        request.set("args", e.args);
        std::ostringstream out;
        request.stringify(out, 0, -1);
        const std::string text = out.str();
        if (text.size() > m_maxMessageBytes) { // the engine would close the connection
            std::lock_guard lock(m_mutex);
            m_pending.erase(id);
            return LINEERR_INVALPARAM;
        }
        try {
            std::lock_guard send(m_sendMutex);
            socket->sendFrame(text.data(), static_cast<int>(text.size()),
                              Poco::Net::WebSocket::FRAME_TEXT);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            m_pending.erase(id);
            return LINEERR_OPERATIONFAILED;
        }
        std::unique_lock lock(m_mutex);
        if (!m_changed.wait_for(lock, kRequestTimeout, [&] { return pending->done; })) {
            m_pending.erase(id);
            return LINEERR_OPERATIONFAILED;
        }
        if (pending->lost || !pending->response)
            return LINEERR_OPERATIONFAILED;
        Poco::JSON::Object::Ptr response = pending->response;
        lock.unlock();
        if (!response->optValue<bool>("ok", false)) {
            Poco::JSON::Object::Ptr error = response->getObject("error");
            std::string code = error ? error->optValue<std::string>("code", "") : "";
            if (std::getenv("TAPI_DEBUG")) // the engine's reason, for whoever debugs a program
                std::fprintf(stderr, "libtapi: %s: %s: %s\n", fn.c_str(), code.c_str(),
                             error ? error->optValue<std::string>("message", "").c_str() : "");
            if (code == "forbidden" && fn == "lineCreateAgent")
                return LINEERR_INVALAGENTID;
            return LINEERR_OPERATIONFAILED;
        }
        Poco::JSON::Object::Ptr result = response->getObject("result");
        if (!result || !result->has("ret"))
            return LINEERR_OPERATIONFAILED;
        auto ret = static_cast<LONG>(result->getValue<std::int64_t>("ret"));
        if (ret <= 0)
            for (const Target &t : e.targets)
                if (result->has(t.name))
                    applyOutput(t, result->get(t.name));
        return ret;
    }

    LONG ensureConnected()
    {
        std::lock_guard connectLock(m_connectMutex);
        {
            std::lock_guard lock(m_mutex);
            if (m_connected)
                return 0;
        }
        if (m_reader.joinable())
            m_reader.join(); // the previous connection's reader has finished its work
        std::shared_ptr<Poco::Net::WebSocket> socket;
        try {
            if (m_settings.tls) {
                static std::once_flag sslReady;
                std::call_once(sslReady, [] { Poco::Net::initializeSSL(); });
                // The engine's certificate must chain to the CA and name the host.
                Poco::Net::Context::Ptr context = new Poco::Net::Context(
                    Poco::Net::Context::TLS_CLIENT_USE, "", "", m_settings.caFile,
                    Poco::Net::Context::VERIFY_RELAXED, 9, m_settings.caFile.empty());
                m_session = std::make_unique<Poco::Net::HTTPSClientSession>(
                    m_settings.host, m_settings.port, context);
            } else {
                m_session = std::make_unique<Poco::Net::HTTPClientSession>(m_settings.host,
                                                                           m_settings.port);
            }
            m_session->setTimeout(Poco::Timespan(10, 0));
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/acd/v1",
                                           Poco::Net::HTTPRequest::HTTP_1_1);
            Poco::Net::HTTPResponse response;
            socket = std::make_shared<Poco::Net::WebSocket>(*m_session, request, response);
            socket->setMaxPayloadSize(static_cast<int>(kMaxBuffer * 2));
        } catch (...) {
            return LINEERR_NODRIVER;
        }
        // hello, synchronously, before the reader starts.
        long heartbeatMs = 15000;
        try {
            Poco::JSON::Object hello;
            hello.set("id", 0);
            hello.set("op", "hello");
            hello.set("version", 1);
            hello.set("user", m_settings.user);
            hello.set("password", m_settings.password);
            hello.set("client", "libtapi 2.2");
            std::ostringstream out;
            hello.stringify(out, 0, -1);
            const std::string text = out.str();
            socket->sendFrame(text.data(), static_cast<int>(text.size()),
                              Poco::Net::WebSocket::FRAME_TEXT);
            socket->setReceiveTimeout(Poco::Timespan(10, 0));
            for (;;) {
                Poco::Buffer<char> buffer(0);
                int flags = 0;
                int n = socket->receiveFrame(buffer, flags);
                int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
                if (n <= 0 && flags == 0)
                    return LINEERR_NODRIVER;
                if (opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE)
                    return LINEERR_OPERATIONFAILED;
                if (opcode != Poco::Net::WebSocket::FRAME_OP_TEXT)
                    continue;
                Poco::JSON::Parser parser;
                auto m = parser.parse(std::string(buffer.begin(), buffer.size()))
                             .extract<Poco::JSON::Object::Ptr>();
                if (!m->has("re"))
                    continue;
                if (!m->optValue<bool>("ok", false)) {
                    socket->shutdown();
                    // A desktop tells "wait a minute" apart from "wrong ID or PIN".
                    Poco::JSON::Object::Ptr error = m->getObject("error");
                    if (error && error->optValue<std::string>("code", "") == "rate_limited")
                        return LINEERR_RESOURCEUNAVAIL;
                    return LINEERR_OPERATIONFAILED; // auth_failed, ...
                }
                if (Poco::JSON::Object::Ptr result = m->getObject("result")) {
                    heartbeatMs = result->optValue<long>("heartbeatMs", heartbeatMs);
                    m_maxMessageBytes =
                        result->optValue<std::size_t>("maxMessageBytes", kMaxBuffer);
                }
                break;
            }
            // The engine pings every heartbeatMs: silence for three periods is a lost engine
            // (a host that vanished without closing the connection).
            heartbeatMs = std::clamp<long>(heartbeatMs, 100, 3600000);
            socket->setReceiveTimeout(Poco::Timespan(3 * heartbeatMs * 1000));
        } catch (...) {
            return LINEERR_NODRIVER;
        }
        {
            std::lock_guard lock(m_mutex);
            m_socket = socket;
            m_connected = true;
            m_stop = false;
            m_proxies.clear();
        }
        m_reader = std::thread([this, socket] { read(socket); });
        return 0;
    }

    void disconnect()
    {
        std::lock_guard connectLock(m_connectMutex);
        std::shared_ptr<Poco::Net::WebSocket> socket;
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            socket = m_socket;
        }
        if (socket) {
            try {
                socket->shutdownReceive(); // the reader's blocking receive returns
            } catch (...) {
            }
        }
        if (m_reader.joinable()) {
            if (m_reader.get_id() == std::this_thread::get_id())
                m_reader.detach();
            else
                m_reader.join();
        }
    }

    void read(std::shared_ptr<Poco::Net::WebSocket> socket)
    {
        for (;;) {
            {
                std::lock_guard lock(m_mutex);
                if (m_stop)
                    break;
            }
            Poco::Buffer<char> buffer(0);
            int flags = 0;
            int n = 0;
            try {
                n = socket->receiveFrame(buffer, flags);
            } catch (...) {
                break; // broken, or silent for three heartbeats
            }
            int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
            if (n <= 0 && flags == 0)
                break;
            if (opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE)
                break;
            if (opcode == Poco::Net::WebSocket::FRAME_OP_PING) {
                try {
                    std::lock_guard send(m_sendMutex);
                    socket->sendFrame(buffer.begin(), static_cast<int>(buffer.size()),
                                      int(Poco::Net::WebSocket::FRAME_FLAG_FIN)
                                          | int(Poco::Net::WebSocket::FRAME_OP_PONG));
                } catch (...) {
                    break;
                }
                continue;
            }
            if (opcode != Poco::Net::WebSocket::FRAME_OP_TEXT)
                continue;
            if (!onText(std::string(buffer.begin(), buffer.size())))
                break;
        }
        try {
            socket->shutdown();
        } catch (...) {
        }
        lost();
    }

public:
    /// One text message from the engine (the reader thread's work for it); false when the
    /// connection is to be treated as lost: not a JSON object, or the engine's shutdown.
    bool onText(const std::string &text)
    {
        Poco::JSON::Object::Ptr m;
        try {
            Poco::JSON::Parser parser;
            m = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
        } catch (...) {
            return false; // the engine sent what it may not: treat as lost
        }
        try {
            if (m->has("re"))
                onResponse(m);
            else if (m->optValue<std::string>("ev", "") == "tapi")
                onEvent(m);
            else if (m->optValue<std::string>("ev", "") == "shutdown")
                return false;
        } catch (...) {
        }
        return true;
    }

    /// For the fuzz target: an unconnected binding with one application (hLineApp 1), one
    /// request waiting for its response (ID 1) and one for its LINE_REPLY (request ID 7), whose
    /// outputs land in `buffers` (a DWORD, 16 fixed bytes, a 64-byte structure).
    void primeForFuzzing(std::shared_ptr<MessageSink> sink, std::array<char, 84> &buffers)
    {
        std::lock_guard lock(m_mutex);
        m_apps[1] = std::move(sink);
        std::vector<Target> targets = {
            {"lphCall", Target::Kind::Dword, buffers.data(), 4},
            {"lpExtensionID", Target::Kind::Fixed, buffers.data() + 4, 16},
            {"lpCallInfo", Target::Kind::VarStruct, buffers.data() + 20, 64},
        };
        auto pending = std::make_shared<Pending>();
        pending->targets = targets;
        pending->app = 1;
        m_pending[1] = pending;
        m_async[7] = Async{targets, 1, 0};
        m_lines[1] = LineInfo{};
    }

private:
    void onResponse(const Poco::JSON::Object::Ptr &m)
    {
        std::lock_guard lock(m_mutex);
        auto id = m->get("re").convert<std::uint64_t>();
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        std::shared_ptr<Pending> p = it->second;
        m_pending.erase(it);
        Poco::JSON::Object::Ptr result =
            m->optValue<bool>("ok", false) ? m->getObject("result") : nullptr;
        if (result) {
            if (p->onResult)
                p->onResult(result);
            LONG ret = result->optValue<LONG>("ret", 0);
            if (ret > 0) // its outputs and LINE_REPLY come with the event, after this response
                m_async[static_cast<DWORD>(ret)] = Async{p->targets, p->app, p->instance};
        }
        p->response = m;
        p->done = true;
        m_changed.notify_all();
    }

    void onEvent(const Poco::JSON::Object::Ptr &m)
    {
        Poco::JSON::Array::Ptr msg = m->getArray("msg");
        if (!msg || msg->size() != 6)
            return;
        LINEMESSAGE message{};
        message.hDevice = static_cast<DWORD>(msg->get(0).convert<std::uint64_t>());
        message.dwMessageID = static_cast<DWORD>(msg->get(1).convert<std::uint64_t>());
        message.dwCallbackInstance = static_cast<DWORD_PTR>(msg->get(2).convert<std::uint64_t>());
        message.dwParam1 = static_cast<DWORD_PTR>(msg->get(3).convert<std::uint64_t>());
        message.dwParam2 = static_cast<DWORD_PTR>(msg->get(4).convert<std::uint64_t>());
        message.dwParam3 = static_cast<DWORD_PTR>(msg->get(5).convert<std::uint64_t>());
        auto app = static_cast<HLINEAPP>(m->optValue<std::uint64_t>("hApp", 0));

        std::shared_ptr<MessageSink> sink;
        {
            std::lock_guard lock(m_mutex);
            switch (message.dwMessageID) {
            case LINE_REPLY: {
                auto a = m_async.find(static_cast<DWORD>(message.dwParam1));
                if (a != m_async.end()) {
                    // The outputs land in the caller's buffers before LINE_REPLY is queued.
                    if (Poco::JSON::Object::Ptr out = m->getObject("out"))
                        for (const Target &t : a->second.targets)
                            if (out->has(t.name))
                                applyOutput(t, out->get(t.name));
                    m_async.erase(a);
                }
                break;
            }
            case LINE_APPNEWCALL:
                m_calls[static_cast<HCALL>(message.dwParam2)] = {app, message.dwCallbackInstance};
                break;
            case LINE_CALLSTATE:
                m_calls[message.hDevice] = {app, message.dwCallbackInstance};
                break;
            case LINE_CLOSE:
                m_lines.erase(message.hDevice);
                forgetProxies(message.hDevice);
                break;
            case LINE_PROXYREQUEST: {
                Poco::JSON::Object::Ptr proxy = m->getObject("proxyRequest");
                std::string bytes;
                if (!proxy || !unbase64(proxy->optValue<std::string>("bytes", ""), bytes)
                    || bytes.size() < sizeof(LINEPROXYREQUEST) || bytes.size() > kMaxBuffer)
                    return;
                auto copy = std::make_unique<ProxyCopy>();
                copy->key = proxy->getValue<std::uint64_t>("key");
                copy->line = message.hDevice;
                copy->size = bytes.size();
                copy->words.assign(bytes.size() / 8 + 2, 0);
                std::memcpy(copy->data(), bytes.data(), bytes.size());
                message.dwParam1 = reinterpret_cast<DWORD_PTR>(copy->data());
                m_proxies[static_cast<LINEPROXYREQUEST *>(copy->data())] = std::move(copy);
                break;
            }
            default:
                break;
            }
            auto s = m_apps.find(app);
            if (s != m_apps.end())
                sink = s->second;
        }
        if (sink)
            sink->deliver(message);
    }

    /// Caller holds m_mutex.
    void forgetProxies(HLINE line)
    {
        for (auto it = m_proxies.begin(); it != m_proxies.end();)
            it = it->second->line == line ? m_proxies.erase(it) : std::next(it);
    }

    /// The connection is gone: exactly one failed LINE_REPLY per pending request, LINE_CLOSE
    /// per open line, blocked callers released.
    void lost()
    {
        std::map<DWORD, Async> async;
        std::map<HLINE, LineInfo> lines;
        std::map<HLINEAPP, std::shared_ptr<MessageSink>> apps;
        {
            std::lock_guard lock(m_mutex);
            m_connected = false;
            async.swap(m_async);
            lines.swap(m_lines);
            apps.swap(m_apps);
            m_calls.clear();
            for (auto &[h, sink] : apps)
                m_deadApps.insert(h);
            for (auto &[id, p] : m_pending) {
                p->done = true;
                p->lost = true;
            }
            m_pending.clear();
            m_socket.reset();
        }
        m_changed.notify_all();
        auto sinkOf = [&](HLINEAPP app) -> MessageSink * {
            if (app == 0) // a request on a handle libtapi never saw an event for
                return apps.size() == 1 ? apps.begin()->second.get() : nullptr;
            auto it = apps.find(app);
            return it != apps.end() ? it->second.get() : nullptr;
        };
        for (auto &[id, a] : async) {
            if (MessageSink *sink = sinkOf(a.app)) {
                LINEMESSAGE m{};
                m.dwMessageID = LINE_REPLY;
                m.dwCallbackInstance = a.instance;
                m.dwParam1 = id;
                m.dwParam2 = static_cast<DWORD_PTR>(static_cast<DWORD>(LINEERR_OPERATIONFAILED));
                sink->deliver(m);
            }
        }
        for (auto &[line, info] : lines) {
            if (MessageSink *sink = sinkOf(info.app)) {
                LINEMESSAGE m{};
                m.hDevice = line;
                m.dwMessageID = LINE_CLOSE;
                m.dwCallbackInstance = info.instance;
                sink->deliver(m);
            }
        }
    }

    const RemoteSettings m_settings;
    std::mutex m_connectMutex; ///< connecting and disconnecting
    std::mutex m_sendMutex;
    std::mutex m_mutex; ///< everything below
    std::condition_variable m_changed;
    std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
    std::shared_ptr<Poco::Net::WebSocket> m_socket;
    std::thread m_reader;
    bool m_connected = false;
    bool m_stop = false;
    std::atomic<std::size_t> m_maxMessageBytes{kMaxBuffer};
    std::uint64_t m_nextId = 1;
    std::map<std::uint64_t, std::shared_ptr<Pending>> m_pending;
    std::map<DWORD, Async> m_async;
    std::map<HLINEAPP, std::shared_ptr<MessageSink>> m_apps;
    std::set<HLINEAPP> m_deadApps;
    std::map<HLINE, LineInfo> m_lines;
    std::map<HCALL, LineInfo> m_calls;
    std::map<LINEPROXYREQUEST *, std::unique_ptr<ProxyCopy>> m_proxies;
};

void readConfigFile(const std::string &path, RemoteSettings &settings, bool &hasServer)
{
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos)
            continue;
        auto trim = [](std::string s) {
            const char *ws = " \t\r";
            s.erase(0, s.find_first_not_of(ws));
            s.erase(s.find_last_not_of(ws) + 1);
            return s;
        };
        std::string key = trim(line.substr(0, eq));
        std::string value = trim(line.substr(eq + 1));
        if (key == "server") {
            settings.host = value;
            hasServer = true;
        } else if (key == "user") {
            settings.user = value;
        } else if (key == "password") {
            settings.password = value;
        } else if (key == "ca") {
            settings.caFile = value;
        }
    }
}

} // namespace

std::optional<RemoteSettings> remoteSettings()
{
    RemoteSettings settings;
    bool hasServer = false;
    // The first config file found: the user's, then the system's.
    std::string userFile;
    if (const char *xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        userFile = std::string(xdg) + "/acd/tapi.conf";
    else if (const char *home = std::getenv("HOME"); home && *home)
        userFile = std::string(home) + "/.config/acd/tapi.conf";
    for (const std::string &path : {userFile, std::string("/etc/acd/tapi.conf")}) {
        if (path.empty() || !std::ifstream(path))
            continue;
        readConfigFile(path, settings, hasServer);
        break;
    }
    if (const char *server = std::getenv("TAPI_SERVER"); server && *server) {
        settings.host = server;
        hasServer = true;
    }
    if (const char *user = std::getenv("TAPI_USER"))
        settings.user = user;
    if (const char *password = std::getenv("TAPI_PASSWORD"))
        settings.password = password;
    if (const char *ca = std::getenv("TAPI_CA_FILE"))
        settings.caFile = ca;
    if (!hasServer)
        return std::nullopt;
    // wss://host:port is TLS; ws://host:port and host:port are plain.
    for (const char *scheme : {"wss://", "ws://"})
        if (settings.host.rfind(scheme, 0) == 0) {
            settings.tls = std::string_view(scheme) == "wss://";
            settings.host.erase(0, std::strlen(scheme));
            break;
        }
    if (!settings.host.empty() && settings.host.back() == '/')
        settings.host.pop_back();
    // host:port (an IPv6 address in brackets: [::1]:7400)
    auto colon = settings.host.rfind(':');
    if (colon == std::string::npos)
        return std::nullopt;
    int port = std::atoi(settings.host.c_str() + colon + 1);
    if (port <= 0 || port > 65535)
        return std::nullopt;
    settings.port = static_cast<std::uint16_t>(port);
    settings.host.erase(colon);
    if (settings.host.size() >= 2 && settings.host.front() == '[' && settings.host.back() == ']')
        settings.host = settings.host.substr(1, settings.host.size() - 2);
    return settings;
}

std::shared_ptr<Binding> makeRemoteBinding(const RemoteSettings &settings)
{
    // At exit the connection closes (its reader thread ends) before the statics go.
    static std::once_flag registered;
    std::call_once(registered, [] { std::atexit([] { setBinding(nullptr); }); });
    return std::make_shared<RemoteBinding>(settings);
}

void fuzzRemoteMessages(const std::string &text)
{
    class Discard final : public MessageSink {
    public:
        void deliver(const LINEMESSAGE &) override {}
    };
    alignas(8) std::array<char, 84> buffers{};
    auto binding = std::make_shared<RemoteBinding>(RemoteSettings{});
    binding->primeForFuzzing(std::make_shared<Discard>(), buffers);
    // One message per line, as many as the input holds, until one would end the connection.
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        if (!binding->onText(text.substr(start, end - start)))
            break;
        start = end + 1;
    }
}

} // namespace acd::tapi::client
