// libtsp_sim_delayed.so, for tests only: the sim provider (stations 100-105, route points
// 9000-9001, external calls never answer) whose switch messages can be held back, as a real
// CSTA switch's can lag. Holding events only: requests still reach the switch model and their
// results come back at once, but the events they and others cause wait (the provider's view
// of its calls lags behind the switch). Holding everything: results wait too, in the order
// the switch produced them with the events (a slow link). The test process holds and
// releases through tspTestHold() (dlsym on this library).
#include "acd/tsp/provider_core.h"
#include "acd/tsp/provider_factory.h"
#include "sim_link.h"

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>

namespace acd::tsp {
namespace {

class DelayedEventsLink;
std::atomic<DelayedEventsLink *> g_link{nullptr};

/// What tspTestHold() holds back.
enum class Hold { Nothing = 0, Events = 1, Everything = 2 };

/// A SwitchLink over SimLink that passes the switch's messages on only while not held.
class DelayedEventsLink : public SwitchLink, private LinkListener {
public:
    explicit DelayedEventsLink(SimLinkConfig config)
        : m_inner(std::move(config))
    {
        g_link = this;
    }
    ~DelayedEventsLink() override
    {
        DelayedEventsLink *self = this;
        g_link.compare_exchange_strong(self, nullptr);
    }

    void start(LinkListener &listener) override
    {
        m_listener = &listener;
        m_inner.start(*this);
    }
    void stop() override { m_inner.stop(); }
    void send(const SwitchRequest &request, Done done) override
    {
        m_inner.send(request, [this, done = std::move(done)](const SwitchResult &result) {
            {
                std::lock_guard lock(m_mutex);
                if (m_hold == Hold::Everything) {
                    m_pending.push_back([done, result] { done(result); });
                    return;
                }
            }
            done(result);
        });
    }
    bool isUp() const override { return m_inner.isUp(); }

    void hold(Hold what)
    {
        std::deque<std::function<void()>> due;
        {
            std::lock_guard lock(m_mutex);
            m_hold = what;
            if (what == Hold::Nothing)
                due.swap(m_pending);
        }
        for (const auto &deliver : due)
            deliver();
    }

private:
    void onSwitchEvent(const SwitchEvent &event) override
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_hold != Hold::Nothing) {
                m_pending.push_back([this, event] { m_listener->onSwitchEvent(event); });
                return;
            }
        }
        m_listener->onSwitchEvent(event);
    }
    void onLinkUp() override { m_listener->onLinkUp(); }
    void onLinkDown(const std::string &reason) override { m_listener->onLinkDown(reason); }

    SimLink m_inner;
    LinkListener *m_listener = nullptr;
    std::mutex m_mutex;
    Hold m_hold = Hold::Nothing;
    std::deque<std::function<void()>> m_pending; ///< held results and events, in order
};

} // namespace

std::unique_ptr<ProviderCore> createProvider(const std::string &, std::string &error)
{
    SimLinkConfig link;
    link.switchConfig.firstStation = "100";
    link.switchConfig.lastStation = "105";
    link.switchConfig.firstRoutePoint = "9000";
    link.switchConfig.lastRoutePoint = "9001";
    link.switchConfig.externalAnswerMs = -1;
    ProviderConfig config;
    config.providerName = "sim provider with delayed events (tests)";
    config.switchName = "sim switch model";
    if (!parseLineList("100-105", "9000-9001", config.lines, error))
        return nullptr;
    return std::make_unique<ProviderCore>(config,
                                          std::make_unique<DelayedEventsLink>(std::move(link)));
}

} // namespace acd::tsp

/// 0: delivers what was held, in order, and holds nothing more; 1: holds the switch's events;
/// 2: holds its events and its results to requests.
extern "C" __attribute__((visibility("default"))) void tspTestHold(int what)
{
    if (acd::tsp::DelayedEventsLink *link = acd::tsp::g_link.load())
        link->hold(static_cast<acd::tsp::Hold>(what));
}
