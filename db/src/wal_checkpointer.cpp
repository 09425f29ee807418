#include "wal_checkpointer.h"

#include <Poco/Logger.h>

#include <pthread.h>

namespace acd::db {
namespace {

Poco::Logger &logger()
{
    return Poco::Logger::get("acd.db.checkpoint");
}

/// SQLite's own threshold, restored when the thread ends.
constexpr int kAutomaticCheckpointPages = 1000;

} // namespace

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(sql::Connection &writer,
                                                                const std::string &path,
                                                                const CheckpointOptions &options)
{
    std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer(writer, options));
    if (Status s = checkpointer->m_own.open(path, 0); !s)
        return s;
    const char *sync =
        options.fullSync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
    if (Status s = checkpointer->m_own.script(sync, "setting the checkpointer's synchronous"); !s)
        return s;
    WalCheckpointer *self = checkpointer.get();
    self->m_thread = std::thread([self] {
        pthread_setname_np(pthread_self(), "db-checkpoint");
        self->run();
    });
    // Replaces SQLite's automatic checkpoint on the writing connection.
    sqlite3_wal_hook(writer.handle(), &WalCheckpointer::afterCommit, self);
    return checkpointer;
}

WalCheckpointer::WalCheckpointer(sql::Connection &writer, const CheckpointOptions &options)
    : m_writer(writer)
    , m_options(options)
{}

WalCheckpointer::~WalCheckpointer()
{
    sqlite3_wal_autocheckpoint(m_writer.handle(), kAutomaticCheckpointPages);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

int WalCheckpointer::afterCommit(void *self, sqlite3 *db, const char *schema, int pages)
{
    auto &checkpointer = *static_cast<WalCheckpointer *>(self);
    if (pages >= checkpointer.m_options.writerPages) {
        // Busy at once, without waiting, while the thread is in a checkpoint of its own.
        const int rc =
            sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        if (!checkpointer.m_writerCheckpointing && rc == SQLITE_OK) {
            checkpointer.m_writerCheckpointing = true;
            logger().warning("the WAL reached %d pages: the writer checkpoints it itself until "
                             "it starts over (the disk is slower than the records come)",
                             pages);
        }
        return SQLITE_OK;
    }
    checkpointer.m_writerCheckpointing = false;
    if (pages >= checkpointer.m_options.wakePages) {
        {
            std::lock_guard lock(checkpointer.m_mutex);
            checkpointer.m_requested = true;
        }
        checkpointer.m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_requested || m_stopping; });
            if (m_stopping)
                return;
            m_requested = false;
        }
        const int rc = sqlite3_wal_checkpoint_v2(m_own.handle(), "main", SQLITE_CHECKPOINT_PASSIVE,
                                                 nullptr, nullptr);
        // Busy: the writer is checkpointing itself; the next commit wakes the thread again.
        if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
            logger().warning("checkpoint of the WAL failed: %s",
                             std::string(sqlite3_errmsg(m_own.handle())));
    }
}

} // namespace acd::db
