#include "acd/tapi/host.h"

#include "acd/tapi/acd_context.h"
#include "acd/tapi/acd_proxy.h"
#include "acd/tapi/call_router.h"
#include "core/engine.h"
#include "db/time_zones.h"

#include <chrono>

namespace acd::tapi {

class Host::Impl {
public:
    explicit Impl(HostConfig c)
        : hostConfig(std::move(c))
    {
        if (!hostConfig.clock)
            hostConfig.clock = [] {
                return std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                    .count();
            };
    }

    bool startOnLoop(std::string &error);
    void stopOnLoop();
    /// Lets the ACD parts work until nothing is left (after every task on the loop).
    void pump();
    std::optional<EngineLoop::Clock::time_point> nextDue();

    HostConfig hostConfig;
    EngineLoop loop;
    std::unique_ptr<tsp::ProviderLoader> loader;
    std::unique_ptr<core::Engine> engine;
    std::unique_ptr<Server> server;
    std::unique_ptr<AcdContext> context;
    std::unique_ptr<AcdProxy> proxy;
    std::unique_ptr<CallRouter> router;
    std::vector<core::Effect> effects;
};

bool Host::Impl::startOnLoop(std::string &error)
{
    loader = std::make_unique<tsp::ProviderLoader>(&Server::providerCompletion);
    for (const tsp::ProviderSpec &spec : hostConfig.providers)
        if (!loader->load(spec, error))
            return false;
    engine = std::make_unique<core::Engine>(hostConfig.engine);
    engine->setTimeZones(&db::systemTimeZones()); // queues' business hours in their zones
    if (db::Status s = db::loadIntoEngine(hostConfig.config, *engine); !s) {
        error = "configuration: " + s.message();
        return false;
    }
    server = std::make_unique<Server>(
        *loader, [this](std::function<void()> work) { loop.post(std::move(work)); });
    context = std::make_unique<AcdContext>(
        AcdContext{*engine, *server, hostConfig.config, hostConfig.clock});
    std::vector<DWORD> external;
    for (const std::string &address : hostConfig.externallyProxiedLines) {
        DWORD device = server->deviceByAddress(address);
        if (device == LINEMAPPER) {
            error = "externally proxied line '" + address + "' is not a line of any provider";
            return false;
        }
        external.push_back(device);
    }
    proxy = std::make_unique<AcdProxy>(*context, external);
    if (LONG r = proxy->start(); r != 0) {
        error = "built-in ACD proxy: could not register (LINEERR " + std::to_string(r) + ")";
        return false;
    }
    router = std::make_unique<CallRouter>(*context);
    if (router->start(error) != 0)
        return false;
    loop.setTimer([this] { return nextDue(); },
                  [this] {
                      const core::TimeMs now = hostConfig.clock();
                      engine->advanceTo(now);
                      pump();
                      proxy->onTime(now); // station lines' coalesced queue status
                  });
    pump();
    return true;
}

void Host::Impl::stopOnLoop()
{
    loop.setTimer({}, {});
    if (router)
        router->stop();
    if (proxy)
        proxy->stop();
    router.reset();
    proxy.reset();
    server.reset();
    if (loader)
        loader->unloadAll();
    context.reset();
    engine.reset();
}

void Host::Impl::pump()
{
    if (!engine || !proxy || !router)
        return;
    // Bounded: each round is driven by real messages or effects; a cycle would be a bug, and
    // the next task resumes the work anyway.
    for (int round = 0; round < 10000; ++round) {
        bool worked = proxy->processMessages();
        worked = router->processMessages() || worked;
        effects.clear();
        engine->takeEffects(effects);
        if (!effects.empty()) {
            worked = true;
            router->onEffects(effects);
            proxy->onEffects(effects);
            if (hostConfig.effectsObserver)
                hostConfig.effectsObserver(*engine, effects);
        }
        if (!worked)
            return;
    }
}

std::optional<EngineLoop::Clock::time_point> Host::Impl::nextDue()
{
    pump(); // the loop asks after every task: the moment to let the ACD catch up
    if (!engine)
        return std::nullopt;
    std::optional<core::TimeMs> deadline = engine->nextDeadline();
    if (const std::optional<core::TimeMs> proxyDue = proxy ? proxy->nextDue() : std::nullopt)
        deadline = deadline ? std::min(*deadline, *proxyDue) : *proxyDue;
    if (!deadline)
        return std::nullopt;
    core::TimeMs wait = std::max<core::TimeMs>(0, *deadline - hostConfig.clock());
    return EngineLoop::Clock::now() + std::chrono::milliseconds(wait);
}

std::unique_ptr<Host> Host::start(HostConfig config, std::string &error)
{
    auto impl = std::make_unique<Impl>(std::move(config));
    Impl *raw = impl.get();
    bool ok = raw->loop.invoke([raw, &error] { return raw->startOnLoop(error); });
    if (!ok) {
        raw->loop.invoke([raw] { raw->stopOnLoop(); });
        return nullptr;
    }
    return std::unique_ptr<Host>(new Host(std::move(impl)));
}

Host::Host(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

Host::~Host()
{
    Impl *raw = m_impl.get();
    raw->loop.invoke([raw] { raw->stopOnLoop(); });
    raw->loop.stop();
}

EngineLoop &Host::loop()
{
    return m_impl->loop;
}

Server &Host::server()
{
    return *m_impl->server;
}

core::Engine &Host::engine()
{
    return *m_impl->engine;
}

AcdProxy &Host::proxy()
{
    return *m_impl->proxy;
}

CallRouter &Host::router()
{
    return *m_impl->router;
}

db::ConfigSet &Host::mutableConfig()
{
    return m_impl->hostConfig.config;
}

const db::ConfigSet &Host::config() const
{
    return m_impl->hostConfig.config;
}

} // namespace acd::tapi
