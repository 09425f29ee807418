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
    loop.invoke([] {}); // the hook is installed
    Latch release;
    loop.post([&] {
        release.waitFor(); // holds the burst back until all of it is queued
        recording = true;
    });
    for (const char *name : {"a", "b", "c"})
        loop.post([&order, name] { order.push_back(name); });
    release.open();
    ASSERT_TRUE(burstDone.waitFor());
    loop.stop();
    EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c", "after"}));
}

TEST(EngineLoop, AfterWorkRunsEveryThirtyTwoTasksWhileTasksKeepComing)
{
    EngineLoop loop;
    int tasksRun = 0; // loop thread only, like afterWorkAt until stop() joined
    std::vector<int> afterWorkAt;
    loop.setAfterWork([&] {
        if (tasksRun > 0)
            afterWorkAt.push_back(tasksRun);
    });
    loop.invoke([] {}); // installed; ran after this task with nothing queued
    Latch release;
    loop.post([&] {
        release.waitFor();
        ++tasksRun;
    });
    for (int i = 0; i < 70; ++i)
        loop.post([&] { ++tasksRun; });
    release.open();
    loop.stop(); // runs all 71, then joins
    EXPECT_EQ(afterWorkAt, (std::vector<int>{32, 64, 71}));
}
