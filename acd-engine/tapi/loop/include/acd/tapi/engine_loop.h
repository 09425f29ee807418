#pragma once
// The engine thread: one thread that owns the ACD core and the TAPI server and runs the work
// other threads post to it, one task at a time, in the order posted.
//
// Rules:
//  - post() may be called from any thread (the loop thread included) and never waits for the
//    loop's work; the task runs later on the loop thread.
//  - invoke() runs a function on the loop thread and waits for its result; called on the loop
//    thread it runs the function inline (so code on the loop thread may call it freely).
//    Exceptions thrown by the function are rethrown to the caller.
//  - One timer: after every task the loop asks nextDue() (on the loop thread) and sleeps until
//    the earliest of that time and the next posted task; when the time is reached it calls
//    onDue() once for that time point (a nextDue() that keeps returning a time already fired
//    does not fire again). No busy waiting: the thread sleeps on a condition variable.
//  - stop() runs the tasks already posted (and those they post from the loop thread), then
//    joins the thread. It is idempotent; after it, post() from other threads is refused and
//    invoke() throws std::runtime_error. The destructor stops.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>

namespace acd::tapi {

class EngineLoop {
public:
    using Clock = std::chrono::steady_clock;
    using NextDue = std::function<std::optional<Clock::time_point>()>;

    /// Starts the loop thread.
    EngineLoop();
    /// Stops (see stop()).
    ~EngineLoop();
    EngineLoop(const EngineLoop &) = delete;
    EngineLoop &operator=(const EngineLoop &) = delete;

    /// Queues `task` to run on the loop thread after the tasks posted before it. Returns false
    /// (and drops the task) when the loop is stopping and the caller is not the loop thread.
    bool post(std::function<void()> task);

    /// Runs `f` on the loop thread and returns its result; inline when already on it.
    /// Throws std::runtime_error when the loop no longer accepts work.
    template<class F>
    auto invoke(F &&f) -> std::invoke_result_t<F &>;

    /// True on the loop thread.
    bool inLoopThread() const;

    /// Installs the timer (replacing any previous one); both functions run on the loop thread.
    /// nextDue() returns the next time onDue() is wanted, or nothing for no timer.
    void setTimer(NextDue nextDue, std::function<void()> onDue);

    /// Installs `afterWork` (replacing any previous one; empty removes it), run on the loop
    /// thread after a burst of work: after a task or timer call that left no task waiting,
    /// and at least every kAfterWorkEvery tasks while tasks keep coming (so what a task sends
    /// waits behind at most a few others); but at most once per
    /// `minInterval`: a call that comes sooner is owed and made when the interval ends
    /// (waiting for it if no work comes), and before the loop stops. The engine service
    /// writes the queued network messages there.
    void setAfterWork(std::function<void()> afterWork,
                      std::chrono::microseconds minInterval = std::chrono::microseconds(0));
    static constexpr int kAfterWorkEvery = 4;

    /// Runs the tasks already posted, then joins the thread. Idempotent. Called on the loop
    /// thread itself it only asks the loop to finish (it cannot join itself).
    void stop();

private:
    void run();
    std::optional<Clock::time_point> queryDue();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    bool m_stopping = false;

    // Touched on the loop thread only.
    NextDue m_nextDue;
    std::function<void()> m_onDue;
    std::optional<Clock::time_point> m_lastFired;
    std::function<void()> m_afterWork;
    std::chrono::microseconds m_afterWorkInterval{0};

    std::mutex m_joinMutex;
    std::thread m_thread;
    std::thread::id m_threadId;
};

template<class F>
auto EngineLoop::invoke(F &&f) -> std::invoke_result_t<F &>
{
    using Result = std::invoke_result_t<F &>;
    if (inLoopThread())
        return f();
    // `f` and the task live on this stack until the result is read, and an accepted task
    // always runs (stop() drains), so capturing by reference is safe.
    std::packaged_task<Result()> task([&f]() -> Result { return f(); });
    std::future<Result> result = task.get_future();
    if (!post([&task] { task(); }))
        throw std::runtime_error("engine loop: stopped, cannot invoke");
    return result.get();
}

} // namespace acd::tapi
