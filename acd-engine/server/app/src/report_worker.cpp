#include "report_worker.h"

#include "db/sqlite_store.h"
#include "db/store.h"

namespace acd::server {

ReportWorker::ReportWorker(std::string databasePath, std::size_t maxQueued)
    : m_path(std::move(databasePath))
    , m_maxQueued(maxQueued)
    , m_thread([this] { run(); })
{}

ReportWorker::~ReportWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    m_thread.join();
}

bool ReportWorker::submit(db::ReportKind kind, db::TimeRange range, Done done)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_jobs.size() >= m_maxQueued)
            return false;
        m_jobs.push_back(Job{kind, range, std::move(done)});
    }
    m_wake.notify_one();
    return true;
}

void ReportWorker::run()
{
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job.done(execute(job));
    }
}

db::Result<db::ReportTable> ReportWorker::execute(const Job &job)
{
    if (!m_store) {
        auto opened = db::openSqliteStore(m_path);
        if (!opened)
            return opened.status();
        m_store = std::move(opened.value());
    }
    return m_store->report(job.kind, job.range);
}

} // namespace acd::server
