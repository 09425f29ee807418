#pragma once
// Calls a function every `period` on a thread of its own until destroyed: the engine
// service's 20-ms tick for the protocol's coalesced `stats` topic (the engine loop has a
// single timer, which belongs to the core's deadlines).
#include <pthread.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace acd::server {

/// The tick after the one due at `scheduled`, seen at `now`: the next one on the period's
/// grid that is still to come. Ticks missed while the thread could not run (a stalled
/// callback, a suspended VM) are skipped, not fired back to back.
inline std::chrono::steady_clock::time_point
nextTickAfter(std::chrono::steady_clock::time_point scheduled,
              std::chrono::steady_clock::time_point now, std::chrono::milliseconds period)
{
    const auto next = scheduled + period;
    if (next > now)
        return next;
    const auto missed = (now - next) / period + 1;
    return next + missed * period;
}

class Ticker {
public:
    Ticker(std::chrono::milliseconds period, std::function<void()> onTick)
        : m_period(period)
        , m_onTick(std::move(onTick))
        , m_thread([this] {
            pthread_setname_np(pthread_self(), "stats-ticker");
            run();
        })
    {}
    /// Returns after the last call has finished; no call starts after it.
    ~Ticker()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    Ticker(const Ticker &) = delete;
    Ticker &operator=(const Ticker &) = delete;

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        auto next = std::chrono::steady_clock::now() + m_period;
        while (!m_wake.wait_until(lock, next, [this] { return m_stopping; })) {
            lock.unlock();
            m_onTick();
            lock.lock();
            next = nextTickAfter(next, std::chrono::steady_clock::now(), m_period);
        }
    }

    std::chrono::milliseconds m_period;
    std::function<void()> m_onTick;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread; ///< last: starts after the members it uses
};

} // namespace acd::server
