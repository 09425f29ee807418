#pragma once
// One line application's message queue: the MessageSink the server delivers to (on the engine
// thread, never blocking: the queue is unbounded) and the two notification models.
//
//  - Callback: a dispatcher thread of its own calls the LINECALLBACK for each message, in
//    order. It is never the engine thread nor an application thread.
//  - Event: an eventfd that is readable exactly while messages are pending (it is written
//    when the queue goes from empty to non-empty and read back when getMessage empties it);
//    getMessage pops messages.
//
// stop() (lineShutdown) ends both: waiters in getMessage return LINEERR_INVALAPPHANDLE, the
// dispatcher finishes the callback it is in and calls no more, the eventfd is closed, and
// later deliveries are dropped.
#include "backend.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace acd::tapi::client {

class AppQueue final : public MessageSink, public std::enable_shared_from_this<AppQueue> {
public:
    enum class Model { Callback, Event };

    /// Callback model: starts the dispatcher thread.
    static std::shared_ptr<AppQueue> createCallback(LINECALLBACK callback);
    /// Event model: nullptr when no eventfd could be made (errno tells why).
    static std::shared_ptr<AppQueue> createEvent();

    ~AppQueue() override;

    void deliver(const LINEMESSAGE &message) override;

    /// Event model: the next message; dwTimeout 0 polls, INFINITE blocks, else milliseconds.
    /// LINEERR_OPERATIONFAILED when none came in time, LINEERR_INVALAPPHANDLE once stopped.
    LONG getMessage(LINEMESSAGE &message, DWORD dwTimeout);

    /// For tests: waits at most `limit` until `count` threads are blocked in getMessage.
    bool waitForWaiters(size_t count, std::chrono::milliseconds limit);

    Model model() const { return m_model; }
    /// The eventfd of the event model (-1 for the callback model or once stopped).
    int eventFd() const;

    /// Idempotent. From the dispatcher thread itself (lineShutdown in the callback) the thread
    /// is detached instead of joined.
    void stop();

    explicit AppQueue(Model model, LINECALLBACK callback, int eventFd); // use the factories

private:
    void dispatch();

    const Model m_model;
    const LINECALLBACK m_callback;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<LINEMESSAGE> m_messages;
    bool m_stopped = false;
    size_t m_waiters = 0; // threads blocked in getMessage
    int m_eventFd;        // guarded by m_mutex: closed and set to -1 by stop()

    std::mutex m_threadMutex;
    std::thread m_dispatcher;
};

} // namespace acd::tapi::client
