#pragma once
// One thread that runs jobs in the order submitted, from a bounded queue: the engine
// service's place for work that must not stall the engine thread (database reports, PBKDF2
// checks of passwords and PINs). Jobs report back by posting to the engine loop themselves.
#include <pthread.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace acd::server {

class WorkerThread {
public:
    /// `name` (at most 15 characters) names the thread in top, ps and perf.
    WorkerThread(const char *name, std::size_t maxQueued)
        : m_maxQueued(maxQueued)
        , m_thread([this, name] {
            pthread_setname_np(pthread_self(), name);
            run();
        })
    {}
    /// Drops the jobs still waiting, lets the running one finish, joins.
    ~WorkerThread()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
            m_jobs.clear();
        }
        m_wake.notify_all();
        m_thread.join();
    }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    /// Queues `job`; false when `maxQueued` jobs already wait (or the thread is stopping).
    bool submit(std::function<void()> job)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping || m_jobs.size() >= m_maxQueued)
                return false;
            m_jobs.push_back(std::move(job));
        }
        m_wake.notify_one();
        return true;
    }

private:
    void run()
    {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
                if (m_stopping)
                    return;
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            job();
        }
    }

    std::size_t m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::thread m_thread; ///< last: starts after the members it uses
};

} // namespace acd::server
