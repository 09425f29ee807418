#pragma once
// A Store that records what it is given, can hold the writer inside writeBatch until the test
// opens a gate, and can fail batches holding a chosen effect.
#include "db/store.h"

#include <condition_variable>
#include <mutex>
#include <set>

namespace acd::db::test {

class FakeStore : public Store {
public:
    int schemaVersion() const override { return 0; }
    Result<ConfigSet> loadConfig() override { return unsupported(); }
    Status saveConfig(const ConfigSet &) override { return unsupported(); }

    Status writeBatch(const std::vector<WriteItem> &items) override {
        std::unique_lock lock(m_mutex);
        ++m_calls;
        m_entered.notify_all();
        m_gate.wait(lock, [&] { return m_open; });
        for (const WriteItem &item : items)
            if (const auto *e = std::get_if<core::Effect>(&item); e && m_failing.count(e->seq))
                return Status(DbError::Sql, "fake: effect " + std::to_string(e->seq) + " fails");
        for (const WriteItem &item : items) {
            if (const auto *e = std::get_if<core::Effect>(&item))
                m_written.push_back(e->seq);
            else
                m_written.push_back(0);
        }
        ++m_batches;
        return {};
    }
    Result<RecoveryReport> recover(core::TimeMs) override { return unsupported(); }
    Status markCleanShutdown(core::TimeMs) override { return unsupported(); }
    Result<std::vector<CallRecord>> calls(TimeRange) override { return unsupported(); }
    Result<std::vector<AgentStateRecord>> agentStates(TimeRange) override { return unsupported(); }
    Result<std::vector<SessionRecord>> sessionEvents(TimeRange) override { return unsupported(); }
    Result<std::vector<QueueEventRecord>> queueEvents(TimeRange) override { return unsupported(); }
    Result<std::vector<QueueIntervalRow>> queueIntervals(TimeRange) override {
        return unsupported();
    }
    Result<std::vector<AgentIntervalRow>> agentIntervals(TimeRange) override {
        return unsupported();
    }
    Result<std::vector<QueueIntervalRow>> queueDaily(TimeRange) override { return unsupported(); }
    Result<std::vector<AgentIntervalRow>> agentDaily(TimeRange) override { return unsupported(); }
    Result<ReportTable> report(ReportKind, TimeRange) override { return unsupported(); }
    Result<PurgeReport> purge(core::TimeMs, core::TimeMs, int) override { return unsupported(); }
    Status backupTo(const std::string &) override { return unsupported(); }

    void close() {
        std::lock_guard lock(m_mutex);
        m_open = false;
    }
    void open() {
        {
            std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_gate.notify_all();
    }
    /// Blocks until the writer has called writeBatch `n` times in total.
    void waitForCalls(int n) {
        std::unique_lock lock(m_mutex);
        m_entered.wait(lock, [&] { return m_calls >= n; });
    }
    void failEffect(std::uint64_t seq) {
        std::lock_guard lock(m_mutex);
        m_failing.insert(seq);
    }
    std::vector<std::uint64_t> written() {
        std::lock_guard lock(m_mutex);
        return m_written;
    }
    int batches() {
        std::lock_guard lock(m_mutex);
        return m_batches;
    }

private:
    static Status unsupported() { return Status(DbError::NotFound, "fake store"); }

    std::mutex m_mutex;
    std::condition_variable m_gate;
    std::condition_variable m_entered;
    bool m_open = true;
    int m_calls = 0;
    int m_batches = 0;
    std::set<std::uint64_t> m_failing;
    std::vector<std::uint64_t> m_written;
};

} // namespace acd::db::test
