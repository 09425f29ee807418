#include "report_worker.h"

#include "db/sqlite_store.h"
#include "db/store.h"

namespace acd::server {

ReportWorker::ReportWorker(std::string databasePath, std::size_t maxQueued)
    : m_path(std::move(databasePath))
    , m_thread("reports", maxQueued)
{}

ReportWorker::~ReportWorker() = default;

bool ReportWorker::submit(db::ReportKind kind, db::TimeRange range, Done done)
{
    return m_thread.submit(
        [this, kind, range, done = std::move(done)] { done(execute(kind, range)); });
}

db::Result<db::ReportTable> ReportWorker::execute(db::ReportKind kind, db::TimeRange range)
{
    if (!m_store) {
        auto opened = db::openSqliteStore(m_path);
        if (!opened)
            return opened.status();
        m_store = std::move(opened.value());
    }
    return m_store->report(kind, range);
}

} // namespace acd::server
