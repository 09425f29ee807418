#pragma once
// The in-process Binding: each call runs on the engine loop (EngineLoop::invoke), with
// ClientId 1, on a TapiBackend (the Server, or a fake in tests).
#include "backend.h"

#include <acd/tapi/engine_loop.h>

namespace acd::tapi::client {

class InProcessBinding final : public Binding {
public:
    InProcessBinding(EngineLoop &loop, std::shared_ptr<TapiBackend> backend)
        : m_loop(loop)
        , m_backend(std::move(backend))
    {}

    LONG lineInitializeEx(LPHLINEAPP lphLineApp, std::shared_ptr<MessageSink> sink,
                          const char *friendlyAppName, const AppIdentity &identity,
                          LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion) override
    {
        return call([&] {
            return m_backend->lineInitializeEx(kInProcessClient, lphLineApp, std::move(sink),
                                               friendlyAppName, identity, lpdwNumDevs,
                                               lpdwAPIVersion);
        });
    }

    void close() override
    {
        call([&] {
            m_backend->dropClient(kInProcessClient);
            return LONG(0);
        });
    }

#define TAPI_FN(name, args, ...)                                                                   \
    LONG name(__VA_ARGS__) override                                                                \
    {                                                                                              \
        return call([&] { return m_backend->name(kInProcessClient, TAPI_UNPACK args); });          \
    }
#include "tapi_functions.def"
#undef TAPI_FN

private:
    // No exception crosses the C boundary: a stopped loop or a throwing backend is a failure.
    template<class F>
    LONG call(F &&f) noexcept
    {
        try {
            return m_loop.invoke(f);
        } catch (...) {
            return LINEERR_OPERATIONFAILED;
        }
    }

    EngineLoop &m_loop;
    std::shared_ptr<TapiBackend> m_backend;
};

} // namespace acd::tapi::client
