// Remote TAPI (docs/protocol.md, "Remote TAPI"): `{"op": "tapi", "fn": NAME, "args": {...}}`
// calls the acd::tapi::Server method NAME with this connection's ClientId. Arguments are
// decoded by the C++ type of the Server's parameter and named by the parameter names of
// acd-engine/client/src/tapi_functions.def (the same list libtapi's bindings are generated
// from), so the wire cannot drift from the Server:
//
//   DWORD, handles          integer 0..2^32-1          DWORD_PTR   integer >= 0 (64-bit)
//   const char * lpsz...    string (UTF-8) or null     lps... / LPVOID with dwSize: base64 or null
//   StringEncoding          "utf8" | "utf16"           const GUID *: base64 of 16 bytes or null
//   LPDWORD / LPH...        true (a place for the output) or null (a null pointer)
//   LPLINEEXTENSIONID       true or null (16 bytes out)
//   const LINECALLPARAMS *, const LINEAGENTGROUPLIST *: base64 of the structure or null
//   other structure pointers (outputs): {"total": dwTotalSize} or null
//   LPLINEPROXYREQUEST      {"key": K, "bytes": base64} (lineProxyResponse only)
//
// The engine-side buffers live in this connection's TapiState: synchronous outputs go back in
// the response, asynchronous ones (request ID > 0) with the LINE_REPLY event. Every engine
// thread only; the MessageSinks of the connection's applications turn LINEMESSAGEs into
// `{"ev": "tapi", ...}` events for this connection alone.
#include "protocol_impl.h"

#include "flat_json.h"

#include "../../../client/src/remote_wire.h"

#include "acd/tapi/server.h"

#include <Poco/JSON/Array.h>

#include <array>
#include <cstddef>
#include <cstring>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

namespace acd::server {

using tapi::StringEncoding;

namespace {

constexpr std::size_t kMaxBuffer = 1u << 20; // no structure over 1 MiB either way
constexpr tapi::ClientId kClientBase = 1000;

int base64Value(char ch)
{
    if (ch >= 'A' && ch <= 'Z')
        return ch - 'A';
    if (ch >= 'a' && ch <= 'z')
        return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9')
        return ch - '0' + 52;
    if (ch == '+')
        return 62;
    if (ch == '/')
        return 63;
    return -1;
}

/// Strict RFC 4648 base64 (padding required, no whitespace); false when malformed.
bool unbase64(const std::string &text, std::vector<std::uint8_t> &out)
{
    if (text.size() % 4 != 0 || text.size() / 4 * 3 > kMaxBuffer)
        return false;
    out.clear();
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            char ch = text[i + k];
            if (ch == '=' && i + 4 == text.size() && k >= 2) {
                v[k] = 0;
                ++pad;
                continue;
            }
            if (pad)
                return false;
            v[k] = base64Value(ch);
            if (v[k] < 0)
                return false;
        }
        std::uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
        out.push_back(static_cast<std::uint8_t>(n >> 16));
        if (pad < 2)
            out.push_back(static_cast<std::uint8_t>(n >> 8));
        if (pad < 1)
            out.push_back(static_cast<std::uint8_t>(n));
    }
    return true;
}

RequestError badArg(const std::string &key, const std::string &what)
{
    return {"bad_request", "args." + key + ": " + what, "", "args." + key};
}

} // namespace

namespace remote_tapi {

/// 8-byte aligned, zero-filled storage the Server reads or writes.
struct Buffer {
    explicit Buffer(std::size_t bytes)
        : words((bytes + 7) / 8 + 1, 0)
        , size(bytes)
    {}
    void *data() { return words.data(); }
    std::vector<std::uint64_t> words;
    std::size_t size;
};

/// An output the Server writes: reported by name in the response or the LINE_REPLY.
struct Output {
    enum class Kind { Dword, Fixed, VarStruct, Bytes };
    std::string name;
    Kind kind;
    Buffer buffer;
    std::vector<std::uint64_t> initial; ///< to tell whether the Server wrote anything
    Output(std::string n, Kind k, std::size_t bytes)
        : name(std::move(n))
        , kind(k)
        , buffer(bytes)
    {}
    void remember() { initial = buffer.words; }
    bool changed() const { return buffer.words != initial; }

    /// The JSON value: an integer for DWORDs, base64 for the rest (a structure's first
    /// dwUsedSize bytes, at least its 12-byte header, at most dwTotalSize).
    Poco::Dynamic::Var value() const
    {
        const auto *bytes = reinterpret_cast<const std::uint8_t *>(buffer.words.data());
        if (kind == Kind::Dword) {
            DWORD v;
            std::memcpy(&v, bytes, 4);
            return static_cast<std::uint64_t>(v);
        }
        std::size_t n = buffer.size;
        if (kind == Kind::VarStruct) {
            DWORD total, used;
            std::memcpy(&total, bytes, 4);
            std::memcpy(&used, bytes + 8, 4);
            n = std::max<std::size_t>(12, std::min<std::size_t>(used, total));
            n = std::min(n, buffer.size < 12 ? std::size_t(12) : buffer.size);
        }
        return tapi::wire::base64(bytes, n);
    }
};

} // namespace remote_tapi

namespace {

using remote_tapi::Buffer;
using remote_tapi::Output;

/// One `tapi` request being decoded and run.
struct Call {
    Poco::JSON::Object::Ptr args;
    std::set<std::string> used;
    std::vector<std::unique_ptr<Buffer>> inputs;
    std::vector<std::unique_ptr<Output>> outputs;
    std::vector<std::pair<std::string, std::size_t>> sized; ///< byte arguments and their length
    std::vector<std::unique_ptr<std::string>> strings;
    TapiState *state = nullptr;
    Connection *connection = nullptr;
    const std::string *fn = nullptr;

    Poco::Dynamic::Var get(const std::string &name)
    {
        used.insert(name);
        if (!args->has(name))
            throw badArg(name, "missing");
        return args->get(name);
    }
    bool isNull(const Poco::Dynamic::Var &v) const { return v.isEmpty(); }
};

std::uint64_t unsignedValue(Call &call, const std::string &name, std::uint64_t max)
{
    Poco::Dynamic::Var v = call.get(name);
    if (v.isEmpty() || v.isBoolean() || !v.isInteger())
        throw badArg(name, "expected an integer");
    if (v.isSigned()) {
        std::int64_t i = v.convert<std::int64_t>();
        if (i < 0 || static_cast<std::uint64_t>(i) > max)
            throw badArg(name, "out of range 0.." + std::to_string(max));
        return static_cast<std::uint64_t>(i);
    }
    std::uint64_t u = v.convert<std::uint64_t>();
    if (u > max)
        throw badArg(name, "out of range 0.." + std::to_string(max));
    return u;
}

/// Base64 bytes or null; nullptr for null.
Buffer *bytesArg(Call &call, const std::string &name, std::size_t minimum = 0)
{
    Poco::Dynamic::Var v = call.get(name);
    if (v.isEmpty())
        return nullptr;
    if (!v.isString())
        throw badArg(name, "expected base64 or null");
    std::vector<std::uint8_t> bytes;
    if (!unbase64(v.extract<std::string>(), bytes))
        throw badArg(name, "not base64 (or over 1 MiB)");
    auto buffer = std::make_unique<Buffer>(std::max(bytes.size(), minimum));
    if (!bytes.empty())
        std::memcpy(buffer->data(), bytes.data(), bytes.size());
    call.sized.emplace_back(name, bytes.size());
    Buffer *raw = buffer.get();
    call.inputs.push_back(std::move(buffer));
    return raw;
}

template<class T>
struct Arg;

template<>
struct Arg<DWORD> {
    static DWORD get(Call &call, const std::string &name)
    {
        return static_cast<DWORD>(unsignedValue(call, name, 0xFFFFFFFFu));
    }
};

template<>
struct Arg<DWORD_PTR> {
    static DWORD_PTR get(Call &call, const std::string &name)
    {
        return static_cast<DWORD_PTR>(unsignedValue(call, name, ~std::uint64_t(0)));
    }
};

template<>
struct Arg<StringEncoding> {
    static StringEncoding get(Call &call, const std::string &name)
    {
        Poco::Dynamic::Var v = call.get(name);
        if (v.isString() && v.extract<std::string>() == "utf8")
            return StringEncoding::Utf8;
        if (v.isString() && v.extract<std::string>() == "utf16")
            return StringEncoding::Utf16;
        throw badArg(name, "expected \"utf8\" or \"utf16\"");
    }
};

template<>
struct Arg<const char *> {
    static const char *get(Call &call, const std::string &name)
    {
        // lps... (not lpsz...) are bytes with a dwSize: lineAnswer/lineDrop user-user info.
        if (name.rfind("lps", 0) == 0 && name.rfind("lpsz", 0) != 0) {
            Buffer *b = bytesArg(call, name);
            return b ? static_cast<const char *>(b->data()) : nullptr;
        }
        Poco::Dynamic::Var v = call.get(name);
        if (v.isEmpty())
            return nullptr;
        if (!v.isString())
            throw badArg(name, "expected a string or null");
        std::string text = v.extract<std::string>();
        if (text.find('\0') != std::string::npos)
            throw badArg(name, "contains a NUL character");
        if (text.size() > kMaxBuffer)
            throw badArg(name, "longer than 1 MiB");
        call.strings.push_back(std::make_unique<std::string>(std::move(text)));
        return call.strings.back()->c_str();
    }
};

template<>
struct Arg<void *> {
    static void *get(Call &call, const std::string &name)
    {
        Buffer *b = bytesArg(call, name);
        if (!b)
            return nullptr;
        if (name == "lpParams") { // lineAgentSpecific: in and out (written at LINE_REPLY)
            auto out = std::make_unique<Output>(name, Output::Kind::Bytes, b->size);
            std::memcpy(out->buffer.data(), b->data(), b->size);
            out->remember();
            void *raw = out->buffer.data();
            call.outputs.push_back(std::move(out));
            return raw;
        }
        return b->data();
    }
};

template<>
struct Arg<DWORD *> {
    static DWORD *get(Call &call, const std::string &name)
    {
        Poco::Dynamic::Var v = call.get(name);
        if (v.isEmpty() || (v.isBoolean() && !v.extract<bool>()))
            return nullptr;
        if (!v.isBoolean())
            throw badArg(name, "expected true (an output) or null");
        auto out = std::make_unique<Output>(name, Output::Kind::Dword, sizeof(DWORD));
        out->remember();
        auto *raw = static_cast<DWORD *>(out->buffer.data());
        call.outputs.push_back(std::move(out));
        return raw;
    }
};

template<>
struct Arg<LINEEXTENSIONID *> {
    static LINEEXTENSIONID *get(Call &call, const std::string &name)
    {
        Poco::Dynamic::Var v = call.get(name);
        if (v.isEmpty() || (v.isBoolean() && !v.extract<bool>()))
            return nullptr;
        if (!v.isBoolean())
            throw badArg(name, "expected true (an output) or null");
        auto out = std::make_unique<Output>(name, Output::Kind::Fixed, sizeof(LINEEXTENSIONID));
        out->remember();
        auto *raw = static_cast<LINEEXTENSIONID *>(out->buffer.data());
        call.outputs.push_back(std::move(out));
        return raw;
    }
};

template<>
struct Arg<const GUID *> {
    static const GUID *get(Call &call, const std::string &name)
    {
        Buffer *b = bytesArg(call, name);
        if (!b)
            return nullptr;
        if (b->size != sizeof(GUID))
            throw badArg(name, "a GUID is 16 bytes, not " + std::to_string(b->size));
        call.sized.pop_back(); // not paired with a dwSize
        return static_cast<const GUID *>(b->data());
    }
};

/// A (dwXxxSize, dwXxxOffset) pair lies inside the structure's dwTotalSize.
bool inside(const void *base, std::size_t sizeField, std::uint64_t total)
{
    DWORD size, offset;
    std::memcpy(&size, static_cast<const char *>(base) + sizeField, 4);
    std::memcpy(&offset, static_cast<const char *>(base) + sizeField + 4, 4);
    return size == 0 || (offset <= total && size <= total - offset);
}

#define ACD_PAIR(S, field)                                                                         \
    {                                                                                              \
        offsetof(S, dw##field##Size), "dw" #field "Size/Offset"                                    \
    }

/// The variable parts the engine (and the provider) will read stay inside dwTotalSize: a
/// remote client must not make the engine read outside the bytes it sent.
void checkParts(const LINECALLPARAMS *p, DWORD total, const std::string &name)
{
    static const std::pair<std::size_t, const char *> pairs[] = {
        ACD_PAIR(LINECALLPARAMS, OrigAddress),       ACD_PAIR(LINECALLPARAMS, DisplayableAddress),
        ACD_PAIR(LINECALLPARAMS, CalledParty),       ACD_PAIR(LINECALLPARAMS, Comment),
        ACD_PAIR(LINECALLPARAMS, UserUserInfo),      ACD_PAIR(LINECALLPARAMS, HighLevelComp),
        ACD_PAIR(LINECALLPARAMS, LowLevelComp),      ACD_PAIR(LINECALLPARAMS, DevSpecific),
        ACD_PAIR(LINECALLPARAMS, TargetAddress),     ACD_PAIR(LINECALLPARAMS, SendingFlowspec),
        ACD_PAIR(LINECALLPARAMS, ReceivingFlowspec), ACD_PAIR(LINECALLPARAMS, DeviceClass),
        ACD_PAIR(LINECALLPARAMS, DeviceConfig),      ACD_PAIR(LINECALLPARAMS, CallData),
        ACD_PAIR(LINECALLPARAMS, CallingPartyID)};
    for (const auto &[field, label] : pairs)
        if (!inside(p, field, total))
            throw badArg(name, std::string(label) + " outside dwTotalSize");
}

void checkParts(const LINEAGENTGROUPLIST *p, DWORD total, const std::string &name)
{
    if (!inside(p, offsetof(LINEAGENTGROUPLIST, dwListSize), total))
        throw badArg(name, "dwListSize/Offset outside dwTotalSize");
    if (std::uint64_t(p->dwNumEntries) * sizeof(LINEAGENTGROUPENTRY) > p->dwListSize)
        throw badArg(name, "dwNumEntries entries do not fit dwListSize");
    for (DWORD i = 0; i < p->dwNumEntries; ++i) {
        const auto *entry =
            reinterpret_cast<const char *>(p) + p->dwListOffset + i * sizeof(LINEAGENTGROUPENTRY);
        if (!inside(entry, offsetof(LINEAGENTGROUPENTRY, dwNameSize), total))
            throw badArg(name,
                         "entry " + std::to_string(i) + " dwNameSize/Offset outside dwTotalSize");
    }
}

#undef ACD_PAIR

/// Input structures with dwTotalSize (LINECALLPARAMS, LINEAGENTGROUPLIST).
template<class S>
struct Arg<const S *> {
    static const S *get(Call &call, const std::string &name)
    {
        Buffer *b = bytesArg(call, name, sizeof(S) + 64);
        if (!b)
            return nullptr;
        std::size_t given = call.sized.back().second;
        call.sized.pop_back();
        DWORD total = 0;
        if (given < 4)
            throw badArg(name, "shorter than dwTotalSize");
        std::memcpy(&total, b->data(), 4);
        if (total > given)
            throw badArg(name, "dwTotalSize " + std::to_string(total) + " exceeds the "
                                   + std::to_string(given) + " bytes given");
        checkParts(static_cast<const S *>(b->data()), total, name);
        return static_cast<const S *>(b->data());
    }
};

/// Output structures with dwTotalSize: {"total": N}.
template<class S>
struct Arg<S *> {
    static S *get(Call &call, const std::string &name)
    {
        Poco::Dynamic::Var v = call.get(name);
        if (v.isEmpty())
            return nullptr;
        if (v.type() != typeid(Poco::JSON::Object::Ptr))
            throw badArg(name, "expected {\"total\": bytes} or null");
        auto object = v.extract<Poco::JSON::Object::Ptr>();
        std::vector<std::string> keys;
        object->getNames(keys);
        for (const std::string &k : keys)
            if (k != "total")
                throw badArg(name + "." + k, "unknown key");
        Poco::Dynamic::Var t = object->get("total");
        if (t.isEmpty() || t.isBoolean() || !t.isInteger())
            throw badArg(name + ".total", "expected an integer");
        std::int64_t total = t.convert<std::int64_t>();
        if (total < 0 || total > static_cast<std::int64_t>(kMaxBuffer))
            throw badArg(name + ".total", "out of range 0..1048576");
        // At least the 12-byte header: the Server always sets dwNeededSize and dwUsedSize.
        auto out =
            std::make_unique<Output>(name, Output::Kind::VarStruct,
                                     std::max<std::size_t>(static_cast<std::size_t>(total), 12));
        auto total32 = static_cast<DWORD>(total);
        std::memcpy(out->buffer.data(), &total32, 4);
        out->remember();
        auto *raw = static_cast<S *>(out->buffer.data());
        call.outputs.push_back(std::move(out));
        return raw;
    }
};

} // namespace

/// A pending LINE_PROXYREQUEST this connection's proxy has not answered yet.
struct ProxyEntry {
    HLINEAPP app = 0;
    HLINE line = 0;
    LINEPROXYREQUEST *request = nullptr; ///< the Server's buffer, valid until answered
    DWORD size = 0;
    DWORD type = 0;
};

struct TapiState {
    ProtocolService::Impl *service = nullptr;
    ConnectionId connection = 0;
    tapi::ClientId client = 0;
    bool inCall = false;
    std::vector<std::pair<HLINEAPP, LINEMESSAGE>> deferred; ///< raised during its own call
    std::map<DWORD, std::vector<std::unique_ptr<remote_tapi::Output>>> pending; ///< by ID
    std::map<std::uint64_t, ProxyEntry> proxies;                                ///< by key
    std::uint64_t nextKey = 1;
    bool dropped = false;
    std::set<DWORD> agents;   ///< hAgents this connection created (lineCreateAgent)
    std::set<DWORD> sessions; ///< hAgentSessions it created (lineCreateAgentSession)

    void deliver(HLINEAPP app, const LINEMESSAGE &m);
    Poco::JSON::Object::Ptr build(HLINEAPP app, const LINEMESSAGE &m);
    void forgetProxies(const std::function<bool(const ProxyEntry &)> &match)
    {
        for (auto it = proxies.begin(); it != proxies.end();)
            it = match(it->second) ? proxies.erase(it) : std::next(it);
    }
};

namespace {

class ConnectionSink final : public tapi::MessageSink {
public:
    explicit ConnectionSink(std::weak_ptr<TapiState> state)
        : m_state(std::move(state))
    {}
    void deliver(const LINEMESSAGE &message) override
    {
        if (auto state = m_state.lock(); state && !state->dropped)
            state->deliver(app, message);
    }
    HLINEAPP app = 0;

private:
    std::weak_ptr<TapiState> m_state;
};

} // namespace

void TapiState::deliver(HLINEAPP app, const LINEMESSAGE &m)
{
    if (inCall) {
        // Raised by this connection's own call: after its response (which carries the
        // request ID the LINE_REPLY refers to), and built then, when the outputs are known.
        deferred.push_back({app, m});
        return;
    }
    auto found = service->connections.find(connection);
    if (found == service->connections.end())
        return;
    // LINE_REPLY may carry outputs, LINE_PROXYREQUEST its request, LINE_CLOSE ends proxy keys.
    if (m.dwMessageID == LINE_REPLY || m.dwMessageID == LINE_PROXYREQUEST
        || m.dwMessageID == LINE_CLOSE)
        service->sendTapiEvent(found->second, build(app, m));
    else
        service->sendTapiMessage(found->second, app, m);
}

Poco::JSON::Object::Ptr TapiState::build(HLINEAPP app, const LINEMESSAGE &m)
{
    Poco::JSON::Object::Ptr event = new Poco::JSON::Object;
    event->set("ev", "tapi");
    event->set("hApp", static_cast<std::uint64_t>(app));
    Poco::JSON::Array::Ptr msg = new Poco::JSON::Array;
    msg->add(static_cast<std::uint64_t>(m.hDevice));
    msg->add(static_cast<std::uint64_t>(m.dwMessageID));
    msg->add(static_cast<std::uint64_t>(m.dwCallbackInstance));
    msg->add(m.dwMessageID == LINE_PROXYREQUEST ? std::uint64_t(0)
                                                : static_cast<std::uint64_t>(m.dwParam1));
    msg->add(static_cast<std::uint64_t>(m.dwParam2));
    msg->add(static_cast<std::uint64_t>(m.dwParam3));
    event->set("msg", msg);
    if (m.dwMessageID == LINE_REPLY) {
        auto p = pending.find(static_cast<DWORD>(m.dwParam1));
        if (p != pending.end()) {
            auto result = static_cast<LONG>(static_cast<DWORD>(m.dwParam2));
            Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
            for (const auto &o : p->second) {
                if (o->kind == Output::Kind::Dword ? result == 0 : o->changed())
                    out->set(o->name, o->value());
                if (o->kind == Output::Kind::Dword && result == 0) {
                    DWORD handle;
                    std::memcpy(&handle, o->buffer.data(), 4);
                    if (o->name == "lphAgent")
                        agents.insert(handle);
                    else if (o->name == "lphAgentSession")
                        sessions.insert(handle);
                }
            }
            if (out->size() > 0)
                event->set("out", out);
            pending.erase(p);
        }
    } else if (m.dwMessageID == LINE_PROXYREQUEST) {
        auto *request = reinterpret_cast<LINEPROXYREQUEST *>(m.dwParam1);
        ProxyEntry entry{app, m.hDevice, request, request->dwSize, request->dwRequestType};
        std::uint64_t key = nextKey++;
        proxies[key] = entry;
        Poco::JSON::Object::Ptr proxy = new Poco::JSON::Object;
        proxy->set("key", key);
        proxy->set("bytes", tapi::wire::base64(request, request->dwSize));
        event->set("proxyRequest", proxy);
    } else if (m.dwMessageID == LINE_CLOSE) {
        // The line's pending proxy requests failed with it; their buffers are gone.
        forgetProxies([&](const ProxyEntry &e) { return e.app == app && e.line == m.hDevice; });
    }
    return event;
}

bool ProtocolService::Impl::sendTapiEvent(Connection &c, Poco::JSON::Object::Ptr event)
{
    // seq is given when the event goes out, so it stays in order with the other events.
    event->set("seq", ++c.seq);
    event->set("eseq", lastEffectSeq);
    event->set("at", clock());
    return sendTapiText(c, toJson(event));
}

bool ProtocolService::Impl::sendTapiMessage(Connection &c, HLINEAPP app, const LINEMESSAGE &m)
{
    FlatJson text;
    text.field("seq", ++c.seq);
    text.field("ev", "tapi");
    text.field("eseq", lastEffectSeq);
    text.field("at", clock());
    text.field("hApp", app);
    text.numbers("msg", {m.hDevice, m.dwMessageID, m.dwCallbackInstance, m.dwParam1, m.dwParam2,
                         m.dwParam3});
    return sendTapiText(c, text.finish());
}

bool ProtocolService::Impl::sendTapiText(Connection &c, std::string text)
{
    // Never dropped: a TAPI client cannot resync, so a full queue closes the connection.
    flushEvents(c);
    if (!transport.send(c.id, std::move(text))) {
        transport.close(c.id, 1013, "outbound queue full (tapi)");
        return false;
    }
    ++counters.eventsSent;
    return true;
}

namespace {

using Handler = std::function<LONG(tapi::Server &, tapi::ClientId, Call &)>;

template<class... A, std::size_t... I>
LONG invokeWith(tapi::Server &server, tapi::ClientId client, Call &call,
                LONG (tapi::Server::*fn)(tapi::ClientId, A...),
                const std::vector<std::string> &names, std::index_sequence<I...>)
{
    // Braced initialisation: the arguments are decoded left to right.
    std::tuple<A...> values{Arg<A>::get(call, names[I])...};
    // Byte arguments paired with dwSize must match it exactly (the Server reads dwSize bytes).
    for (const auto &[name, length] : call.sized) {
        if (!call.args->has("dwSize"))
            continue;
        std::uint64_t size = unsignedValue(call, "dwSize", 0xFFFFFFFFu);
        if (size != length)
            throw badArg(name,
                         std::to_string(length) + " bytes, but dwSize is " + std::to_string(size));
    }
    std::vector<std::string> keys;
    call.args->getNames(keys);
    for (const std::string &k : keys)
        if (!call.used.count(k))
            throw badArg(k, "unknown for " + *call.fn);
    return (server.*fn)(client, std::get<I>(values)...);
}

template<class... A>
Handler handler(LONG (tapi::Server::*fn)(tapi::ClientId, A...), const char *names)
{
    std::vector<std::string> list = tapi::wire::splitParameterNames(names);
    if (list.size() != sizeof...(A))
        throw std::logic_error(std::string("tapi_functions.def: parameter names ") + names);
    return [fn, list](tapi::Server &server, tapi::ClientId client, Call &call) {
        return invokeWith(server, client, call, fn, list, std::index_sequence_for<A...>{});
    };
}

const std::map<std::string, Handler> &handlers()
{
    static const std::map<std::string, Handler> table = [] {
        std::map<std::string, Handler> t;
#define TAPI_FN(name, args, ...) t.emplace(#name, handler(&tapi::Server::name, #args));
#include "../../../client/src/tapi_functions.def"
#undef TAPI_FN
        return t;
    }();
    return table;
}

/// Clears TapiState::inCall however the request ends.
struct InCall {
    explicit InCall(TapiState &s)
        : state(s)
    {
        state.inCall = true;
    }
    ~InCall() { state.inCall = false; }
    TapiState &state;
};

} // namespace

void ProtocolService::Impl::tapiOperation(Connection &c, Request &r,
                                          Poco::JSON::Object::Ptr &result)
{
    const std::string fn = r.text("fn");
    Poco::JSON::Object::Ptr args = r.object("args");
    r.rejectUnknown();
    if (!tapiServer)
        throw RequestError{"conflict", "this engine runs no TAPI server"};
    if (!c.tapi) {
        c.tapi = std::make_shared<TapiState>();
        c.tapi->service = this;
        c.tapi->connection = c.id;
        c.tapi->client = kClientBase + static_cast<tapi::ClientId>(c.id);
    }
    TapiState &state = *c.tapi;
    Call call;
    call.args = args;
    call.state = &state;
    call.connection = &c;
    call.fn = &fn;

    if (fn == "lineInitializeEx") {
        Poco::Dynamic::Var name = call.get("lpszFriendlyAppName");
        if (!name.isEmpty() && !name.isString())
            throw badArg("lpszFriendlyAppName", "expected a string or null");
        Poco::Dynamic::Var machine = call.get("machineName");
        if (!machine.isEmpty() && !machine.isString())
            throw badArg("machineName", "expected a string or null");
        DWORD version = static_cast<DWORD>(unsignedValue(call, "dwAPIVersion", 0xFFFFFFFFu));
        std::vector<std::string> keys;
        args->getNames(keys);
        for (const std::string &k : keys)
            if (!call.used.count(k))
                throw badArg(k, "unknown for lineInitializeEx");
        std::string friendly = name.isEmpty() ? std::string() : name.extract<std::string>();
        tapi::AppIdentity identity;
        identity.userName = c.user; // the authenticated user, not what the client claims
        identity.machineName = machine.isEmpty() ? c.peer : machine.extract<std::string>();
        auto sink = std::make_shared<ConnectionSink>(c.tapi);
        // An agent's desktop gets the ACD status of its own station, not the whole center's.
        tapiServer->setStationScoped(state.client, c.role == Role::Agent);
        HLINEAPP app = 0;
        DWORD numDevs = 0;
        InCall guard(state);
        LONG ret = tapiServer->lineInitializeEx(state.client, &app, sink,
                                                name.isEmpty() ? nullptr : friendly.c_str(),
                                                identity, &numDevs, &version);
        sink->app = app;
        result->set("ret", ret);
        if (ret == 0) {
            result->set("hLineApp", static_cast<std::uint64_t>(app));
            result->set("dwNumDevs", static_cast<std::uint64_t>(numDevs));
            result->set("dwAPIVersion", static_cast<std::uint64_t>(version));
        }
        return;
    }

    auto h = handlers().find(fn);
    if (h == handlers().end())
        throw RequestError{"bad_request", "unknown TAPI function '" + fn + "'", "", "fn"};

    LONG ret;
    if (fn == "lineProxyResponse") {
        // The proxy's bytes go into the Server's own LINEPROXYREQUEST before it is answered.
        HLINE line = static_cast<HLINE>(unsignedValue(call, "hLine", 0xFFFFFFFFu));
        DWORD dwResult = static_cast<DWORD>(unsignedValue(call, "dwResult", 0xFFFFFFFFu));
        Poco::Dynamic::Var v = call.get("lpProxyRequest");
        std::vector<std::string> keys;
        args->getNames(keys);
        for (const std::string &k : keys)
            if (!call.used.count(k))
                throw badArg(k, "unknown for lineProxyResponse");
        if (v.isEmpty()) {
            InCall guard(state);
            ret = tapiServer->lineProxyResponse(state.client, line, nullptr, dwResult);
        } else {
            if (v.type() != typeid(Poco::JSON::Object::Ptr))
                throw badArg("lpProxyRequest", "expected {\"key\": K, \"bytes\": base64}");
            auto object = v.extract<Poco::JSON::Object::Ptr>();
            Poco::Dynamic::Var key = object->get("key");
            Poco::Dynamic::Var bytesText = object->get("bytes");
            if (key.isEmpty() || key.isBoolean() || !key.isInteger()
                || (key.isSigned() && key.convert<std::int64_t>() < 0))
                throw badArg("lpProxyRequest.key", "expected an integer >= 0");
            if (bytesText.isEmpty() || !bytesText.isString())
                throw badArg("lpProxyRequest.bytes", "expected base64");
            if (object->size() != 2)
                throw badArg("lpProxyRequest", "only \"key\" and \"bytes\"");
            std::vector<std::uint8_t> bytes;
            if (!unbase64(bytesText.extract<std::string>(), bytes))
                throw badArg("lpProxyRequest.bytes", "not base64 (or over 1 MiB)");
            auto entry = state.proxies.find(key.convert<std::uint64_t>());
            if (entry == state.proxies.end()) {
                ret = LINEERR_INVALPOINTER; // answered already, or never this connection's
            } else {
                const ProxyEntry &e = entry->second;
                DWORD size = 0, type = 0;
                if (bytes.size() >= offsetof(LINEPROXYREQUEST, dwRequestType) + 4) {
                    std::memcpy(&size, bytes.data() + offsetof(LINEPROXYREQUEST, dwSize), 4);
                    std::memcpy(&type, bytes.data() + offsetof(LINEPROXYREQUEST, dwRequestType), 4);
                }
                if (bytes.size() != e.size || size != e.size || type != e.type)
                    throw badArg("lpProxyRequest.bytes",
                                 "must be the request's " + std::to_string(e.size)
                                     + " bytes with its dwSize and dwRequestType");
                if (line != e.line) {
                    ret = LINEERR_INVALLINEHANDLE;
                } else {
                    std::memcpy(e.request, bytes.data(), bytes.size());
                    InCall guard(state);
                    ret = tapiServer->lineProxyResponse(state.client, line, e.request, dwResult);
                    if (ret == 0 || ret == LINEERR_INVALPOINTER)
                        state.proxies.erase(entry);
                }
            }
        }
        result->set("ret", ret);
        return;
    }

    // An agent-role user may create only their own agent (the PIN is checked by the proxy).
    if (fn == "lineCreateAgent" && c.role == Role::Agent) {
        Poco::Dynamic::Var id =
            args->has("lpszAgentID") ? args->get("lpszAgentID") : Poco::Dynamic::Var();
        if (id.isString() && (c.agent == 0 || id.extract<std::string>() != std::to_string(c.agent)))
            throw RequestError{"forbidden", "an agent may create only their own agent", "",
                               "args.lpszAgentID"};
    }

    if (c.role == Role::Agent) {
        // Agent handles are the proxy's, not per client: an agent user may use only those
        // its own lineCreateAgent/lineCreateAgentSession returned; others are refused like
        // unknown ones. Nor may an agent user become a proxy.
        auto integer = [&](const char *key) -> std::optional<std::uint64_t> {
            if (!args->has(key))
                return std::nullopt;
            Poco::Dynamic::Var v = args->get(key);
            if (v.isEmpty() || v.isBoolean() || !v.isInteger())
                return std::nullopt; // the decoder names the bad key
            if (v.isSigned() && v.convert<std::int64_t>() < 0)
                return std::nullopt;
            return v.convert<std::uint64_t>();
        };
        if (auto agent = integer("hAgent"); agent && !state.agents.count(DWORD(*agent))) {
            result->set("ret", LINEERR_INVALAGENTID);
            return;
        }
        if (auto s = integer("hAgentSession"); s && !state.sessions.count(DWORD(*s))) {
            result->set("ret", LINEERR_INVALPARAM);
            return;
        }
        if (auto privileges = integer("dwPrivileges");
            fn == "lineOpen" && privileges && (*privileges & LINEOPENOPTION_PROXY))
            throw RequestError{"forbidden", "an agent may not serve as a TAPI proxy", "",
                               "args.dwPrivileges"};
    }

    {
        InCall guard(state);
        ret = h->second(*tapiServer, state.client, call);
    }
    result->set("ret", ret);
    if (ret > 0) {
        // Asynchronous: the Server writes the outputs just before LINE_REPLY.
        if (!call.outputs.empty())
            state.pending[static_cast<DWORD>(ret)] = std::move(call.outputs);
    } else {
        for (const auto &o : call.outputs) {
            bool send = o->kind == Output::Kind::Dword
                            ? ret == 0
                            : o->changed() && (ret == 0 || ret == LINEERR_STRUCTURETOOSMALL);
            if (send)
                result->set(o->name, o->value());
        }
    }
    if (ret == 0 && fn == "lineShutdown") {
        HLINEAPP app = Arg<DWORD>::get(call, "hLineApp");
        state.forgetProxies([&](const ProxyEntry &e) { return e.app == app; });
    } else if (ret == 0 && fn == "lineClose") {
        HLINE line = Arg<DWORD>::get(call, "hLine");
        state.forgetProxies([&](const ProxyEntry &e) { return e.line == line; });
    }
}

void ProtocolService::Impl::tapiAfterResponse(ConnectionId connection)
{
    auto it = connections.find(connection);
    if (it == connections.end() || !it->second.tapi)
        return;
    TapiState &state = *it->second.tapi;
    std::vector<std::pair<HLINEAPP, LINEMESSAGE>> events = std::move(state.deferred);
    state.deferred.clear();
    for (const auto &[app, message] : events)
        if (!sendTapiEvent(it->second, state.build(app, message)))
            return;
}

void ProtocolService::Impl::tapiClose(Connection &c)
{
    if (!c.tapi || c.tapi->dropped)
        return;
    c.tapi->dropped = true; // nothing more is sent; the buffers stay until the Server let go
    if (tapiServer)
        tapiServer->dropClient(c.tapi->client);
}

} // namespace acd::server
