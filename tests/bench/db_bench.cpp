// db benchmarks: how fast the writer ingests the core's events into SQLite (WAL, batched),
// and how long reports take over 30 days holding 1,000,000 calls.
//
//   build/bin/db-bench [--benchmark_filter=...]
// Environment: ACD_DB_BENCH_DIR (default /tmp) holds the files; the 1M-call dataset is built
// once (about a minute) and reused while its row count matches.
#include "db/secret_hash.h"
#include "db/sqlite_store.h"
#include "db/writer.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace acd::core;
using namespace acd::db;

constexpr TimeMs kStart = 1'700'006'400'000; // 2023-11-15T00:00:00Z
constexpr TimeMs kDay = 24LL * 3600 * 1000;
constexpr TimeMs kInterval = 15 * 60 * 1000;
constexpr int kQueues = 20;
constexpr int kAgents = 200;

std::string benchDir() {
    const char *dir = std::getenv("ACD_DB_BENCH_DIR");
    return dir ? dir : "/tmp";
}

void removeDb(const std::string &path) {
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
}

/// The effects of one answered call as the core emits them: queued, offered (agent to
/// ringing), answered (agent on call), completed (agent to wrap-up), wrap-up ended (agent
/// available): 5 call events and 3 agent state changes.
void appendCall(std::vector<Effect> &out, std::uint64_t &seq, CallId call, TimeMs at) {
    const QueueId queue = 100 + static_cast<QueueId>(call % kQueues);
    const AgentId agent = 1000 + static_cast<AgentId>(call % kAgents);
    auto state = [&](TimeMs t, AgentActivity from, AgentActivity to) {
        out.push_back(Effect{++seq, t,
                             AgentStateChanged{agent, AgentStateEx::Ready, AgentStateEx::BusyAcd,
                                               AgentStateEx::None, from, to, 0, ""}});
    };
    out.push_back(Effect{++seq, at, CallQueued{call, queue, 1, false}});
    out.push_back(Effect{++seq, at + 5000, CallOffered{call, queue, agent, 1, 5000}});
    state(at + 5000, AgentActivity::Available, AgentActivity::Ringing);
    out.push_back(Effect{++seq, at + 8000, CallAnswered{call, queue, agent, 8000, 3000}});
    state(at + 8000, AgentActivity::Ringing, AgentActivity::OnCall);
    out.push_back(Effect{
        ++seq, at + 188000,
        CallCompleted{call, queue, agent, Disposition::Answered, at, 8000, 3000, 170000, 10000}});
    out.push_back(Effect{++seq, at + 218000, WrapUpEnded{agent, call, queue, 30000}});
    state(at + 218000, AgentActivity::WrapUp, AgentActivity::Available);
}

/// Records ingested per second through the Writer into a fresh WAL database. Second argument:
/// 1 checkpoints on the store's own thread (the default), 0 in the commit as SQLite does by
/// itself (the baseline).
void BM_WriterIngest(benchmark::State &state) {
    const auto calls = static_cast<std::uint64_t>(state.range(0));
    SqliteOptions options;
    if (state.range(1) == 0)
        options.walCheckpointPages = 0;
    std::vector<Effect> effects;
    std::uint64_t seq = 0;
    for (std::uint64_t c = 1; c <= calls; ++c)
        appendCall(effects, seq, c, kStart + static_cast<TimeMs>(c) * 100);
    const std::string path = benchDir() + "/acd-db-bench-ingest.db";
    for (auto _ : state) {
        state.PauseTiming();
        removeDb(path);
        auto store = openSqliteStore(path, options);
        if (!store) {
            state.SkipWithError(store.status().message().c_str());
            return;
        }
        state.ResumeTiming();
        {
            Writer writer(*store.value());
            for (const Effect &e : effects)
                writer.submit(e);
            writer.flush();
            state.counters["batches"] = static_cast<double>(writer.metrics().batches);
            state.counters["backlogged"] = static_cast<double>(writer.metrics().backlogged);
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * effects.size()));
    state.counters["events_per_s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * effects.size()), benchmark::Counter::kIsRate);
    removeDb(path);
}
BENCHMARK(BM_WriterIngest)
    ->ArgNames({"calls", "checkpointThread"})
    ->Args({20000, 0})
    ->Args({20000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// A PIN check at the production cost (100,000 PBKDF2 rounds): a wrong PIN always pays it
// (baseline), the right PIN once verified is remembered (what lineCreateAgent and each
// lineCreateAgentSession pay after the desktop's hello).
void BM_PinCheck_Wrong(benchmark::State &state) {
    static const std::string hash = acd::db::hashSecret("1234");
    for (auto _ : state)
        benchmark::DoNotOptimize(acd::db::verifySecret("9999", hash));
}
void BM_PinCheck_RightAndRemembered(benchmark::State &state) {
    static const std::string hash = acd::db::hashSecret("1234");
    acd::db::verifySecret("1234", hash);
    for (auto _ : state)
        benchmark::DoNotOptimize(acd::db::verifySecret("1234", hash));
}
BENCHMARK(BM_PinCheck_Wrong)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PinCheck_RightAndRemembered)->Unit(benchmark::kMicrosecond);

/// 1,000,000 calls over 30 days (about 33,000 a day, 20 queues, 200 agents) with their
/// interval rows, built once through the store.
std::unique_ptr<Store> &dataset() {
    static std::unique_ptr<Store> store;
    if (store)
        return store;
    const std::string path = benchDir() + "/acd-db-bench-1M.db";
    constexpr std::uint64_t kCalls = 1'000'000;
    {
        // Reuse the file of an earlier run when it holds exactly the dataset.
        auto existing = openSqliteStore(path);
        if (existing) {
            auto probe =
                existing.value()->report(ReportKind::CallSummary, {kStart, kStart + 30 * kDay});
            std::uint64_t total = 0;
            if (probe)
                for (const auto &row : probe.value().rows)
                    total += std::stoull(row[2]);
            if (total == kCalls) {
                store = std::move(existing.value());
                return store;
            }
        }
    }
    removeDb(path);
    auto opened = openSqliteStore(path);
    if (!opened)
        return store;
    store = std::move(opened.value());
    std::vector<WriteItem> batch;
    const TimeMs spacing = 30 * kDay / static_cast<TimeMs>(kCalls);
    std::uint64_t seq = 0;
    for (std::uint64_t c = 1; c <= kCalls; ++c) {
        const TimeMs at = kStart + static_cast<TimeMs>(c) * spacing;
        const QueueId queue = 100 + static_cast<QueueId>(c % kQueues);
        const AgentId agent = 1000 + static_cast<AgentId>(c % kAgents);
        const bool abandoned = c % 10 == 0;
        batch.push_back(Effect{++seq, at, CallQueued{c, queue, 1, false}});
        batch.push_back(Effect{
            ++seq, at + 20000,
            abandoned ? CallCompleted{c, queue, 0, Disposition::Abandoned, at, 20000, 0, 0, 0}
                      : CallCompleted{c, queue, agent, Disposition::Answered, at,
                                      static_cast<TimeMs>(c % 40) * 1000, 3000, 170000, 0}});
        if (batch.size() >= 20000) {
            store->writeBatch(batch);
            batch.clear();
        }
    }
    // Interval rows: every queue every interval, every agent 8 hours a day.
    for (TimeMs t = kStart; t < kStart + 30 * kDay; t += kInterval) {
        auto report = std::make_shared<IntervalReport>();
        report->start = t;
        report->end = t + kInterval;
        for (int q = 0; q < kQueues; ++q) {
            QueueCounters c;
            c.offered = 35;
            c.answered = 31;
            c.answeredInSl = 25;
            c.abandoned = 4;
            c.handled = 31;
            c.waitAnsweredMs = 31 * 12000;
            c.waitAbandonedMs = 4 * 20000;
            c.maxWaitMs = 40000;
            c.talkMs = 31 * 170000;
            c.wrapMs = 31 * 30000;
            report->queues.push_back({static_cast<QueueId>(100 + q), c});
        }
        const TimeMs hour = (t % kDay) / 3600000;
        if (hour >= 8 && hour < 16) {
            for (int a = 0; a < kAgents; ++a) {
                AgentCounters c;
                c.offered = 4;
                c.answered = 4;
                c.handled = 4;
                c.talkMs = 4 * 170000;
                c.wrapMs = 4 * 30000;
                c.availableMs = 100000;
                c.onCallMs = 680000;
                c.wrapUpMs = 120000;
                report->agents.push_back({static_cast<AgentId>(1000 + a), c});
            }
        }
        batch.push_back(Effect{++seq, t + kInterval, IntervalClosed{report}});
        if (batch.size() >= 100) {
            store->writeBatch(batch);
            batch.clear();
        }
    }
    store->writeBatch(batch);
    return store;
}

void runReport(benchmark::State &state, ReportKind kind) {
    auto &store = dataset();
    if (!store) {
        state.SkipWithError("cannot build the dataset");
        return;
    }
    std::size_t rows = 0;
    for (auto _ : state) {
        auto table = store->report(kind, {kStart, kStart + 30 * kDay});
        if (!table) {
            state.SkipWithError(table.status().message().c_str());
            return;
        }
        rows = table.value().rows.size();
        benchmark::DoNotOptimize(rows);
    }
    state.counters["rows"] = static_cast<double>(rows);
}

void BM_Report30Days_QueueIntervals(benchmark::State &state) {
    runReport(state, ReportKind::QueueIntervals);
}
void BM_Report30Days_Queue(benchmark::State &state) {
    runReport(state, ReportKind::Queue);
}
void BM_Report30Days_QueueDaily(benchmark::State &state) {
    runReport(state, ReportKind::QueueDaily);
}
void BM_Report30Days_AgentIntervals(benchmark::State &state) {
    runReport(state, ReportKind::AgentIntervals);
}
void BM_Report30Days_CallSummaryFrom1MCalls(benchmark::State &state) {
    runReport(state, ReportKind::CallSummary);
}
BENCHMARK(BM_Report30Days_QueueIntervals)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report30Days_Queue)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report30Days_QueueDaily)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report30Days_AgentIntervals)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Report30Days_CallSummaryFrom1MCalls)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
