// WAL checkpoints run on a thread of their own: a commit never waits for a checkpoint's
// syncs (which took seconds on a busy disk and broke the 1-s crash window), and the WAL stays
// bounded when that thread cannot keep up. A VFS whose syncs wait at a gate holds a
// checkpoint in its fsync for as long as the test likes.
#include "db_fixture.h"
#include "sync_gate_vfs.h"

#include <filesystem>
#include <future>

namespace acd::db::test {
namespace {

using namespace std::chrono_literals;

/// `count` answered and completed calls from `firstCall` on: many WAL pages.
std::vector<WriteItem> completedCalls(std::uint64_t firstCall, int count, std::uint64_t &seq)
{
    std::vector<WriteItem> items;
    for (std::uint64_t call = firstCall; call < firstCall + static_cast<std::uint64_t>(count);
         ++call) {
        const TimeMs at = kT0 + static_cast<TimeMs>(call);
        items.push_back(Effect{++seq, at, CallQueued{call, 10, 1, false}});
        items.push_back(Effect{++seq, at, CallAnswered{call, 10, 1001, 0, 0}});
        items.push_back(Effect{
            ++seq, at, CallCompleted{call, 10, 1001, Disposition::Answered, at, 0, 0, 1, 0}});
    }
    return items;
}

constexpr int kCallsPerBatch = 500;
constexpr int kMostBatches = 400;

struct Writing {
    std::thread::id thread;
    int batches = 0;
    bool allCommitted = true;
    int batchesAfterTheSyncWaited = 0;
};

/// Writes batches until a sync waits at the gate, then `more` batches after that.
Writing writeUntilASyncWaits(Store &store, SyncGate &gate, int more)
{
    Writing w;
    w.thread = std::this_thread::get_id();
    std::uint64_t seq = 0;
    std::uint64_t call = 1;
    for (; w.batches < kMostBatches && w.batchesAfterTheSyncWaited < more; ++w.batches) {
        if (gate.syncWaited())
            ++w.batchesAfterTheSyncWaited;
        w.allCommitted =
            store.writeBatch(completedCalls(call, kCallsPerBatch, seq)) && w.allCommitted;
        call += kCallsPerBatch;
    }
    return w;
}

TEST(WalCheckpoints, ACommitDoesNotWaitForACheckpointHeldInItsSync)
{
    SyncGate gate;
    TempDir dir;
    auto store = openStore(dir.file("gate.db"));
    ASSERT_NE(store, nullptr);
    gate.close();
    auto writing =
        std::async(std::launch::async, [&] { return writeUntilASyncWaits(*store, gate, 5); });
    const auto syncing = gate.waitForSync(20s);
    // The writer goes on committing while the checkpoint waits in its sync.
    const bool committedMeanwhile = writing.wait_for(20s) == std::future_status::ready;
    gate.open();
    const Writing w = writing.get();
    ASSERT_TRUE(syncing.has_value()) << "no checkpoint after " << w.batches << " batches";
    EXPECT_NE(*syncing, w.thread);
    EXPECT_TRUE(committedMeanwhile);
    EXPECT_EQ(w.batchesAfterTheSyncWaited, 5);
    EXPECT_TRUE(w.allCommitted);
}

TEST(WalCheckpoints, PastTheWriterLimitTheWritingConnectionCheckpointsItself)
{
    SyncGate gate;
    TempDir dir;
    SqliteOptions options;
    options.walCheckpointPages = 1'000'000'000; // the thread is never woken
    options.walWriterCheckpointPages = 200;
    auto store = openStore(dir.file("gate.db"), options);
    ASSERT_NE(store, nullptr);
    gate.close();
    auto writing =
        std::async(std::launch::async, [&] { return writeUntilASyncWaits(*store, gate, 1); });
    const auto syncing = gate.waitForSync(20s);
    gate.open();
    const Writing w = writing.get();
    ASSERT_TRUE(syncing.has_value()) << "no checkpoint after " << w.batches << " batches";
    EXPECT_EQ(*syncing, w.thread);
    EXPECT_TRUE(w.allCommitted);
}

TEST(WalCheckpoints, TheWalStaysBoundedWhenOnlyTheWriterCheckpoints)
{
    TempDir dir;
    const std::string path = dir.file("bounded.db");
    SqliteOptions options;
    options.walCheckpointPages = 1'000'000'000;
    options.walWriterCheckpointPages = 200;
    auto store = openStore(path, options);
    ASSERT_NE(store, nullptr);
    std::uint64_t seq = 0;
    for (int batch = 0; batch < 40; ++batch)
        ASSERT_TRUE(store->writeBatch(completedCalls(
            1 + static_cast<std::uint64_t>(batch) * kCallsPerBatch, kCallsPerBatch, seq)));
    const auto wal = std::filesystem::file_size(path + "-wal");
    const auto database = std::filesystem::file_size(path);
    // The WAL starts over after each checkpoint: it holds the pages of a few batches, not all.
    EXPECT_LT(wal, database / 4) << "WAL " << wal << " B, database " << database << " B";
}

TEST(WalCheckpoints, AClosedStoreLeavesNoWal)
{
    TempDir dir;
    const std::string path = dir.file("closed.db");
    {
        auto store = openStore(path);
        ASSERT_NE(store, nullptr);
        std::uint64_t seq = 0;
        ASSERT_TRUE(store->writeBatch(completedCalls(1, kCallsPerBatch, seq)));
        EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
    }
    // The writing connection closes last and folds the WAL into the database.
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

} // namespace
} // namespace acd::db::test
