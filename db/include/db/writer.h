#pragma once
// The batched writer: its own thread takes the core's effects from a bounded queue and writes
// them to a Store in transactions, so routing never waits for the disk.
//
// Backpressure policy: submit() never blocks and never drops. Up to `queueCapacity` items
// wait in the queue; beyond that, items go to an overflow buffer (kept in order behind the
// queue) and submit() returns SubmitStatus::Backlog. Entering and leaving the backlog is
// logged (Poco logger "acd.db.writer") and counted in WriterMetrics, so the degradation is
// visible; the shell may shed load on Backlog, but the records are kept.
//
// Durability: the writer commits whatever it has as soon as it has it (at most `maxBatch`
// items per transaction), so an item is committed at most one transaction's duration (a few
// ms, see docs/database.md) after submit() returned, unless the writer is backlogged.
#include "core/effects.h"
#include "db/store.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace acd::db {

struct WriterOptions {
    std::size_t queueCapacity = 100000;
    std::size_t maxBatch = 5000;
    /// Keep only effects the store records (drops QueueChanged and switch commands early).
    bool filterEffects = true;
    /// After a failed batch, how long to wait before retrying it (doubles up to 1 s).
    int retryDelayMs = 10;
    /// Attempts per batch before its items are written one per transaction and the ones that
    /// still fail are logged and counted as failed.
    int batchAttempts = 3;
    /// After the first item of a batch arrives, how long the writer waits for more (unless
    /// maxBatch items are queued, flush() is called or the writer stops): one transaction for
    /// the records of many calls instead of one per engine burst. 0: write at once. Well
    /// within the crash window of 1 s (docs/database.md).
    int gatherMs = 20;
};

enum class SubmitStatus {
    Accepted, ///< in the bounded queue
    Backlog,  ///< the queue is full: kept in the overflow buffer
    Stopped,  ///< the writer was stopped; nothing was kept
};

struct WriterMetrics {
    std::uint64_t submitted = 0;
    std::uint64_t written = 0;    ///< committed
    std::uint64_t failed = 0;     ///< could not be written even alone (logged)
    std::uint64_t batches = 0;    ///< committed transactions
    std::uint64_t retries = 0;    ///< failed batch attempts
    std::uint64_t backlogged = 0; ///< items that went to the overflow buffer
    std::uint64_t backlogEpisodes = 0;
    std::size_t queued = 0;    ///< waiting now (queue + overflow)
    std::size_t maxQueued = 0; ///< high-water mark of `queued`
};

/// True for the effects the store records (calls, agent and session states, intervals).
bool isRecorded(const core::EffectBody &body);

class Writer {
public:
    /// Starts the writer thread. `store` must outlive the writer and is used only by it.
    Writer(Store &store, WriterOptions options = {});
    /// Stops after writing everything submitted.
    ~Writer();
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;

    SubmitStatus submit(const core::Effect &effect);
    /// Submits effects in order (e.g. what Engine::takeEffects returned).
    SubmitStatus submit(const std::vector<core::Effect> &effects);
    SubmitStatus submit(const CallInfo &info);
    /// An audit row (schema 004), written in order with the effects.
    SubmitStatus submit(const AuditRecord &record);
    /// Replaces the stored configuration (like Store::saveConfig) in order with the effects.
    SubmitStatus submit(std::shared_ptr<const ConfigSet> config);

    /// Blocks until everything submitted before the call is committed (or failed).
    void flush();
    /// Writes what is queued, then ends the thread. Later submits return Stopped.
    void stop();

    WriterMetrics metrics() const;

private:
    SubmitStatus push(WriteItem item);
    void run();
    void writeItems(std::vector<WriteItem> &items);

    Store &m_store;
    WriterOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::deque<WriteItem> m_queue;
    std::deque<WriteItem> m_overflow;
    bool m_stopping = false;
    int m_flushWaiters = 0; ///< flush() calls waiting: the writer does not gather then
    bool m_inBacklog = false;
    bool m_finished = false; ///< the thread has written everything and ended
    WriterMetrics m_metrics;
    std::thread m_thread;
};

} // namespace acd::db
