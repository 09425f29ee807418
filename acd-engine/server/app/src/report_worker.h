#pragma once
// Runs the protocol's `report` queries on a thread of their own with a read connection of
// its own (SQLite WAL lets it read beside the writer), so a long report never stalls the
// engine thread. Jobs wait in a bounded queue; the result goes to a callback on the worker
// thread (the service posts it to the engine thread).
#include "db/records.h"
#include "db/report.h"
#include "db/status.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace acd::db {
class Store;
}

namespace acd::server {

class ReportWorker {
public:
    using Done = std::function<void(db::Result<db::ReportTable>)>;

    /// `databasePath` is opened on the worker thread at the first job.
    ReportWorker(std::string databasePath, std::size_t maxQueued = 8);
    /// Drops the jobs still waiting (their callbacks are not called) and joins the thread.
    ~ReportWorker();
    ReportWorker(const ReportWorker &) = delete;
    ReportWorker &operator=(const ReportWorker &) = delete;

    /// Queues a report; false when `maxQueued` jobs are already waiting.
    bool submit(db::ReportKind kind, db::TimeRange range, Done done);

private:
    struct Job {
        db::ReportKind kind;
        db::TimeRange range;
        Done done;
    };
    void run();
    db::Result<db::ReportTable> execute(const Job &job);

    std::string m_path;
    std::size_t m_maxQueued;
    std::unique_ptr<db::Store> m_store; ///< worker thread only
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace acd::server
