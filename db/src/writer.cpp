// The writer thread: drains the queue and overflow buffer in order, one transaction per batch.
#include "db/writer.h"

#include <Poco/Logger.h>

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <type_traits>

namespace acd::db {
namespace {

Poco::Logger &logger() {
    return Poco::Logger::get("acd.db.writer");
}

std::string describe(const WriteItem &item) {
    if (const auto *info = std::get_if<CallInfo>(&item))
        return "call info for call " + std::to_string(info->call);
    if (const auto *audit = std::get_if<AuditRecord>(&item))
        return "audit row '" + audit->action + "' on " + audit->object + " by " + audit->user;
    if (std::holds_alternative<ConfigSnapshot>(item))
        return "the configuration";
    const auto &effect = std::get<core::Effect>(item);
    return "effect seq " + std::to_string(effect.seq) + " (variant "
           + std::to_string(effect.body.index()) + ") at " + std::to_string(effect.at);
}

} // namespace

bool isRecorded(const core::EffectBody &body) {
    return std::visit(
        [](const auto &e) {
            using T = std::decay_t<decltype(e)>;
            return !(
                std::is_same_v<
                    T,
                    core::
                        OfferCall> || std::is_same_v<T, core::RetractCall> || std::is_same_v<T, core::DisconnectCall> || std::is_same_v<T, core::QueueChanged>);
        },
        body);
}

Writer::Writer(Store &store, WriterOptions options)
    : m_store(store)
    , m_options(options) {
    if (m_options.queueCapacity == 0)
        m_options.queueCapacity = 1;
    if (m_options.maxBatch == 0)
        m_options.maxBatch = 1;
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "db-writer");
        run();
    });
}

Writer::~Writer() {
    stop();
}

SubmitStatus Writer::submit(const core::Effect &effect) {
    if (m_options.filterEffects && !isRecorded(effect.body)) {
        std::lock_guard lock(m_mutex);
        return m_stopping ? SubmitStatus::Stopped
                          : (m_inBacklog ? SubmitStatus::Backlog : SubmitStatus::Accepted);
    }
    return push(effect);
}

SubmitStatus Writer::submit(const std::vector<core::Effect> &effects) {
    SubmitStatus result = SubmitStatus::Accepted;
    for (const core::Effect &effect : effects) {
        const SubmitStatus s = submit(effect);
        if (s == SubmitStatus::Stopped)
            return s;
        if (s == SubmitStatus::Backlog)
            result = s;
    }
    return result;
}

SubmitStatus Writer::submit(const CallInfo &info) {
    return push(info);
}

SubmitStatus Writer::submit(const AuditRecord &record) {
    return push(record);
}

SubmitStatus Writer::submit(std::shared_ptr<const ConfigSet> config) {
    return push(ConfigSnapshot{std::move(config)});
}

SubmitStatus Writer::push(WriteItem item) {
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return SubmitStatus::Stopped;
    ++m_metrics.submitted;
    SubmitStatus status = SubmitStatus::Accepted;
    // Once anything is in the overflow buffer, later items follow it there to keep order.
    if (m_queue.size() < m_options.queueCapacity && m_overflow.empty()) {
        m_queue.push_back(std::move(item));
    } else {
        m_overflow.push_back(std::move(item));
        ++m_metrics.backlogged;
        status = SubmitStatus::Backlog;
        if (!m_inBacklog) {
            m_inBacklog = true;
            ++m_metrics.backlogEpisodes;
            lock.unlock();
            logger().warning("db writer backlog: queue of %z items full, keeping further "
                             "records in the overflow buffer until the disk catches up",
                             m_options.queueCapacity);
            lock.lock();
        }
    }
    const std::size_t queued = m_queue.size() + m_overflow.size();
    m_metrics.maxQueued = std::max(m_metrics.maxQueued, queued);
    const bool wake = queued == 1 || queued == m_options.maxBatch; // the first; a full batch
    lock.unlock();
    if (wake)
        m_wake.notify_one();
    return status;
}

void Writer::flush() {
    std::unique_lock lock(m_mutex);
    const std::uint64_t target = m_metrics.submitted;
    ++m_flushWaiters;
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_metrics.written + m_metrics.failed >= target || m_finished; });
    --m_flushWaiters;
}

void Writer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id())
        m_thread.join();
}

WriterMetrics Writer::metrics() const {
    std::lock_guard lock(m_mutex);
    WriterMetrics m = m_metrics;
    m.queued = m_queue.size() + m_overflow.size();
    return m;
}

void Writer::run() {
    std::vector<WriteItem> batch;
    std::deque<WriteItem> taken;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock,
                        [&] { return m_stopping || !m_queue.empty() || !m_overflow.empty(); });
            if (m_queue.empty() && m_overflow.empty())
                break; // stopping with nothing left
            // Gather: the engine submits a few records per burst of its work; waiting a little
            // lets one transaction carry many bursts.
            if (m_options.gatherMs > 0)
                m_wake.wait_for(lock, std::chrono::milliseconds(m_options.gatherMs), [&] {
                    return m_stopping || m_flushWaiters > 0
                           || m_queue.size() + m_overflow.size() >= m_options.maxBatch;
                });
            taken.swap(m_queue);
            for (auto &item : m_overflow)
                taken.push_back(std::move(item));
            const bool wasBacklogged = m_inBacklog;
            const std::size_t overflowCount = m_overflow.size();
            m_overflow.clear();
            m_inBacklog = false;
            if (wasBacklogged) {
                lock.unlock();
                logger().information("db writer backlog cleared: %z items from the overflow "
                                     "buffer taken for writing",
                                     overflowCount);
            }
        }
        while (!taken.empty()) {
            const std::size_t n = std::min(taken.size(), m_options.maxBatch);
            batch.clear();
            for (std::size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(taken.front()));
                taken.pop_front();
            }
            writeItems(batch);
        }
    }
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_done.notify_all();
}

void Writer::writeItems(std::vector<WriteItem> &items) {
    int delayMs = std::max(1, m_options.retryDelayMs);
    for (int attempt = 1; attempt <= std::max(1, m_options.batchAttempts); ++attempt) {
        const Status s = m_store.writeBatch(items);
        if (s) {
            std::lock_guard lock(m_mutex);
            m_metrics.written += items.size();
            ++m_metrics.batches;
            m_done.notify_all();
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            ++m_metrics.retries;
        }
        logger().error("db writer: batch of %z items failed (attempt %d): %s", items.size(),
                       attempt, s.message());
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        delayMs = std::min(delayMs * 2, 1000);
    }
    // The batch keeps failing: find the item(s) at fault, writing each on its own.
    std::uint64_t written = 0, failed = 0;
    std::vector<WriteItem> one(1);
    for (WriteItem &item : items) {
        one[0] = std::move(item);
        const Status s = m_store.writeBatch(one);
        if (s) {
            ++written;
        } else {
            ++failed;
            logger().error("db writer: record lost, %s: %s", describe(one[0]), s.message());
        }
    }
    std::lock_guard lock(m_mutex);
    m_metrics.written += written;
    m_metrics.failed += failed;
    m_metrics.batches += written;
    m_done.notify_all();
}

} // namespace acd::db
