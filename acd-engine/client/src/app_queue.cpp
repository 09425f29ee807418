#include "app_queue.h"

#include <chrono>
#include <cstdint>

#include <sys/eventfd.h>
#include <unistd.h>

namespace acd::tapi::client {

AppQueue::AppQueue(Model model, LINECALLBACK callback, int eventFd)
    : m_model(model)
    , m_callback(callback)
    , m_eventFd(eventFd)
{}

std::shared_ptr<AppQueue> AppQueue::createCallback(LINECALLBACK callback)
{
    auto queue = std::make_shared<AppQueue>(Model::Callback, callback, -1);
    // The thread holds the queue: it lives until stop() ends the thread.
    std::lock_guard lock(queue->m_threadMutex);
    queue->m_dispatcher = std::thread([self = queue] { self->dispatch(); });
    return queue;
}

std::shared_ptr<AppQueue> AppQueue::createEvent()
{
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0)
        return nullptr;
    return std::make_shared<AppQueue>(Model::Event, nullptr, fd);
}

AppQueue::~AppQueue()
{
    if (m_eventFd >= 0)
        ::close(m_eventFd);
    if (m_dispatcher.joinable())
        m_dispatcher.detach(); // only reached on the dispatcher's own last reference
}

void AppQueue::deliver(const LINEMESSAGE &message)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopped)
            return;
        m_messages.push_back(message);
        if (m_messages.size() == 1 && m_eventFd >= 0) {
            const std::uint64_t one = 1;
            [[maybe_unused]] ssize_t n = ::write(m_eventFd, &one, sizeof one);
        }
    }
    m_changed.notify_all();
}

LONG AppQueue::getMessage(LINEMESSAGE &message, DWORD dwTimeout)
{
    std::unique_lock lock(m_mutex);
    auto ready = [this] { return m_stopped || !m_messages.empty(); };
    if (dwTimeout != 0 && !ready()) {
        ++m_waiters;
        m_changed.notify_all(); // for waitForWaiters
        if (dwTimeout == INFINITE)
            m_changed.wait(lock, ready);
        else
            m_changed.wait_for(lock, std::chrono::milliseconds(dwTimeout), ready);
        --m_waiters;
    }
    if (m_stopped)
        return LINEERR_INVALAPPHANDLE;
    if (m_messages.empty())
        return LINEERR_OPERATIONFAILED;
    message = m_messages.front();
    m_messages.pop_front();
    if (m_messages.empty() && m_eventFd >= 0) {
        std::uint64_t count = 0;
        [[maybe_unused]] ssize_t n = ::read(m_eventFd, &count, sizeof count); // back to 0
    }
    return 0;
}

bool AppQueue::waitForWaiters(size_t count, std::chrono::milliseconds limit)
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, limit, [&] { return m_waiters >= count; });
}

int AppQueue::eventFd() const
{
    std::lock_guard lock(m_mutex);
    return m_eventFd;
}

void AppQueue::dispatch()
{
    for (;;) {
        LINEMESSAGE message;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stopped || !m_messages.empty(); });
            if (m_stopped)
                return;
            message = m_messages.front();
            m_messages.pop_front();
        }
        if (m_callback)
            m_callback(message.hDevice, message.dwMessageID, message.dwCallbackInstance,
                       message.dwParam1, message.dwParam2, message.dwParam3);
    }
}

void AppQueue::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopped) {
            m_stopped = true;
            m_messages.clear();
            if (m_eventFd >= 0) {
                ::close(m_eventFd);
                m_eventFd = -1;
            }
        }
    }
    m_changed.notify_all();
    std::lock_guard lock(m_threadMutex);
    if (!m_dispatcher.joinable())
        return;
    if (m_dispatcher.get_id() == std::this_thread::get_id())
        m_dispatcher.detach();
    else
        m_dispatcher.join();
}

} // namespace acd::tapi::client
