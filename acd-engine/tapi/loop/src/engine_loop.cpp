#include "acd/tapi/engine_loop.h"

#include <pthread.h>

namespace acd::tapi {

EngineLoop::EngineLoop()
{
    // m_threadId is written before any task can run: the thread waits for the lock first.
    std::lock_guard lock(m_mutex);
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "engine");
        run();
    });
    m_threadId = m_thread.get_id();
}

EngineLoop::~EngineLoop()
{
    stop();
    std::lock_guard join(m_joinMutex);
    if (m_thread.joinable())
        m_thread.detach(); // only when destroyed on its own thread
}

bool EngineLoop::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && std::this_thread::get_id() != m_threadId)
            return false;
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
    return true;
}

bool EngineLoop::inLoopThread() const
{
    std::lock_guard lock(m_mutex);
    return std::this_thread::get_id() == m_threadId;
}

void EngineLoop::setTimer(NextDue nextDue, std::function<void()> onDue)
{
    auto install = [this, nextDue = std::move(nextDue), onDue = std::move(onDue)]() mutable {
        m_nextDue = std::move(nextDue);
        m_onDue = std::move(onDue);
        m_lastFired.reset();
    };
    if (inLoopThread())
        install();
    else
        post(std::move(install));
}

void EngineLoop::setAfterWork(std::function<void()> afterWork,
                              std::chrono::microseconds minInterval)
{
    auto install = [this, afterWork = std::move(afterWork), minInterval]() mutable {
        m_afterWork = std::move(afterWork);
        m_afterWorkInterval = minInterval;
    };
    if (inLoopThread())
        install();
    else
        post(std::move(install));
}

void EngineLoop::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (inLoopThread())
        return;
    std::lock_guard join(m_joinMutex);
    if (m_thread.joinable())
        m_thread.join();
}

std::optional<EngineLoop::Clock::time_point> EngineLoop::queryDue()
{
    if (!m_nextDue)
        return std::nullopt;
    std::optional<Clock::time_point> due = m_nextDue();
    if (due && m_lastFired && *due == *m_lastFired)
        return std::nullopt; // already fired for this time point
    return due;
}

void EngineLoop::run()
{
    {
        std::lock_guard lock(m_mutex); // wait until the constructor has stored m_threadId
    }
    int sinceAfterWork = 0;
    bool afterWorkOwed = false;
    Clock::time_point lastAfterWork{};
    auto afterWork = [&] {
        sinceAfterWork = 0;
        afterWorkOwed = false;
        lastAfterWork = Clock::now();
        if (m_afterWork)
            m_afterWork();
    };
    for (;;) {
        const std::optional<Clock::time_point> due = queryDue();
        std::optional<Clock::time_point> wakeAt = due;
        std::optional<Clock::time_point> afterWorkDue;
        if (afterWorkOwed && m_afterWork) {
            afterWorkDue = lastAfterWork + m_afterWorkInterval;
            wakeAt = wakeAt ? std::min(*wakeAt, *afterWorkDue) : *afterWorkDue;
        }
        std::function<void()> task;
        bool fire = false;
        bool drained = false;
        bool finished = false;
        {
            std::unique_lock lock(m_mutex);
            auto ready = [this] { return !m_tasks.empty() || m_stopping; };
            bool woken = wakeAt ? m_wake.wait_until(lock, *wakeAt, ready)
                                : (m_wake.wait(lock, ready), true);
            if (due && Clock::now() >= *due) {
                fire = true;
            } else if (!m_tasks.empty()) {
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            } else if (woken && m_stopping) {
                finished = true;
            }
            drained = m_tasks.empty();
        }
        if (fire) {
            m_lastFired = due;
            if (m_onDue)
                m_onDue();
        } else if (task) {
            task();
        } else {
            // Woken for an owed afterWork, or stopping (which makes any owed call first).
            if (afterWorkOwed && (finished || !afterWorkDue || Clock::now() >= *afterWorkDue))
                afterWork();
            if (finished)
                return;
            continue;
        }
        if (m_afterWork && (drained || ++sinceAfterWork >= kAfterWorkEvery)) {
            if (Clock::now() - lastAfterWork >= m_afterWorkInterval)
                afterWork();
            else
                afterWorkOwed = true;
        }
    }
}

} // namespace acd::tapi
