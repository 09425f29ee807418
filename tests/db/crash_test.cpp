// kill -9 of a process writing under load: every call completed and every state change older
// than the durability window is in the database; calls in progress are closed as interrupted.
#include "db/writer.h"
#include "db_fixture.h"

#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

namespace acd::db::test {
namespace {

using Clock = std::chrono::steady_clock;

/// The documented bound (docs/database.md): at most this old and still possibly lost.
constexpr TimeMs kWindowMs = 1000;
/// How long the child writes before it is killed.
constexpr TimeMs kRunMs = 1500;
/// Load: calls per millisecond (each call is 3 effects plus an agent state change).
constexpr int kCallsPerMs = 4;

std::int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
        .count();
}

struct Report {
    std::uint64_t call;
    std::int64_t submittedAt; // steady clock, ms
};

/// The child: writes calls at a steady rate, reporting each to the parent after submit().
[[noreturn]] void writeUntilKilled(const std::string &path, int fd) {
    auto opened = openSqliteStore(path);
    if (!opened)
        _exit(3);
    Store &store = *opened.value();
    if (!store.recover(kT0))
        _exit(4);
    Writer writer(store);
    std::uint64_t seq = 0;
    std::uint64_t call = 0;
    std::int64_t tick = steadyMs();
    for (;;) {
        while (steadyMs() < tick) {
        }
        tick += 1;
        for (int i = 0; i < kCallsPerMs; ++i) {
            ++call;
            const TimeMs at = kT0 + static_cast<TimeMs>(call);
            // Call `call` arrives; the previous call completes, so one is always in progress.
            writer.submit(Effect{++seq, at, CallQueued{call, 10, 1, false}});
            writer.submit(Effect{++seq, at, CallAnswered{call, 10, 1001, 0, 0}});
            if (call > 1)
                writer.submit(Effect{
                    ++seq, at,
                    CallCompleted{call - 1, 10, 1001, Disposition::Answered, at - 1, 0, 0, 1, 0}});
            writer.submit(
                Effect{++seq, at,
                       AgentStateChanged{1001, AgentStateEx::BusyAcd, AgentStateEx::BusyAcd,
                                         AgentStateEx::None, AgentActivity::OnCall,
                                         AgentActivity::OnCall, 0, ""}});
            // Call `call - 1` is now completed and `call`'s state change submitted.
            const Report r{call, steadyMs()};
            if (write(fd, &r, sizeof r) != static_cast<ssize_t>(sizeof r))
                _exit(5);
        }
    }
}

TEST(CrashSafety, AfterKillNineEveryRecordOlderThanTheWindowSurvives) {
    TempDir dir;
    const std::string path = dir.file("crash.db");
    { ASSERT_NE(openStore(path), nullptr); } // create the schema before forking
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(fds[0]);
        writeUntilKilled(path, fds[1]);
    }
    close(fds[1]);

    std::vector<Report> reports;
    Report r{};
    std::int64_t first = -1;
    while (read(fds[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r)) {
        reports.push_back(r);
        if (first < 0)
            first = r.submittedAt;
        if (r.submittedAt - first >= kRunMs)
            break;
    }
    const std::int64_t killedAt = steadyMs();
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    while (read(fds[0], &r, sizeof r) == static_cast<ssize_t>(sizeof r))
        reports.push_back(r);
    close(fds[0]);
    ASSERT_GT(reports.size(), 1000u);

    // The newest call reported more than the window before the kill.
    std::uint64_t durable = 0;
    for (const Report &rep : reports)
        if (rep.submittedAt < killedAt - kWindowMs)
            durable = rep.call;
    ASSERT_GT(durable, 100u);

    auto store = openStore(path);
    ASSERT_NE(store, nullptr);
    // Before recovery: calls 1 .. durable-1 completed, call `durable` at least answered.
    auto calls = store->calls({kT0, kT0 + static_cast<TimeMs>(durable) + 1});
    ASSERT_TRUE(calls);
    ASSERT_EQ(calls.value().size(), durable);
    std::uint64_t completed = 0;
    for (const CallRecord &c : calls.value())
        if (c.call < durable && c.disposition == Disposition::Answered)
            ++completed;
    EXPECT_EQ(completed, durable - 1);
    auto states = store->agentStates({kT0, kT0 + static_cast<TimeMs>(durable) + 1});
    ASSERT_TRUE(states);
    EXPECT_EQ(states.value().size(), durable);

    // Restart: what was in progress is closed as interrupted, nothing stays open.
    auto recovery = store->recover(kT0 + 10'000'000);
    ASSERT_TRUE(recovery) << recovery.status().message();
    EXPECT_FALSE(recovery.value().previousRunClean);
    EXPECT_GE(recovery.value().interruptedCalls, 1);
    auto after = store->calls({0, kT0 + 10'000'000});
    ASSERT_TRUE(after);
    int interrupted = 0;
    for (const CallRecord &c : after.value()) {
        ASSERT_TRUE(c.disposition.has_value()) << "call " << c.call << " left open";
        if (*c.disposition == Disposition::Interrupted)
            ++interrupted;
    }
    EXPECT_EQ(interrupted, recovery.value().interruptedCalls);
    // How much of the last window survived too (informational): the newest completed call in
    // the file was reported complete `lag_ms` before the kill.
    std::uint64_t newestCompleted = 0;
    for (const CallRecord &c : after.value())
        if (c.disposition == Disposition::Answered)
            newestCompleted = std::max<std::uint64_t>(newestCompleted, c.call);
    std::int64_t lagMs = -1;
    for (const Report &rep : reports)
        if (rep.call == newestCompleted + 1)
            lagMs = killedAt - rep.submittedAt;
    RecordProperty("reported_calls", static_cast<int>(reports.size()));
    RecordProperty("stored_calls", static_cast<int>(after.value().size()));
    RecordProperty("lag_ms", static_cast<int>(lagMs));
    EXPECT_LT(lagMs, kWindowMs);
}

} // namespace
} // namespace acd::db::test
