#pragma once
// A TapiBackend for libtapi's tests: records every call (name, ClientId, thread, strings,
// encodings) and keeps the sinks so a test can deliver messages as the Server would.
#include "backend.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace acd::tapi::client::test {

struct Call {
    std::string name;
    ClientId client = 0;
    std::thread::id thread;
    std::vector<std::optional<std::string>> strings; // string arguments, as received
    std::optional<StringEncoding> encoding;
};

// Every function: recorded, then LINEERR_OPERATIONUNAVAIL.
class RecordingBackend : public TapiBackend {
public:
    std::vector<Call> calls() const
    {
        std::lock_guard lock(m_mutex);
        return m_calls;
    }
    std::optional<Call> lastCall(const std::string &name) const
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_calls.rbegin(); it != m_calls.rend(); ++it)
            if (it->name == name)
                return *it;
        return std::nullopt;
    }

    void dropClient(ClientId client) override { record("dropClient", client); }

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#define TAPI_FN(name, args, ...)                                                                   \
    LONG name(ClientId client, __VA_ARGS__) override                                               \
    {                                                                                              \
        record(#name, client);                                                                     \
        return LINEERR_OPERATIONUNAVAIL;                                                           \
    }
#include "tapi_functions.def"
#undef TAPI_FN
#pragma GCC diagnostic pop

protected:
    static std::optional<std::string> str(const char *s)
    {
        return s ? std::optional<std::string>(s) : std::nullopt;
    }
    void record(std::string name, ClientId client,
                std::vector<std::optional<std::string>> strings = {},
                std::optional<StringEncoding> encoding = std::nullopt)
    {
        std::lock_guard lock(m_mutex);
        m_calls.push_back(Call{std::move(name), client, std::this_thread::get_id(),
                               std::move(strings), encoding});
    }

    mutable std::mutex m_mutex;
    std::vector<Call> m_calls;
};

class FakeBackend : public RecordingBackend {
public:
    static constexpr DWORD kNumDevs = 3;
    static constexpr LONG kRequestId = 0x101;

    LONG lineInitializeEx(ClientId client, LPHLINEAPP lphLineApp, std::shared_ptr<MessageSink> sink,
                          const char *friendlyAppName, const AppIdentity &identity,
                          LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion) override
    {
        record("lineInitializeEx", client, {str(friendlyAppName)});
        std::lock_guard lock(m_mutex);
        m_identity = identity;
        const HLINEAPP handle = m_nextApp++;
        m_sinks[handle] = std::move(sink);
        *lphLineApp = handle;
        *lpdwNumDevs = kNumDevs;
        *lpdwAPIVersion = TAPI_VERSION2_2;
        return 0;
    }

    LONG lineShutdown(ClientId client, HLINEAPP hLineApp) override
    {
        record("lineShutdown", client);
        std::lock_guard lock(m_mutex);
        return m_sinks.erase(hLineApp) ? 0 : LINEERR_INVALAPPHANDLE;
    }

    void dropClient(ClientId client) override
    {
        record("dropClient", client);
        std::lock_guard lock(m_mutex);
        m_sinks.clear();
    }

    // Like the Server in a multithreaded program: LINE_REPLY reaches the queue before the
    // function has returned its request ID.
    LONG lineMakeCall(ClientId client, HLINE, LPHCALL, const char *lpszDestAddress, DWORD,
                      const LINECALLPARAMS *) override
    {
        record("lineMakeCall", client, {str(lpszDestAddress)});
        deliverToAll(LINEMESSAGE{0, LINE_REPLY, 0, DWORD_PTR(kRequestId), 0, 0});
        return kRequestId;
    }
    LONG lineDial(ClientId client, HCALL, const char *lpszDestAddress, DWORD) override
    {
        record("lineDial", client, {str(lpszDestAddress)});
        return kRequestId;
    }
    LONG lineGetCallInfo(ClientId client, HCALL, LPLINECALLINFO, StringEncoding encoding) override
    {
        record("lineGetCallInfo", client, {}, encoding);
        return 0;
    }
    LONG lineGetAgentStatus(ClientId client, HLINE, DWORD, LPLINEAGENTSTATUS,
                            StringEncoding encoding) override
    {
        record("lineGetAgentStatus", client, {}, encoding);
        return kRequestId;
    }
    LONG lineCreateAgent(ClientId client, HLINE, const char *lpszAgentID, const char *lpszAgentPIN,
                         LPHAGENT) override
    {
        record("lineCreateAgent", client, {str(lpszAgentID), str(lpszAgentPIN)});
        return kRequestId;
    }

    /// As the Server does, on the engine thread.
    void deliverToAll(const LINEMESSAGE &message)
    {
        std::map<HLINEAPP, std::shared_ptr<MessageSink>> sinks;
        {
            std::lock_guard lock(m_mutex);
            sinks = m_sinks;
        }
        for (auto &[handle, sink] : sinks)
            sink->deliver(message);
    }
    std::shared_ptr<MessageSink> sink(HLINEAPP hLineApp) const
    {
        std::lock_guard lock(m_mutex);
        auto it = m_sinks.find(hLineApp);
        return it == m_sinks.end() ? nullptr : it->second;
    }
    AppIdentity identity() const
    {
        std::lock_guard lock(m_mutex);
        return m_identity;
    }

private:
    HLINEAPP m_nextApp = 0x10001;
    std::map<HLINEAPP, std::shared_ptr<MessageSink>> m_sinks;
    AppIdentity m_identity;
};

} // namespace acd::tapi::client::test
