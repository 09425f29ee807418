#pragma once
// Runs the protocol's `report` queries on a thread of their own with a read connection of
// its own (SQLite WAL lets it read beside the writer), so a long report never stalls the
// engine thread. Jobs wait in a bounded queue; the result goes to a callback on the worker
// thread (the service posts it to the engine thread).
#include "db/records.h"
#include "db/report.h"
#include "db/status.h"
#include "worker_thread.h"

#include <memory>
#include <string>

namespace acd::db {
class Store;
}

namespace acd::server {

class ReportWorker {
public:
    using Done = std::function<void(db::Result<db::ReportTable>)>;

    /// `databasePath` is opened on the worker thread at the first job.
    explicit ReportWorker(std::string databasePath, std::size_t maxQueued = 8);
    /// Drops the jobs still waiting (their callbacks are not called) and joins the thread.
    ~ReportWorker();

    /// Queues a report; false when `maxQueued` jobs are already waiting.
    bool submit(db::ReportKind kind, db::TimeRange range, Done done);

private:
    db::Result<db::ReportTable> execute(db::ReportKind kind, db::TimeRange range);

    std::string m_path;
    std::unique_ptr<db::Store> m_store; ///< worker thread only
    WorkerThread m_thread;              ///< last: joined before the store goes
};

} // namespace acd::server
