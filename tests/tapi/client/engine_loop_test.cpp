#include <acd/tapi/engine_loop.h>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using acd::tapi::EngineLoop;
using namespace std::chrono_literals;

namespace {

// A bounded wait for another thread: waits on a condition variable, never sleeps.
class Latch {
public:
    void open()
    {
        {
            std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_cv.notify_all();
    }
    bool waitFor(std::chrono::milliseconds limit = 5s)
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, limit, [this] { return m_open; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_open = false;
};

} // namespace

TEST(EngineLoop, RunsPostedTasksInTheOrderPosted)
{
    EngineLoop loop;
    std::vector<int> order;
    for (int i = 0; i < 100; ++i)
        loop.post([&order, i] { order.push_back(i); });
    loop.invoke([] {}); // after the 100 tasks
    std::vector<int> expected;
    for (int i = 0; i < 100; ++i)
        expected.push_back(i);
    EXPECT_EQ(order, expected);
}

TEST(EngineLoop, InvokeReturnsTheResultComputedOnTheLoopThread)
{
    EngineLoop loop;
    std::thread::id ranOn;
    const int result = loop.invoke([&] {
        ranOn = std::this_thread::get_id();
        return 42;
    });
    EXPECT_EQ(result, 42);
    EXPECT_NE(ranOn, std::this_thread::get_id());
    EXPECT_TRUE(loop.invoke([&] { return loop.inLoopThread(); }));
    EXPECT_FALSE(loop.inLoopThread());
}

TEST(EngineLoop, InvokeFromInsideATaskRunsInline)
{
    EngineLoop loop;
    std::vector<std::string> steps;
    loop.invoke([&] {
        steps.push_back("outer");
        const int inner = loop.invoke([&] {
            steps.push_back("inner");
            return 7;
        });
        steps.push_back("after inner " + std::to_string(inner));
    });
    EXPECT_EQ(steps, (std::vector<std::string>{"outer", "inner", "after inner 7"}));
}

TEST(EngineLoop, InvokeRethrowsTheExceptionOfTheFunction)
{
    EngineLoop loop;
    EXPECT_THROW(loop.invoke([]() -> int { throw std::logic_error("boom"); }), std::logic_error);
}

TEST(EngineLoop, PostNeverWaitsForTheTaskThatIsRunning)
{
    Latch release;
    Latch started;
    EngineLoop loop;
    loop.post([&] {
        started.open();
        release.waitFor();
    });
    ASSERT_TRUE(started.waitFor());
    std::atomic<bool> ran{false};
    loop.post([&] { ran = true; }); // returns although the loop is busy
    EXPECT_FALSE(ran.load());
    release.open();
    loop.invoke([] {});
    EXPECT_TRUE(ran.load());
}

TEST(EngineLoop, TimerFiresOnceForEachDueTime)
{
    std::mutex mutex;
    std::condition_variable cv;
    const auto start = EngineLoop::Clock::now();
    const std::vector<EngineLoop::Clock::time_point> dueTimes = {start + 5ms, start + 10ms};
    int fired = 0;
    std::optional<EngineLoop::Clock::time_point> current = dueTimes[0];
    EngineLoop loop; // declared last: stopped before what its timer uses

    loop.setTimer([&]() -> std::optional<EngineLoop::Clock::time_point> { return current; },
                  [&] {
                      std::lock_guard lock(mutex);
                      ++fired;
                      // The first firing moves on to the second due time; the second one
                      // leaves it as is, so the loop must not fire it again.
                      if (fired == 1)
                          current = dueTimes[1];
                      cv.notify_all();
                  });
    {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(cv.wait_for(lock, 5s, [&] { return fired >= 2; }));
    }
    // More tasks make the loop ask nextDue() again; the due time already fired stays quiet.
    for (int i = 0; i < 10; ++i)
        loop.invoke([] {});
    std::lock_guard lock(mutex);
    EXPECT_EQ(fired, 2);
    EXPECT_GE(EngineLoop::Clock::now(), dueTimes[1]);
}

TEST(EngineLoop, TimerRunsOnTheLoopThread)
{
    Latch fired;
    std::atomic<bool> onLoop{false};
    EngineLoop loop; // declared last: stopped before what its tasks use
    loop.setTimer([] { return std::optional(EngineLoop::Clock::now()); },
                  [&] {
                      onLoop = loop.inLoopThread();
                      fired.open();
                      loop.setTimer(nullptr, nullptr);
                  });
    ASSERT_TRUE(fired.waitFor());
    EXPECT_TRUE(onLoop.load());
}

TEST(EngineLoop, StopRunsTheTasksAlreadyPostedThenRefusesNewOnes)
{
    std::vector<int> done;
    Latch release;
    EngineLoop loop;
    loop.post([&] { release.waitFor(); });
    for (int i = 0; i < 50; ++i)
        loop.post([&done, i] { done.push_back(i); });
    std::thread stopper([&] { loop.stop(); });
    release.open();
    stopper.join();
    EXPECT_EQ(done.size(), 50u);
    EXPECT_EQ(done.back(), 49);
    EXPECT_FALSE(loop.post([] {}));
    EXPECT_THROW(loop.invoke([] { return 1; }), std::runtime_error);
    loop.stop(); // idempotent
}

/// Blocks the loop inside a task until released, so a test can queue a burst behind it. The
/// task has been taken (with nothing behind it) once hold() returns.
class Gate {
public:
    explicit Gate(EngineLoop &loop)
    {
        loop.post([this] {
            m_running.open();
            m_release.waitFor();
        });
        m_running.waitFor();
    }
    void release() { m_release.open(); }

private:
    Latch m_running, m_release;
};

TEST(EngineLoop, AfterWorkRunsOnceAfterTheLastTaskOfABurst)
{
    EngineLoop loop;
    bool recording = false; // loop thread only
    std::vector<std::string> order;
    Latch burstDone;
    loop.setAfterWork([&] {
        if (!recording)
            return;
        order.push_back("after");
        burstDone.open();
    });
    Gate gate(loop);
    loop.post([&] {
        recording = true;
        order.push_back("a");
    });
    for (const char *name : {"b", "c"})
        loop.post([&order, name] { order.push_back(name); });
    gate.release();
    ASSERT_TRUE(burstDone.waitFor());
    loop.stop();
    EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c", "after"}));
}

TEST(EngineLoop, AfterWorkRunsEveryFourTasksWhileTasksKeepComing)
{
    static_assert(EngineLoop::kAfterWorkEvery == 4);
    EngineLoop loop;
    int tasksRun = 0; // loop thread only, like afterWorkAt until stop() joined
    std::vector<int> afterWorkAt;
    loop.setAfterWork([&] {
        if (tasksRun > 0)
            afterWorkAt.push_back(tasksRun);
    });
    Gate gate(loop); // taken with nothing behind it: afterWork follows it (not recorded)
    for (int i = 0; i < 11; ++i)
        loop.post([&] { ++tasksRun; });
    gate.release();
    loop.stop(); // runs all 11, then joins
    EXPECT_EQ(afterWorkAt, (std::vector<int>{4, 8, 11}));
}

TEST(EngineLoop, AfterWorkRunsAtMostOncePerIntervalAndAnOwedCallIsMadeWhenItEnds)
{
    EngineLoop loop;
    std::vector<EngineLoop::Clock::time_point> calls; // loop thread until stop() joined
    Latch secondCall;
    loop.setAfterWork(
        [&] {
            calls.push_back(EngineLoop::Clock::now());
            if (calls.size() == 2)
                secondCall.open();
        },
        50ms);
    loop.invoke([] {}); // installed; the first call follows this task at once
    loop.post([] {});   // within the interval: owed
    ASSERT_TRUE(secondCall.waitFor());
    loop.stop();
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_GE(calls[1] - calls[0], 50ms);
}

TEST(EngineLoop, AnOwedAfterWorkIsMadeBeforeTheLoopStops)
{
    EngineLoop loop;
    int calls = 0;
    loop.setAfterWork([&] { ++calls; }, std::chrono::hours(1));
    loop.invoke([] {}); // the first call
    loop.post([] {});   // owed for an hour
    loop.stop();
    EXPECT_EQ(calls, 2);
}

