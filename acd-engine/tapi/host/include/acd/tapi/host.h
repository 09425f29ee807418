#pragma once
// The engine host: the engine thread with everything it owns — the providers, the TAPI
// server, the ACD core, the built-in ACD proxy and the call router — started and stopped as
// one. libtapi's in-process binding and the acd-engine service both run on it.
//
// After every task on the engine thread the host lets the ACD parts handle their queued
// messages and hands them the core's effects until nothing is left, and arms the engine
// loop's timer for the core's next deadline.
#include "acd/tapi/engine_loop.h"
#include "acd/tapi/server.h"
#include "acd/tsp/provider_loader.h"
#include "core/config.h"
#include "core/effects.h"
#include "db/config_set.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace acd::core {
class Engine;
}

namespace acd::tapi {

class AcdProxy;
class CallRouter;

struct HostConfig {
    std::vector<tsp::ProviderSpec> providers;
    db::ConfigSet config;
    core::EngineConfig engine;
    /// Lines (by address, e.g. "105") whose agent requests an external proxy application
    /// serves instead of the built-in one. An address no provider has is an error.
    std::vector<std::string> externallyProxiedLines;
    /// Unix milliseconds; the system clock when empty.
    std::function<core::TimeMs()> clock;
    /// Sees every core effect on the engine thread (the service persists them), with the core
    /// that made them: effects flow as soon as a provider reports calls, which may be before
    /// start() has returned the Host.
    std::function<void(const core::Engine &, const std::vector<core::Effect> &)> effectsObserver;
};

class Host {
public:
    /// Loads the providers, builds the core from the configuration and starts the ACD on
    /// a new engine thread. On failure returns nullptr and `error` names what was wrong
    /// (the provider, the configuration item and field, the route point).
    static std::unique_ptr<Host> start(HostConfig config, std::string &error);
    ~Host();
    Host(const Host &) = delete;
    Host &operator=(const Host &) = delete;

    EngineLoop &loop();
    // The rest is for the engine thread only (loop().invoke(...)).
    Server &server();
    core::Engine &engine();
    AcdProxy &proxy();
    CallRouter &router();
    const db::ConfigSet &config() const;
    /// The same configuration, for the admin API: changed in place on the engine thread
    /// only, so the proxy, the router and the protocol (which hold references) see it at once.
    db::ConfigSet &mutableConfig();

    /// The demo contact center of the embedded default: skills, two groups, queues "sales"
    /// (10) and "support" (20), agents 1001-1006 (PIN = "1234"), route points 9000 and 9001
    /// and stations 100-119.
    static db::ConfigSet demoConfig();
    /// The sim provider next to this library, with stations 100-119 and route points
    /// 9000-9001.
    static tsp::ProviderSpec demoProvider();

    class Impl;

private:
    explicit Host(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace acd::tapi
