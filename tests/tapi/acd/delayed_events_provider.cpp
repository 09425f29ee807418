// libtsp_sim_delayed.so, for tests only: the sim provider (stations 100-105, route points
// 9000-9001, external calls never answer) whose switch events can be held back. While held,
// requests still reach the switch model and their results come back at once, but the events
// they and others cause wait, as a real CSTA switch's events can lag behind its answers. The
// test process holds and releases them through tspTestHoldEvents() (dlsym on this library).
#include "acd/tsp/provider_core.h"
#include "acd/tsp/provider_factory.h"
#include "sim_link.h"

#include <atomic>
#include <deque>
#include <mutex>

namespace acd::tsp {
namespace {

class DelayedEventsLink;
std::atomic<DelayedEventsLink *> g_link{nullptr};

/// A SwitchLink over SimLink that forwards the switch's events only while not held.
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
        m_inner.send(request, std::move(done));
    }
    bool isUp() const override { return m_inner.isUp(); }

    void hold(bool on)
    {
        std::deque<SwitchEvent> due;
        {
            std::lock_guard lock(m_mutex);
            m_held = on;
            if (!on)
                due.swap(m_pending);
        }
        for (const SwitchEvent &event : due)
            m_listener->onSwitchEvent(event);
    }

private:
    void onSwitchEvent(const SwitchEvent &event) override
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_held) {
                m_pending.push_back(event);
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
    bool m_held = false;
    std::deque<SwitchEvent> m_pending;
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

/// Holds (non-zero) or releases (0, delivering what was held, in order) the switch's events.
extern "C" __attribute__((visibility("default"))) void tspTestHoldEvents(int hold)
{
    if (acd::tsp::DelayedEventsLink *link = acd::tsp::g_link.load())
        link->hold(hold != 0);
}
